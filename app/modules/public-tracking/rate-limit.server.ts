// Rate limits that hold across app instances: fixed windows counted in rate_limit_hits with one
// atomic upsert per request, the window computed from PostgreSQL's clock so every instance agrees.
import { sql } from "kysely";
import type { Queryable } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** The public tracking page, per client address (and verification attempts per tracking number). */
export const TRACKING_LIMITS = {
  views: { limit: 60, windowSeconds: 600 },
  lookups: { limit: 12, windowSeconds: 600 },
  verifyPerNumber: { limit: 10, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimit>;

export interface RateDecision {
  ok: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/** Counts one hit in `bucket` and says whether it is within the limit. */
export async function takeRateLimit(db: Queryable, bucket: string, rule: RateLimit): Promise<RateDecision> {
  const w = rule.windowSeconds;
  const row = await db
    .insertInto("rate_limit_hits")
    .values({ bucket, window_start: sql<Date>`to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w})`, hits: 1 })
    .onConflict((oc) => oc.columns(["bucket", "window_start"]).doUpdateSet({ hits: sql<number>`rate_limit_hits.hits + 1` }))
    .returning(["hits", sql<number>`ceil(extract(epoch from (window_start + make_interval(secs => ${w}) - now())))::int`.as("retry")])
    .executeTakeFirstOrThrow();
  return { ok: row.hits <= rule.limit, hits: row.hits, retryAfterSeconds: Math.max(1, row.retry) };
}

export async function pruneRateLimits(db: Queryable): Promise<number> {
  const result = await db.deleteFrom("rate_limit_hits").where("window_start", "<", sql<Date>`now() - interval '1 day'`).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Registered in scripts/serve.ts; deleting old windows is harmless on several instances. */
export const rateLimitPruneJob: PeriodicJob = {
  name: "rate-limits.prune",
  everyMs: 60 * 60 * 1000,
  async run(db) {
    await pruneRateLimits(db);
  },
};

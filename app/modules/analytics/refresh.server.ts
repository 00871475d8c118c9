// Keeps the analytics summaries (analytics_daily, analytics_transit_daily, analytics_exception_daily)
// in step with shipments and cases. Database triggers queue every ship day whose shipments or cases
// changed (see the 0600 migration); `refreshAnalytics` drains a shop's queue and recomputes exactly
// those days, from the metric SQL in definitions.ts. It runs before every analytics read (usually
// nothing is queued, so it costs three small queries) and every minute as a periodic job, so reads
// stay cheap even right after a busy hour of tracking scans.
//
// A change to the shop's holidays changes past transit times, so the summaries remember which
// holidays they were built with and rebuild the whole shop when those differ.
import { createHash } from "node:crypto";
import { type RawBuilder, sql } from "kysely";
import type { PeriodicJob } from "../../lib/jobs.server";
import { forShop, type ShopScope } from "../../lib/tenancy.server";
import { type Day, localDay, usFederalHolidays } from "../carriers/business-days";
import {
  DELIVERED_SQL,
  IN_FLIGHT_SQL,
  LIVE_SQL,
  NOT_DELIVERED_SQL,
  ON_TIME_KNOWN_SQL,
  ON_TIME_SQL,
  TRANSIT_DAYS_SQL,
  WITH_PROOF_SQL,
} from "./definitions";

/** First key of the two-key advisory lock that lets one refresh per shop run at a time. */
const LOCK_NAMESPACE = 860_001;
/** Part of the holidays key: bump it when the transit-day rules change to rebuild every shop once. */
const TRANSIT_RULES_VERSION = "transit-v1";

export interface RefreshOutcome {
  /** False when another refresh of this shop was running (its result is what readers see). */
  ran: boolean;
  /** False while the summaries have never been built (another process is building them). */
  built: boolean;
  /** Whether every ship day was rebuilt (first run, or the shop's holidays changed). */
  full: boolean;
  /** Distinct ship days taken from the queue. */
  days: number;
}

export function holidaysKey(shopHolidays: readonly Day[]): string {
  return createHash("sha256").update(`${TRANSIT_RULES_VERSION}\n${[...shopHolidays].sort().join("\n")}`).digest("hex");
}

/** The shop's days off plus the US federal holidays of every year a parcel of these days can travel in. */
function daysOff(shopHolidays: readonly Day[], firstYear: number, lastYear: number): Day[] {
  const days = new Set<Day>(shopHolidays);
  for (let year = firstYear; year <= lastYear; year++) for (const h of usFederalHolidays(year)) days.add(h.day);
  return [...days].sort();
}

const raw = (text: string) => sql.raw(`(${text})`);
const COUNTRY = "upper(coalesce(s.dest_country, ''))";
const REGION = "upper(coalesce(s.dest_region, ''))";
/** Ship day, carrier and service; then ROLLUP adds, to each destination's row, one per country and one overall. */
const GROUPING = sql.raw(`s.shop_id, s.ship_day, s.carrier_code, coalesce(s.service_code, ''), rollup (${COUNTRY}, ${REGION})`);
const DIMENSIONS = sql.raw(
  `s.shop_id, s.ship_day, s.carrier_code, coalesce(s.service_code, ''),
   case when grouping(${COUNTRY}) = 1 then '*' else ${COUNTRY} end,
   case when grouping(${REGION}) = 1 then '*' else ${REGION} end`,
);
const DIMENSION_COLUMNS = sql.raw("shop_id, ship_day, carrier_code, service_code, dest_country, dest_region");
const SUMMARY_TABLES = ["analytics_daily", "analytics_transit_daily", "analytics_exception_daily"] as const;

/**
 * Recomputes the summaries of the queued ship days of one shop (all of them on the first run or
 * after a holiday change). One transaction: readers see the old figures or the new, never half.
 * When nothing is queued and the holidays are unchanged it costs one query and no transaction.
 */
export async function refreshAnalytics(scope: ShopScope, now = new Date()): Promise<RefreshOutcome> {
  const check = await scope.db
    .selectNoFrom((eb) => [
      eb.exists(scope.selectFrom("analytics_dirty_days").select("id")).as("queued"),
      scope.selectFrom("analytics_refresh_state").select("holidays_key").as("builtWith"),
      sql<Day[]>`array(${scope.selectFrom("holidays").select("day").orderBy("day")})`.as("holidays"),
    ])
    .executeTakeFirstOrThrow();
  if (!check.queued && check.builtWith === holidaysKey(check.holidays)) return { ran: true, built: true, full: false, days: 0 };
  const built = check.builtWith !== null && check.builtWith !== undefined;

  return scope.transaction(async (tx) => {
    const shopId = tx.shopId;
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LOCK_NAMESPACE}::int, ${shopId}::int) as ok`.execute(tx.db);
    if (!lock.rows[0]?.ok) return { ran: false, built, full: false, days: 0 };
    // The planner's estimates for the recomputation are large enough to trigger JIT compilation,
    // which cost more than the query itself (measured: 2.4 s with JIT, 0.7 s without, 15 ship days).
    await sql`set local jit = off`.execute(tx.db);

    const shopHolidays = (await tx.selectFrom("holidays").select("day").execute()).map((h) => h.day);
    const key = holidaysKey(shopHolidays);
    const state = await tx.selectFrom("analytics_refresh_state").select("holidays_key").executeTakeFirst();
    const full = state?.holidays_key !== key;

    // Rows queued by transactions that commit after this statement stay queued for the next run;
    // everything committed before it is visible to the recomputation below.
    const drained = await sql<{ ship_day: Day }>`
      with drained as (delete from analytics_dirty_days where shop_id = ${shopId} returning ship_day)
      select distinct ship_day from drained order by ship_day`.execute(tx.db);
    const days = drained.rows.map((r) => r.ship_day);
    if (!full && days.length === 0) return { ran: true, built: true, full: false, days: 0 };

    let dayFilter: RawBuilder<unknown>;
    let firstYear: number;
    let lastYear: number;
    const thisYear = Number(localDay(now, "UTC").slice(0, 4));
    if (full) {
      const span = await tx
        .selectFrom("shipments")
        .select([sql<Day | null>`min(ship_day)`.as("first"), sql<Day | null>`max(ship_day)`.as("last")])
        .where("ship_day", "is not", null)
        .executeTakeFirstOrThrow();
      dayFilter = sql`s.ship_day is not null`;
      firstYear = Number((span.first ?? `${thisYear}`).slice(0, 4));
      lastYear = Math.max(thisYear, Number((span.last ?? `${thisYear}`).slice(0, 4)) + 1);
      for (const table of SUMMARY_TABLES) await tx.deleteFrom(table).execute();
      await tx.deleteFrom("analytics_destinations").execute();
    } else {
      dayFilter = sql`s.ship_day = any(${days}::date[])`;
      firstYear = Number(days[0].slice(0, 4));
      lastYear = Math.max(thisYear, Number(days[days.length - 1].slice(0, 4)) + 1);
      for (const table of SUMMARY_TABLES) await tx.deleteFrom(table).where("ship_day", "in", days).execute();
    }

    // One statement, so the shop's shipments of these days are read once (the cohort CTE keeps the
    // few columns the metric SQL reads) and feed every summary. Raw SQL: each part names the shop.
    await sql`
      with cohort as materialized (
        select s.id, s.shop_id, s.ship_day, s.carrier_code, s.service_code, s.dest_country, s.dest_region,
          s.status, s.proof_type, s.delivered_day, s.edd_original
        from shipments s
        where s.shop_id = ${shopId} and ${dayFilter} and ${raw(LIVE_SQL)}
      ),
      lost_parcels as (
        select c.shipment_id from cohort s join cases c on c.shop_id = s.shop_id and c.shipment_id = s.id
        where c.shop_id = ${shopId} and c.type = 'lost'
      ),
      days_off(day) as (select unnest(${daysOff(shopHolidays, firstYear, lastYear)}::date[])),
      daily as (
        insert into analytics_daily (${DIMENSION_COLUMNS},
          shipped, delivered, with_proof, in_flight, not_delivered, on_time, on_time_known)
        select ${DIMENSIONS},
          count(*),
          count(*) filter (where ${raw(DELIVERED_SQL)}),
          count(*) filter (where ${raw(WITH_PROOF_SQL)}),
          count(*) filter (where ${raw(IN_FLIGHT_SQL)}),
          count(*) filter (where ${raw(NOT_DELIVERED_SQL)}),
          count(*) filter (where ${raw(ON_TIME_SQL)}),
          count(*) filter (where ${raw(ON_TIME_KNOWN_SQL)})
        from cohort s
        group by ${GROUPING}
      ),
      transit as (
        insert into analytics_transit_daily (${DIMENSION_COLUMNS}, transit_days, parcels)
        select ${DIMENSIONS}, s.transit_days, count(*)
        from (
          select s.*, ${raw(TRANSIT_DAYS_SQL)} as transit_days
          from cohort s
          where ${raw(DELIVERED_SQL)} and s.delivered_day is not null
        ) s
        group by ${GROUPING}, s.transit_days
      ),
      exceptions as (
        insert into analytics_exception_daily (${DIMENSION_COLUMNS}, type, cases)
        select ${DIMENSIONS}, c.type, count(*)
        from cohort s
        join cases c on c.shop_id = s.shop_id and c.shipment_id = s.id
        where c.shop_id = ${shopId}
        group by ${GROUPING}, c.type
      )
      insert into analytics_destinations (shop_id, dest_country, dest_region, last_ship_day)
      select s.shop_id, ${raw(COUNTRY)}, ${raw(REGION)}, max(s.ship_day)
      from cohort s
      group by 1, 2, 3
      on conflict (shop_id, dest_country, dest_region)
        do update set last_ship_day = greatest(analytics_destinations.last_ship_day, excluded.last_ship_day)`.execute(tx.db);

    await tx
      .insertInto("analytics_refresh_state", { holidays_key: key, refreshed_at: now })
      .onConflict((oc) => oc.column("shop_id").doUpdateSet({ holidays_key: key, refreshed_at: now }))
      .execute();
    return { ran: true, built: true, full, days: days.length };
  });
}

/** Every minute, in every instance: one refresh per shop at a time (the advisory lock), others skip. */
export const analyticsRefreshJob: PeriodicJob = {
  name: "analytics-refresh",
  everyMs: 60_000,
  async run(db) {
    const shops = await db.selectFrom("shops").select("id").orderBy("id").execute();
    for (const shop of shops) await refreshAnalytics(forShop(db, shop.id));
  },
};

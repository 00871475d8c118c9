// Email + password sign-in. Every failure gets the same message, whether the email exists or not.
// Guessing is slowed by a growing delay per email and per client address, never by a lockout that
// refuses the right password for good (which would let anyone keep anyone out):
// - each attempt first reserves its place: the throttle rows of its email and its address are
//   locked (SELECT ... FOR UPDATE), checked, and counted as a failure before the password is
//   verified, so parallel attempts are counted one after the other, never all against the same
//   old count;
// - after `free` failures the next attempt must wait `firstDelaySeconds`, then twice that, and so
//   on up to `maxDelaySeconds`; an attempt that comes too early is answered "try again in N
//   seconds" without checking the password at all;
// - a success clears the email's count (and takes its reserved failure back from the address);
//   failures are forgotten after a quiet day; a password reset by email clears the email's count.
// The counts live in PostgreSQL, so the limits hold across app instances.
import { sql } from "kysely";
import type { Queryable } from "../../lib/db.server";
import { burnVerifyTime, verifyPassword } from "./password.server";

export interface ThrottleRule {
  /** Failures allowed before the first wait. */
  free: number;
  firstDelaySeconds: number;
}

export const SIGN_IN_THROTTLE = {
  email: { free: 5, firstDelaySeconds: 15 },
  ip: { free: 20, firstDelaySeconds: 5 },
  maxDelaySeconds: 15 * 60,
  forgetAfterHours: 24,
} as const satisfies { email: ThrottleRule; ip: ThrottleRule; maxDelaySeconds: number; forgetAfterHours: number };

/** Seconds to wait after `failures` failures in a row: 0 within the allowance, then doubling to the cap. */
export function delayAfterFailures(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(SIGN_IN_THROTTLE.maxDelaySeconds, rule.firstDelaySeconds * 2 ** Math.min(failures - rule.free, 30));
}

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

const INVALID = "Email or password is incorrect.";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const emailKey = (email: string) => `email:${normalizeEmail(email)}`;
const ipKey = (ip: string) => `ip:${ip}`;

export function waitWords(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

export async function signIn(
  db: Queryable,
  input: { email: string; password: string; ip: string; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const reserved = await reserveAttempt(db, [
    { key: emailKey(email), rule: SIGN_IN_THROTTLE.email },
    { key: ipKey(input.ip), rule: SIGN_IN_THROTTLE.ip },
  ], now);
  if (!reserved.ok) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: reserved.retryAfterSeconds,
      message: `Too many failed sign-in attempts. Try again in ${waitWords(reserved.retryAfterSeconds)}, or reset your password by email.`,
    };
  }

  const user = await db.selectFrom("users").select(["id", "password_hash"]).where(sql`lower(email)`, "=", email).executeTakeFirst();
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, input.password);
  else await burnVerifyTime(input.password);

  await db.insertInto("login_attempts").values({ email, ip: input.ip, succeeded: ok, at: now }).execute();
  if (!ok || !user) return { ok: false, reason: "invalid", message: INVALID };
  // The attempt was counted as a failure in advance: take it back.
  await clearSignInFailures(db, email, now);
  await db
    .updateTable("sign_in_throttles")
    .set({ failures: sql<number>`greatest(failures - 1, 0)`, next_allowed_at: now })
    .where("key", "=", ipKey(input.ip))
    .execute();
  return { ok: true, userId: user.id };
}

/** Forgets an email's failures (a successful sign-in, a password reset by email). */
export async function clearSignInFailures(db: Queryable, email: string, now: Date = new Date()): Promise<void> {
  await db.updateTable("sign_in_throttles").set({ failures: 0, next_allowed_at: now, updated_at: now }).where("key", "=", emailKey(email)).execute();
}

type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Locks the throttle rows of the attempt (creating them first), refuses it if any is still in its
 * delay, and otherwise counts it as a failure, all in one short transaction, so the count an
 * attempt sees always includes every attempt that came before it.
 */
async function reserveAttempt(db: Queryable, keys: { key: string; rule: ThrottleRule }[], now: Date): Promise<Reservation> {
  const run = async (trx: Queryable): Promise<Reservation> => {
    await trx
      .insertInto("sign_in_throttles")
      .values(keys.map((k) => ({ key: k.key, failures: 0, next_allowed_at: now, updated_at: now })))
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const rows = await trx
      .selectFrom("sign_in_throttles")
      .selectAll()
      .where("key", "in", keys.map((k) => k.key))
      .orderBy("key")
      .forUpdate()
      .execute();
    const forgetBefore = now.getTime() - SIGN_IN_THROTTLE.forgetAfterHours * 3_600_000;
    const current = rows.map((row) => {
      const stale = row.updated_at.getTime() < forgetBefore;
      return { key: row.key, failures: stale ? 0 : row.failures, nextAllowed: stale ? now : row.next_allowed_at };
    });
    const waitMs = Math.max(0, ...current.map((c) => c.nextAllowed.getTime() - now.getTime()));
    if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    for (const c of current) {
      const rule = keys.find((k) => k.key === c.key)!.rule;
      const failures = c.failures + 1;
      await trx
        .updateTable("sign_in_throttles")
        .set({ failures, next_allowed_at: new Date(now.getTime() + delayAfterFailures(failures, rule) * 1000), updated_at: now })
        .where("key", "=", c.key)
        .execute();
    }
    return { ok: true };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

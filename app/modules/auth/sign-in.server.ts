// Email + password sign-in. Every failure gets the same message, whether the email exists or not,
// and repeated failures lock the email (and, more loosely, the client address) for a while. The
// counts live in PostgreSQL so the limit holds across app instances.
import { sql } from "kysely";
import type { Queryable } from "../../lib/db.server";
import { burnVerifyTime, verifyPassword } from "./password.server";

export const SIGN_IN_LIMITS = { windowMinutes: 15, perEmail: 5, perIp: 30 } as const;

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" | "rate_limited"; message: string };

const INVALID = "Email or password is incorrect.";

export async function signIn(
  db: Queryable,
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const since = sql<Date>`now() - make_interval(mins => ${SIGN_IN_LIMITS.windowMinutes})`;
  const counts = await db
    .selectFrom("login_attempts")
    .select([
      sql<number>`count(*) filter (where lower(email) = ${email})`.as("byEmail"),
      sql<number>`count(*) filter (where ip = ${input.ip})`.as("byIp"),
    ])
    .where("succeeded", "=", false)
    .where("at", ">", since)
    .where((eb) => eb.or([eb(sql`lower(email)`, "=", email), eb("ip", "=", input.ip)]))
    .executeTakeFirstOrThrow();
  if (counts.byEmail >= SIGN_IN_LIMITS.perEmail || counts.byIp >= SIGN_IN_LIMITS.perIp) {
    return {
      ok: false,
      reason: "rate_limited",
      message: `Too many failed sign-in attempts. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes and try again.`,
    };
  }

  const user = await db.selectFrom("users").select(["id", "password_hash"]).where(sql`lower(email)`, "=", email).executeTakeFirst();
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, input.password);
  else await burnVerifyTime(input.password);

  await db.insertInto("login_attempts").values({ email, ip: input.ip, succeeded: ok }).execute();
  if (!ok || !user) return { ok: false, reason: "invalid", message: INVALID };
  return { ok: true, userId: user.id };
}

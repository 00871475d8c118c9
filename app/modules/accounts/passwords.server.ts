// Changing and resetting passwords. A change needs the current password and ends every other
// session of the person; a reset goes by an emailed, single-use link valid for an hour, asked for
// with the same answer whether or not the email has an account, and ends every session. Both
// apply the password policy (password-policy.server.ts) before anything is used up.
import { sql } from "kysely";
import type { Queryable } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { AppError } from "../../lib/errors";
import { endOtherSessions } from "../../lib/session.server";
import { deliverAccountEmailsSoon, queueAccountEmail } from "../notifications/account-mail.server";
import { publicUrl } from "../notifications/config.server";
import { takeRateLimit } from "../public-tracking/rate-limit.server";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { passwordProblem } from "../auth/password-policy.server";
import { clearSignInFailures, normalizeEmail, SIGN_IN_THROTTLE } from "../auth/sign-in.server";
import { isLinkTokenShape, linkTokenHash, newLinkToken } from "../auth/tokens";

export const RESET_LINK_MINUTES = 60;
export const RESET_LIMITS = {
  perIp: { limit: 10, windowSeconds: 3600 },
  perEmail: { limit: 3, windowSeconds: 3600 },
} as const;

export async function changePassword(
  db: Queryable,
  input: { userId: number; sessionId: string; current: string; next: string },
): Promise<{ endedSessions: number }> {
  const user = await db.selectFrom("users").select(["email", "name", "password_hash"]).where("id", "=", input.userId).executeTakeFirst();
  if (!user) throw new AppError(404, "Your account was not found.");
  if (!(await verifyPassword(user.password_hash, input.current))) {
    throw new AppError(400, "Your current password is not right.", { details: { current: "Your current password is not right." } });
  }
  const problem = passwordProblem(input.next, user);
  if (problem) throw new AppError(400, problem, { details: { next: problem } });
  await db.updateTable("users").set({ password_hash: await hashPassword(input.next) }).where("id", "=", input.userId).execute();
  // Whoever else is signed in as this person (a stolen cookie, a forgotten computer) is signed out.
  return { endedSessions: await endOtherSessions(db, input.userId, input.sessionId) };
}

export const RESET_REQUESTED =
  "If an account uses that email address, we have sent it a link to choose a new password. The link works once, within one hour. Check your spam folder if it does not arrive.";

export type ResetRequest = { kind: "sent"; message: string } | { kind: "rate_limited"; retryAfterSeconds: number };

/** The same answer for any email; only an existing account gets an email. */
export async function requestPasswordReset(db: Queryable, input: { email: string; ip: string; now?: Date }): Promise<ResetRequest> {
  const now = input.now ?? new Date();
  const byIp = await takeRateLimit(db, `reset:ip:${input.ip}`, RESET_LIMITS.perIp);
  if (!byIp.ok) return { kind: "rate_limited", retryAfterSeconds: byIp.retryAfterSeconds };
  const email = normalizeEmail(input.email);
  // Counted for every email, known or not, so the limit says nothing about accounts.
  const byEmail = await takeRateLimit(db, `reset:email:${email}`, RESET_LIMITS.perEmail);
  const user = await db.selectFrom("users").select(["id", "email"]).where(sql`lower(email)`, "=", email).executeTakeFirst();
  if (user && byEmail.ok) {
    const { token, hash } = newLinkToken();
    await db.transaction().execute(async (trx) => {
      // One live link per person: asking again replaces the earlier link.
      await trx.deleteFrom("password_resets").where("user_id", "=", user.id).where("used_at", "is", null).execute();
      await trx
        .insertInto("password_resets")
        .values({ token_hash: hash, user_id: user.id, created_at: now, expires_at: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000) })
        .execute();
      await queueAccountEmail(trx, {
        kind: "password_reset",
        to: user.email,
        subject: "Reset your Parcel Desk password",
        body: [
          `Someone (hopefully you) asked to reset the password of the Parcel Desk account ${user.email}.`,
          "",
          `Choose a new password here within one hour: ${publicUrl()}/reset-password/${token}`,
          "",
          "The link works once. Setting a new password signs you out everywhere else.",
          "If you did not ask for this, ignore this email: your password stays as it is.",
        ].join("\n"),
      });
    });
    deliverAccountEmailsSoon();
  }
  return { kind: "sent", message: RESET_REQUESTED };
}

async function openReset(db: Queryable, token: string, now: Date) {
  if (!isLinkTokenShape(token)) return null;
  return db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select(["password_resets.user_id", "users.email", "users.name"])
    .where("password_resets.token_hash", "=", linkTokenHash(token))
    .where("password_resets.used_at", "is", null)
    .where("password_resets.expires_at", ">", now)
    .executeTakeFirst();
}

/** The reset page: whose password the link resets, or null for a used, replaced or expired link. */
export async function resetView(db: Queryable, token: string, now: Date = new Date()): Promise<{ email: string } | null> {
  const open = await openReset(db, token, now);
  return open ? { email: open.email } : null;
}

export const RESET_LINK_GONE = "This link to reset your password has been used or has expired. Ask for a new one.";

/** Sets the new password, uses the link up, signs the person out everywhere and forgets failed sign-ins. */
export async function resetPassword(db: Queryable, input: { token: string; password: string; now?: Date }): Promise<{ userId: number }> {
  const now = input.now ?? new Date();
  const open = await openReset(db, input.token, now);
  if (!open) throw new AppError(410, RESET_LINK_GONE);
  // The policy first, so a refused password does not use the link up.
  const problem = passwordProblem(input.password, open);
  if (problem) throw new AppError(400, problem, { details: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable("password_resets")
      .set({ used_at: now })
      .where("token_hash", "=", linkTokenHash(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("user_id")
      .executeTakeFirst();
    // Two tabs submitting the same link: only one wins.
    if (!used) throw new AppError(410, RESET_LINK_GONE);
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", used.user_id).execute();
    await trx.deleteFrom("password_resets").where("user_id", "=", used.user_id).where("used_at", "is", null).execute();
    await endOtherSessions(trx, used.user_id, null);
    await clearSignInFailures(trx, open.email, now);
    return { userId: used.user_id };
  });
}

/** How long a record of each sign-in attempt is kept (for looking into an incident). */
export const LOGIN_ATTEMPTS_KEPT_DAYS = 90;

/**
 * Deletes what no longer counts: throttle rows quiet for longer than the forgetting time, reset
 * links a day past their expiry, and sign-in attempts older than LOGIN_ATTEMPTS_KEPT_DAYS.
 */
export async function pruneAccountRecords(db: Queryable, now: Date = new Date()): Promise<{ throttles: number; resets: number; attempts: number }> {
  const throttles = await db
    .deleteFrom("sign_in_throttles")
    .where("updated_at", "<", new Date(now.getTime() - SIGN_IN_THROTTLE.forgetAfterHours * 3_600_000))
    .where("next_allowed_at", "<", now)
    .executeTakeFirst();
  const resets = await db.deleteFrom("password_resets").where("expires_at", "<", new Date(now.getTime() - 86_400_000)).executeTakeFirst();
  const attempts = await db.deleteFrom("login_attempts").where("at", "<", new Date(now.getTime() - LOGIN_ATTEMPTS_KEPT_DAYS * 86_400_000)).executeTakeFirst();
  return { throttles: Number(throttles.numDeletedRows), resets: Number(resets.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
}

/** Registered in app/lib/jobs.server.ts; deleting old rows is harmless on several instances. */
export const accountPruneJob: PeriodicJob = {
  name: "accounts.prune",
  everyMs: 60 * 60 * 1000,
  async run(db) {
    await pruneAccountRecords(db);
  },
};

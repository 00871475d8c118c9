// Account emails: invitations to a shop and password reset links. They are not a shop's buyer
// messages (no templates, preferences or unsubscribe), so they have their own small outbox, sent
// by the same transports as buyer messages (SMTP_URL, or .eml files in DATA_DIR/outbox). A row is
// queued in the same transaction as the invitation or reset it belongs to, sent right after the
// request (and by a periodic job for retries, with backoff), claimed with FOR UPDATE SKIP LOCKED
// and a lease like the buyer outbox. The body holds the link, so it is blanked once the message is
// sent or given up: the table never keeps a usable link longer than it must.
import { sql } from "kysely";
import type { AccountEmailKind } from "../../../db/types";
import type { Queryable } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { retryDelaySeconds } from "./backoff";
import { defaultTransports, type EmailTransport } from "./transports.server";

const LEASE_SECONDS = 120;
const BATCH = 20;

export interface AccountEmail {
  kind: AccountEmailKind;
  to: string;
  subject: string;
  body: string;
  shopId?: number | null;
  invitationId?: number | null;
}

export async function queueAccountEmail(db: Queryable, email: AccountEmail): Promise<number> {
  const row = await db
    .insertInto("account_emails")
    .values({
      kind: email.kind,
      recipient: email.to,
      subject: email.subject,
      body: email.body,
      shop_id: email.shopId ?? null,
      invitation_id: email.invitationId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface AccountMailReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends every due account email (a few at a time) until none is left. */
export async function deliverAccountEmails(db: Queryable, options: { email?: EmailTransport } = {}): Promise<AccountMailReport> {
  const transport = options.email ?? defaultTransports().email;
  const report: AccountMailReport = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const claimed = await claimDue(db);
    if (claimed.length === 0) return report;
    for (const m of claimed) {
      try {
        const result = await transport.send({ messageId: `account-${m.id}`, to: m.recipient, fromName: "Parcel Desk", replyTo: null, subject: m.subject, text: m.body, unsubscribeUrl: null });
        await db
          .updateTable("account_emails")
          .set({ status: "sent", sent_at: sql<Date>`now()`, transport_ref: result.ref, body: "", last_error: null })
          .where("id", "=", m.id)
          .where("attempts", "=", m.attempts)
          .execute();
        report.sent++;
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const final = m.attempts >= m.max_attempts;
        await db
          .updateTable("account_emails")
          .set(
            final
              ? { status: "failed", last_error: reason, body: "" }
              : { status: "queued", last_error: reason, next_attempt_at: sql<Date>`now() + make_interval(secs => ${retryDelaySeconds(m.attempts, m.id)})` },
          )
          .where("id", "=", m.id)
          .where("attempts", "=", m.attempts)
          .execute();
        if (final) report.failed++;
        else report.retrying++;
      }
    }
  }
}

async function claimDue(db: Queryable) {
  const run = async (trx: Queryable) => {
    const due = await trx
      .selectFrom("account_emails")
      .select(["id", "status", "attempts", "max_attempts"])
      .where("status", "in", ["queued", "sending"])
      .where("next_attempt_at", "<=", sql<Date>`now()`)
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    // A lease that ran out on the last attempt: its worker stopped mid-send; give up on it.
    const abandoned = due.filter((d) => d.status === "sending" && d.attempts >= d.max_attempts).map((d) => d.id);
    if (abandoned.length) {
      await trx.updateTable("account_emails").set({ status: "failed", body: "", last_error: "Gave up: the last attempt never reported back." }).where("id", "in", abandoned).execute();
    }
    const ids = due.filter((d) => !abandoned.includes(d.id)).map((d) => d.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable("account_emails")
      .set({ status: "sending", attempts: sql<number>`attempts + 1`, next_attempt_at: sql<Date>`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where("id", "in", ids)
      .returning(["id", "recipient", "subject", "body", "attempts", "max_attempts"])
      .execute();
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

declare global {
  // eslint-disable-next-line no-var
  var __parcelDeskAccountMailDb: Queryable | undefined;
}

/** The server turns this on: account emails then leave right after the request that queued them. */
export function sendAccountEmailsRightAway(db: Queryable | undefined): void {
  globalThis.__parcelDeskAccountMailDb = db;
}

/**
 * In the server, sends right after the request that queued the email, without making the request
 * wait for SMTP (so the answer's timing does not tell whether an email went out either). Elsewhere
 * (CLI, tests) the queue waits for the periodic job or an explicit deliverAccountEmails().
 */
export function deliverAccountEmailsSoon(): void {
  const db = globalThis.__parcelDeskAccountMailDb;
  if (!db) return;
  setImmediate(() => {
    deliverAccountEmails(db).catch((error) => console.error(`[account emails] ${error instanceof Error ? error.message : String(error)}`));
  });
}

/** Registered in app/lib/jobs.server.ts: retries and anything queued while no request was sending. */
export const accountEmailJob: PeriodicJob = {
  name: "account-emails.deliver",
  everyMs: 15_000,
  async run(db) {
    await deliverAccountEmails(db);
  },
};

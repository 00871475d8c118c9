// The outbox worker: claims due messages shop by shop with FOR UPDATE SKIP LOCKED and moves them to
// "sending" with a lease in the same short transaction, sends them outside any transaction, then
// records sent, a retry with exponential backoff, or a final failure with the reason. Several
// instances can run it at once: a claimed row is locked, then leased, so no two workers take the
// same message; if a worker dies mid-send the lease runs out and another one retries the message
// (at-least-once, the only honest promise across a crash). The result of a send is written only
// if the row is still the one this worker claimed (same attempt number).
import { sql } from "kysely";
import type { Queryable } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { forShop, type ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { retryDelaySeconds } from "./backoff";
import { unsubscribeUrl } from "./config.server";
import { maskContact, normalizeEmail, normalizePhone } from "./contacts";
import { type ShopInfo, shopInfo } from "./dispatch.server";
import { preferenceBlock } from "./preferences";
import { preferencesFor } from "./preferences.server";
import { defaultTransports, type Transports } from "./transports.server";
import { CHANNEL_LABELS, isSupportTrigger, isTrigger, TRIGGERS } from "./triggers";

export interface DeliveryOptions {
  transports?: Transports;
  /** Messages claimed per transaction. */
  batchSize?: number;
  /** How long a claimed message is reserved for the worker that claimed it. */
  leaseSeconds?: number;
  /** Per shop and run, so one shop's backlog cannot starve the others. */
  maxPerShop?: number;
  /** Only these shops (tests, the CLI's --shop). */
  shopIds?: number[];
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

const DEFAULTS = { batchSize: 20, leaseSeconds: 300, maxPerShop: 500 };

export async function deliverDueMessages(db: Queryable, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, skipped: 0 };
  let shops = db.selectFrom("shops").select("id").orderBy("id");
  if (options.shopIds) {
    if (options.shopIds.length === 0) return report;
    shops = shops.where("id", "in", options.shopIds);
  }
  const transports = options.transports ?? defaultTransports();
  for (const { id } of await shops.execute()) {
    await deliverForShop(forShop(db, id), transports, { ...DEFAULTS, ...options }, report);
  }
  return report;
}

interface ClaimedMessage {
  id: number;
  order_id: number | null;
  case_id: number | null;
  shipment_id: number | null;
  trigger: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number;
  max_attempts: number;
}

async function deliverForShop(
  scope: ShopScope,
  transports: Transports,
  options: Required<Omit<DeliveryOptions, "transports" | "shopIds">>,
  report: DeliveryReport,
): Promise<void> {
  let shop: ShopInfo | undefined;
  for (let done = 0; done < options.maxPerShop; ) {
    const claimed = await claimDue(scope, Math.min(options.batchSize, options.maxPerShop - done), options.leaseSeconds);
    if (claimed.length === 0) return;
    report.claimed += claimed.length;
    done += claimed.length;
    shop ??= await shopInfo(scope);
    const blocked = await blockedByNow(scope, shop, claimed);
    // A few sends at a time: SMTP round trips dominate, and the lease covers the whole batch.
    for (let i = 0; i < claimed.length; i += 5) {
      await Promise.all(
        claimed.slice(i, i + 5).map((m) => deliverOne(scope, shop!, m, blocked.get(m.id) ?? null, transports, options.leaseSeconds, report)),
      );
    }
  }
}

/** Locks due rows (skipping rows another worker holds), leases them, and returns them. */
export async function claimDue(scope: ShopScope, limit: number, leaseSeconds: number): Promise<ClaimedMessage[]> {
  return scope.transaction(async (tx) => {
    const due = await tx
      .selectFrom("notification_outbox")
      .select(["id", "status", "attempts", "max_attempts"])
      .where("status", "in", ["queued", "sending"])
      .where("next_attempt_at", "<=", sql<Date>`now()`)
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    // A lease that ran out on the last allowed attempt: its worker died; nothing is left to try.
    const abandoned = due.filter((r) => r.status === "sending" && r.attempts >= r.max_attempts).map((r) => r.id);
    if (abandoned.length) {
      await tx
        .updateTable("notification_outbox")
        .set({ status: "failed", last_error: "Gave up: the last attempt never reported back (its worker stopped while sending)." })
        .where("id", "in", abandoned)
        .execute();
    }
    const ids = due.filter((r) => !abandoned.includes(r.id)).map((r) => r.id);
    if (ids.length === 0) return [];
    return tx
      .updateTable("notification_outbox")
      .set({
        status: "sending",
        attempts: sql<number>`attempts + 1`,
        next_attempt_at: sql<Date>`now() + make_interval(secs => ${leaseSeconds})`,
      })
      .where("id", "in", ids)
      .returning(["id", "order_id", "case_id", "shipment_id", "trigger", "channel", "recipient", "subject", "body", "attempts", "max_attempts"])
      .execute();
  });
}

/** Preferences or the shop's switch may have changed since a message was queued. */
async function blockedByNow(scope: ShopScope, shop: ShopInfo, messages: ClaimedMessage[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const orderIds = [...new Set(messages.map((m) => m.order_id).filter((id): id is number => id !== null))];
  const orders = orderIds.length
    ? await scope.selectFrom("orders").select(["id", "buyer_email", "buyer_phone", "country"]).where("id", "in", orderIds).execute()
    : [];
  const contactsOf = new Map(orders.map((o) => [o.id, [normalizeEmail(o.buyer_email), normalizePhone(o.buyer_phone, o.country)]]));
  const allContacts = [...new Set([...messages.map((m) => m.recipient), ...[...contactsOf.values()].flat()])];
  const preferences = await preferencesFor(scope, allContacts);
  for (const m of messages) {
    if (!isTrigger(m.trigger)) continue;
    if (!shop.notificationsEnabled && !isSupportTrigger(m.trigger)) {
      out.set(m.id, "Not sent: buyer messages were switched off for this shop.");
      continue;
    }
    const contacts = new Set([m.recipient, ...(m.order_id ? (contactsOf.get(m.order_id) ?? []) : [])]);
    const reason = preferenceBlock(
      preferences.filter((p) => contacts.has(p.contact)),
      { trigger: m.trigger, channel: m.channel },
    );
    if (reason) out.set(m.id, reason);
  }
  return out;
}

async function deliverOne(
  scope: ShopScope,
  shop: ShopInfo,
  m: ClaimedMessage,
  blocked: string | null,
  transports: Transports,
  leaseSeconds: number,
  report: DeliveryReport,
): Promise<void> {
  // Only the worker holding this attempt may record its outcome.
  const mine = () => scope.updateTable("notification_outbox").where("id", "=", m.id).where("status", "=", "sending").where("attempts", "=", m.attempts);
  if (blocked) {
    await mine().set({ status: "skipped", last_error: blocked }).execute();
    report.skipped++;
    return;
  }
  try {
    const { ref } = await withTimeout(
      m.channel === "email"
        ? transports.email.send({
            messageId: m.id,
            to: m.recipient,
            fromName: shop.name,
            replyTo: normalizeEmail(shop.supportEmail),
            subject: m.subject ?? "",
            text: m.body,
            unsubscribeUrl: unsubscribeUrl(scope.shopId, m.recipient),
          })
        : transports.sms.send({ messageId: m.id, to: m.recipient, text: m.body }),
      (leaseSeconds * 1000) / 2,
    );
    await mine().set({ status: "sent", sent_at: sql<Date>`now()`, transport_ref: ref, last_error: null }).execute();
    report.sent++;
  } catch (error) {
    const reason = `Attempt ${m.attempts} of ${m.max_attempts} failed: ${describeError(error)}`;
    if (m.attempts >= m.max_attempts) {
      const result = await mine().set({ status: "failed", last_error: reason }).executeTakeFirst();
      report.failed++;
      if (Number(result.numUpdatedRows) > 0) await auditFailure(scope, m, reason);
    } else {
      await mine()
        .set({
          status: "queued",
          last_error: reason,
          next_attempt_at: sql<Date>`now() + make_interval(secs => ${retryDelaySeconds(m.attempts, m.id)})`,
        })
        .execute();
      report.retrying++;
    }
  }
}

async function auditFailure(scope: ShopScope, m: ClaimedMessage, reason: string): Promise<void> {
  const label = isTrigger(m.trigger) ? TRIGGERS[m.trigger].label : m.trigger;
  await recordAudit(scope, {
    actorUserId: null,
    action: "notification.failed",
    orderId: m.order_id,
    shipmentId: m.shipment_id,
    caseId: m.case_id,
    details: {
      summary: `Could not send the "${label}" ${CHANNEL_LABELS[m.channel].toLowerCase()} to ${maskContact(m.recipient)}. ${reason}`,
      messageId: m.id,
    },
  });
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim().slice(0, 500) || "unknown error";
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the transport within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function describeReport(report: DeliveryReport): string {
  return `${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed, ${report.skipped} skipped`;
}

/** Registered in scripts/serve.ts: every instance runs it; SKIP LOCKED keeps them apart. */
export const notificationDeliveryJob: PeriodicJob = {
  name: "notifications.deliver",
  everyMs: 15_000,
  async run(db) {
    const report = await deliverDueMessages(db);
    if (report.claimed > 0) console.log(`[notifications] ${describeReport(report)}`);
  },
};

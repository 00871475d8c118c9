// The notification outbox: every buyer message is a row here before any transport sees it. This
// file has what other modules use: a support agent's template message (`queueTemplateMessage`, on
// the shop's own wording when the owner edited it), the messages of an order or a case for their
// pages, retrying a failed message, and opening the .eml file of one written to disk.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import type { OutboxStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { outboxDir } from "./config.server";
import { maskContact } from "./contacts";
import { type MessageShipment, queueMessages, recipientFor } from "./dispatch.server";
import { CHANNEL_LABELS, type Channel, isSupportTrigger, isTrigger, type SupportTrigger, SUPPORT_TRIGGERS, TRIGGERS } from "./triggers";

/** The support agent's message templates (built-in wording; a shop may edit it in Settings). */
export const CASE_MESSAGE_TEMPLATES = Object.fromEntries(
  SUPPORT_TRIGGERS.map((t) => [t, { label: TRIGGERS[t].label, subject: TRIGGERS[t].email.subject ?? "", body: TRIGGERS[t].email.body }]),
) as Record<SupportTrigger, { label: string; subject: string; body: string }>;

export type CaseMessageTemplate = SupportTrigger;

/** Queues a support agent's template message to the buyer of an order (email). */
export async function queueTemplateMessage(
  scope: ShopScope,
  input: { template: CaseMessageTemplate; orderId: number; shipmentId?: number | null; caseId?: number | null; actorUserId: number | null },
): Promise<{ outboxIds: number[] }> {
  if (!isSupportTrigger(input.template)) throw new AppError(400, `Unknown message template "${input.template}".`);
  return scope.transaction(async (tx) => {
    const order = await tx
      .selectFrom("orders")
      .select(["id", "external_id", "status", "buyer_name", "buyer_email", "buyer_phone", "country", "carrier_code", "service_code", "edd_max"])
      .where("id", "=", input.orderId)
      .executeTakeFirst();
    if (!order) throw new AppError(404, "Order not found.");
    if (!order.buyer_email) throw new AppError(400, `Order ${order.external_id} has no buyer email address to write to.`);
    if (!recipientFor("email", order)) {
      throw new AppError(400, `The buyer email of order ${order.external_id} ("${order.buyer_email}") is not a valid address.`);
    }
    let shipmentQuery = tx
      .selectFrom("shipments")
      .select(["id", "order_id", "carrier_code", "service_code", "tracking_number", "status", "imported", "created_at", "edd_current", "delivered_at"])
      .where("order_id", "=", order.id);
    shipmentQuery = input.shipmentId ? shipmentQuery.where("id", "=", input.shipmentId) : shipmentQuery.where("status", "<>", "voided");
    const shipment: MessageShipment | undefined = await shipmentQuery.orderBy("id", "desc").limit(1).executeTakeFirst();
    if (input.shipmentId && !shipment) throw new AppError(404, "Shipment not found for this order.");
    const queued = await queueMessages(tx, {
      trigger: input.template,
      subject: { order, shipment: shipment ?? null },
      caseId: input.caseId ?? null,
      actorUserId: input.actorUserId,
      automatic: false,
      channels: ["email"],
    });
    return { outboxIds: queued.map((m) => m.id) };
  });
}

export interface OutboxMessage {
  id: number;
  trigger: string;
  triggerLabel: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  status: OutboxStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  /** Written to DATA_DIR/outbox (no SMTP configured): the .eml can be opened. */
  hasFile: boolean;
  orderId: number | null;
  orderExternalId: string | null;
  caseId: number | null;
  createdByName: string | null;
}

function messagesQuery(scope: ShopScope) {
  return scope
    .selectFrom("notification_outbox as m")
    .leftJoin("orders as o", (j) => j.onRef("o.id", "=", "m.order_id").onRef("o.shop_id", "=", "m.shop_id"))
    .leftJoin("users as u", "u.id", "m.created_by")
    .select([
      "m.id",
      "m.trigger",
      "m.channel",
      "m.recipient",
      "m.subject",
      "m.body",
      "m.status",
      "m.attempts",
      "m.max_attempts",
      "m.last_error",
      "m.created_at",
      "m.sent_at",
      "m.next_attempt_at",
      "m.transport_ref",
      "m.order_id",
      "o.external_id",
      "m.case_id",
      "u.name as created_by_name",
    ]);
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof messagesQuery>["execute"]>>[number];

function toMessage(r: MessageRow): OutboxMessage {
  return {
    id: r.id,
    trigger: r.trigger,
    triggerLabel: isTrigger(r.trigger) ? TRIGGERS[r.trigger].label : r.trigger,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.next_attempt_at,
    hasFile: Boolean(r.transport_ref?.startsWith("file:")),
    orderId: r.order_id,
    orderExternalId: r.external_id ?? null,
    caseId: r.case_id,
    createdByName: r.created_by_name ?? null,
  };
}

/** The buyer messages of an order, newest first (its cases' messages included). */
export async function messagesForOrder(scope: ShopScope, orderId: number, limit = 100): Promise<OutboxMessage[]> {
  const rows = await messagesQuery(scope).where("m.order_id", "=", orderId).orderBy("m.created_at", "desc").orderBy("m.id", "desc").limit(limit).execute();
  return rows.map(toMessage);
}

/** The buyer messages sent from a case, or automatically because it opened, newest first. */
export async function messagesForCase(scope: ShopScope, caseId: number, limit = 100): Promise<OutboxMessage[]> {
  const rows = await messagesQuery(scope).where("m.case_id", "=", caseId).orderBy("m.created_at", "desc").orderBy("m.id", "desc").limit(limit).execute();
  return rows.map(toMessage);
}

/** The shop's latest messages, optionally of one status (Settings > Buyer messages). */
export async function recentMessages(scope: ShopScope, options: { status?: OutboxStatus; limit?: number } = {}): Promise<OutboxMessage[]> {
  let query = messagesQuery(scope);
  if (options.status) query = query.where("m.status", "=", options.status);
  const rows = await query.orderBy("m.id", "desc").limit(options.limit ?? 25).execute();
  return rows.map(toMessage);
}

export type OutboxCounts = Record<OutboxStatus, number>;

/** How many messages of each status were created in the last `days` days. */
export async function outboxCounts(scope: ShopScope, days = 7): Promise<OutboxCounts> {
  const rows = await scope
    .selectFrom("notification_outbox")
    .select(["status", sql<number>`count(*)::int8`.as("n")])
    .where("created_at", ">", sql<Date>`now() - make_interval(days => ${days})`)
    .groupBy("status")
    .execute();
  const counts: OutboxCounts = { queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Sends a failed message again, with a fresh set of attempts. */
export async function retryMessage(scope: ShopScope, input: { messageId: number; actorUserId: number | null }): Promise<void> {
  await scope.transaction(async (tx) => {
    const message = await tx
      .selectFrom("notification_outbox")
      .select(["id", "status", "trigger", "channel", "recipient", "order_id", "shipment_id", "case_id"])
      .where("id", "=", input.messageId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) throw new AppError(404, "Message not found.");
    if (message.status !== "failed") {
      throw new AppError(409, `Only failed messages can be retried; this one is ${message.status}.`);
    }
    await tx
      .updateTable("notification_outbox")
      .set({ status: "queued", attempts: 0, next_attempt_at: new Date(), last_error: null })
      .where("id", "=", message.id)
      .execute();
    const label = isTrigger(message.trigger) ? TRIGGERS[message.trigger].label : message.trigger;
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "notification.retried",
      orderId: message.order_id,
      shipmentId: message.shipment_id,
      caseId: message.case_id,
      details: {
        summary: `Sent the "${label}" ${CHANNEL_LABELS[message.channel].toLowerCase()} to ${maskContact(message.recipient)} again after it failed.`,
        messageId: message.id,
      },
    });
  });
}

const EML_NAME = /^[A-Za-z0-9._-]+\.eml$/;

/** The .eml file the file transport wrote for a message of this shop. */
export async function emlFile(scope: ShopScope, messageId: number): Promise<{ fileName: string; content: Buffer }> {
  const row = await scope.selectFrom("notification_outbox").select(["transport_ref"]).where("id", "=", messageId).executeTakeFirst();
  const name = row?.transport_ref?.startsWith("file:") ? row.transport_ref.slice(5) : null;
  // The name comes from our own row, but a path is never built from stored text unchecked.
  if (!name || !EML_NAME.test(name)) throw new AppError(404, "No email file for this message.");
  try {
    return { fileName: name, content: await readFile(path.join(outboxDir(), name)) };
  } catch {
    throw new AppError(404, "The email file is no longer in the outbox folder.");
  }
}

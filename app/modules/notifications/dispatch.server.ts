// Turning "this buyer should hear about X" into outbox rows: pick the channels the shop has on and
// the buyer can be reached on, render the shop's template, append the unsubscribe footer, apply the
// buyer's preferences (a blocked message is stored as "skipped" with the reason, so support can see
// why nothing went), and insert with the dedupe key so a repeated call changes nothing.
import type { Shipment } from "../../../db/types";
import { anyId, type Queryable } from "../../lib/db.server";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { carrierName, serviceName } from "../carriers/registry";
import { getShop } from "../shops/shops.server";
import { parseShopSettings } from "../shops/settings";
import { trackingLink, unsubscribeUrl } from "./config.server";
import { maskContact, normalizeEmail, normalizePhone } from "./contacts";
import { preferenceBlock } from "./preferences";
import { preferencesFor } from "./preferences.server";
import { emailFooter, firstNameOf, formatDay, renderMessage, smsFooter, type TemplateValues } from "./templates";
import { type ShopTemplate, templatesForTrigger } from "./templates.server";
import { CHANNEL_LABELS, type Channel, CHANNELS, type Trigger, TRIGGERS } from "./triggers";

export interface ShopInfo {
  name: string;
  /** In every tracking link: a buyer's page is looked up within this shop only. */
  slug: string;
  timeZone: string;
  notificationsEnabled: boolean;
  supportEmail: string;
}

/**
 * The hooks run inside the tracking engineer's batch transaction, often dozens of times per batch:
 * the shop and its templates are read once per transaction, never across transactions (an owner's
 * edit must apply to the next batch).
 */
const perTransaction = new WeakMap<Queryable, { shop?: ShopInfo; templates: Map<Trigger, Partial<Record<Channel, ShopTemplate>>> }>();

function cacheOf(scope: ShopScope) {
  if (!scope.db.isTransaction) return null;
  let entry = perTransaction.get(scope.db);
  if (!entry) perTransaction.set(scope.db, (entry = { templates: new Map() }));
  return entry;
}

export async function shopInfo(scope: ShopScope): Promise<ShopInfo> {
  const cache = cacheOf(scope);
  if (cache?.shop) return cache.shop;
  const shop = await getShop(scope.db, scope.shopId);
  const settings = parseShopSettings(shop.settings);
  const info = {
    name: shop.name,
    slug: shop.slug,
    timeZone: shop.time_zone,
    notificationsEnabled: settings.notifications.enabled,
    supportEmail: settings.notifications.supportEmail.trim(),
  };
  if (cache) cache.shop = info;
  return info;
}

async function templatesOf(scope: ShopScope, trigger: Trigger) {
  const cache = cacheOf(scope);
  const hit = cache?.templates.get(trigger);
  if (hit) return hit;
  const templates = await templatesForTrigger(scope, trigger);
  cache?.templates.set(trigger, templates);
  return templates;
}

export type MessageShipment = Pick<
  Shipment,
  "id" | "order_id" | "carrier_code" | "service_code" | "tracking_number" | "status" | "imported" | "created_at" | "edd_current" | "delivered_at"
>;

export interface MessageOrder {
  id: number;
  external_id: string;
  status: string;
  buyer_name: string;
  buyer_email: string | null;
  buyer_phone: string | null;
  country: string;
  carrier_code: string | null;
  service_code: string | null;
  edd_max: string | null;
}

export interface MessageSubject {
  order: MessageOrder;
  shipment: MessageShipment | null;
}

/**
 * Shipments with their orders (joined on the shop as well as the id), by shipment id, in one query:
 * a scan or a batch of scans brings news of many parcels at once.
 */
export async function loadShipmentSubjects(scope: ShopScope, shipmentIds: readonly number[]): Promise<Map<number, MessageSubject>> {
  const subjects = new Map<number, MessageSubject>();
  if (shipmentIds.length === 0) return subjects;
  const rows = await scope
    .selectFrom("shipments")
    .innerJoin("orders", (j) => j.onRef("orders.id", "=", "shipments.order_id").onRef("orders.shop_id", "=", "shipments.shop_id"))
    .select([
      "shipments.id",
      "shipments.order_id",
      "shipments.carrier_code",
      "shipments.service_code",
      "shipments.tracking_number",
      "shipments.status",
      "shipments.imported",
      "shipments.created_at",
      "shipments.edd_current",
      "shipments.delivered_at",
      "orders.external_id",
      "orders.status as order_status",
      "orders.buyer_name",
      "orders.buyer_email",
      "orders.buyer_phone",
      "orders.country",
      "orders.carrier_code as order_carrier_code",
      "orders.service_code as order_service_code",
      "orders.edd_max",
    ])
    .where("shipments.id", "=", anyId(shipmentIds))
    .execute();
  for (const row of rows) {
    subjects.set(row.id, {
      shipment: {
        id: row.id,
        order_id: row.order_id,
        carrier_code: row.carrier_code,
        service_code: row.service_code,
        tracking_number: row.tracking_number,
        status: row.status,
        imported: row.imported,
        created_at: row.created_at,
        edd_current: row.edd_current,
        delivered_at: row.delivered_at,
      },
      order: {
        id: row.order_id,
        external_id: row.external_id,
        status: row.order_status,
        buyer_name: row.buyer_name,
        buyer_email: row.buyer_email,
        buyer_phone: row.buyer_phone,
        country: row.country,
        carrier_code: row.order_carrier_code,
        service_code: row.order_service_code,
        edd_max: row.edd_max,
      },
    });
  }
  return subjects;
}

export interface QueueRequest {
  trigger: Trigger;
  subject: MessageSubject;
  caseId?: number | null;
  actorUserId: number | null;
  /** Automatic messages obey the shop's on/off switch; a support agent's message is a deliberate act. */
  automatic: boolean;
  /** Only these channels (support messages go by email). */
  channels?: readonly Channel[];
  dedupeKey?: (channel: Channel) => string | null;
  /** The EDD to quote when it is newer than the shipment row (an EDD slip being applied). */
  edd?: string | null;
}

export interface QueuedMessage {
  id: number;
  channel: Channel;
  status: "queued" | "skipped";
  reason: string | null;
}

export function recipientFor(channel: Channel, order: Pick<MessageOrder, "buyer_email" | "buyer_phone" | "country">): string | null {
  return channel === "email" ? normalizeEmail(order.buyer_email) : normalizePhone(order.buyer_phone, order.country);
}

export function templateValues(shop: ShopInfo, subject: MessageSubject, edd?: string | null): TemplateValues {
  const { order, shipment } = subject;
  const carrier = shipment?.carrier_code ?? order.carrier_code ?? "";
  const number = shipment?.tracking_number ?? "";
  return {
    firstName: firstNameOf(order.buyer_name),
    orderId: order.external_id,
    shopName: shop.name,
    carrier: carrier ? carrierName(carrier) : "the carrier",
    service: carrier ? serviceName(carrier, shipment?.service_code ?? order.service_code) : "",
    trackingNumber: number,
    trackingLink: number ? trackingLink(shop.slug, number) : "",
    edd: formatDay(edd ?? shipment?.edd_current ?? order.edd_max),
    supportEmail: shop.supportEmail || "our support team",
  };
}

/** Renders and inserts the messages; returns the rows created (none for a repeated dedupe key). */
export async function queueMessages(scope: ShopScope, request: QueueRequest): Promise<QueuedMessage[]> {
  return queueMessagesMany(scope, [request]);
}

/**
 * queueMessages for many requests at once, in a fixed number of statements whatever their count:
 * the periodic scan can open thousands of delay cases in one run. Rows are stamped with the caller's
 * `now`, the clock its decisions used ("told of a delay in the last day" reads it back).
 */
export async function queueMessagesMany(scope: ShopScope, requests: readonly QueueRequest[], now = new Date()): Promise<QueuedMessage[]> {
  if (requests.length === 0) return [];
  const shop = await shopInfo(scope);
  const wanted = shop.notificationsEnabled ? requests : requests.filter((r) => !r.automatic);
  const planned: { request: QueueRequest; channel: Channel; recipient: string; template: ShopTemplate }[] = [];
  const templatesByTrigger = new Map<Trigger, Awaited<ReturnType<typeof templatesOf>>>();
  for (const trigger of new Set(wanted.map((r) => r.trigger))) templatesByTrigger.set(trigger, await templatesOf(scope, trigger));
  for (const request of wanted) {
    const templates = templatesByTrigger.get(request.trigger)!;
    const { order } = request.subject;
    for (const channel of CHANNELS) {
      const template = templates[channel];
      if (!template?.enabled || (request.channels && !request.channels.includes(channel))) continue;
      const recipient = recipientFor(channel, order);
      if (recipient !== null) planned.push({ request, channel, recipient, template });
    }
  }
  if (planned.length === 0) return [];

  const contactsOf = (order: MessageOrder) => [normalizeEmail(order.buyer_email), normalizePhone(order.buyer_phone, order.country)];
  const preferences = await preferencesFor(scope, [...new Set(planned.flatMap((p) => contactsOf(p.request.subject.order)))]);
  const preferenceOf = new Map(preferences.map((p) => [p.contact, p]));
  const rows = planned.map(({ request, channel, recipient, template }) => {
    const { order, shipment } = request.subject;
    const text = renderMessage(template, templateValues(shop, request.subject, request.edd));
    const link = unsubscribeUrl(scope.shopId, recipient);
    const ofOrder = contactsOf(order).flatMap((c) => (c && preferenceOf.get(c)) || []);
    const reason = preferenceBlock(ofOrder, { trigger: request.trigger, channel });
    return {
      order_id: order.id,
      shipment_id: shipment?.id ?? null,
      case_id: request.caseId ?? null,
      trigger: request.trigger,
      channel,
      recipient,
      subject: text.subject,
      body: text.body + (channel === "email" ? emailFooter(shop.name, link) : smsFooter(link)),
      dedupe_key: request.dedupeKey?.(channel) ?? null,
      status: reason ? ("skipped" as const) : ("queued" as const),
      last_error: reason,
      created_by: request.actorUserId,
      created_at: now,
    };
  });
  const inserted = [];
  for (let i = 0; i < rows.length; i += 1000) {
    inserted.push(
      ...(await scope
        .insertInto("notification_outbox", rows.slice(i, i + 1000))
        .onConflict((oc) => oc.columns(["shop_id", "dedupe_key"]).where("dedupe_key", "is not", null).doNothing())
        .returning(["id", "order_id", "shipment_id", "case_id", "trigger", "channel", "recipient", "status", "last_error", "created_by"])
        .execute()),
    );
  }
  await recordAudit(
    scope,
    inserted.map((m) => {
      const label = TRIGGERS[m.trigger as Trigger].label;
      return {
        actorUserId: m.created_by,
        at: now,
        action: m.status === "skipped" ? "notification.skipped" : "notification.queued",
        orderId: m.order_id,
        shipmentId: m.shipment_id,
        caseId: m.case_id,
        details: {
          summary:
            m.status === "skipped"
              ? `Did not send the "${label}" ${CHANNEL_LABELS[m.channel].toLowerCase()} to ${maskContact(m.recipient)}. ${m.last_error ?? ""}`.trim()
              : `Queued the "${label}" ${CHANNEL_LABELS[m.channel].toLowerCase()} to ${maskContact(m.recipient)}.`,
          messageId: m.id,
          trigger: m.trigger,
          channel: m.channel,
        },
      };
    }),
  );
  return inserted.map((m) => ({ id: m.id, channel: m.channel, status: m.status === "skipped" ? "skipped" : "queued", reason: m.last_error }));
}

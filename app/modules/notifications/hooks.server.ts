// The seam between the parcel's life and buyer notifications. Tracking ingestion, label hand-over
// and exception detection call these inside their own transactions (always through the scope they
// pass, never another connection); each decides whether the change is news for the buyer and queues
// at most one message per channel for it (the dedupe key makes that a constraint). A scan that keeps
// the status never reaches here, and history does not either: nothing is sent for what happened
// before an imported shipment was imported, for events too old to be news, or for voided labels and
// cancelled orders.
import type { ExceptionType, ShipmentStatus } from "../../../db/types";
import { anyId } from "../../lib/db.server";
import type { ShopScope } from "../../lib/tenancy.server";
import { localDay } from "../carriers/business-days";
import { loadShipmentSubjects, type MessageSubject, type QueueRequest, queueMessagesMany, shopInfo } from "./dispatch.server";
import { dedupeKey, isStaleNews, SUPERSEDED_BY_DELIVERY, triggerForStatus } from "./triggers";

export interface ShipmentStatusChange {
  shipmentId: number;
  orderId: number;
  from: ShipmentStatus;
  to: ShipmentStatus;
  /** When the event that caused the change happened. */
  at: Date;
}

/** What happened to one parcel that may be news for its buyer (ingestion gathers it per batch). */
export interface ParcelNews {
  shipmentId: number;
  orderId: number;
  /** The parcel left the seller (marked handed over, or its first carrier scan), at this time. */
  shippedAt?: Date;
  /** Status changes in the order they happened (never a scan that keeps the status). */
  statuses?: readonly { from: ShipmentStatus; to: ShipmentStatus; at: Date }[];
  /** The current EDD moved from one day to another. */
  eddSlip?: { from: string; to: string };
}

/** A shipment's normalized status changed (never called for a scan that keeps the status). */
export async function onShipmentStatusChanged(scope: ShopScope, change: ShipmentStatusChange, now = new Date()): Promise<void> {
  await onParcelNews(scope, [{ shipmentId: change.shipmentId, orderId: change.orderId, statuses: [change] }], now);
}

/** The parcel left the seller: marked handed over, or the first carrier scan arrived. */
export async function onShipmentShipped(scope: ShopScope, shipment: { shipmentId: number; orderId: number; at: Date }, now = new Date()): Promise<void> {
  await onParcelNews(scope, [{ shipmentId: shipment.shipmentId, orderId: shipment.orderId, shippedAt: shipment.at }], now);
}

/** The current EDD moved later than the one the buyer was last told. */
export async function onEddSlipped(
  scope: ShopScope,
  slip: { shipmentId: number; orderId: number; from: string; to: string },
  now = new Date(),
): Promise<void> {
  await onParcelNews(scope, [{ shipmentId: slip.shipmentId, orderId: slip.orderId, eddSlip: { from: slip.from, to: slip.to } }], now);
}

/**
 * The news of many parcels at once, in a fixed number of statements: a batch of 100 scans can
 * deliver dozens of parcels. Per parcel, in the order it happened: shipped, then each status change,
 * then an EDD slip. `now` is the caller's clock (the one its own decisions used), never the wall's.
 */
export async function onParcelNews(scope: ShopScope, news: readonly ParcelNews[], now: Date): Promise<void> {
  // Drop what can never be news before reading anything: most scans change nothing a buyer hears of.
  const candidates = news
    .map((n) => ({
      ...n,
      shippedAt: n.shippedAt && !isStaleNews("shipped", n.shippedAt, now) ? n.shippedAt : undefined,
      statuses: (n.statuses ?? []).flatMap((c) => {
        const trigger = triggerForStatus(c.to);
        return trigger && !isStaleNews(trigger, c.at, now) ? [{ ...c, trigger }] : [];
      }),
      eddSlip: n.eddSlip && n.eddSlip.to > n.eddSlip.from ? n.eddSlip : undefined,
    }))
    .filter((n) => n.shippedAt || n.statuses.length || n.eddSlip);
  if (candidates.length === 0) return;

  const subjects = await loadShipmentSubjects(scope, [...new Set(candidates.map((n) => n.shipmentId))]);
  const quiet = await toldOfDelayRecently(scope, candidates.filter((n) => n.eddSlip).map((n) => n.shipmentId), now);
  const timeZone = (await shopInfo(scope)).timeZone;
  const requests: QueueRequest[] = [];
  const delivered: number[] = [];
  for (const n of candidates) {
    const subject = subjects.get(n.shipmentId);
    if (!subject) continue;
    const shipment = subject.shipment!;
    // An imported shipment shipped on the marketplace before it came here: the buyer already knows.
    if (n.shippedAt && !shipment.imported && !isHistory(subject, n.shippedAt) && !shipment.delivered_at) {
      requests.push({
        trigger: "shipped",
        subject,
        actorUserId: null,
        automatic: true,
        dedupeKey: (channel) => dedupeKey("shipped", channel, { shipmentId: n.shipmentId }),
      });
    }
    for (const change of n.statuses) {
      if (isHistory(subject, change.at)) continue;
      const trigger = change.trigger;
      if (trigger === "delivered") delivered.push(n.shipmentId);
      else if (shipment.delivered_at) continue;
      const day = localDay(change.at, timeZone);
      requests.push({
        trigger,
        subject,
        actorUserId: null,
        automatic: true,
        dedupeKey: (channel) => dedupeKey(trigger, channel, { shipmentId: n.shipmentId, day }),
      });
    }
    const slip = n.eddSlip;
    if (slip && stillOnItsWay(subject) && !quiet.has(n.shipmentId)) {
      requests.push({
        trigger: "delayed",
        subject,
        actorUserId: null,
        automatic: true,
        edd: slip.to,
        dedupeKey: (channel) => dedupeKey("delayed", channel, { shipmentId: n.shipmentId, edd: slip.to }),
      });
    }
  }
  // Before the new messages go in: a delivered parcel's unsent "out for delivery" would only confuse.
  await supersedeUnsent(scope, delivered);
  await queueMessagesMany(scope, requests, now);
}

/** An exception case was opened (not called when a signal appends to an open case). */
export async function onCaseOpened(
  scope: ShopScope,
  opened: { caseId: number; shipmentId: number; orderId: number; type: ExceptionType },
  now = new Date(),
): Promise<void> {
  await onCasesOpened(scope, [opened], now);
}

/** Cases were opened: the same decisions as onCaseOpened, in a few statements for any number of cases. */
export async function onCasesOpened(
  scope: ShopScope,
  opened: readonly { caseId: number; shipmentId: number; orderId: number; type: ExceptionType }[],
  now: Date,
): Promise<void> {
  // Failed attempts are told by the status change itself; the other types are for the seller to
  // handle (a buyer is not told "misrouted"), until support decides to write.
  const told = opened.filter((c) => c.type === "delayed" || c.type === "address_issue");
  if (told.length === 0) return;
  const subjects = await loadShipmentSubjects(scope, told.map((c) => c.shipmentId));
  const delayedIds = told.filter((c) => c.type === "delayed").map((c) => c.shipmentId);
  const quiet = await toldOfDelayRecently(scope, delayedIds, now);
  const requests: QueueRequest[] = [];
  for (const c of told) {
    const subject = subjects.get(c.shipmentId);
    if (!subject || !stillOnItsWay(subject)) continue;
    if (c.type === "delayed" && quiet.has(c.shipmentId)) continue;
    const trigger = c.type === "delayed" ? "delayed" : "address_issue";
    requests.push({
      trigger,
      subject,
      caseId: c.caseId,
      actorUserId: null,
      automatic: true,
      dedupeKey: (channel) => dedupeKey(trigger, channel, { shipmentId: c.shipmentId, caseId: c.caseId }),
    });
  }
  await queueMessagesMany(scope, requests, now);
}

/** Events from before an imported shipment arrived here, voided labels, cancelled orders. */
function isHistory(subject: MessageSubject, at: Date): boolean {
  const shipment = subject.shipment!;
  if (shipment.status === "voided" || subject.order.status === "cancelled") return true;
  return shipment.imported && at.getTime() <= shipment.created_at.getTime();
}

function stillOnItsWay(subject: MessageSubject): boolean {
  const shipment = subject.shipment!;
  if (subject.order.status === "cancelled") return false;
  return !shipment.delivered_at && !["delivered", "returned_to_sender", "voided", "expired"].includes(shipment.status);
}

const DELAY_QUIET_HOURS = 24;

/** An EDD slip and a delay case often come together: the buyer hears about a delay once a day at most. */
async function toldOfDelayRecently(scope: ShopScope, shipmentIds: readonly number[], now: Date): Promise<Set<number>> {
  if (shipmentIds.length === 0) return new Set();
  const recent = await scope
    .selectFrom("notification_outbox")
    .select("shipment_id")
    .distinct()
    .where("shipment_id", "=", anyId(shipmentIds))
    .where("trigger", "=", "delayed")
    .where("status", "<>", "skipped")
    .where("created_at", ">", new Date(now.getTime() - DELAY_QUIET_HOURS * 60 * 60 * 1000))
    .execute();
  return new Set(recent.map((r) => r.shipment_id).filter((id): id is number => id !== null));
}

/** "Out for delivery" still waiting to go when the parcel is delivered would only confuse. */
async function supersedeUnsent(scope: ShopScope, shipmentIds: readonly number[]): Promise<void> {
  if (shipmentIds.length === 0) return;
  await scope
    .updateTable("notification_outbox")
    .set({ status: "skipped", last_error: "Not sent: the parcel was delivered before this message went out." })
    .where("shipment_id", "=", anyId(shipmentIds))
    .where("status", "=", "queued")
    .where("trigger", "in", SUPERSEDED_BY_DELIVERY)
    .execute();
}

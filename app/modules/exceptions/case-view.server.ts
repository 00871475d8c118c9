// Everything the case page shows, read in one place: the case with its signals and notes, the
// shipment's full event timeline (the tracking module's shipmentTimeline: status, raw code,
// location, mapping rule and the exception rules each event fired), the order and buyer, the label,
// EDD original vs current, related cases of the same order, the activity log and the buyer
// messages of the order (the notifications module's messagesForOrder).
import type { CaseState, ExceptionType, Severity, ShipmentStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { type AuditRow, caseActivity } from "../audit/audit.server";
import { can } from "../auth/permissions";
import { messagesForOrder, type OutboxMessage } from "../notifications/outbox.server";
import { shopMembers } from "../shops/shops.server";
import { type ShipmentTimeline, shipmentTimeline } from "../tracking/timeline.server";
import { CASE_COLUMNS } from "./case-columns";

export interface CaseView {
  case: {
    id: number;
    version: number;
    type: ExceptionType;
    state: CaseState;
    severity: Severity;
    rule: string;
    reason: string;
    assigneeId: number | null;
    assigneeName: string | null;
    openedAt: Date;
    slaDueAt: Date;
    lastSignalAt: Date;
    signalCount: number;
    resolvedAt: Date | null;
    resolutionCode: string | null;
    resolutionNote: string | null;
    autoResolved: boolean;
    carrierCode: string;
    updatedAt: Date;
  };
  order: {
    id: number;
    externalId: string;
    source: string;
    status: string;
    placedAt: Date | null;
    buyerName: string;
    buyerEmail: string | null;
    buyerPhone: string | null;
    address1: string;
    address2: string | null;
    city: string;
    region: string | null;
    postalCode: string;
    country: string;
    serviceLevel: string;
    totalCents: number;
    currency: string;
    buyerMessage: string | null;
    items: { sku: string | null; productName: string | null; variation: string | null; quantity: number }[];
  };
  shipment: {
    id: number;
    carrierCode: string;
    serviceCode: string | null;
    trackingNumber: string;
    status: ShipmentStatus;
    substatus: string | null;
    labelCreatedAt: Date | null;
    voidedAt: Date | null;
    shippedAt: Date | null;
    deliveredAt: Date | null;
    eddOriginal: string | null;
    eddCurrent: string | null;
    lastScanAt: Date | null;
    proofType: string | null;
    proofSignedBy: string | null;
    weightGrams: number;
  };
  timeline: ShipmentTimeline;
  signals: { id: number; at: Date; rule: string; reason: string; eventId: number | null }[];
  notes: { id: number; body: string; createdAt: Date; authorName: string | null }[];
  activity: AuditRow[];
  /** Buyer messages of the order (including those sent from this and other cases), newest first. */
  messages: OutboxMessage[];
  relatedCases: { id: number; type: ExceptionType; state: CaseState; severity: Severity; openedAt: Date; trackingNumber: string }[];
  /** Members who can be assigned cases (support agents and owners). */
  assignees: { userId: number; name: string }[];
}

/** `timeZone` (the shop's) formats the times of rule firings on the timeline. */
export async function loadCaseView(scope: ShopScope, caseId: number, options: { timeZone?: string } = {}): Promise<CaseView> {
  const c = await scope
    .selectFrom("cases as c")
    .leftJoin("users as u", "u.id", "c.assignee_id")
    .select([
      ...CASE_COLUMNS,
      "u.name as assigneeName",
    ])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!c) throw new AppError(404, "Case not found.");
  const { orderId, shipmentId, ...caseFields } = c;

  const [order, items, shipment, timeline, signals, notes, activity, messages, relatedCases, members] = await Promise.all([
    scope
      .selectFrom("orders")
      .select([
        "id",
        "external_id as externalId",
        "source",
        "status",
        "placed_at as placedAt",
        "buyer_name as buyerName",
        "buyer_email as buyerEmail",
        "buyer_phone as buyerPhone",
        "address1",
        "address2",
        "city",
        "region",
        "postal_code as postalCode",
        "country",
        "service_level as serviceLevel",
        "total_cents as totalCents",
        "currency",
        "buyer_message as buyerMessage",
      ])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow(),
    scope
      .selectFrom("order_items")
      .select(["sku", "product_name as productName", "variation", "quantity"])
      .where("order_id", "=", orderId)
      .orderBy("line_no")
      .execute(),
    scope
      .selectFrom("shipments")
      .select([
        "id",
        "carrier_code as carrierCode",
        "service_code as serviceCode",
        "tracking_number as trackingNumber",
        "status",
        "substatus",
        "label_created_at as labelCreatedAt",
        "voided_at as voidedAt",
        "shipped_at as shippedAt",
        "delivered_at as deliveredAt",
        "edd_original as eddOriginal",
        "edd_current as eddCurrent",
        "last_scan_at as lastScanAt",
        "proof_type as proofType",
        "proof_signed_by as proofSignedBy",
        "weight_grams as weightGrams",
      ])
      .where("id", "=", shipmentId)
      .executeTakeFirstOrThrow(),
    shipmentTimeline(scope, shipmentId, { timeZone: options.timeZone }),
    scope
      .selectFrom("case_signals")
      .select(["id", "at", "rule", "reason", "event_id as eventId"])
      .where("case_id", "=", caseId)
      .orderBy("at")
      .orderBy("id")
      .execute(),
    scope
      .selectFrom("case_notes as n")
      .leftJoin("users as u", "u.id", "n.author_id")
      .select(["n.id", "n.body", "n.created_at as createdAt", "u.name as authorName"])
      .where("n.case_id", "=", caseId)
      .orderBy("n.created_at")
      .orderBy("n.id")
      .execute(),
    caseActivity(scope, caseId),
    messagesForOrder(scope, orderId),
    casesOfOrder(scope, orderId, { exceptCaseId: caseId }),
    assignableMembers(scope),
  ]);

  return {
    case: caseFields,
    order: { ...order, items },
    shipment,
    timeline,
    signals,
    notes,
    activity,
    messages,
    relatedCases,
    assignees: members,
  };
}

export type OrderCase = CaseView["relatedCases"][number];

/** An order's exception cases (of all its shipments), newest first; the case page leaves out its own. */
export async function casesOfOrder(scope: ShopScope, orderId: number, options: { exceptCaseId?: number } = {}): Promise<OrderCase[]> {
  let q = scope
    .selectFrom("cases as r")
    .innerJoin("shipments as s", (j) => j.onRef("s.id", "=", "r.shipment_id").onRef("s.shop_id", "=", "r.shop_id"))
    .select(["r.id", "r.type", "r.state", "r.severity", "r.opened_at as openedAt", "s.tracking_number as trackingNumber"])
    .where("r.order_id", "=", orderId);
  if (options.exceptCaseId !== undefined) q = q.where("r.id", "<>", options.exceptCaseId);
  return q.orderBy("r.opened_at", "desc").limit(50).execute();
}

/** Members who can be assigned cases: the shop's support agents and owners. */
export async function assignableMembers(scope: ShopScope): Promise<{ userId: number; name: string }[]> {
  const members = await shopMembers(scope.db, scope.shopId);
  return members.filter((m) => can(m.role, "cases.act")).map((m) => ({ userId: m.userId, name: m.name }));
}

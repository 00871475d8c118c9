// What happens to a label after it is made: voiding it (which frees the order for a new label),
// marking parcels handed over to the carrier, single-label preview and reprint, and the shipments
// table of the Shipments page (keyset pagination, search, filters).
import { sql } from "kysely";
import type { ShipmentStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { localDay } from "../carriers/business-days";
import { carrierName, serviceName } from "../carriers/registry";
import { autoResolveCases } from "../exceptions/on-demand.server";
import { onParcelNews } from "../notifications/hooks.server";
import { generateLabels, type LabelFile } from "./batches.server";
import { loadLabelContents, shopLabelContext } from "./label-data.server";
import { renderLabelFile } from "./render";

/** Statuses in which the carrier has not physically taken the parcel yet, so the label can be voided. */
const VOIDABLE: ShipmentStatus[] = ["pending", "info_received"];

export async function voidLabel(
  scope: ShopScope,
  input: { shipmentId: number; reason: string; actorUserId: number | null; now?: Date },
): Promise<{ shipmentId: number; orderId: number; trackingNumber: string }> {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError(400, "Say why the label is voided (at least 3 characters).");
  const now = input.now ?? new Date();
  return scope.transaction(async (tx) => {
    const s = await tx
      .selectFrom("shipments")
      .select(["id", "order_id", "status", "imported", "shipped_at", "tracking_number", "carrier_code", "service_code"])
      .where("id", "=", input.shipmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw new AppError(404, "Shipment was not found.");
    if (s.status === "voided") throw new AppError(409, `Label ${s.tracking_number} is already voided.`);
    if (s.imported) throw new AppError(409, "This shipment came with an imported order; its label was not made here and cannot be voided here.");
    if (s.shipped_at || !VOIDABLE.includes(s.status)) {
      throw new AppError(409, `Label ${s.tracking_number} cannot be voided: the parcel has already been handed over or scanned by the carrier.`);
    }
    await tx
      .updateTable("shipments")
      .set({ status: "voided", voided_at: now, voided_by: input.actorUserId, void_reason: reason, updated_at: now })
      .where("id", "=", s.id)
      .execute();
    // A voided label's open cases (an overridden address, a parcel never picked up) are moot now.
    await autoResolveCases(tx, [s.id], now);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "label.voided",
      orderId: s.order_id,
      shipmentId: s.id,
      at: now,
      details: {
        summary: `Label voided: ${carrierName(s.carrier_code)} ${s.tracking_number}. Reason: ${reason}`,
        trackingNumber: s.tracking_number,
        reason,
      },
    });
    return { shipmentId: s.id, orderId: s.order_id, trackingNumber: s.tracking_number };
  });
}

export interface HandOverResult {
  handedOver: { shipmentId: number; orderId: string; trackingNumber: string }[];
  refused: { shipmentId: number; orderId: string | null; trackingNumber: string | null; reason: string }[];
}

/**
 * Marks parcels as handed over to the carrier: shipped_at and ship_day (the shop's calendar day)
 * unless a carrier scan already set them earlier, the order becomes shipped, and the buyer
 * notification hook runs. `allPending` takes every live label not handed over yet.
 */
export async function markHandedOver(
  scope: ShopScope,
  input: { shipmentIds?: readonly number[]; allPending?: boolean; actorUserId: number | null; now?: Date },
): Promise<HandOverResult> {
  const now = input.now ?? new Date();
  const shop = await shopLabelContext(scope);
  const day = localDay(now, shop.timeZone);
  return scope.transaction(async (tx) => {
    let query = tx
      .selectFrom("shipments")
      .innerJoin("orders", (j) => j.onRef("orders.id", "=", "shipments.order_id").onRef("orders.shop_id", "=", "shipments.shop_id"))
      .select([
        "shipments.id",
        "shipments.order_id as orderId",
        "shipments.status",
        "shipments.imported",
        "shipments.shipped_at as shippedAt",
        "shipments.tracking_number as trackingNumber",
        "shipments.carrier_code as carrier",
        "orders.external_id as externalId",
        "orders.status as orderStatus",
      ]);
    if (input.allPending) {
      query = query.where("shipments.status", "in", VOIDABLE).where("shipments.shipped_at", "is", null).where("shipments.imported", "=", false);
    } else {
      const ids = [...new Set(input.shipmentIds ?? [])];
      if (ids.length === 0) throw new AppError(400, "Choose at least one shipment to mark as handed over.");
      query = query.where("shipments.id", "in", ids);
    }
    const rows = await query.orderBy("shipments.id").forUpdate().execute();
    const result: HandOverResult = { handedOver: [], refused: [] };
    if (!input.allPending) {
      const found = new Set(rows.map((r) => r.id));
      for (const id of input.shipmentIds ?? []) {
        if (!found.has(id)) result.refused.push({ shipmentId: id, orderId: null, trackingNumber: null, reason: "No such shipment in this shop." });
      }
    }
    const ready: typeof rows = [];
    for (const r of rows) {
      const refuse = (reason: string) => result.refused.push({ shipmentId: r.id, orderId: r.externalId, trackingNumber: r.trackingNumber, reason });
      if (r.status === "voided") refuse("The label is voided.");
      else if (r.imported) refuse("This shipment came with an imported order; it left the seller before it was imported.");
      else if (r.orderStatus === "cancelled") refuse("The order is cancelled.");
      else if (r.orderStatus !== "to_ship") refuse(`Already ${r.orderStatus === "shipped" ? "handed over" : r.orderStatus}.`);
      else ready.push(r);
    }
    if (ready.length === 0) return result;
    const ids = ready.map((r) => r.id);
    // A carrier scan that came first keeps its earlier time (SHARED SEMANTICS: shipped_at).
    await tx
      .updateTable("shipments")
      .set({
        shipped_at: sql<Date>`coalesce(shipped_at, ${now})`,
        ship_day: sql<string>`coalesce(ship_day, ${day}::date)`,
        updated_at: now,
      })
      .where("id", "in", ids)
      .execute();
    await tx
      .updateTable("orders")
      .set({ status: "shipped", updated_at: now })
      .where("id", "in", ready.map((r) => r.orderId))
      .where("status", "=", "to_ship")
      .execute();
    await recordAudit(
      tx,
      ready.map((r) => ({
        actorUserId: input.actorUserId,
        action: "shipment.handed_over",
        orderId: r.orderId,
        shipmentId: r.id,
        at: now,
        details: { summary: `Handed over to ${carrierName(r.carrier)} (${r.trackingNumber}); the order is shipped.`, day },
      })),
    );
    await onParcelNews(
      tx,
      ready.filter((r) => !r.shippedAt).map((r) => ({ shipmentId: r.id, orderId: r.orderId, shippedAt: now })),
      now,
    );
    for (const r of ready) result.handedOver.push({ shipmentId: r.id, orderId: r.externalId, trackingNumber: r.trackingNumber });
    return result;
  });
}

/** A single label as a 4x6 PDF for the browser's preview; not recorded as a print. */
export async function previewLabel(scope: ShopScope, shipmentId: number): Promise<LabelFile> {
  const [content] = await loadLabelContents(scope, [shipmentId]);
  if (!content) throw new AppError(404, "Shipment was not found.");
  const file = renderLabelFile([content], { format: "pdf", layout: "4x6", packingSlips: false, title: `Shipping label ${content.trackingNumber}` });
  return { bytes: file.bytes, fileName: `label-${content.trackingNumber}.pdf`, contentType: file.contentType };
}

/**
 * The label's own print file: the newest one-label batch for this shipment, returned byte for byte
 * (a reprint is identical to the print before it). The first time, a one-label batch is made in
 * the shop's default format.
 */
export async function shipmentLabelBatch(scope: ShopScope, input: { shipmentId: number; actorUserId: number | null }): Promise<number> {
  const s = await scope.selectFrom("shipments").select(["id", "order_id", "status", "imported"]).where("id", "=", input.shipmentId).executeTakeFirst();
  if (!s) throw new AppError(404, "Shipment was not found.");
  if (s.imported) throw new AppError(409, "This shipment came with an imported order; there is no label to print.");
  if (s.status === "voided") throw new AppError(409, "This label is voided and must not be printed again; create a new label.");
  const existing = await scope
    .selectFrom("label_batches")
    .select("id")
    .where("status", "=", "completed")
    .where(sql<boolean>`jsonb_array_length(generated) = 1`)
    .where(sql<boolean>`generated @> ${JSON.stringify([{ shipmentId: s.id }])}::jsonb`)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (existing) return existing.id;
  const shop = await shopLabelContext(scope);
  const result = await generateLabels(scope, {
    format: shop.settings.labels.format,
    layout: shop.settings.labels.layout,
    packingSlips: shop.settings.labels.packingSlips,
    actorUserId: input.actorUserId,
    orderIds: [s.order_id],
  });
  if (!result.generated.some((g) => g.shipmentId === s.id)) {
    throw new AppError(409, result.skipped[0]?.reason ?? "The label could not be rendered.");
  }
  return result.batchId;
}

/** Live labels whose parcels have not been handed over yet. */
export async function countAwaitingHandover(scope: ShopScope): Promise<number> {
  const row = await scope
    .selectFrom("shipments")
    .select(sql<number>`count(*)`.as("n"))
    .where("status", "in", VOIDABLE)
    .where("shipped_at", "is", null)
    .where("imported", "=", false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ShipmentRow {
  id: number;
  orderId: number;
  externalId: string;
  buyerName: string;
  destination: string;
  carrier: string;
  carrierName: string;
  service: string;
  trackingNumber: string;
  status: ShipmentStatus;
  labelCreatedAt: Date | null;
  printedAt: Date | null;
  shippedAt: Date | null;
  eddCurrent: string | null;
  imported: boolean;
}

export interface ShipmentsQuery {
  q?: string;
  status?: ShipmentStatus | "awaiting_handover";
  carrier?: string;
  /** The id of the last row of the previous page (newest first). */
  after?: number;
  limit?: number;
}

export async function listShipments(scope: ShopScope, query: ShipmentsQuery): Promise<{ rows: ShipmentRow[]; nextAfter: number | null }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  let q = scope
    .selectFrom("shipments")
    .innerJoin("orders", (j) => j.onRef("orders.id", "=", "shipments.order_id").onRef("orders.shop_id", "=", "shipments.shop_id"))
    .select([
      "shipments.id",
      "shipments.order_id as orderId",
      "orders.external_id as externalId",
      "orders.buyer_name as buyerName",
      "orders.city",
      "orders.region",
      "orders.country",
      "shipments.carrier_code as carrier",
      "shipments.service_code as service",
      "shipments.tracking_number as trackingNumber",
      "shipments.status",
      "shipments.label_created_at as labelCreatedAt",
      "shipments.printed_at as printedAt",
      "shipments.shipped_at as shippedAt",
      "shipments.edd_current as eddCurrent",
      "shipments.imported",
    ]);
  if (query.status === "awaiting_handover") {
    q = q.where("shipments.status", "in", VOIDABLE).where("shipments.shipped_at", "is", null).where("shipments.imported", "=", false);
  } else if (query.status) {
    q = q.where("shipments.status", "=", query.status);
  }
  if (query.carrier) q = q.where("shipments.carrier_code", "=", query.carrier);
  const term = query.q?.trim();
  if (term) {
    const tracking = term.replace(/\s+/g, "").toUpperCase();
    const prefix = `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("shipments.tracking_number", "=", tracking),
        eb(
          "shipments.order_id",
          "in",
          scope.selectFrom("orders as o").select("o.id").where("o.external_id", "like", prefix).limit(1000),
        ),
      ]),
    );
  }
  if (query.after) q = q.where("shipments.id", "<", query.after);
  const rows = await q.orderBy("shipments.id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => ({
      id: r.id,
      orderId: r.orderId,
      externalId: r.externalId,
      buyerName: r.buyerName,
      destination: [r.city, r.region, r.country].filter(Boolean).join(", "),
      carrier: r.carrier,
      carrierName: carrierName(r.carrier),
      service: serviceName(r.carrier, r.service),
      trackingNumber: r.trackingNumber,
      status: r.status,
      labelCreatedAt: r.labelCreatedAt,
      printedAt: r.printedAt,
      shippedAt: r.shippedAt,
      eddCurrent: r.eddCurrent,
      imported: r.imported,
    })),
    nextAfter: rows.length > limit ? page[page.length - 1].id : null,
  };
}

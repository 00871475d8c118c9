// Labels end to end on a real database: batches with skips and reasons, one live label per order,
// re-rendering with the same tracking number, void then a new label, identical reprints, the
// order's history, the address override, hand-over, the shipments list, and tenancy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { orderHistory } from "../../app/modules/audit/audit.server";
import { detectTrackingNumber } from "../../app/modules/carriers/tracking-numbers";
import { clearAddressOverride, overrideAddressCheck, recheckAddress } from "../../app/modules/labels/address.server";
import {
  generateLabels,
  labelBatch,
  labelBatchFile,
  readyOrderIds,
  recentLabelBatches,
  resolveExternalOrderIds,
  runLabelBatch,
  startLabelBatch,
} from "../../app/modules/labels/batches.server";
import { orderLabelView } from "../../app/modules/labels/order-label.server";
import { listShipments, markHandedOver, previewLabel, shipmentLabelBatch, voidLabel } from "../../app/modules/labels/shipments.server";
import { updateShopSettings } from "../../app/modules/shops/shops.server";
import { barcodeToolsAvailable, decodePdfBarcodes } from "../fixtures/barcodes";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "labels-a");
  b = await createTestShop(handle.db, "labels-b");
  await updateShopSettings(handle.db, a.shop.id, "returnAddress", { name: "Alpha Goods", address1: "1 Warehouse Rd", city: "Columbus", region: "OH", postalCode: "43215", country: "US" });
});
afterAll(() => handle?.close());

interface OrderSpec {
  externalId: string;
  carrier?: string | null;
  service?: string | null;
  status?: "to_ship" | "shipped" | "cancelled";
  address1?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  city?: string;
}

async function addOrder(shop: TestShop, spec: OrderSpec): Promise<number> {
  const row = await shop.scope
    .insertInto("orders", {
      external_id: spec.externalId,
      source: "generic",
      status: spec.status ?? "to_ship",
      buyer_name: "Chloé Buyer",
      address1: spec.address1 ?? "1200 Congress Ave",
      city: spec.city ?? "Austin",
      region: spec.region ?? "TX",
      postal_code: spec.postalCode ?? "78701",
      country: spec.country ?? "US",
      weight_grams: 900,
      content_hash: spec.externalId,
      carrier_code: spec.carrier === undefined ? "ups" : spec.carrier,
      service_code: spec.service === undefined ? (spec.carrier === undefined ? "ups_ground" : null) : spec.service,
      assigned_at: new Date(),
      ship_date: "2026-11-23",
      edd_min: "2026-11-24",
      edd_max: "2026-11-27",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await shop.scope.insertInto("order_items", [{ order_id: row.id, line_no: 1, sku: "SKU-1", product_name: "Tumbler", quantity: 2 }]).execute();
  return row.id;
}

const pdfRequest = (actor: number, orderIds: number[]) => ({ format: "pdf" as const, layout: "4x6" as const, packingSlips: false, actorUserId: actor, orderIds });

describe(`labels on ${backend}`, () => {
  let ups: number;
  let usps: number;
  let poBox: number;
  let noCarrier: number;
  let cancelled: number;
  let badZip: number;

  it("labels a batch, skipping (with reasons) orders that fail the check, have no carrier or are cancelled", async () => {
    ups = await addOrder(a, { externalId: "A-UPS" });
    usps = await addOrder(a, { externalId: "A-USPS", carrier: "usps", service: "usps_priority_mail", region: "Texas" });
    poBox = await addOrder(a, { externalId: "A-POBOX", address1: "PO Box 12" });
    noCarrier = await addOrder(a, { externalId: "A-NOCARRIER", carrier: null, service: null });
    cancelled = await addOrder(a, { externalId: "A-CANCELLED", status: "cancelled" });
    badZip = await addOrder(a, { externalId: "A-BADZIP", postalCode: "99501" });

    const result = await generateLabels(a.scope, pdfRequest(a.users.fulfilment.id, [ups, usps, poBox, noCarrier, cancelled, badZip]));
    expect(result.generated.map((g) => [g.orderId, g.carrier, g.service, g.page])).toEqual([
      ["A-UPS", "ups", "ups_ground", 1],
      ["A-USPS", "usps", "usps_priority_mail", 2],
    ]);
    for (const g of result.generated) expect(detectTrackingNumber(g.trackingNumber)).toMatchObject({ valid: true, carrier: g.carrier });
    expect(result.skipped).toEqual([
      { orderId: "A-POBOX", reason: "Address check failed: UPS Ground does not deliver to PO boxes." },
      { orderId: "A-NOCARRIER", reason: "No carrier assigned; assign a carrier and service first." },
      { orderId: "A-CANCELLED", reason: "The order is cancelled; cancelled orders never get labels." },
      { orderId: "A-BADZIP", reason: expect.stringMatching(/^Address check failed: ZIP 99501 does not belong to TX/) },
    ]);

    const batch = await labelBatch(a.scope, result.batchId);
    expect(batch).toMatchObject({ status: "completed", total: 6, done: 6, format: "pdf", layout: "4x6", createdByName: a.users.fulfilment.name });
    expect(batch.fileBytes).toBe(result.file!.length);

    // The shipment copies the order's carrier, service, EDD, destination and weight.
    const s = await a.scope.selectFrom("shipments").selectAll().where("order_id", "=", usps).executeTakeFirstOrThrow();
    expect(s).toMatchObject({
      carrier_code: "usps",
      service_code: "usps_priority_mail",
      status: "pending",
      edd_min: "2026-11-24",
      edd_max: "2026-11-27",
      edd_original: "2026-11-27",
      edd_current: "2026-11-27",
      dest_region: "TX",
      dest_postal_code: "78701",
      dest_country: "US",
      weight_grams: 900,
      label_created_by: a.users.fulfilment.id,
      imported: false,
    });
    expect(s.label_created_at).toBeInstanceOf(Date);

    // Problems are stored on the order for the orders table and the order page.
    const stored = await a.scope.selectFrom("orders").select(["external_id", "address_problems"]).where("id", "in", [poBox, ups]).orderBy("id").execute();
    expect(stored).toEqual([
      { external_id: "A-UPS", address_problems: [] },
      { external_id: "A-POBOX", address_problems: [{ code: "po_box", field: "address1", message: "UPS Ground does not deliver to PO boxes." }] },
    ]);
  });

  it.skipIf(!barcodeToolsAvailable)("puts scannable barcodes with the right tracking numbers in the batch file", async () => {
    const [latest] = await recentLabelBatches(a.scope, 1);
    const file = await labelBatchFile(a.scope, latest.id, { actorUserId: null, preview: true });
    expect(decodePdfBarcodes(file.bytes)).toEqual(latest.generated.map((g) => [g.trackingNumber]));
  });

  it("keeps one live label per order: asking again re-renders the same shipment, in the format asked", async () => {
    const before = await a.scope.selectFrom("shipments").select(["id", "tracking_number"]).where("order_id", "=", ups).execute();
    const again = await generateLabels(a.scope, { format: "zpl", layout: "4x6", packingSlips: true, actorUserId: a.users.owner.id, orderIds: [ups] });
    expect(again.generated).toEqual([{ orderId: "A-UPS", shipmentId: before[0].id, carrier: "ups", service: "ups_ground", trackingNumber: before[0].tracking_number, page: 1 }]);
    const zpl = again.file!.toString("utf8");
    expect(zpl.match(/\^XA/g)).toHaveLength(2); // label + packing slip
    expect(zpl).toContain("^FDPACKING SLIP^FS");
    expect(await a.scope.selectFrom("shipments").select("id").where("order_id", "=", ups).execute()).toHaveLength(1);
    // "All ready" does not take orders that already have a live label.
    expect(await readyOrderIds(a.scope)).not.toContain(ups);
  });

  it("voids a label (reason required), frees the order, and the next label is a new shipment", async () => {
    const live = await a.scope.selectFrom("shipments").select(["id", "tracking_number"]).where("order_id", "=", ups).executeTakeFirstOrThrow();
    await expect(voidLabel(a.scope, { shipmentId: live.id, reason: " ", actorUserId: a.users.fulfilment.id })).rejects.toThrow(/Say why/);
    await voidLabel(a.scope, { shipmentId: live.id, reason: "Box too small, repacking", actorUserId: a.users.fulfilment.id });
    await expect(voidLabel(a.scope, { shipmentId: live.id, reason: "again", actorUserId: a.users.fulfilment.id })).rejects.toThrow(/already voided/);
    const voided = await a.scope.selectFrom("shipments").selectAll().where("id", "=", live.id).executeTakeFirstOrThrow();
    expect(voided).toMatchObject({ status: "voided", void_reason: "Box too small, repacking", voided_by: a.users.fulfilment.id });
    expect(await readyOrderIds(a.scope)).toContain(ups);

    const next = await generateLabels(a.scope, pdfRequest(a.users.fulfilment.id, [ups]));
    expect(next.generated).toHaveLength(1);
    expect(next.generated[0].shipmentId).not.toBe(live.id);
    expect(next.generated[0].trackingNumber).not.toBe(live.tracking_number);
    const all = await a.scope.selectFrom("shipments").select(["status"]).where("order_id", "=", ups).orderBy("id").execute();
    expect(all.map((s) => s.status)).toEqual(["voided", "pending"]);
  });

  it("reprints return the identical file, and every print is in the order's history", async () => {
    const live = await a.scope.selectFrom("shipments").select(["id", "tracking_number"]).where("order_id", "=", ups).where("status", "<>", "voided").executeTakeFirstOrThrow();
    const batchId = await shipmentLabelBatch(a.scope, { shipmentId: live.id, actorUserId: a.users.owner.id });
    const first = await labelBatchFile(a.scope, batchId, { actorUserId: a.users.owner.id });
    // Asking for the label's file again finds the same batch, and its bytes are unchanged.
    expect(await shipmentLabelBatch(a.scope, { shipmentId: live.id, actorUserId: a.users.owner.id })).toBe(batchId);
    const second = await labelBatchFile(a.scope, batchId, { actorUserId: a.users.owner.id });
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(first.contentType).toBe("application/pdf");
    expect(first.fileName).toBe(`label-${live.tracking_number}.pdf`);
    // The in-browser preview is the same single label, rendered again: byte for byte the same.
    const preview = await previewLabel(a.scope, live.id);
    expect(preview.bytes.equals(first.bytes)).toBe(true);

    const history = await orderHistory(a.scope, ups);
    const actions = history.map((h) => h.action);
    expect(actions.filter((x) => x === "label.created")).toHaveLength(2);
    expect(actions).toContain("label.voided");
    const prints = history.filter((h) => h.action === "label.printed" && h.shipmentId === live.id).map((h) => h.details.summary);
    expect(prints).toEqual([
      `Label ${live.tracking_number} reprinted (PDF, 4x6).`,
      `Label ${live.tracking_number} printed (PDF, 4x6).`,
    ]);
    expect(history.find((h) => h.action === "label.voided")?.details.summary).toMatch(/^Label voided: UPS 1Z\w+\. Reason: Box too small, repacking$/);
    const printed = await a.scope.selectFrom("shipments").select("printed_at").where("id", "=", live.id).executeTakeFirstOrThrow();
    expect(printed.printed_at).toBeInstanceOf(Date);
  });

  it("lets a person override a failed address check, recording who and why, and then labels it", async () => {
    await expect(overrideAddressCheck(a.scope, { orderId: poBox, actorUserId: a.users.fulfilment.id, reason: "" })).rejects.toThrow(/Say why/);
    await expect(overrideAddressCheck(a.scope, { orderId: usps, actorUserId: a.users.fulfilment.id, reason: "fine" })).rejects.toThrow(/shipped|passes/);
    const override = await overrideAddressCheck(a.scope, { orderId: poBox, actorUserId: a.users.fulfilment.id, reason: "Buyer confirmed a street address by phone" });
    expect(override).toMatchObject({ by: a.users.fulfilment.id, byName: a.users.fulfilment.name, reason: "Buyer confirmed a street address by phone" });
    const view = await orderLabelView(a.scope, poBox);
    expect(view.override).toEqual(override);
    expect(view.problems.map((p) => p.code)).toEqual(["po_box"]);

    const result = await generateLabels(a.scope, pdfRequest(a.users.fulfilment.id, [poBox]));
    expect(result.generated.map((g) => g.orderId)).toEqual(["A-POBOX"]);
    // Support watches the parcel: an address_issue case says which rule fired and why.
    const cases = await a.scope.selectFrom("cases").select(["type", "rule", "reason", "state"]).where("shipment_id", "=", result.generated[0].shipmentId).execute();
    expect(cases).toEqual([
      {
        type: "address_issue",
        rule: "address_check_overridden",
        state: "open",
        reason: `Label created although the address check failed (UPS Ground does not deliver to PO boxes); overridden by ${a.users.fulfilment.name}: Buyer confirmed a street address by phone`,
      },
    ]);
    const history = await orderHistory(a.scope, poBox);
    expect(history.find((h) => h.action === "order.address_overridden")?.details.summary).toBe(
      `Address check overridden by ${a.users.fulfilment.name}: Buyer confirmed a street address by phone`,
    );
  });

  it("removes an override so the check applies again", async () => {
    const order = await addOrder(a, { externalId: "A-OVERRIDE-2", postalCode: "99501" });
    await overrideAddressCheck(a.scope, { orderId: order, actorUserId: a.users.owner.id, reason: "Known address" });
    await clearAddressOverride(a.scope, { orderId: order, actorUserId: a.users.owner.id });
    const result = await generateLabels(a.scope, pdfRequest(a.users.owner.id, [order]));
    expect(result.generated).toEqual([]);
    expect(result.skipped[0].reason).toMatch(/ZIP 99501/);
    expect(result.file).toBeNull();
    expect(await recheckAddress(a.scope, { orderId: order, actorUserId: null })).toHaveLength(1);
  });

  it("marks parcels handed over: shipped time and day, order shipped, history; a handed-over label cannot be voided", async () => {
    const live = await a.scope.selectFrom("shipments").select(["id"]).where("order_id", "=", usps).executeTakeFirstOrThrow();
    // 03:30 UTC of the coming day: still the day before in New York (the shop's default zone), and
    // after the label was created, whatever the date the test runs on.
    const now = new Date(Date.now() + 86_400_000);
    now.setUTCHours(3, 30, 0, 0);
    const dayBefore = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const result = await markHandedOver(a.scope, { shipmentIds: [live.id, 999_999], actorUserId: a.users.fulfilment.id, now });
    expect(result.handedOver.map((h) => h.orderId)).toEqual(["A-USPS"]);
    expect(result.refused).toEqual([{ shipmentId: 999_999, orderId: null, trackingNumber: null, reason: "No such shipment in this shop." }]);
    const s = await a.scope.selectFrom("shipments").select(["shipped_at", "ship_day"]).where("id", "=", live.id).executeTakeFirstOrThrow();
    const shop = await handle.db.selectFrom("shops").select("time_zone").where("id", "=", a.shop.id).executeTakeFirstOrThrow();
    expect(s.shipped_at?.toISOString()).toBe(now.toISOString());
    expect(s.ship_day).toBe(shop.time_zone === "UTC" ? now.toISOString().slice(0, 10) : dayBefore);
    const order = await a.scope.selectFrom("orders").select("status").where("id", "=", usps).executeTakeFirstOrThrow();
    expect(order.status).toBe("shipped");
    await expect(voidLabel(a.scope, { shipmentId: live.id, reason: "too late", actorUserId: null })).rejects.toThrow(/handed over/);
    const again = await markHandedOver(a.scope, { shipmentIds: [live.id], actorUserId: null, now });
    expect(again.refused[0].reason).toBe("Already handed over.");
    const history = await orderHistory(a.scope, usps);
    expect(history[0]).toMatchObject({ action: "shipment.handed_over" });
  });

  it("lists shipments newest first with keyset pages, search by tracking number or order id, and filters", async () => {
    const page1 = await listShipments(a.scope, { limit: 2 });
    expect(page1.rows).toHaveLength(2);
    expect(page1.rows[0].id).toBeGreaterThan(page1.rows[1].id);
    const page2 = await listShipments(a.scope, { limit: 2, after: page1.nextAfter! });
    expect(page2.rows.every((r) => r.id < page1.rows[1].id)).toBe(true);
    const live = await a.scope.selectFrom("shipments").select(["tracking_number"]).where("order_id", "=", usps).executeTakeFirstOrThrow();
    const spaced = live.tracking_number.replace(/(.{4})/g, "$1 ").toLowerCase();
    expect((await listShipments(a.scope, { q: spaced })).rows.map((r) => r.externalId)).toEqual(["A-USPS"]);
    expect((await listShipments(a.scope, { q: "A-UP" })).rows.map((r) => r.status)).toEqual(["pending", "voided"]);
    expect((await listShipments(a.scope, { status: "voided" })).rows.map((r) => r.externalId)).toEqual(["A-UPS"]);
    expect((await listShipments(a.scope, { carrier: "usps" })).rows.map((r) => r.externalId)).toEqual(["A-USPS"]);
    expect((await listShipments(a.scope, { status: "awaiting_handover" })).rows.map((r) => r.externalId).sort()).toEqual(["A-POBOX", "A-UPS"]);
  });

  it("runs a started batch with progress, for every order ready, and names orders by marketplace id", async () => {
    const fresh = [await addOrder(a, { externalId: "A-READY-1" }), await addOrder(a, { externalId: "A-READY-2", carrier: "fedex", service: "fedex_ground" })];
    const { orderIds: resolved, unknown } = await resolveExternalOrderIds(a.scope, ["A-READY-1", "NOPE"]);
    expect(resolved).toEqual([fresh[0]]);
    expect(unknown).toEqual(["NOPE"]);
    const { batchId, orderIds } = await startLabelBatch(a.scope, { format: "pdf", layout: "letter", packingSlips: true, actorUserId: null, allReady: true });
    expect(orderIds).toEqual(expect.arrayContaining(fresh));
    expect(orderIds).not.toContain(ups);
    const running = await labelBatch(a.scope, batchId);
    expect(running).toMatchObject({ status: "running", done: 0, total: orderIds.length });
    await expect(labelBatchFile(a.scope, batchId, { actorUserId: null })).rejects.toThrow(/still being generated/);
    const result = await runLabelBatch(a.scope, batchId, orderIds, { actorUserId: null });
    const byOrder = Object.fromEntries(result.generated.map((g) => [g.orderId, g.page]));
    // Letter with packing slips: label 1 + slip 1 on page 1, label 2 + slip 2 on page 2.
    expect(byOrder["A-READY-1"]).toBe(1);
    expect(byOrder["A-READY-2"]).toBe(2);
    expect((await labelBatch(a.scope, batchId)).done).toBe(orderIds.length);
  });

  it("labels every order matching the orders table's filters, leaving cancelled ones out", async () => {
    const fresh = [await addOrder(a, { externalId: "A-MATCH-1" }), await addOrder(a, { externalId: "A-MATCH-2", carrier: "usps", service: "usps_ground_advantage" })];
    await addOrder(a, { externalId: "A-MATCH-X", status: "cancelled" });
    const { batchId, orderIds } = await startLabelBatch(a.scope, {
      format: "zpl",
      layout: "4x6",
      packingSlips: false,
      actorUserId: null,
      matching: { filters: { q: "A-MATCH" }, timeZone: "America/New_York" },
    });
    expect([...orderIds].sort()).toEqual([...fresh].sort());
    const result = await runLabelBatch(a.scope, batchId, orderIds, { actorUserId: null });
    expect(result.generated.map((g) => g.orderId).sort()).toEqual(["A-MATCH-1", "A-MATCH-2"]);
    expect(result.skipped).toEqual([]);
    await expect(
      startLabelBatch(a.scope, { format: "pdf", layout: "4x6", packingSlips: false, actorUserId: null, matching: { filters: { q: "NOTHING-LIKE-THIS" }, timeZone: "UTC" } }),
    ).rejects.toThrow(/No orders/);
  });

  it("never buys two labels for one order when two batches race", async () => {
    const ids = [await addOrder(a, { externalId: "A-RACE-1" }), await addOrder(a, { externalId: "A-RACE-2" })];
    const [x, y] = await Promise.all([
      generateLabels(a.scope, pdfRequest(a.users.owner.id, ids)),
      generateLabels(a.scope, pdfRequest(a.users.fulfilment.id, [...ids].reverse())),
    ]);
    const live = await a.scope.selectFrom("shipments").select(["order_id", "tracking_number"]).where("order_id", "in", ids).where("status", "<>", "voided").execute();
    expect(live).toHaveLength(2);
    const numbers = new Set(live.map((l) => l.tracking_number));
    for (const g of [...x.generated, ...y.generated]) expect(numbers.has(g.trackingNumber)).toBe(true);
  });

  it("skips orders whose carrier the shop switched off, and uses the shop's UPS shipper number", async () => {
    await a.scope.insertInto("carrier_accounts", [{ carrier_code: "fedex", enabled: false }, { carrier_code: "ups", enabled: true, account_number: "A1B2C3" }]).execute();
    const off = await addOrder(a, { externalId: "A-FEDEX-OFF", carrier: "fedex", service: "fedex_2day" });
    const on = await addOrder(a, { externalId: "A-UPS-OWN" });
    const result = await generateLabels(a.scope, pdfRequest(a.users.owner.id, [off, on]));
    expect(result.skipped).toEqual([{ orderId: "A-FEDEX-OFF", reason: "FedEx is switched off for this shop (Settings > Carriers); assign another carrier or switch it on." }]);
    expect(result.generated[0].trackingNumber).toMatch(/^1ZA1B2C303\d{8}$/);
    await a.scope.deleteFrom("carrier_accounts").execute();
  });

  it("resolves the watch on an overridden address by itself when that label is voided", async () => {
    const order = await addOrder(a, { externalId: "A-POBOX-VOID", address1: "PO Box 77" });
    await overrideAddressCheck(a.scope, { orderId: order, actorUserId: a.users.owner.id, reason: "Buyer insisted" });
    const made = await generateLabels(a.scope, pdfRequest(a.users.owner.id, [order]));
    const shipmentId = made.generated[0].shipmentId;
    const cases = () => a.scope.selectFrom("cases").select(["type", "state", "auto_resolved", "resolution_note"]).where("shipment_id", "=", shipmentId).execute();
    expect(await cases()).toEqual([{ type: "address_issue", state: "open", auto_resolved: false, resolution_note: null }]);
    await voidLabel(a.scope, { shipmentId, reason: "Wrong box", actorUserId: a.users.owner.id });
    expect(await cases()).toEqual([{ type: "address_issue", state: "resolved", auto_resolved: true, resolution_note: "Auto-resolved: the label was voided." }]);
  });

  it("keeps shops apart: B cannot label, void, read, download or list A's labels", async () => {
    const aShipment = await a.scope.selectFrom("shipments").select(["id", "order_id"]).where("status", "=", "pending").where("shipped_at", "is", null).executeTakeFirstOrThrow();
    const [aBatch] = await recentLabelBatches(a.scope, 1);
    const bOrder = await addOrder(b, { externalId: "B-1" });

    const attempt = await generateLabels(b.scope, pdfRequest(b.users.owner.id, [aShipment.order_id, bOrder]));
    expect(attempt.generated.map((g) => g.orderId)).toEqual(["B-1"]);
    expect(attempt.skipped).toEqual([{ orderId: String(aShipment.order_id), reason: "No such order in this shop." }]);
    await expect(voidLabel(b.scope, { shipmentId: aShipment.id, reason: "not mine", actorUserId: b.users.owner.id })).rejects.toThrow(/not found/);
    await expect(labelBatch(b.scope, aBatch.id)).rejects.toThrow(/not found/);
    await expect(labelBatchFile(b.scope, aBatch.id, { actorUserId: null })).rejects.toThrow(/not found/);
    await expect(previewLabel(b.scope, aShipment.id)).rejects.toThrow(/not found/);
    await expect(shipmentLabelBatch(b.scope, { shipmentId: aShipment.id, actorUserId: null })).rejects.toThrow(/not found/);
    await expect(orderLabelView(b.scope, aShipment.order_id)).rejects.toThrow(/not found/);
    await expect(overrideAddressCheck(b.scope, { orderId: aShipment.order_id, actorUserId: b.users.owner.id, reason: "sneaky" })).rejects.toThrow(/not found/);
    const handed = await markHandedOver(b.scope, { shipmentIds: [aShipment.id], actorUserId: null });
    expect(handed.handedOver).toEqual([]);
    expect((await listShipments(b.scope, {})).rows.map((r) => r.externalId)).toEqual(["B-1"]);
    expect((await recentLabelBatches(b.scope)).every((x) => x.id !== aBatch.id)).toBe(true);
    expect(await readyOrderIds(b.scope)).toEqual([]);
    // A's shipment is untouched.
    const still = await a.scope.selectFrom("shipments").select(["status", "shipped_at"]).where("id", "=", aShipment.id).executeTakeFirstOrThrow();
    expect(still).toEqual({ status: "pending", shipped_at: null });
  });
});

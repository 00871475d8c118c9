// ingestEvents against the database: the shipment and order columns it maintains, out-of-order
// events, cases opened and auto-resolved with their signals and audit entries, per-shop code
// overrides, openOrAppendCase, and shop isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { openOrAppendCase } from "../../app/modules/exceptions/on-demand.server";
import { ingestEvents } from "../../app/modules/ingestion/ingest.server";
import { saveCodeMapping, unmappedCodes } from "../../app/modules/tracking/code-mappings.server";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { createShipment, eventJson, parsed } from "../fixtures/tracking";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "ingest-a");
  b = await createTestShop(handle.db, "ingest-b");
});
afterAll(() => handle?.close());

const ev = (...args: Parameters<typeof eventJson>) => parsed(eventJson(...args));

describe(`ingestEvents on ${backend}`, () => {
  it("maintains the shipment, the order, cases with signals, and the audit log (J2 in two deliveries)", async () => {
    const s = await createShipment(a.scope, { carrier: "fedex", service: "fedex_home_delivery", destRegion: "GA", destPostalCode: "30060", edd: "2026-03-05" });
    const first = [
      ev(s.trackingNumber, "j2-1", "2026-03-02T10:02:00-06:00", "OC", "Shipment information sent to FedEx", { city: "Memphis", region: "TN" }),
      ev(s.trackingNumber, "j2-2", "2026-03-02T17:45:00-06:00", "PU", "Picked up", { city: "Memphis", region: "TN" }),
      ev(s.trackingNumber, "j2-3", "2026-03-04T08:10:00-05:00", "OD", "On FedEx vehicle for delivery", { city: "Marietta", region: "GA" }),
      ev(s.trackingNumber, "j2-4", "2026-03-04T15:26:00-05:00", "DE:08", "Customer not available or business closed", { city: "Marietta", region: "GA" }),
    ];
    expect(await ingestEvents(a.scope, first, { source: "file" })).toEqual({ received: 4, stored: 4, duplicates: 0, orphans: [] });
    let shipment = await a.scope.selectFrom("shipments").selectAll().where("id", "=", s.shipmentId).executeTakeFirstOrThrow();
    expect(shipment.status).toBe("attempt_failed");
    expect(shipment.shipped_at?.toISOString()).toBe("2026-03-02T23:45:00.000Z");
    expect(shipment.ship_day).toBe("2026-03-02");
    expect(shipment.last_scan_at?.toISOString()).toBe("2026-03-04T20:26:00.000Z");
    expect(shipment.last_region).toBe("GA");
    expect(shipment.events_count).toBe(4);
    expect(shipment.edd_original).toBe("2026-03-05");
    expect(shipment.edd_current).toBe("2026-03-05");
    let order = await a.scope.selectFrom("orders").select("status").where("id", "=", s.orderId).executeTakeFirstOrThrow();
    expect(order.status).toBe("shipped");
    const open = await a.scope.selectFrom("cases").selectAll().where("shipment_id", "=", s.shipmentId).execute();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ type: "failed_attempt", state: "open", rule: "carrier_failed_attempt", severity: "medium", version: 1, signal_count: 1, carrier_code: "fedex", dest_region: "GA", dest_country: "US" });
    expect(open[0].reason).toBe("FedEx DE:08: Customer not available or business closed (Marietta, GA)");
    expect(open[0].sla_due_at.getTime() - open[0].opened_at.getTime()).toBe(24 * 3600_000);
    const signal = await a.scope.selectFrom("case_signals").selectAll().where("case_id", "=", open[0].id).executeTakeFirstOrThrow();
    const deEvent = await a.scope.selectFrom("tracking_events").select(["id", "mapping_rule", "status", "exception_type"]).where("event_id", "=", "j2-4").executeTakeFirstOrThrow();
    expect(signal.event_id).toBe(deEvent.id);
    expect(deEvent).toMatchObject({ mapping_rule: "fedex:DE+08", status: "attempt_failed", exception_type: "failed_attempt" });

    const second = [
      ev(s.trackingNumber, "j2-5", "2026-03-05T08:20:00-05:00", "OD", "On FedEx vehicle for delivery", { city: "Marietta", region: "GA" }),
      ev(s.trackingNumber, "j2-6", "2026-03-05T12:48:00-05:00", "DL", "Delivered", { city: "Marietta", region: "GA" }, { proof: { type: "signature", signedBy: "K. OKAFOR" } }),
    ];
    await ingestEvents(a.scope, second, { source: "webhook" });
    shipment = await a.scope.selectFrom("shipments").selectAll().where("id", "=", s.shipmentId).executeTakeFirstOrThrow();
    expect(shipment).toMatchObject({ status: "delivered", delivered_day: "2026-03-05", proof_type: "signature", proof_signed_by: "K. OKAFOR", events_count: 6 });
    order = await a.scope.selectFrom("orders").select("status").where("id", "=", s.orderId).executeTakeFirstOrThrow();
    expect(order.status).toBe("delivered");
    const resolved = await a.scope.selectFrom("cases").selectAll().where("id", "=", open[0].id).executeTakeFirstOrThrow();
    expect(resolved).toMatchObject({ state: "resolved", auto_resolved: true, version: 2, resolution_code: "no_action_needed" });
    expect(resolved.resolution_note).toBe("Auto-resolved: delivered on 2026-03-05.");
    expect(resolved.resolved_at?.toISOString()).toBe("2026-03-05T17:48:00.000Z");
    const audit = await a.scope.selectFrom("audit_log").select(["action", "details"]).where("order_id", "=", s.orderId).orderBy("id").execute();
    expect(audit.map((x) => x.action)).toEqual(["shipment.status_changed", "case.opened", "shipment.status_changed", "case.auto_resolved"]);
    expect(audit.every((x) => typeof x.details.summary === "string" && (x.details.summary as string).length > 10)).toBe(true);
    expect(audit[0].details.summary).toMatch(/^Tracking: Label created → Info received → In transit → Out for delivery → Attempt failed/);
  });

  it("derives the status in occurred-at order: late, older events never roll it back", async () => {
    const s = await createShipment(a.scope, { carrier: "ups", service: "ups_ground", destRegion: "NC" });
    const deliveredFirst = [ev(s.trackingNumber, "ooo-9", "2026-03-04T14:12:00-05:00", "D:FS", "DELIVERED", { city: "Charlotte", region: "NC" })];
    await ingestEvents(a.scope, deliveredFirst, { source: "webhook" });
    const late = [
      ev(s.trackingNumber, "ooo-2", "2026-03-02T17:40:00-05:00", "P:PU", "Pickup Scan", { city: "Columbus", region: "OH" }),
      ev(s.trackingNumber, "ooo-7", "2026-03-04T07:45:00-05:00", "I:OF", "Loaded on Delivery Vehicle", { city: "Charlotte", region: "NC" }),
      ev(s.trackingNumber, "ooo-1", "2026-03-02T10:05:00-05:00", "M:MP", "Label created"),
    ];
    await ingestEvents(a.scope, late, { source: "webhook" });
    const shipment = await a.scope.selectFrom("shipments").selectAll().where("id", "=", s.shipmentId).executeTakeFirstOrThrow();
    expect(shipment.status).toBe("delivered");
    expect(shipment.shipped_at?.toISOString()).toBe("2026-03-02T22:40:00.000Z");
    expect(shipment.delivered_at?.toISOString()).toBe("2026-03-04T19:12:00.000Z");
    expect(shipment.last_region).toBe("NC");
    expect(shipment.events_count).toBe(4);
  });

  it("opens a misroute by geography when a Texas parcel is scanned in Ohio after Oklahoma", async () => {
    const s = await createShipment(a.scope, { carrier: "ups", service: "ups_ground", destRegion: "TX", destPostalCode: "77002" });
    const events = [
      ev(s.trackingNumber, "tx-1", "2026-03-02T18:30:00-06:00", "I:OR", "Origin Scan", { city: "Memphis", region: "TN" }),
      ev(s.trackingNumber, "tx-2", "2026-03-03T14:20:00-06:00", "I:AR", "Arrived at Facility", { city: "Oklahoma City", region: "OK" }),
      ev(s.trackingNumber, "tx-3", "2026-03-04T16:35:00-05:00", "I:AR", "Arrived at Facility", { city: "Columbus", region: "OH" }),
      ev(s.trackingNumber, "tx-4", "2026-03-04T17:10:00-05:00", "X:6", "We've misrouted the package. This may cause a delay.", { city: "Columbus", region: "OH" }),
    ];
    await ingestEvents(a.scope, events, { source: "file" });
    const cases = await a.scope.selectFrom("cases").selectAll().where("shipment_id", "=", s.shipmentId).execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ type: "misrouted", rule: "moved_away_from_destination", signal_count: 2, state: "open" });
    expect(cases[0].opened_at.toISOString()).toBe("2026-03-04T21:35:00.000Z");
    const signals = await a.scope.selectFrom("case_signals").select(["rule", "event_id"]).where("case_id", "=", cases[0].id).orderBy("at").execute();
    expect(signals.map((x) => x.rule)).toEqual(["moved_away_from_destination", "carrier_misroute_code"]);
  });

  it("lets a shop override a code; the override wins and the code leaves the unmapped list", async () => {
    const s = await createShipment(a.scope, { carrier: "usps", service: "usps_ground_advantage", destRegion: "AZ" });
    await ingestEvents(a.scope, [ev(s.trackingNumber, "um-1", "2026-03-02T10:00:00-07:00", "Q7", "Held at customs desk", { city: "Tempe", region: "AZ" })], { source: "webhook" });
    let row = await a.scope.selectFrom("tracking_events").selectAll().where("event_id", "=", "um-1").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "in_transit", unmapped: true, mapping_rule: "usps:unmapped" });
    expect((await unmappedCodes(a.scope)).map((u) => [u.carrier, u.rawCode, u.count])).toEqual([["usps", "Q7", 1]]);
    expect(await unmappedCodes(b.scope)).toEqual([]);
    await saveCodeMapping(a.scope, { carrier: "usps", rawCode: "Q7", status: "exception", exceptionType: "delayed" }, a.users.owner.id);
    expect(await unmappedCodes(a.scope)).toEqual([]);
    await ingestEvents(a.scope, [ev(s.trackingNumber, "um-2", "2026-03-03T10:00:00-07:00", "Q7", "Held at customs desk", { city: "Tempe", region: "AZ" })], { source: "webhook" });
    row = await a.scope.selectFrom("tracking_events").selectAll().where("event_id", "=", "um-2").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "exception", unmapped: false, mapping_rule: "shop_override:usps:Q7", exception_type: "delayed" });
    // The other shop's events are unaffected by shop A's override.
    const sb = await createShipment(b.scope, { carrier: "usps", service: "usps_ground_advantage", destRegion: "AZ" });
    await ingestEvents(b.scope, [ev(sb.trackingNumber, "um-3", "2026-03-03T10:00:00-07:00", "Q7", "Held", { city: "Tempe", region: "AZ" })], { source: "webhook" });
    const rowB = await b.scope.selectFrom("tracking_events").selectAll().where("event_id", "=", "um-3").executeTakeFirstOrThrow();
    expect(rowB.unmapped).toBe(true);
  });

  it("openOrAppendCase opens once, then appends without bumping the version", async () => {
    const s = await createShipment(a.scope, { carrier: "ups", service: "ups_ground" });
    const first = await openOrAppendCase(a.scope, { shipmentId: s.shipmentId, type: "address_issue", rule: "address_check_overridden", reason: "Overridden: ZIP does not match the state.", at: new Date("2026-03-02T12:00:00Z") });
    const second = await openOrAppendCase(a.scope, { shipmentId: s.shipmentId, type: "address_issue", rule: "address_check_overridden", reason: "Overridden again.", at: new Date("2026-03-02T13:00:00Z") });
    expect(first.opened).toBe(true);
    expect(second).toEqual({ caseId: first.caseId, opened: false });
    const c = await a.scope.selectFrom("cases").selectAll().where("id", "=", first.caseId).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ signal_count: 2, version: 1, severity: "high", state: "open" });
    expect(c.last_signal_at.toISOString()).toBe("2026-03-02T13:00:00.000Z");
    // Shop B cannot open a case on shop A's shipment.
    await expect(openOrAppendCase(b.scope, { shipmentId: s.shipmentId, type: "lost", rule: "x", reason: "x", at: new Date() })).rejects.toMatchObject({ status: 404 });
  });
});

// The periodic exception scan against the database: each time-driven rule, the geographic re-check,
// auto-resolution, signals appended once, expired labels, concurrent scans, and shop isolation.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { forShop } from "../../app/lib/tenancy.server";
import { scanShop } from "../../app/modules/exceptions/scan.server";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { createShipment } from "../fixtures/tracking";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;

const NOW = new Date("2026-03-10T15:00:00Z"); // Tuesday, 11:00 in New York
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);

beforeAll(async () => {
  handle = await openTestDatabase({ poolSize: 4 });
  a = await createTestShop(handle.db, "scan-a");
  b = await createTestShop(handle.db, "scan-b");
});
afterAll(() => handle?.close());

async function casesOf(shop: TestShop, shipmentId: number) {
  return shop.scope.selectFrom("cases").select(["id", "type", "rule", "state", "signal_count", "version", "auto_resolved", "resolution_note"]).where("shipment_id", "=", shipmentId).orderBy("type").execute();
}

async function moving(shop: TestShop, input: Parameters<typeof createShipment>[1]) {
  return createShipment(shop.scope, { status: "in_transit", shippedAt: hoursAgo(24 * 12), labelCreatedAt: hoursAgo(24 * 13), ...input });
}

describe(`exception scan on ${backend}`, () => {
  it("opens each time-driven case once, re-checks geography, resolves cleared cases, and expires dead labels", async () => {
    const delayed = await moving(a, { edd: "2026-03-06", lastScanAt: hoursAgo(10) });
    const onTime = await moving(a, { edd: "2026-03-10", lastScanAt: hoursAgo(10) });
    const stalled = await moving(a, { edd: "2026-03-20", lastScanAt: hoursAgo(80) });
    const notYetStalled = await moving(a, { edd: "2026-03-20", lastScanAt: hoursAgo(50) });
    const expedited = await moving(a, { service: "ups_2nd_day_air", edd: "2026-03-20", lastScanAt: hoursAgo(50) });
    const lost = await moving(a, { edd: "2026-03-30", lastScanAt: hoursAgo(24 * 11) });
    // Label Thursday 5 March 09:00 New York: 2 business days later is Monday 9 March 09:00.
    const notPickedUp = await createShipment(a.scope, { status: "info_received", labelCreatedAt: new Date("2026-03-05T14:00:00Z"), edd: "2026-03-20" });
    // Label Friday 12:00 New York: due Tuesday 12:00, an hour after NOW.
    const pickedUpSoon = await createShipment(a.scope, { status: "info_received", labelCreatedAt: new Date("2026-03-06T17:00:00Z"), edd: "2026-03-20" });
    const dead = await createShipment(a.scope, { status: "pending", labelCreatedAt: hoursAgo(24 * 31), edd: null });
    const delivered = await createShipment(a.scope, { status: "delivered", lastScanAt: hoursAgo(30), shippedAt: hoursAgo(100) });
    await a.scope.updateTable("shipments").set({ delivered_at: hoursAgo(30) }).where("id", "=", delivered.shipmentId).execute();
    await a.scope.insertInto("cases", { shipment_id: delivered.shipmentId, order_id: delivered.orderId, type: "stalled", severity: "medium", rule: "no_scan_for_hours", reason: "x", sla_due_at: NOW, carrier_code: "ups" }).execute();
    // A Texas parcel whose scans went Tennessee -> Oklahoma -> Ohio, stored without detection.
    const away = await moving(a, { edd: "2026-03-20", destRegion: "TX", lastScanAt: hoursAgo(1) });
    await a.scope.updateTable("shipments").set({ last_region: "OH", last_country: "US" }).where("id", "=", away.shipmentId).execute();
    const scans = [
      ["g1", hoursAgo(40), "Memphis", "TN"],
      ["g2", hoursAgo(20), "Oklahoma City", "OK"],
      ["g3", hoursAgo(1), "Columbus", "OH"],
    ] as const;
    await a.scope
      .insertInto(
        "tracking_events",
        scans.map(([id, at, city, region]) => ({
          shipment_id: away.shipmentId,
          carrier_code: "ups",
          event_id: id,
          tracking_number: away.trackingNumber,
          occurred_at: at,
          utc_offset: "-05:00",
          raw_code: "I:AR",
          city,
          region,
          country: "US",
          status: "in_transit" as const,
          substatus: "arrival_scan",
          mapping_rule: "ups:movement:AR",
          source: "file" as const,
        })),
      )
      .execute();
    const other = await moving(b, { edd: "2026-03-01", lastScanAt: hoursAgo(200) });

    const result = await scanShop(a.scope, { now: NOW, wait: true });
    expect(result.skipped).toBe(false);
    expect(result.opened).toEqual({ delayed: 1, stalled: 3, lost: 1, not_picked_up: 2, misrouted: 1 });
    expect(result.autoResolved).toBe(1);
    expect(result.expired).toBe(1);
    expect(result.updated).toBe(0);

    const types = async (s: { shipmentId: number }) => (await casesOf(a, s.shipmentId)).map((c) => `${c.type}:${c.state}`);
    expect(await types(delayed)).toEqual(["delayed:open"]);
    expect(await types(onTime)).toEqual([]);
    expect(await types(stalled)).toEqual(["stalled:open"]);
    expect(await types(notYetStalled)).toEqual([]);
    expect(await types(expedited)).toEqual(["stalled:open"]);
    expect(await types(lost)).toEqual(["lost:open", "stalled:open"]);
    expect(await types(notPickedUp)).toEqual(["not_picked_up:open"]);
    expect(await types(pickedUpSoon)).toEqual([]);
    expect(await types(dead)).toEqual(["not_picked_up:open"]);
    expect(await types(away)).toEqual(["misrouted:open"]);
    const resolved = (await casesOf(a, delivered.shipmentId))[0];
    expect(resolved).toMatchObject({ state: "resolved", auto_resolved: true, version: 2 });
    expect(resolved.resolution_note).toMatch(/^Auto-resolved: delivered on /);
    const deadRow = await a.scope.selectFrom("shipments").select("status").where("id", "=", dead.shipmentId).executeTakeFirstOrThrow();
    expect(deadRow.status).toBe("expired");
    const lostCase = (await casesOf(a, lost.shipmentId)).find((c) => c.type === "lost");
    expect(lostCase?.rule).toBe("stalled_for_days");
    // Shop B's parcels are not touched by shop A's scan.
    expect(await casesOf(b, other.shipmentId)).toEqual([]);
    // Each opened case has its first signal and an audit entry.
    const opened = await a.scope.selectFrom("cases").select("id").where("state", "=", "open").execute();
    const signals = await a.scope.selectFrom("case_signals").select("case_id").where("case_id", "in", opened.map((c) => c.id)).execute();
    expect(new Set(signals.map((s) => s.case_id)).size).toBe(opened.length);
    const audits = await a.scope.selectFrom("audit_log").select("case_id").where("action", "=", "case.opened").execute();
    expect(audits).toHaveLength(opened.length);

    // A second scan finds nothing new.
    const again = await scanShop(a.scope, { now: new Date(NOW.getTime() + 600_000), wait: true });
    expect(again).toMatchObject({ opened: {}, updated: 0, autoResolved: 0, expired: 0 });
  });

  it("appends a rule's signal to an open case once (not on every scan), without bumping the version", async () => {
    const s = await moving(a, { edd: "2026-03-06", lastScanAt: hoursAgo(3) });
    await a.scope
      .insertInto("cases", { shipment_id: s.shipmentId, order_id: s.orderId, type: "delayed", severity: "medium", rule: "carrier_delay_code", reason: "UPS 7W", sla_due_at: NOW, carrier_code: "ups" })
      .execute();
    const first = await scanShop(a.scope, { now: NOW, wait: true });
    expect(first.updated).toBe(1);
    expect(first.opened.delayed ?? 0).toBe(0);
    const second = await scanShop(a.scope, { now: NOW, wait: true });
    expect(second.updated).toBe(0);
    const [c] = await casesOf(a, s.shipmentId);
    expect(c).toMatchObject({ type: "delayed", signal_count: 2, version: 1, state: "open" });
  });

  it("two scans at the same time open each case once", async () => {
    const c = await createTestShop(handle.db, "scan-c");
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await moving(c, { edd: "2026-03-01", lastScanAt: hoursAgo(100 + i) })).shipmentId);
    const scope2 = forShop(handle.db, c.shop.id);
    const [r1, r2] = await Promise.all([scanShop(c.scope, { now: NOW, wait: true }), scanShop(scope2, { now: NOW, wait: true })]);
    const openedDelayed = (r1.opened.delayed ?? 0) + (r2.opened.delayed ?? 0);
    const openedStalled = (r1.opened.stalled ?? 0) + (r2.opened.stalled ?? 0);
    expect(openedDelayed).toBe(12);
    expect(openedStalled).toBe(12);
    const rows = await sql<{ n: number }>`select count(*)::int as n from cases where shop_id = ${c.shop.id}`.execute(handle.db);
    expect(rows.rows[0].n).toBe(24);
    // Without waiting, a scan that finds another one running steps aside.
    const [t1, t2] = await Promise.all([scanShop(c.scope, { now: NOW }), scanShop(scope2, { now: NOW })]);
    expect([t1, t2].every((r) => Object.keys(r.opened).length === 0)).toBe(true);
  });
});

// The carrier simulator on a few hundred labelled shipments: every status and every exception type
// appears, the same seed gives the same journeys, and events speak each carrier's real codes.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { seededRandom } from "../../app/lib/random";
import { simulateShop } from "../../app/modules/ingestion/simulator/simulate.server";
import { DEMO_CITIES, DEMO_INTERNATIONAL } from "../../db/seed/demo-data";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { createShipment } from "../fixtures/tracking";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let twin: TestShop;

const NOW = new Date("2026-03-20T16:00:00Z");
const SERVICES: [string, string][] = [
  ["ups", "ups_ground"],
  ["ups", "ups_ground"],
  ["ups", "ups_2nd_day_air"],
  ["fedex", "fedex_ground"],
  ["fedex", "fedex_home_delivery"],
  ["fedex", "fedex_2day"],
  ["usps", "usps_ground_advantage"],
  ["usps", "usps_ground_advantage"],
  ["usps", "usps_priority_mail"],
];

async function labelled(shop: TestShop, count: number) {
  const rng = seededRandom(7);
  for (let i = 0; i < count; i++) {
    const international = i % 25 === 0;
    const dest = international ? DEMO_INTERNATIONAL[i % DEMO_INTERNATIONAL.length] : rng.pick(DEMO_CITIES);
    const [carrier, service] = international ? ["dhl", "dhl_express_worldwide"] : SERVICES[i % SERVICES.length];
    await createShipment(shop.scope, {
      trackingNumber: `SIM${String(i).padStart(6, "0")}`,
      carrier,
      service,
      destCity: dest.city,
      destRegion: dest.region,
      destPostalCode: dest.postalCode,
      destCountry: dest.country,
      labelCreatedAt: NOW,
      edd: "2026-03-25",
    });
  }
}

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "sim-a");
  twin = await createTestShop(handle.db, "sim-twin");
  await labelled(a, 300);
  await labelled(twin, 300);
}, 240_000);
afterAll(() => handle?.close());

describe(`carrier simulator on ${backend}`, () => {
  it("produces every status and every exception type on a few hundred shipments", { timeout: 240_000 }, async () => {
    const result = await simulateShop(a.scope, { seed: 42, now: NOW, days: 14 });
    expect(result.shipments).toBe(300);
    expect(result.ingest.stored).toBe(result.events);
    expect(result.ingest.orphans).toBe(0);
    const statuses = Object.keys(result.statuses).sort();
    expect(statuses).toEqual(
      ["attempt_failed", "available_for_pickup", "delivered", "exception", "expired", "in_transit", "info_received", "out_for_delivery", "pending", "returned_to_sender", "voided"].sort(),
    );
    const types = await a.scope.selectFrom("cases").select("type").distinct().execute();
    expect(types.map((t) => t.type).sort()).toEqual(["address_issue", "damaged", "delayed", "failed_attempt", "lost", "misrouted", "not_picked_up", "returned_to_sender", "stalled"]);
    // Delivered parcels carry proof, the EDD original is kept while the current one moves.
    const delivered = await a.scope.selectFrom("shipments").select(["proof_type", "delivered_day", "ship_day", "edd_original", "edd_current"]).where("status", "=", "delivered").execute();
    expect(delivered.filter((d) => d.proof_type).length / delivered.length).toBeGreaterThan(0.7);
    expect(delivered.every((d) => d.delivered_day && d.ship_day && d.delivered_day >= d.ship_day)).toBe(true);
    // No unmapped codes: the simulator speaks the carriers' real codes.
    const unmapped = await a.scope.selectFrom("tracking_events").select(["carrier_code", "raw_code"]).where("unmapped", "=", true).execute();
    expect(unmapped).toEqual([]);
    // Nothing is in the future.
    const future = await a.scope.selectFrom("tracking_events").select("id").where("occurred_at", ">", NOW).execute();
    expect(future).toEqual([]);
    // Orders follow their parcels.
    const orders = await sql<{ status: string; n: number }>`
      select o.status, count(*)::int as n from orders o join shipments s on s.order_id = o.id and s.shop_id = o.shop_id
      where o.shop_id = ${a.shop.id} and s.status = 'delivered' group by o.status`.execute(handle.db);
    expect(orders.rows).toEqual([{ status: "delivered", n: delivered.length }]);
  });

  it("is deterministic for a seed", { timeout: 240_000 }, async () => {
    await simulateShop(twin.scope, { seed: 42, now: NOW, days: 14 });
    const eventsOf = async (shop: TestShop) =>
      (await shop.scope.selectFrom("tracking_events").select(["event_id", "raw_code", "occurred_at", "city"]).orderBy("event_id").execute()).map((e) => `${e.event_id}|${e.raw_code}|${e.occurred_at.toISOString()}|${e.city}`);
    const statusOf = async (shop: TestShop) => (await shop.scope.selectFrom("shipments").select(["tracking_number", "status"]).orderBy("tracking_number").execute()).map((s) => `${s.tracking_number}:${s.status}`);
    expect(await eventsOf(twin)).toEqual(await eventsOf(a));
    expect(await statusOf(twin)).toEqual(await statusOf(a));
    // A second run finds nothing left to play (nothing pending with a journey... only the ones still pending).
    const again = await simulateShop(twin.scope, { seed: 42, now: NOW, days: 14, noScan: true });
    expect(again.ingest.stored).toBe(0);
  });
});

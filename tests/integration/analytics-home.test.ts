// The home page's summary strip on hand-built data: "today" is Wednesday 2026-06-03 in New York.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { homeSummary } from "../../app/modules/analytics/home-summary.server";
import { addCase, addParcel } from "../fixtures/analytics";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

const TZ = "America/New_York";
const NOW = new Date("2026-06-03T15:00:00Z"); // 11:00 in New York
let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;

async function order(shop: TestShop, externalId: string, status: "to_ship" | "cancelled", shipDate: string | null) {
  await shop.scope
    .insertInto("orders", {
      external_id: externalId,
      source: "generic",
      status,
      buyer_name: "Buyer",
      address1: "1 Main St",
      city: "Austin",
      region: "TX",
      postal_code: "78701",
      country: "US",
      content_hash: "x",
      ship_date: shipDate,
    })
    .execute();
}

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "home-a");
  b = await createTestShop(handle.db, "home-b");
  await order(a, "A-1", "to_ship", "2026-06-02"); // overdue to ship
  await order(a, "A-2", "to_ship", "2026-06-03"); // due today
  await order(a, "A-3", "to_ship", "2026-06-05");
  await order(a, "A-4", "to_ship", null); // not assigned yet
  await order(a, "A-5", "cancelled", "2026-06-01");

  // Labels: 00:30 and 23:59 New York time on June 3 count; 23:30 on June 2 does not; a voided one does not.
  await addParcel(a.scope, "L1", { carrier: "ups", status: "in_transit", labelCreatedAt: "2026-06-03T04:30:00Z", shippedAt: "2026-06-03T14:00:00Z" });
  await addParcel(a.scope, "L2", { carrier: "ups", status: "pending", labelCreatedAt: "2026-06-04T03:59:00Z", shippedAt: "2026-06-04T03:59:30Z" });
  await addParcel(a.scope, "L3", { carrier: "ups", status: "delivered", deliveredDay: "2026-06-02", labelCreatedAt: "2026-06-03T03:30:00Z", shippedAt: "2026-05-29T14:00:00Z" });
  await addParcel(a.scope, "L4", { carrier: "ups", status: "voided", labelCreatedAt: "2026-06-03T14:00:00Z", shippedAt: "2026-06-03T14:10:00Z" });
  // The last 7 days (May 28 .. June 3): L1 and L2 (23:59:30 on June 3 in New York) in flight, L3
  // delivered, plus these; R1 shipped May 27 is outside.
  await addParcel(a.scope, "D1", { carrier: "usps", status: "delivered", deliveredDay: "2026-06-01", shippedAt: "2026-05-28T14:00:00Z", labelCreatedAt: "2026-05-28T12:00:00Z" });
  const returned = await addParcel(a.scope, "R0", { carrier: "usps", status: "returned_to_sender", shippedAt: "2026-05-30T14:00:00Z", labelCreatedAt: "2026-05-30T12:00:00Z" });
  await addParcel(a.scope, "R1", { carrier: "usps", status: "delivered", deliveredDay: "2026-05-29", shippedAt: "2026-05-27T14:00:00Z", labelCreatedAt: "2026-05-27T12:00:00Z" });

  await addCase(a.scope, returned, "returned_to_sender", "2026-06-01T12:00:00Z", undefined, "2026-06-02T12:00:00Z"); // overdue
  await addCase(a.scope, returned, "address_issue", "2026-06-03T12:00:00Z", undefined, "2026-06-04T12:00:00Z"); // open, not due
  await addCase(a.scope, returned, "delayed", "2026-05-31T12:00:00Z", "2026-06-01T12:00:00Z", "2026-06-01T00:00:00Z"); // resolved late: neither

  // Shop B has work of its own that must not show in A.
  await order(b, "B-1", "to_ship", "2026-06-01");
  const bParcel = await addParcel(b.scope, "B1", { carrier: "ups", status: "returned_to_sender", labelCreatedAt: "2026-06-03T14:00:00Z", shippedAt: "2026-06-01T14:00:00Z" });
  await addCase(b.scope, bParcel, "damaged", "2026-06-02T12:00:00Z", undefined, "2026-06-02T13:00:00Z");
});
afterAll(() => handle?.close());

describe(`home summary strip on ${backend}`, () => {
  it("counts today's work in the shop's time zone", async () => {
    const s = await homeSummary(a.scope, { timeZone: TZ, now: NOW });
    expect(s).toMatchObject({
      today: "2026-06-03",
      toShip: 4, // A-1..A-4; cancelled A-5 and the shipped parcels' orders do not count
      dueToday: 2, // A-1 (June 2) and A-2 (June 3)
      labelsToday: 2, // L1 (00:30) and L2 (23:59); L3 was 23:30 the day before, L4 is voided
      openCases: 2,
      overdueCases: 1,
    });
  });

  it("gives the 7-day delivery-confirmation rate, in-flight parcels left out", async () => {
    const { lastSevenDays } = await homeSummary(a.scope, { timeZone: TZ, now: NOW });
    // Shipped May 28 .. June 3: L1, L2 (in flight), L3, D1 (delivered), R0 (returned): 2 / (5 - 2).
    expect(lastSevenDays).toMatchObject({ shipped: 5, delivered: 2, inFlight: 2, notDelivered: 1, deliveryConfirmationRate: 0.6667 });
  });

  it("never counts shop B's orders, labels or cases in A (and the other way round)", async () => {
    const s = await homeSummary(b.scope, { timeZone: TZ, now: NOW });
    expect(s).toMatchObject({ toShip: 1, dueToday: 1, labelsToday: 1, openCases: 1, overdueCases: 1 });
    expect(s.lastSevenDays).toMatchObject({ shipped: 1, delivered: 0, deliveryConfirmationRate: 0 });
  });
});

// The orders table on a real database: keyset pagination (newest first), search by order id, buyer
// name and tracking number, the filters, "all matching" for bulk actions, the order page's data,
// and tenancy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { importOrdersFromFile } from "../../app/modules/imports/run.server";
import { getOrderDetail } from "../../app/modules/orders/detail.server";
import type { OrderFilters } from "../../app/modules/orders/filters";
import { carrierOptions, countOrders, listOrders, matchingOrderIds } from "../../app/modules/orders/orders.server";
import { fixture, genericCsv, genericOrders, tempDir, writeCsv } from "../fixtures/imports";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let genericBatch: number;
const tz = "America/New_York";

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "ord-alpha");
  b = await createTestShop(handle.db, "ord-bravo");
  const file = writeCsv(tempDir(), "many.csv", genericCsv(genericOrders(120, { prefix: "GEN" })));
  genericBatch = (await importOrdersFromFile(a.scope, { path: file, actorUserId: null })).batchId!;
  await importOrdersFromFile(a.scope, { path: fixture("tiktok-small.csv"), actorUserId: null });
  await importOrdersFromFile(b.scope, { path: fixture("tiktok-small.csv"), actorUserId: null });
});
afterAll(() => handle?.close());

const ids = async (shop: TestShop, filters: OrderFilters) => (await listOrders(shop.scope, filters, { timeZone: tz, limit: 500 })).orders.map((o) => o.externalId).sort();

describe(`orders on ${backend}`, () => {
  it("pages newest first by keyset, forwards and back, without gaps or repeats", async () => {
    const seen: number[] = [];
    let page = await listOrders(a.scope, {}, { timeZone: tz, limit: 50 });
    const firstPage = page.orders.map((o) => o.id);
    expect(page.newerCursor).toBeNull();
    for (;;) {
      seen.push(...page.orders.map((o) => o.id));
      if (!page.olderCursor) break;
      page = await listOrders(a.scope, {}, { timeZone: tz, limit: 50, after: page.olderCursor });
    }
    expect(seen).toHaveLength(127);
    expect(new Set(seen).size).toBe(127);
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);
    // Back from the second page lands exactly on the first.
    const second = await listOrders(a.scope, {}, { timeZone: tz, limit: 50, after: firstPage[49] });
    expect(second.newerCursor).toBe(second.orders[0].id);
    const back = await listOrders(a.scope, {}, { timeZone: tz, limit: 50, before: second.newerCursor! });
    expect(back.orders.map((o) => o.id)).toEqual(firstPage);
    expect(back.newerCursor).toBeNull();
    expect(await countOrders(a.scope, {}, tz)).toBe(127);
  });

  it("shows each order's items, destination, carrier and tracking number", async () => {
    const { orders } = await listOrders(a.scope, { q: "T-1003" }, { timeZone: tz });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      externalId: "T-1003",
      buyerName: "Ava Smith",
      city: "Austin",
      region: "TX",
      country: "US",
      items: 3,
      itemsSummary: "3 × LED strip lights 5m",
      totalCents: 5850,
      status: "shipped",
      carrierCode: "ups",
      trackingNumber: "1Z999AA10123456784",
      addressProblems: null,
    });
  });

  it("searches by order id, by any word of the buyer's name, and by tracking number", async () => {
    expect(await ids(a, { q: "T-1001" })).toEqual(["T-1001"]);
    expect(await ids(a, { q: "T-100" })).toEqual(["T-1001", "T-1002", "T-1003", "T-1004", "T-1005", "T-1006", "T-1007"]);
    expect(await ids(a, { q: "garcía" })).toEqual(["T-1001"]);
    expect(await ids(a, { q: "OLIVIA" })).toEqual(["T-1001"]);
    expect(await ids(a, { q: "buyer 7" })).toEqual(["GEN-0007", "GEN-0070", "GEN-0071", "GEN-0072", "GEN-0073", "GEN-0074", "GEN-0075", "GEN-0076", "GEN-0077", "GEN-0078", "GEN-0079"]);
    // Tracking numbers match however they are typed.
    expect(await ids(a, { q: "1z999aa1 0123456784" })).toEqual(["T-1003", "T-1007"]);
    // LIKE wildcards are only characters.
    expect(await ids(a, { q: "T-10%" })).toEqual([]);
    expect(await ids(a, { q: "nobody at all" })).toEqual([]);
  });

  it("filters by status, import batch, carrier and placed date", async () => {
    expect(await ids(a, { status: "shipped" })).toEqual(["T-1003", "T-1006", "T-1007"]);
    expect(await ids(a, { status: "delivered" })).toEqual(["T-1004"]);
    expect(await ids(a, { status: "cancelled" })).toEqual(["T-1005"]);
    expect((await ids(a, { batch: genericBatch })).length).toBe(120);
    expect(await ids(a, { carrier: "ups" })).toEqual(["T-1003", "T-1006"]);
    expect(await ids(a, { carrier: "fedex" })).toEqual(["T-1004", "T-1007"]);
    // Placed 2026-11-05 in New York: T-1003 (11:06), T-1006 and T-1007 (10:00), and GEN orders of the 5th.
    const fifth = await ids(a, { from: "2026-11-05", to: "2026-11-05" });
    expect(fifth.filter((id) => id.startsWith("T-"))).toEqual(["T-1003", "T-1006", "T-1007"]);
    expect(fifth.filter((id) => id.startsWith("GEN-"))).toEqual(["GEN-0004", "GEN-0032", "GEN-0060", "GEN-0088", "GEN-0116"]);
    expect(await ids(a, { status: "shipped", carrier: "ups", q: "zoë" })).toEqual(["T-1006"]);
    expect(await carrierOptions(a.scope)).toEqual(["fedex", "ups"]);
  });

  it("resolves 'all matching the filters' for bulk actions, leaving cancelled orders out on request", async () => {
    const all = await matchingOrderIds(a.scope, { q: "T-" }, { timeZone: tz, limit: 100 });
    expect(all.ids).toHaveLength(7);
    expect(all.more).toBe(false);
    const live = await matchingOrderIds(a.scope, { q: "T-" }, { timeZone: tz, limit: 100, excludeCancelled: true });
    expect(live.ids).toHaveLength(6);
    const capped = await matchingOrderIds(a.scope, {}, { timeZone: tz, limit: 10 });
    expect(capped).toMatchObject({ more: true });
    expect(capped.ids).toHaveLength(10);
  });

  it("gives the order page its items, shipments and import", async () => {
    const [row] = (await listOrders(a.scope, { q: "T-1004" }, { timeZone: tz })).orders;
    const detail = await getOrderDetail(a.scope, row.id);
    expect(detail.order).toMatchObject({ external_id: "T-1004", status: "delivered", importFileName: "tiktok-small.csv" });
    expect(detail.items.map((i) => i.sku)).toEqual(["SKU-E"]);
    expect(detail.shipments.map((s) => [s.carrier_code, s.tracking_number, s.status, s.imported])).toEqual([["fedex", "700000042429", "delivered", true]]);
  });

  it("keeps shops apart: lists, counts, searches and order pages", async () => {
    const [aOrder] = (await listOrders(a.scope, { q: "T-1001" }, { timeZone: tz })).orders;
    await expect(getOrderDetail(b.scope, aOrder.id)).rejects.toMatchObject({ status: 404, message: "That order was not found." });
    expect(await countOrders(b.scope, {}, tz)).toBe(7);
    expect(await ids(b, { q: "GEN-" })).toEqual([]);
    expect(await ids(b, { batch: genericBatch })).toEqual([]);
    const [bOrder] = (await listOrders(b.scope, { q: "T-1001" }, { timeZone: tz })).orders;
    expect(bOrder.id).not.toBe(aOrder.id);
    expect((await matchingOrderIds(b.scope, {}, { timeZone: tz, limit: 1000 })).ids).not.toContain(aOrder.id);
  });
});

// Importing files end to end on a real database: each preset (own fixtures and the shared samples),
// line numbers through multi-line quoted fields, shipped/delivered/cancelled orders, re-import
// idempotency, a changed row updating one order with its change recorded, dry runs, the error
// report, saved templates, unusable files, and tenancy.
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { getBatch, listBatches } from "../../app/modules/imports/batches.server";
import { presetMapping, PRESETS } from "../../app/modules/imports/presets";
import { errorReport, listIssues } from "../../app/modules/imports/report.server";
import { importOrdersFromFile } from "../../app/modules/imports/run.server";
import { findTemplate, listTemplates, saveTemplate } from "../../app/modules/imports/templates.server";
import { fixture, genericCsv, sample, tempDir, writeCsv } from "../fixtures/imports";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
const dir = tempDir();

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "imp-alpha");
  b = await createTestShop(handle.db, "imp-bravo");
});
afterAll(() => handle?.close());

const orderByExternal = (shop: TestShop, externalId: string) =>
  shop.scope.selectFrom("orders").selectAll().where("external_id", "=", externalId).executeTakeFirstOrThrow();
const itemsOf = (shop: TestShop, orderId: number) =>
  shop.scope.selectFrom("order_items").selectAll().where("order_id", "=", orderId).orderBy("line_no").execute();
const shipmentsOf = (shop: TestShop, orderId: number) => shop.scope.selectFrom("shipments").selectAll().where("order_id", "=", orderId).execute();
const countRows = async (shop: TestShop, table: "orders" | "order_items" | "shipments" | "import_batches" | "audit_log") =>
  Number((await shop.scope.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow()).n);

describe(`imports on ${backend}`, () => {
  let tiktokBatch: number;

  it("imports the TikTok fixture: groups rows, keeps good orders, rejects bad ones with their lines", async () => {
    const s = await importOrdersFromFile(a.scope, { path: fixture("tiktok-small.csv"), actorUserId: a.users.fulfilment.id });
    tiktokBatch = s.batchId!;
    expect(s).toMatchObject({ preset: "tiktok", records: 12, orders: { created: 7, updated: 0, unchanged: 0, rejected: 2 } });
    // The record on line 4 spans two physical lines (a quoted address with a line break), so the
    // rows after it start on the lines a text editor shows.
    expect(s.errors).toEqual([
      { line: 11, column: "Quantity", code: "quantity_invalid", message: 'Quantity "0" is not a positive whole number.' },
      { line: 12, column: "Country", code: "required", message: "Country is missing." },
      { line: 13, column: null, code: "order_rejected", message: "Not imported because other rows of order T-1008 have errors (lines 11, 12)." },
      { line: 14, column: "Zipcode", code: "postal_code_invalid", message: expect.stringContaining('Postal code "1234" is not a valid US postal code') },
      { line: 14, column: "State", code: "state_invalid", message: 'State "Narnia" is not a US state code or name.' },
    ]);
    const warnings = await listIssues(a.scope, tiktokBatch, { severity: "warning" });
    expect(warnings.map((w) => [w.line, w.column, w.code, w.externalId])).toEqual([
      [9, "Tracking ID", "tracking_invalid", "T-1006"],
      [10, "Tracking ID", "carrier_mismatch", "T-1007"],
    ]);
    const batch = await getBatch(a.scope, tiktokBatch);
    expect(batch).toMatchObject({ status: "completed", records: 12, created: 7, rejected: 2, errors: 5, warnings: 2, fileName: "tiktok-small.csv", preset: "tiktok" });
  });

  it("stores orders with units converted, masked phones unknown, and dates in the shop's time zone", async () => {
    const o = await orderByExternal(a, "T-1001");
    expect(o).toMatchObject({
      source: "tiktok",
      status: "to_ship",
      marketplace_status: "To ship",
      buyer_name: "Olivia García-Pérez",
      buyer_phone: null,
      address2: "Unit 12, Building C",
      region: "MA",
      postal_code: "02108",
      country: "US",
      total_cents: 3749,
      weight_grams: 580,
      import_batch_id: tiktokBatch,
    });
    // "11/03/2026 19:00:58<TAB>" in New York (EST) is 00:00:58 UTC the next day.
    expect(new Date(o.placed_at!).toISOString()).toBe("2026-11-04T00:00:58.000Z");
    const items = await itemsOf(a, o.id);
    expect(items.map((i) => [i.line_no, i.sku, i.product_name, i.variation, i.quantity, i.unit_price_cents, i.weight_grams])).toEqual([
      [1, "SKU-A", "Tumbler 40oz", "Sage", 2, 1250, 520],
      [2, "SKU-B", "Phone case, clear", "Clear / iPhone 16", 1, 1249, 60],
    ]);
    const multi = await orderByExternal(a, "T-1002");
    expect(multi.address2).toBe("Apt 5\nRing bell twice");
    expect(multi.buyer_name).toBe('Noah "Nate" Brown');
    // Stored as text; only exports neutralize it.
    expect(multi.buyer_message).toBe('=HYPERLINK("http://example.invalid","click")');
    expect(multi.service_level).toBe("expedited");
  });

  it("imports orders with a tracking number and carrier as shipped, with an imported shipment", async () => {
    const shipped = await orderByExternal(a, "T-1003");
    expect(shipped.status).toBe("shipped");
    const [s] = await shipmentsOf(a, shipped.id);
    expect(s).toMatchObject({ carrier_code: "ups", tracking_number: "1Z999AA10123456784", status: "in_transit", imported: true, ship_day: "2026-11-06", delivered_at: null, dest_country: "US", dest_region: "TX" });
    expect(new Date(s.shipped_at!).toISOString()).toBe("2026-11-06T14:00:00.000Z");

    const delivered = await orderByExternal(a, "T-1004");
    expect(delivered.status).toBe("delivered");
    const [d] = await shipmentsOf(a, delivered.id);
    expect(d).toMatchObject({ carrier_code: "fedex", status: "delivered", imported: true, ship_day: "2026-11-02", delivered_day: "2026-11-04" });

    const cancelled = await orderByExternal(a, "T-1005");
    expect(cancelled.status).toBe("cancelled");
    expect(await shipmentsOf(a, cancelled.id)).toEqual([]);

    // An invalid number still ships with the named carrier (the warning says why to look at it);
    // a contradicting carrier name is kept, flagged.
    expect((await shipmentsOf(a, (await orderByExternal(a, "T-1006")).id))[0]).toMatchObject({ carrier_code: "ups", tracking_number: "1Z999AA10123456785" });
    expect((await shipmentsOf(a, (await orderByExternal(a, "T-1007")).id))[0]).toMatchObject({ carrier_code: "fedex" });
  });

  it("imports the Shopify fixture: continuation rows, Excel's apostrophe ZIPs, cancelled orders, other countries", async () => {
    const s = await importOrdersFromFile(a.scope, { path: fixture("shopify-small.csv"), actorUserId: null });
    expect(s).toMatchObject({ preset: "shopify", records: 6, orders: { created: 5, rejected: 0 }, errors: [] });
    const o1 = await orderByExternal(a, "#1001");
    expect(o1).toMatchObject({ postal_code: "01103", buyer_email: "ava@example.com", buyer_phone: "+1 555 010 0000", total_cents: 4799 });
    expect(new Date(o1.placed_at!).toISOString()).toBe("2026-11-10T15:00:00.000Z");
    const o2 = await orderByExternal(a, "#1002");
    expect(o2).toMatchObject({ service_level: "expedited", buyer_message: "Leave at door", address2: "Apt 2" });
    expect((await itemsOf(a, o2.id)).map((i) => [i.product_name, i.quantity, i.unit_price_cents])).toEqual([
      ["LED strip 5m", 2, 1950],
      ["Yoga mat", 1, 2900],
    ]);
    expect(await orderByExternal(a, "#1003")).toMatchObject({ country: "CA", postal_code: "M5V 3L9", currency: "CAD", service_level: "economy" });
    expect(await orderByExternal(a, "#1004")).toMatchObject({ status: "cancelled" });
    expect(await orderByExternal(a, "#1005")).toMatchObject({ country: "GB", postal_code: "SW1A 2AA", currency: "GBP" });
  });

  it("imports the generic template fixture, with ISO dates, ZIP+4 and state names", async () => {
    const s = await importOrdersFromFile(a.scope, { path: fixture("generic-small.csv"), actorUserId: null });
    expect(s).toMatchObject({ preset: "generic", orders: { created: 3, rejected: 0 }, errors: [] });
    const g2 = await orderByExternal(a, "G-2");
    expect(g2).toMatchObject({ status: "shipped", region: "TX", postal_code: "73301-1234", source: "csv" });
    expect((await shipmentsOf(a, g2.id))[0]).toMatchObject({ carrier_code: "usps", ship_day: "2026-11-05" });
    expect((await itemsOf(a, (await orderByExternal(a, "G-1")).id))).toHaveLength(2);
  });

  it("imports the shared TikTok sample (messy on purpose) with the right lines", async ({ skip }) => {
    const file = sample("tiktok-orders-export.csv");
    if (!file) return skip("../shared/samples is not in this checkout");
    const s = await importOrdersFromFile(b.scope, { path: file, actorUserId: null });
    expect(s.preset).toBe("tiktok");
    expect(s.orders).toMatchObject({ created: 37, rejected: 3 });
    expect(s.errors.map((e) => [e.line, e.code])).toEqual([
      [36, "quantity_invalid"],
      [37, "quantity_invalid"],
      [38, "required"],
      [39, "quantity_invalid"],
      [49, "required"],
      [55, "required"],
      [56, "order_rejected"],
    ]);
    // The formula-looking buyer message of the rejected order comes back neutralized in the report.
    const report = await errorReport(b.scope, s.batchId!);
    const text = await new Response(report.body).text();
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")"`);
    expect(text).not.toMatch(/,"=HYPERLINK/);
  });

  it("imports the shared Shopify sample", async ({ skip }) => {
    const file = sample("shopify-orders-export.csv");
    if (!file) return skip("../shared/samples is not in this checkout");
    const s = await importOrdersFromFile(b.scope, { path: file, actorUserId: null });
    expect(s).toMatchObject({ preset: "shopify", records: 24, orders: { created: 12, rejected: 0 }, errors: [] });
    expect((await orderByExternal(b, "#1005")).postal_code).toBe("01103");
  });

  it("changes nothing when the same file is imported again", async () => {
    const snapshot = async () =>
      JSON.stringify(await a.scope.selectFrom("orders").selectAll().orderBy("id").execute()) +
      JSON.stringify(await a.scope.selectFrom("order_items").selectAll().orderBy("id").execute()) +
      JSON.stringify(await a.scope.selectFrom("shipments").selectAll().orderBy("id").execute());
    const before = await snapshot();
    const audits = await countRows(a, "audit_log");
    const s = await importOrdersFromFile(a.scope, { path: fixture("tiktok-small.csv"), actorUserId: null });
    expect(s.orders).toEqual({ created: 0, updated: 0, unchanged: 7, rejected: 2 });
    expect(s.batchId).not.toBe(tiktokBatch);
    expect(await snapshot()).toBe(before);
    // Only the new batch's own start/finish entries, nothing about orders.
    const entries = await a.scope.selectFrom("audit_log").select("action").orderBy("id", "desc").limit((await countRows(a, "audit_log")) - audits).execute();
    expect(entries.map((e) => e.action).sort()).toEqual(["import.completed", "import.started"]);
  });

  it("updates exactly the order whose rows changed, and records what changed", async () => {
    const changed = readFileSync(fixture("tiktok-small.csv"), "utf8")
      .replace("T-1001,To ship,SKU-A,Tumbler 40oz,Sage,2,", "T-1001,To ship,SKU-A,Tumbler 40oz,Sage,3,")
      .replaceAll("02108,United States,Massachusetts,Boston", "02109,United States,Massachusetts,Boston");
    const file = writeCsv(dir, "tiktok-changed.csv", changed);
    const other = await orderByExternal(a, "T-1003");
    const s = await importOrdersFromFile(a.scope, { path: file, actorUserId: a.users.owner.id });
    expect(s.orders).toEqual({ created: 0, updated: 1, unchanged: 6, rejected: 2 });
    const o = await orderByExternal(a, "T-1001");
    expect(o.postal_code).toBe("02109");
    expect(o.import_batch_id).toBe(s.batchId);
    expect((await itemsOf(a, o.id)).map((i) => i.quantity)).toEqual([3, 1]);
    expect(await orderByExternal(a, "T-1003")).toEqual(other);
    const history = await a.scope.selectFrom("audit_log").selectAll().where("order_id", "=", o.id).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "order.updated_by_import", actor_user_id: a.users.owner.id });
    const details = history[0].details as { summary: string; changes: Record<string, { from: unknown; to: unknown }> };
    expect(details.summary).toBe("Re-import of tiktok-changed.csv changed the postal code and items.");
    expect(details.changes.postalCode).toEqual({ from: "02108", to: "02109" });
  });

  it("a dry run validates and reports without writing anything", async () => {
    const orders = await countRows(a, "orders");
    const batches = await countRows(a, "import_batches");
    const file = writeCsv(dir, "dry.csv", genericCsv([{ order_id: "DRY-1", recipient: "X", address1: "1 St", city: "Austin", state: "TX", postal_code: "78701", country: "US", sku: "S", quantity: 1 }, { order_id: "DRY-2", quantity: "0" }]));
    const s = await importOrdersFromFile(a.scope, { path: file, actorUserId: null, dryRun: true });
    expect(s.batchId).toBeNull();
    expect(s.orders).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(s.errors.map((e) => e.code)).toContain("quantity_invalid");
    expect(await countRows(a, "orders")).toBe(orders);
    expect(await countRows(a, "import_batches")).toBe(batches);
  });

  it("writes a formula-safe error report: each bad row as it was, after what was wrong", async () => {
    const file = writeCsv(
      dir,
      "report.csv",
      genericCsv([
        { order_id: "R-1", recipient: "=cmd|' /C calc'!A0", address1: "+1 Main St", city: "@Austin", state: "TX", postal_code: "787", country: "US", sku: "-SKU", quantity: 1, buyer_message: "line one\nline two" },
      ]),
    );
    const s = await importOrdersFromFile(a.scope, { path: file, actorUserId: null });
    const report = await errorReport(a.scope, s.batchId!);
    expect(report.fileName).toBe(`report-import-${s.batchId}-errors.csv`);
    const bytes = new Uint8Array(await new Response(report.body).arrayBuffer());
    // A UTF-8 byte-order mark, so spreadsheets read accents right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Line,Severity,Problem column,Code,Problem,order_id,status,placed_at,cancelled_at,recipient,email,phone,address1,address2,city,state,postal_code,country,sku,product_name,variation,quantity,unit_price,weight_kg,order_total,currency,shipping_method,buyer_message,tracking_number,carrier,shipped_at,delivered_at");
    expect(lines[1]).toContain(`2,error,postal_code,postal_code_invalid,`);
    // Every cell a spreadsheet would run is prefixed with a quote (and quoted, as papaparse writes it).
    expect(lines[1]).toContain(`,"'=cmd|' /C calc'!A0",`);
    expect(lines[1]).toContain(`,"'+1 Main St",`);
    expect(lines[1]).toContain(`,"'@Austin",`);
    expect(lines[1]).toContain(`,"'-SKU",`);
    expect(text).toContain(`"line one\nline two"`);
  });

  it("saves a column mapping as a named template and imports with it", async () => {
    const header = ["Order Number", "Ship To", "Street", "Town", "Region", "Zip", "Nation", "Item", "Qty", "When"];
    const file = writeCsv(dir, "own.csv", `${header.join(",")}\nOWN-1,Jane Doe,1 Main St,Austin,TX,78701,US,Mug,2,25/12/2026 10:00\n`);
    const auto = importOrdersFromFile(a.scope, { path: file, actorUserId: null });
    await expect(auto).rejects.toThrow(/is not a TikTok Shop, Shopify or generic-template export we recognise/);
    const mapping = {
      columns: { orderId: "Order Number", buyerName: "Ship To", address1: "Street", city: "Town", region: "Region", postalCode: "Zip", country: "Nation", productName: "Item", quantity: "Qty", placedAt: "When" },
      dateOrder: "dmy" as const,
      weightUnit: "kg" as const,
    };
    const saved = await saveTemplate(a.scope, { name: "Own export", mapping, actorUserId: a.users.owner.id });
    expect((await listTemplates(a.scope)).map((t) => t.name)).toEqual(["Own export"]);
    const s = await importOrdersFromFile(a.scope, { path: file, templateId: saved.id, actorUserId: null });
    expect(s).toMatchObject({ preset: "template:Own export", orders: { created: 1 }, errors: [] });
    expect(new Date((await orderByExternal(a, "OWN-1")).placed_at!).toISOString()).toBe("2026-12-25T15:00:00.000Z");
    // Another shop neither sees nor uses it.
    expect(await listTemplates(b.scope)).toEqual([]);
    await expect(findTemplate(b.scope, saved.id)).rejects.toMatchObject({ status: 404 });
    await expect(saveTemplate(a.scope, { name: "Incomplete", mapping: { ...mapping, columns: { orderId: "Order Number" } }, actorUserId: null })).rejects.toThrow(/Map every required field/);
  });

  it.each([
    ["empty.csv", "", /is empty/],
    ["binary.csv", "PK\u0003\u0004binary", /is not a CSV file/],
    ["one-column.csv", "just one column\nvalue\n", /does not look like a CSV file/],
  ])("refuses an unusable file (%s) before creating a batch", async (name, content, message) => {
    const batches = await countRows(a, "import_batches");
    await expect(importOrdersFromFile(a.scope, { path: writeCsv(dir, name, content), actorUserId: null })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(message) });
    await expect(importOrdersFromFile(a.scope, { path: `${dir}/missing.csv`, actorUserId: null })).rejects.toThrow(/No file at/);
    expect(await countRows(a, "import_batches")).toBe(batches);
  });

  it("refuses a preset whose columns the file lacks, naming them", async () => {
    await expect(importOrdersFromFile(a.scope, { path: fixture("shopify-small.csv"), preset: "tiktok", actorUserId: null })).rejects.toThrow(
      "shopify-small.csv does not have the columns the TikTok Shop preset needs: Order ID, Recipient, Address line 1, City, Postal code, Country, Quantity, SKU or product name.",
    );
    expect(presetMapping(PRESETS.tiktok, ["Order ID"]).columns).toEqual({ orderId: "Order ID" });
  });

  it("keeps each shop's batches, reports and orders to itself; the same marketplace id may exist in both", async () => {
    await expect(getBatch(b.scope, tiktokBatch)).rejects.toMatchObject({ status: 404 });
    await expect(errorReport(b.scope, tiktokBatch)).rejects.toMatchObject({ status: 404 });
    expect((await listBatches(b.scope)).batches.map((x) => x.id)).not.toContain(tiktokBatch);
    expect(await listIssues(b.scope, tiktokBatch)).toEqual([]);
    const s = await importOrdersFromFile(b.scope, { path: fixture("tiktok-small.csv"), actorUserId: b.users.owner.id });
    // Shop A already has T-1001..T-1007; shop B gets its own.
    expect(s.orders.created).toBe(7);
    const inA = await orderByExternal(a, "T-1001");
    const inB = await orderByExternal(b, "T-1001");
    expect(inA.id).not.toBe(inB.id);
    expect(inA.postal_code).toBe("02109");
    expect(inB.postal_code).toBe("02108");
  });
});

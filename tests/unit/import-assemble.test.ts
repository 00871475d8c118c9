// Grouping rows into orders: all-or-nothing per order, continuation rows, statuses from the file,
// tracking-number warnings, rows that come back after their order was written, and the record
// number that says what is committed. Also the pure helpers the writer relies on.
import { describe, expect, it } from "vitest";
import { type Completed, OrderAssembler, WINDOW_RECORDS } from "../../app/modules/imports/assemble";
import { describeChanges, snapshotOf } from "../../app/modules/imports/changes";
import { OrderIdSet, fingerprint } from "../../app/modules/imports/id-set";
import { columnIndexes, GENERIC_COLUMNS, PRESETS, presetMapping } from "../../app/modules/imports/presets";
import { rowSchemas } from "../../app/modules/imports/rows";
import { contentHash, importedStatus } from "../../app/modules/imports/content";

const mapping = presetMapping(PRESETS.generic, GENERIC_COLUMNS);
const indexes = columnIndexes(mapping, GENERIC_COLUMNS);
const schemas = rowSchemas({ dateOrder: "mdy", weightUnit: "kg", timeZone: "America/New_York" });

type Row = Partial<Record<(typeof GENERIC_COLUMNS)[number], string>>;
const base: Row = {
  order_id: "A",
  status: "To ship",
  placed_at: "2026-11-03 10:00:00",
  recipient: "Ava Smith",
  address1: "12 Main St",
  city: "Springfield",
  state: "MA",
  postal_code: "01103",
  country: "US",
  sku: "SKU-1",
  quantity: "1",
  unit_price: "10.00",
  weight_kg: "0.5",
};
const cells = (r: Row) => GENERIC_COLUMNS.map((c) => r[c] ?? "");

function assemble(rows: Row[], continuationRows = true): Completed & { all: Completed[] } {
  const a = new OrderAssembler({ mapping, indexes, schemas, continuationRows });
  rows.forEach((r, i) => a.add(i + 2, cells(r)));
  const done = a.take(true);
  return { ...done, all: [done] };
}

describe("grouping rows into orders", () => {
  it("makes one order per marketplace id, its items being its rows", () => {
    const out = assemble([
      { ...base, order_id: "A", sku: "S1", quantity: "2" },
      { order_id: "A", sku: "S2", quantity: "1", unit_price: "5.00", weight_kg: "0.25" },
      { ...base, order_id: "B" },
    ]);
    expect(out.orders.map((o) => o.externalId)).toEqual(["A", "B"]);
    const a = out.orders[0];
    expect(a.items.map((i) => [i.sku, i.quantity])).toEqual([
      ["S1", 2],
      ["S2", 1],
    ]);
    // No order total in the file: the items' total; weight: the rows' weights.
    expect(a.totalCents).toBe(2500);
    expect(a.weightGrams).toBe(750);
    expect(a.firstLine).toBe(2);
    expect(out.issues).toEqual([]);
  });

  it("imports an order only if every row is valid, and reports every row of a rejected order", () => {
    const out = assemble([
      { ...base, order_id: "A", quantity: "0" },
      { ...base, order_id: "A", sku: "S2" },
      { ...base, order_id: "A", sku: "S3", country: "" },
      { ...base, order_id: "B" },
    ]);
    expect(out.orders.map((o) => o.externalId)).toEqual(["B"]);
    expect(out.rejected).toBe(1);
    expect(out.issues.map((i) => [i.line, i.code, i.column])).toEqual([
      [2, "quantity_invalid", "quantity"],
      [3, "order_rejected", null],
      [4, "required", "country"],
    ]);
    expect(out.issues[1].message).toBe("Not imported because other rows of order A have errors (lines 2, 4).");
    expect(out.issues.every((i) => i.externalId === "A" && i.severity === "error")).toBe(true);
  });

  it("checks a repeated order-level part once, but every differing one (TikTok repeats them)", () => {
    const out = assemble(
      [
        { ...base, order_id: "A", city: "" },
        { ...base, order_id: "A", city: "", sku: "S2" },
      ],
      false,
    );
    // The city is reported on the row that carries it first; the repeat is rejected with its order.
    expect(out.issues.map((i) => [i.line, i.code])).toEqual([
      [2, "required"],
      [3, "order_rejected"],
    ]);
  });

  it("reports a row without an order id on its own", () => {
    const out = assemble([{ ...base, order_id: " " }, { ...base, order_id: "B" }]);
    expect(out.orders.map((o) => o.externalId)).toEqual(["B"]);
    expect(out.issues).toMatchObject([{ line: 2, code: "required", column: "order_id", externalId: null }]);
  });

  it("reports a record-level problem (too many values) against the order", () => {
    const a = new OrderAssembler({ mapping, indexes, schemas, continuationRows: true });
    a.add(2, cells(base), { code: "too_many_fields", message: "too many" });
    const out = a.take(true);
    expect(out.orders).toEqual([]);
    expect(out.issues.map((i) => i.code)).toEqual(["too_many_fields"]);
  });
});

describe("status from the file", () => {
  const statusOf = (r: Row) => {
    const out = assemble([{ ...base, ...r }]);
    return { status: out.orders[0]?.status, shipment: out.orders[0]?.shipment ?? null, warnings: out.orders[0]?.warnings.map((w) => w.code) ?? [] };
  };

  it("cancelled orders are cancelled, and never get a shipment", () => {
    expect(statusOf({ status: "Cancelled" }).status).toBe("cancelled");
    expect(statusOf({ cancelled_at: "2026-11-04 10:00" })).toMatchObject({ status: "cancelled" });
    expect(statusOf({ status: "Cancelled", tracking_number: "1Z999AA10123456784", carrier: "UPS" }).shipment).toBeNull();
  });

  it("a tracking number and carrier make it shipped, or delivered with a delivered time", () => {
    expect(statusOf({ status: "Shipped", tracking_number: "1Z999AA10123456784", carrier: "UPS", shipped_at: "2026-11-04 10:00" })).toEqual({
      status: "shipped",
      shipment: { carrier: "ups", trackingNumber: "1Z999AA10123456784" },
      warnings: [],
    });
    expect(statusOf({ tracking_number: "700000042429", carrier: "FedEx", delivered_at: "2026-11-06 10:00" }).status).toBe("delivered");
    // No carrier name: the number tells.
    expect(statusOf({ tracking_number: "9400160000000000007771" }).shipment).toEqual({ carrier: "usps", trackingNumber: "9400160000000000007771" });
  });

  it("an invalid number is a warning, a contradicting carrier a flagged warning", () => {
    expect(statusOf({ tracking_number: "1Z999AA10123456785", carrier: "UPS" })).toMatchObject({ status: "shipped", warnings: ["tracking_invalid"] });
    expect(statusOf({ tracking_number: "1Z999AA10123456784", carrier: "FedEx" })).toMatchObject({ status: "shipped", warnings: ["carrier_mismatch"] });
  });

  it("says so when the marketplace calls it shipped but there is nothing to track", () => {
    expect(statusOf({ status: "Shipped" })).toMatchObject({ status: "to_ship", warnings: ["shipped_without_tracking"] });
    expect(statusOf({ tracking_number: "NOTANUMBER" })).toMatchObject({ status: "to_ship", warnings: ["tracking_invalid", "carrier_unknown"] });
  });
});

describe("bounded memory and resuming", () => {
  it("completes an order once the window has passed, oldest first, and says what is committed", () => {
    const a = new OrderAssembler({ mapping, indexes, schemas, continuationRows: true });
    a.add(2, cells({ ...base, order_id: "A" }));
    a.add(3, cells({ ...base, order_id: "B" }));
    expect(a.take(false).orders).toEqual([]);
    for (let i = 0; i < WINDOW_RECORDS; i++) a.add(4 + i, cells({ ...base, order_id: `C${i}` }));
    const first = a.take(false);
    expect(first.orders.map((o) => o.externalId)).toEqual(["A", "B"]);
    // Every order that starts before record 2 (A and B) is in this batch.
    expect(first.committedRecords).toBe(2);
    expect(a.readyCount(10)).toBe(0);
    const rest = a.take(true);
    expect(rest.orders).toHaveLength(WINDOW_RECORDS);
    expect(rest.committedRecords).toBe(WINDOW_RECORDS + 2);
  });

  it("reports an order's rows that come back after the order was written, instead of merging them", () => {
    const a = new OrderAssembler({ mapping, indexes, schemas, continuationRows: true });
    a.add(2, cells({ ...base, order_id: "A" }));
    for (let i = 0; i <= WINDOW_RECORDS; i++) a.add(3 + i, cells({ ...base, order_id: `C${i}` }));
    expect(a.take(false).orders.map((o) => o.externalId)).toContain("A");
    a.add(9999, cells({ ...base, order_id: "A", sku: "LATE" }));
    const out = a.take(true);
    expect(out.orders.some((o) => o.externalId === "A")).toBe(false);
    expect(out.issues).toMatchObject([{ line: 9999, code: "order_rows_apart", externalId: "A" }]);
  });

  it("skips the records of an earlier run, and the later rows of orders it already wrote", () => {
    const written = new OrderIdSet();
    const a = new OrderAssembler({ mapping, indexes, schemas, continuationRows: true, alreadyWritten: written });
    a.skip(cells({ ...base, order_id: "A" }));
    a.add(3, cells({ ...base, order_id: "A", sku: "S2" }));
    a.add(4, cells({ ...base, order_id: "B" }));
    const out = a.take(true);
    expect(out.orders.map((o) => o.externalId)).toEqual(["B"]);
    expect(a.records).toBe(3);
  });
});

describe("the writer's pure parts", () => {
  const order = assemble([{ ...base }]).orders[0];

  it("hashes what the file says, so the same data hashes the same however it was written", () => {
    const same = assemble([{ ...base, placed_at: "11/03/2026 10:00:00\t", country: "United States", state: "massachusetts" }]).orders[0];
    expect(contentHash(same, "csv")).toBe(contentHash(order, "csv"));
    const changed = assemble([{ ...base, postal_code: "01104" }]).orders[0];
    expect(contentHash(changed, "csv")).not.toBe(contentHash(order, "csv"));
    expect(contentHash(order, "tiktok")).not.toBe(contentHash(order, "csv"));
  });

  it("moves statuses forward only, and cancels only what has not shipped", () => {
    expect(importedStatus("to_ship", "shipped")).toBe("shipped");
    expect(importedStatus("shipped", "delivered")).toBe("delivered");
    expect(importedStatus("delivered", "shipped")).toBe("delivered");
    expect(importedStatus("shipped", "to_ship")).toBe("shipped");
    expect(importedStatus("to_ship", "cancelled")).toBe("cancelled");
    expect(importedStatus("shipped", "cancelled")).toBe("shipped");
    expect(importedStatus("cancelled", "to_ship")).toBe("to_ship");
  });

  it("describes a change in the seller's words", () => {
    const changed = assemble([{ ...base, postal_code: "01104", city: "Chicopee", quantity: "3" }]).orders[0];
    const change = describeChanges(snapshotOf(order, "to_ship"), snapshotOf(changed, "to_ship"), "orders.csv");
    expect(change.summary).toBe("Re-import of orders.csv changed the city, postal code, total and items.");
    expect(change.changes.postalCode).toEqual({ from: "01103", to: "01104" });
    expect(change.changes.items).toEqual({ from: ["1 x SKU-1 @ 10.00"], to: ["3 x SKU-1 @ 10.00"] });
  });

  it("remembers order ids compactly and exactly", () => {
    const set = new OrderIdSet(4);
    for (let i = 0; i < 5000; i++) set.add(`576000000030${String(i).padStart(6, "0")}`);
    set.add("576000000030000001");
    expect(set.size).toBe(5000);
    expect(set.has("576000000030004999")).toBe(true);
    expect(set.has("576000000030005000")).toBe(false);
    expect(fingerprint("a")).not.toEqual(fingerprint("b"));
  });
});

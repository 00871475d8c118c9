// Presets, header matching, mapping suggestions and file sniffing, with worked examples.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mappingFromJson, mappingToJson } from "../../app/modules/imports/fields";
import {
  absentColumns,
  columnIndexes,
  detectPreset,
  GENERIC_COLUMNS,
  missingRequired,
  normalizeHeader,
  PRESETS,
  presetMapping,
  rawRow,
} from "../../app/modules/imports/presets";
import { firstLine, lineBreaksIn, looksBinary, sniffDelimiter, uniqueColumns } from "../../app/modules/imports/sniff";
import { suggestMapping } from "../../app/modules/imports/suggest";
import { genericTemplateCsv } from "../../app/modules/imports/template";

const header = (file: string) => firstLine(readFileSync(new URL(`../fixtures/imports/${file}`, import.meta.url), "utf8")).split(",");

describe("header matching", () => {
  it("ignores case, surrounding spaces, repeated spaces and a byte-order mark", () => {
    expect(normalizeHeader("\uFEFFOrder ID")).toBe("order id");
    expect(normalizeHeader("  ORDER   id \t")).toBe("order id");
    expect(normalizeHeader("Weight(kg)")).toBe("weight(kg)");
  });

  it("detects TikTok, Shopify and the generic template from their header rows", () => {
    expect(detectPreset(header("tiktok-small.csv")).preset).toBe("tiktok");
    expect(detectPreset(header("shopify-small.csv")).preset).toBe("shopify");
    expect(detectPreset(header("generic-small.csv")).preset).toBe("generic");
    expect(detectPreset(firstLine(genericTemplateCsv()).split(",")).preset).toBe("generic");
  });

  it("detects a preset whatever the header's case and spacing", () => {
    const shouty = header("tiktok-small.csv").map((h) => `  ${h.replace(/^\uFEFF/, "").toUpperCase()} `);
    expect(detectPreset(shouty).preset).toBe("tiktok");
  });

  it("accepts TikTok's Province column for the state", () => {
    const withProvince = header("tiktok-small.csv").map((h) => (h === "State" ? "Province" : h));
    const mapping = presetMapping(PRESETS.tiktok, withProvince);
    expect(mapping.columns.region).toBe("Province");
    expect(detectPreset(withProvince).preset).toBe("tiktok");
  });

  it("detects nothing for a header that lacks required columns", () => {
    expect(detectPreset(["Order Number", "Ship To", "Street", "Town", "Zip", "Item", "Qty"]).preset).toBeNull();
    // A TikTok header without its recipient column no longer fits TikTok.
    expect(detectPreset(header("tiktok-small.csv").filter((h) => h !== "Recipient")).preset).toBeNull();
  });

  it("lists the required fields a mapping leaves out", () => {
    const mapping = presetMapping(PRESETS.tiktok, ["Order ID", "Quantity"]);
    expect(missingRequired(mapping)).toEqual(["Recipient", "Address line 1", "City", "Postal code", "Country", "SKU or product name"]);
  });

  it("finds column indexes by the same forgiving match, and reads a row by field", () => {
    const mapping = presetMapping(PRESETS.generic, GENERIC_COLUMNS);
    const indexes = columnIndexes(mapping, [" ORDER_ID", ...GENERIC_COLUMNS.slice(1)]);
    expect(indexes.orderId).toBe(0);
    expect(indexes.deliveredAt).toBe(GENERIC_COLUMNS.length - 1);
    const cells = GENERIC_COLUMNS.map((c) => `v:${c}`);
    expect(rawRow(cells, indexes)).toMatchObject({ orderId: "v:order_id", postalCode: "v:postal_code", weight: "v:weight_kg" });
    expect(absentColumns({ ...mapping, columns: { ...mapping.columns, carrier: "Courier" } }, GENERIC_COLUMNS)).toEqual(["Courier"]);
  });
});

describe("mappings for files no preset knows", () => {
  it("suggests columns by name and guesses the weight unit", () => {
    const m = suggestMapping(["Order Number", "Ship To", "Street", "Town", "Region", "Zip", "Nation", "Item", "Qty", "Weight (lb)"]);
    expect(m.columns).toMatchObject({
      orderId: "Order Number",
      buyerName: "Ship To",
      address1: "Street",
      city: "Town",
      region: "Region",
      postalCode: "Zip",
      country: "Nation",
      productName: "Item",
      quantity: "Qty",
      weight: "Weight (lb)",
    });
    expect(m.weightUnit).toBe("lb");
    expect(missingRequired(m)).toEqual([]);
  });

  it("round-trips a mapping through its stored JSON", () => {
    const m = suggestMapping(["id", "name", "street", "city", "zip", "country", "sku", "qty"]);
    const json = mappingToJson({ ...m, dateOrder: "dmy" });
    expect(json["@dateOrder"]).toBe("dmy");
    expect(mappingFromJson(json)).toEqual({ ...m, dateOrder: "dmy" });
    expect(mappingFromJson(null)).toBeNull();
  });
});

describe("sniffing a file", () => {
  it("picks the delimiter the header uses", () => {
    expect(sniffDelimiter("a,b,c")).toBe(",");
    expect(sniffDelimiter("a;b;c")).toBe(";");
    expect(sniffDelimiter("a\tb\tc")).toBe("\t");
    expect(firstLine("\uFEFFa,b\r\n1,2")).toBe("a,b");
  });

  it("makes repeated column names unique (Shopify repeats Billing Province)", () => {
    expect(uniqueColumns(["\uFEFFName", "Billing Province", "Billing Province", " "])).toEqual(["Name", "Billing Province", "Billing Province (2)", "Column 4"]);
  });

  it("counts line breaks inside quoted values, whatever their style", () => {
    expect(lineBreaksIn(["a", "b"])).toBe(0);
    expect(lineBreaksIn(["Apt 5\nRing bell", "x\r\ny", "one\rtwo"])).toBe(3);
  });

  it("tells a spreadsheet or binary file from text", () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe(true);
    expect(looksBinary(new Uint8Array([0x61, 0x00, 0x62]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode("order_id,qty\n1,2\n"))).toBe(false);
  });
});

// Every validation rule of a row, with its code, field and message, and the unit conversions.
import { describe, expect, it } from "vitest";
import type { ImportField } from "../../app/modules/imports/fields";
import { countryCode, parseDecimal, type RawRow, rowSchemas, serviceLevelOf, validateRow } from "../../app/modules/imports/rows";

const schemas = rowSchemas({ dateOrder: "mdy", weightUnit: "kg", timeZone: "America/New_York" });

const good: RawRow = {
  orderId: "A-1",
  buyerName: "Ava Smith",
  buyerPhone: "(+1)764*****29",
  address1: "12 Main St",
  city: "Springfield",
  region: "MA",
  postalCode: "01103",
  country: "US",
  sku: "SKU-1",
  productName: "Tumbler",
  quantity: "2",
  unitPrice: "12.50",
  weight: "0.520",
  orderTotal: "25.00",
  placedAt: "11/03/2026 19:00:58\t",
};

function issues(raw: RawRow, continuation = false) {
  const r = validateRow(schemas, raw, continuation);
  return r.ok ? [] : r.issues.map((i) => ({ field: i.field, code: i.code, message: i.message }));
}

function one(patch: RawRow) {
  const found = issues({ ...good, ...patch });
  expect(found).toHaveLength(1);
  return found[0];
}

describe("a valid row", () => {
  it("converts at the edge: cents, grams, instants, ISO country, state code", () => {
    const r = validateRow(schemas, { ...good, country: "United States", region: "massachusetts", postalCode: "'01103" }, false);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.item).toEqual({ sku: "SKU-1", productName: "Tumbler", variation: null, quantity: 2, unitPriceCents: 1250, weightGrams: 520 });
    expect(r.order).toMatchObject({
      externalId: "A-1",
      country: "US",
      region: "MA",
      postalCode: "01103",
      orderTotalCents: 2500,
      currency: "USD",
      // Masked phone numbers are simply unknown, not an error.
      buyerPhone: null,
    });
    expect(r.order?.placedAt?.toISOString()).toBe("2026-11-04T00:00:58.000Z");
  });

  it("keeps a real phone number and upper-cases tracking numbers without spaces", () => {
    const r = validateRow(schemas, { ...good, buyerPhone: "+1 555 010 0000", trackingNumber: "1z 999 aa1 0123456784", carrier: "UPS" }, false);
    expect(r.ok && r.order).toMatchObject({ buyerPhone: "+1 555 010 0000", trackingNumber: "1Z999AA10123456784", carrierName: "UPS" });
  });

  it("accepts ZIP+4, Canadian and British postal codes and normalizes their spacing", () => {
    const ok = (postalCode: string, country: string, region?: string) => validateRow(schemas, { ...good, postalCode, country, region: region ?? good.region }, false);
    const zip4 = ok("01103-1234", "US");
    expect(zip4.ok && zip4.order?.postalCode).toBe("01103-1234");
    const ca = ok("k1a0b1", "CA", "ON");
    expect(ca.ok && ca.order?.postalCode).toBe("K1A 0B1");
    const gb = ok("sw1a2aa", "GB", "");
    expect(gb.ok && gb.order?.postalCode).toBe("SW1A 2AA");
    // Elsewhere a permissive shape: letters, digits, spaces and dashes.
    expect(ok("1010", "AT", "").ok).toBe(true);
  });

  it("reads money and weights the way exports write them", () => {
    expect(parseDecimal("$1,234.50")).toBe(1234.5);
    expect(parseDecimal(" 12.99 ")).toBe(12.99);
    expect(parseDecimal("12.99 USD")).toBe(12.99);
    expect(parseDecimal("12,99")).toBeNull();
    expect(parseDecimal("abc")).toBeNull();
    const lb = rowSchemas({ dateOrder: "mdy", weightUnit: "lb", timeZone: "UTC" });
    const r = validateRow(lb, { ...good, weight: "2" }, false);
    expect(r.ok && r.item.weightGrams).toBe(907);
  });

  it("maps country names and codes to ISO codes", () => {
    expect(countryCode("United States")).toBe("US");
    expect(countryCode("u.k.")).toBe("GB");
    expect(countryCode("de")).toBe("DE");
    expect(countryCode("Narnia")).toBeNull();
  });

  it("names service levels from shipping methods", () => {
    expect(serviceLevelOf("Expedited")).toBe("expedited");
    expect(serviceLevelOf("Priority Mail")).toBe("expedited");
    expect(serviceLevelOf("Economy")).toBe("economy");
    expect(serviceLevelOf("Standard shipping")).toBe("standard");
    expect(serviceLevelOf(null)).toBe("standard");
  });
});

describe("validation rules", () => {
  it.each<[ImportField, string]>([
    ["orderId", "Order ID is missing."],
    ["buyerName", "Recipient is missing."],
    ["address1", "Address line 1 is missing."],
    ["city", "City is missing."],
    ["postalCode", "Postal code is missing."],
    ["country", "Country is missing."],
    ["quantity", "Quantity is missing."],
  ])("a missing %s is an error that says so", (field, message) => {
    expect(one({ [field]: "  " })).toEqual({ field, code: "required", message });
  });

  it("needs a SKU or a product name", () => {
    expect(one({ sku: "", productName: " " })).toEqual({ field: "sku", code: "required", message: "SKU or product name is missing." });
    expect(issues({ ...good, sku: "" })).toEqual([]);
    expect(issues({ ...good, productName: "" })).toEqual([]);
  });

  it.each(["0", "-1", "1.5", "two", "1e3"])("quantity %j is not a positive whole number", (quantity) => {
    expect(one({ quantity })).toEqual({ field: "quantity", code: "quantity_invalid", message: `Quantity "${quantity}" is not a positive whole number.` });
  });

  it("accepts quantities like 3 and 3.0", () => {
    expect(issues({ ...good, quantity: "3.0" })).toEqual([]);
  });

  it.each([
    ["12345", "US", true],
    ["1234", "US", false],
    ["123456", "US", false],
    ["12345-12", "US", false],
    ["K1A 0B1", "CA", true],
    ["12345", "CA", false],
    ["SW1A 1AA", "GB", true],
    ["ABC", "GB", false],
  ])("postal code %j in %s valid: %s", (postalCode, country, valid) => {
    const found = issues({ ...good, postalCode, country, region: country === "US" ? "MA" : "" });
    if (valid) expect(found).toEqual([]);
    else expect(found).toEqual([{ field: "postalCode", code: "postal_code_invalid", message: expect.stringContaining(`Postal code "${postalCode}" is not a valid ${country} postal code`) }]);
  });

  it("refuses a US state that is not a state code or name, and a US address without one", () => {
    expect(one({ region: "Narnia" })).toEqual({ field: "region", code: "state_invalid", message: 'State "Narnia" is not a US state code or name.' });
    expect(one({ region: "" })).toEqual({ field: "region", code: "required", message: "State is missing (required for US addresses)." });
    expect(issues({ ...good, region: "District of Columbia", postalCode: "20001" })).toEqual([]);
  });

  it("refuses a country it cannot recognise", () => {
    expect(one({ country: "Narnia" })).toMatchObject({ field: "country", code: "country_unknown" });
  });

  it.each<[ImportField, string]>([
    ["unitPrice", "Unit price"],
    ["orderTotal", "Order total"],
    ["weight", "Weight"],
  ])("%s that is not a number is an error", (field, label) => {
    expect(one({ [field]: "12,5kg!" })).toEqual({ field, code: "not_a_number", message: `${label} "12,5kg!" is not a number.` });
    expect(one({ [field]: "-3" })).toEqual({ field, code: "negative_number", message: `${label} "-3" is negative.` });
  });

  it.each<[ImportField, string]>([
    ["placedAt", "Placed at"],
    ["shippedAt", "Shipped at"],
    ["deliveredAt", "Delivered at"],
    ["cancelledAt", "Cancelled at"],
  ])("%s that cannot be read is an error", (field, label) => {
    const found = one({ [field]: "13/45/2026" });
    expect(found).toMatchObject({ field, code: "date_invalid" });
    expect(found.message).toBe(`${label}: "13/45/2026" is not a date we can read (expected MM/DD/YYYY HH:mm:ss or an ISO date such as 2026-11-03 19:00:58).`);
  });

  it("reports every problem of a row at once", () => {
    const found = issues({ ...good, city: "", quantity: "0", postalCode: "ABC", region: "Narnia", sku: "", productName: "" });
    expect(found.map((i) => `${i.field}:${i.code}`).sort()).toEqual(
      ["city:required", "postalCode:postal_code_invalid", "quantity:quantity_invalid", "region:state_invalid", "sku:required"].sort(),
    );
  });

  it("checks only the item of a continuation row", () => {
    expect(issues({ orderId: "A-1", sku: "X", quantity: "1" }, true)).toEqual([]);
    expect(issues({ orderId: "A-1", sku: "", quantity: "0" }, true).map((i) => i.code).sort()).toEqual(["quantity_invalid", "required"]);
  });
});

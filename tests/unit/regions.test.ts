import { describe, expect, it } from "vitest";
import { checkPostalCode, isPoBox, normalizeCountry, normalizeUsState, zipMatchesState } from "../../app/modules/addresses/regions";

describe("countries", () => {
  it.each([
    ["United States", "US"], ["US", "US"], [" usa ", "US"], ["United Kingdom", "GB"], ["Canada", "CA"], ["Narnia", null], ["", null],
  ])("%s -> %s", (input, expected) => expect(normalizeCountry(input)).toBe(expected));
});

describe("US states", () => {
  it.each([
    ["NY", "NY"], ["ny", "NY"], ["New York", "NY"], ["new  york", "NY"], ["District of Columbia", "DC"], ["Washington DC", "DC"],
    ["XX", null], ["Texass", null],
  ])("%s -> %s", (input, expected) => expect(normalizeUsState(input)).toBe(expected));

  it("checks the first ZIP digit against the state", () => {
    expect(zipMatchesState("10001", "NY")).toBe(true);
    expect(zipMatchesState("78701", "TX")).toBe(true);
    expect(zipMatchesState("99501", "TX")).toBe(false); // an Alaska ZIP
    expect(zipMatchesState("06061", "NJ")).toBe(true);
    expect(zipMatchesState("00901", "PR")).toBe(true);
  });
});

describe("postal codes", () => {
  it.each([
    ["12345", "US", true], ["12345-6789", "US", true], ["1234", "US", false], ["123456", "US", false], ["12345-67", "US", false],
    ["K1A 0B1", "CA", true], ["k1a0b1", "CA", true], ["D1A 0B1", "CA", false],
    ["SW1A 1AA", "GB", true], ["sw1a1aa", "GB", true], ["M1 1AE", "GB", true], ["12345", "GB", false],
    ["75001", "FR", true], ["AB-123", "ZZ", true], ["!", "ZZ", false],
  ])("%s in %s -> %s", (code, country, ok) => expect(checkPostalCode(code, country).ok).toBe(ok));

  it("normalizes the space in Canadian and British codes", () => {
    expect(checkPostalCode("k1a0b1", "CA").normalized).toBe("K1A 0B1");
    expect(checkPostalCode("sw1a1aa", "GB").normalized).toBe("SW1A 1AA");
  });

  it("names the code and an example in the message", () => {
    expect(checkPostalCode("1234", "US").message).toMatch(/"1234".*US postal code.*12345/);
  });
});

describe("PO boxes", () => {
  it.each([
    ["PO Box 123", true], ["P.O. Box 45", true], ["p o box 9", true], ["Post Office Box 12", true], ["POB 77", true],
    ["12 Boxwood Rd", false], ["Mailbox Etc 5", false], ["1 Main St", false],
  ])("%s -> %s", (line, expected) => expect(isPoBox(line)).toBe(expected));
});

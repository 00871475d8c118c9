import { describe, expect, it } from "vitest";
import { findService } from "../../app/modules/carriers/registry";
import { type AddressToCheck, checkAddress, describeProblems } from "../../app/modules/labels/address-check";
import { printable, winAnsiByte } from "../../app/modules/labels/text";

const good: AddressToCheck = {
  buyerName: "Ava Johnson",
  address1: "1200 Congress Ave",
  address2: null,
  city: "Austin",
  region: "TX",
  postalCode: "78701",
  country: "US",
};
const codes = (a: Partial<AddressToCheck>, service?: string) =>
  checkAddress({ ...good, ...a }, service ? findService(service.split(":")[0], service.split(":")[1]) : undefined).map((p) => `${p.code}:${p.field}`);

describe("printable label text", () => {
  it.each([
    ["Zoë Martínez", "Zoe Martinez"],
    ["José Peña", "Jose Pena"],
    ["Łódź", "Lodz"],
    ["Đorđe", "Dorde"],
    // WinAnsi has these letters without accents' help: they stay.
    ["Straße", "Straße"],
    ["Ærøskøbing", "Ærøskøbing"],
    // Typographic punctuation becomes plain; whitespace is collapsed.
    ["O\u2019Brien \u2013 Apt\t 4", "O'Brien - Apt 4"],
    ["  line\none  ", "line one"],
  ])("%s -> %s", (input, expected) => {
    expect(printable(input)).toEqual({ text: expected, unprintable: [] });
  });

  it("replaces what the label fonts cannot print with ? and lists it once", () => {
    expect(printable("東京都 東")).toEqual({ text: "??? ?", unprintable: ["東", "京", "都"] });
    expect(printable("Ольга")).toMatchObject({ text: "?????" });
    expect(printable("Gift 🎁")).toEqual({ text: "Gift ?", unprintable: ["🎁"] });
  });

  it("maps to the WinAnsi bytes the PDF fonts use", () => {
    expect(winAnsiByte("A")).toBe(0x41);
    expect(winAnsiByte("é")).toBe(0xe9);
    expect(winAnsiByte("€")).toBe(0x80);
    expect(winAnsiByte("\u2019")).toBe(0x92);
    expect(winAnsiByte("Ł")).toBeNull();
  });
});

describe("address check", () => {
  it("passes a complete, consistent US address", () => {
    expect(checkAddress(good)).toEqual([]);
    expect(checkAddress({ ...good, region: "Texas", postalCode: "78701-1234" })).toEqual([]);
  });

  it("names each missing required field", () => {
    expect(codes({ buyerName: " ", address1: "", city: "" })).toEqual(["missing_field:buyerName", "missing_field:address1", "missing_field:city"]);
    expect(codes({ postalCode: "" })).toEqual(["missing_field:postalCode"]);
    expect(codes({ region: null })).toEqual(["missing_field:region"]);
    const [problem] = checkAddress({ ...good, city: "" });
    expect(problem.message).toBe("City is missing.");
  });

  it("checks the postal code's shape for the country", () => {
    expect(codes({ postalCode: "7870" })).toEqual(["postal_code_shape:postalCode"]);
    expect(codes({ country: "GB", region: "", postalCode: "SW1A 1AA" })).toEqual([]);
    expect(codes({ country: "GB", region: "", postalCode: "12345" })).toEqual(["postal_code_shape:postalCode"]);
    expect(codes({ country: "CA", region: "ON", postalCode: "M5V 3L9" })).toEqual([]);
    // Hong Kong addresses have no postal code.
    expect(codes({ country: "HK", region: "", postalCode: "" })).toEqual([]);
  });

  it("flags a ZIP from another state, saying which states it belongs to", () => {
    const [problem] = checkAddress({ ...good, postalCode: "99501" });
    expect(problem).toEqual({
      code: "zip_state_mismatch",
      field: "postalCode",
      message: "ZIP 99501 does not belong to TX: ZIPs starting with 9 are in AK, CA, HI, OR, WA, GU, AS, MP, AP.",
    });
    expect(codes({ region: "Texass" })).toEqual(["unknown_state:region"]);
  });

  it("flags an unknown country", () => {
    expect(codes({ country: "Narnia" })).toEqual(["unknown_country:country"]);
  });

  it("flags PO boxes only for services that refuse them", () => {
    const poBox = { address1: "PO Box 1234" };
    expect(codes(poBox, "ups:ups_ground")).toEqual(["po_box:address1"]);
    expect(checkAddress({ ...good, ...poBox }, findService("ups", "ups_ground"))[0].message).toBe("UPS Ground does not deliver to PO boxes.");
    expect(codes(poBox, "usps:usps_ground_advantage")).toEqual([]);
    expect(codes({ address2: "P.O. Box 77" }, "fedex:fedex_ground")).toEqual(["po_box:address2"]);
    // Without a service yet there is no rule to apply.
    expect(codes(poBox)).toEqual([]);
  });

  it("flags lines that do not fit the label at the smallest ship-to size", () => {
    const long = "12345 North Martin Luther King Junior Boulevard Building 7";
    const problems = checkAddress({ ...good, address1: long });
    expect(problems.map((p) => p.code)).toEqual(["line_too_long"]);
    expect(problems[0].message).toMatch(/^Address line 1 is too long for the label \(58 characters\); shorten it to about \d\d characters\.$/);
    // A normal long-ish line fits.
    expect(checkAddress({ ...good, address1: "4521 West Riverside Drive, Suite 300" })).toEqual([]);
  });

  it("flags characters the label cannot print, field by field", () => {
    const problems = checkAddress({ ...good, buyerName: "王小明", city: "Austin" });
    expect(problems).toEqual([
      { code: "unprintable_characters", field: "buyerName", message: "Buyer name has characters the label cannot print (王 小 明); write it in Latin letters." },
    ]);
    // Accents are fine: they are transliterated.
    expect(checkAddress({ ...good, buyerName: "Chloé Müller" })).toEqual([]);
  });

  it("sums problems up in one sentence for the skipped list", () => {
    expect(describeProblems(checkAddress({ ...good, city: "", postalCode: "99501" }))).toBe(
      "Address check failed: City is missing; ZIP 99501 does not belong to TX: ZIPs starting with 9 are in AK, CA, HI, OR, WA, GU, AS, MP, AP.",
    );
  });
});

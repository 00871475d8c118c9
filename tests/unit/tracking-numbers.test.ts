// Detection (normalizing, ranking, explaining), generation in real formats, and the review of
// imported tracking numbers.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../app/lib/random";
import { ALL_SERVICES, findService } from "../../app/modules/carriers/registry";
import {
  detectTrackingNumber,
  dhlExpressTrackingNumber,
  fedexExpressTrackingNumber,
  fedexGroundTrackingNumber,
  generateTrackingNumber,
  PLACEHOLDER_UPS_SHIPPER_ID,
  reviewImportedTrackingNumber,
  trackedCarrierOf,
  upsTrackingNumber,
  uspsImpbTrackingNumber,
} from "../../app/modules/carriers/tracking-numbers";

describe("detectTrackingNumber", () => {
  it("names the carrier and format of a UPS number", () => {
    expect(detectTrackingNumber("1Z5R89390357567127")).toEqual({
      input: "1Z5R89390357567127",
      normalized: "1Z5R89390357567127",
      valid: true,
      carrier: "ups",
      format: "ups_1z",
      candidates: [{ carrier: "ups", format: "ups_1z" }],
      problem: null,
    });
  });

  it("tolerates spaces, tabs and lower case", () => {
    const r = detectTrackingNumber("  1z 5r89 3903 5756 7127\t");
    expect(r).toMatchObject({ normalized: "1Z5R89390357567127", valid: true, carrier: "ups" });
    expect(detectTrackingNumber("9400 1112 0108 0805 4830 16")).toMatchObject({ valid: true, carrier: "usps", format: "usps_impb" });
  });

  it("tolerates dashes sellers type between groups", () => {
    expect(detectTrackingNumber("9400-1112-0620-6406-2607-87")).toMatchObject({ valid: true, carrier: "usps", normalized: "9400111206206406260787" });
    // LaserShip's piece numbers carry a dash of their own.
    expect(detectTrackingNumber("1LS7119013618127-1")).toMatchObject({ valid: true, carrier: "lasership", normalized: "1LS7119013618127-1" });
  });

  it("says why a number is not valid: a wrong check digit is told apart from an unknown shape", () => {
    const typo = detectTrackingNumber("1Z5R89390357567128");
    expect(typo).toMatchObject({ valid: false, carrier: null, format: null, candidates: [] });
    expect(typo.problem).toMatch(/UPS 1Z.*check digit/);
    expect(detectTrackingNumber("hello world").problem).toMatch(/does not match any carrier/);
    expect(detectTrackingNumber("   ").problem).toMatch(/empty/);
    expect(detectTrackingNumber("0000000000000000").problem).toMatch(/placeholder/);
  });

  it("ranks a check-digit match above a shape-only match", () => {
    // 15 digits: FedEx Ground's mod 10 holds; several shape-only formats would also take digits.
    const r = detectTrackingNumber("041441760228964");
    expect(r.carrier).toBe("fedex");
    expect(r.candidates[0]).toEqual({ carrier: "fedex", format: "fedex_ground_15" });
  });

  it("ranks the more specific format first when two check digits hold", () => {
    // A USPS IMpb barcode with ZIP routing (420 + ZIP + 92...) is also 34 digits that FedEx's
    // 34-digit check happens to accept; the fixed 420/92 prefixes make USPS the better answer.
    const r = detectTrackingNumber("4201002334249200190132607600833457");
    expect(r.candidates.map((c) => c.carrier)).toEqual(expect.arrayContaining(["usps"]));
    expect(r.carrier).toBe("usps");
  });

  it("breaks remaining ties by how likely the carrier is for a US seller, keeping the others as candidates", () => {
    // Twelve digits that pass both FedEx Express's and Purolator's checks.
    const r = detectTrackingNumber("287809468872");
    expect(r.candidates).toEqual([
      { carrier: "fedex", format: "fedex_express_12" },
      { carrier: "purolator", format: "purolator_12" },
    ]);
  });

  it("recognises international postal items (S10) only with a real country code", () => {
    expect(detectTrackingNumber("RB123456785US")).toMatchObject({ valid: true, carrier: "s10", format: "s10" });
    expect(detectTrackingNumber("RB123456785XX").candidates.some((c) => c.carrier === "s10")).toBe(false);
  });
});

describe("generated numbers", () => {
  it("builds each format with its check digit (worked examples)", () => {
    // UPS: body A12B34 03 0001000, A=2 B=3, weights 1,2:
    // 2+2+2+6+3+8+0+6+0+0+0+2+0+0+0 = 31 -> check 9.
    expect(upsTrackingNumber("A12B34", "03", 1000)).toBe("1ZA12B340300010009");
    // USPS IMpb: 94 001 281197 0000001000, weights 3,1 from the right: sum 95 -> check 5.
    expect(uspsImpbTrackingNumber("001", "281197", 1000)).toBe("9400128119700000010005");
    // FedEx Express: 7 0000001000, weights 3,1,7,...: 7·3 + 1·1 = 22; 22 mod 11 = 0 -> 0.
    expect(fedexExpressTrackingNumber(1000)).toBe("700000010000");
    // FedEx Ground: 6 0000000001000, weights 1,3: 6 + 1 = 7 -> check 3.
    expect(fedexGroundTrackingNumber(1000)).toBe("600000000010003");
    // DHL Express: 100001000 = 7 · 14285857 + 1 -> check 1.
    expect(dhlExpressTrackingNumber(1000)).toBe("1000010001");
  });

  it("puts the shop's shipper number and the service code inside a UPS number", () => {
    const n = upsTrackingNumber("a12b34", "02", 4_242);
    expect(n.slice(0, 10)).toBe("1ZA12B3402");
    expect(n.slice(10, 17)).toBe("0004242");
  });

  it("uses the USPS Mailer ID and the service type code, 22 digits either way", () => {
    expect(uspsImpbTrackingNumber("055", "281197", 7)).toHaveLength(22);
    expect(uspsImpbTrackingNumber("055", "281197", 7).slice(0, 11)).toBe("94055281197");
    expect(uspsImpbTrackingNumber("701", "912345678", 7)).toHaveLength(22);
    expect(uspsImpbTrackingNumber("701", "912345678", 7).slice(0, 14)).toBe("94701912345678");
  });

  it("refuses a malformed shipper number or Mailer ID", () => {
    expect(() => upsTrackingNumber("A12B3", "03", 1)).toThrow(/6 letters or digits/);
    expect(() => uspsImpbTrackingNumber("001", "12345", 1)).toThrow(/Mailer ID/);
    expect(() => uspsImpbTrackingNumber("001", "812345678", 1)).toThrow(/Mailer ID/);
    expect(() => dhlExpressTrackingNumber(-1)).toThrow(/non-negative/);
  });

  it("validates with the detector as its own carrier and format, for every service and many serials", () => {
    const failures: string[] = [];
    const random = seededRandom(4);
    for (const service of ALL_SERVICES) {
      for (let i = 0; i < 500; i++) {
        const serial = i < 250 ? 1000 + i : Math.floor(random.next() * 2 ** 40);
        const shipperId = service.carrier === "ups" ? "8A2F51" : service.carrier === "usps" ? (i % 2 ? "281197" : "912345678") : null;
        const n = generateTrackingNumber({ service, serial, shipperId });
        const r = detectTrackingNumber(n);
        if (!r.valid || r.carrier !== service.carrier || r.format !== service.trackingFormat) {
          failures.push(`${service.code} ${n}: ${r.carrier}/${r.format} ${r.problem ?? ""}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("falls back to a placeholder shipper number when the shop has none", () => {
    const ground = findService("ups", "ups_ground")!;
    expect(generateTrackingNumber({ service: ground, serial: 5, shipperId: null }).slice(2, 8)).toBe(PLACEHOLDER_UPS_SHIPPER_ID);
  });

  it("gives different numbers for different serials", () => {
    const numbers = new Set(Array.from({ length: 10_000 }, (_, i) => fedexGroundTrackingNumber(1000 + i)));
    expect(numbers.size).toBe(10_000);
  });
});

describe("imported tracking numbers", () => {
  it("accepts a number that agrees with the marketplace's carrier name", () => {
    expect(reviewImportedTrackingNumber("1Z5R89390357567127", "UPS")).toMatchObject({ carrier: "ups", warning: null });
    expect(reviewImportedTrackingNumber("9400111206206406260787", "USPS")).toMatchObject({ carrier: "usps", warning: null });
  });

  it("warns about an invalid number and keeps the named carrier", () => {
    const r = reviewImportedTrackingNumber("1Z5R89390357567128", "UPS");
    expect(r.carrier).toBe("ups");
    expect(r.warning).toMatch(/not a valid tracking number.*check digit/);
  });

  it("flags a carrier name the number contradicts", () => {
    const r = reviewImportedTrackingNumber("1Z5R89390357567127", "FedEx");
    expect(r.warning).toMatch(/looks like a UPS number.*not FedEx/);
  });

  it("takes the detected carrier when no name came with the number", () => {
    expect(reviewImportedTrackingNumber("986578788855", null)).toMatchObject({ carrier: "fedex", warning: null });
  });

  it("treats DHL eCommerce and postal S10 numbers as their own carriers", () => {
    expect(reviewImportedTrackingNumber("GM2951173225174494", "DHL eCommerce")).toMatchObject({ carrier: "dhl_ecommerce", warning: null });
    expect(trackedCarrierOf(detectTrackingNumber("GM2951173225174494"))).toBe("dhl_ecommerce");
    expect(trackedCarrierOf(detectTrackingNumber("RB123456785US"))).toBe("usps");
    expect(reviewImportedTrackingNumber("RB123456785US", "USPS").warning).toBeNull();
    expect(trackedCarrierOf(detectTrackingNumber("RB123456785GB"))).toBe("other");
  });
});

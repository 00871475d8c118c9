// Rule matching (first match wins), service limits and their refusal reasons, the rule and
// account schemas, and the unit conversions the settings pages use.
import { describe, expect, it } from "vitest";
import { isDomestic, lengthPlusGirth, orderRefusal, serviceRefusal, type AssignmentContext } from "../../app/modules/carriers/limits";
import {
  type AssignmentRule,
  chooseService,
  describeConditions,
  describeRule,
  firstMatchingRule,
  type OrderFacts,
  parcelOf,
  ruleMatches,
} from "../../app/modules/carriers/rules";
import { assignRequestSchema, carrierAccountSchema, ruleConditionsSchema, ruleSchema } from "../../app/modules/carriers/schemas";
import { formatWeight, gramsToPoundsOunces, lengthToMm, poundsOuncesToGrams, unitSystemFor } from "../../app/modules/carriers/units";

const DEFAULT_PACKAGE = { weightGrams: 454, lengthMm: 254, widthMm: 203, heightMm: 102 };

function order(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    id: 1,
    externalId: "576000100000001",
    status: "to_ship",
    country: "US",
    region: "NY",
    serviceLevel: "standard",
    totalCents: 4999,
    skus: ["TMB-40-SAGE"],
    tags: [],
    poBox: false,
    parcel: { weightGrams: 520, lengthMm: 254, widthMm: 203, heightMm: 102 },
    liveTrackingNumber: null,
    carrierCode: null,
    serviceCode: null,
    ...overrides,
  };
}

const rule = (id: number, conditions: AssignmentRule["conditions"], carrier = "ups", service = "ups_ground", enabled = true): AssignmentRule => ({
  id,
  name: `rule ${id}`,
  enabled,
  carrier,
  service,
  conditions,
});

describe("rule conditions", () => {
  it("an empty rule matches every order", () => expect(ruleMatches({}, order())).toBe(true));

  it("weight ranges are inclusive at both ends", () => {
    const c = { weightGrams: { min: 500, max: 520 } };
    expect(ruleMatches(c, order())).toBe(true);
    expect(ruleMatches(c, order({ parcel: { ...order().parcel, weightGrams: 521 } }))).toBe(false);
    expect(ruleMatches({ weightGrams: { max: 499 } }, order())).toBe(false);
    expect(ruleMatches({ weightGrams: { min: 520 } }, order())).toBe(true);
  });

  it("tests the longest side, whichever it is", () => {
    expect(ruleMatches({ largestDimensionMm: { min: 300 } }, order({ parcel: { weightGrams: 1, lengthMm: 10, widthMm: 400, heightMm: 20 } }))).toBe(true);
    expect(ruleMatches({ largestDimensionMm: { min: 300 } }, order())).toBe(false);
  });

  it("lists match any value, case-insensitively", () => {
    expect(ruleMatches({ countries: ["ca", "US"] }, order())).toBe(true);
    expect(ruleMatches({ countries: ["CA"] }, order())).toBe(false);
    expect(ruleMatches({ states: ["nj", "ny"] }, order())).toBe(true);
    expect(ruleMatches({ states: ["NY"] }, order({ region: null }))).toBe(false);
    expect(ruleMatches({ serviceLevels: ["Expedited"] }, order({ serviceLevel: "expedited" }))).toBe(true);
    expect(ruleMatches({ skus: ["tmb-40-sage"] }, order())).toBe(true);
    expect(ruleMatches({ skus: ["MAT-6-PRP"] }, order())).toBe(false);
    expect(ruleMatches({ tags: ["VIP"] }, order({ tags: ["gift", "vip"] }))).toBe(true);
    expect(ruleMatches({ tags: ["vip"] }, order())).toBe(false);
  });

  it("needs every condition to hold", () => {
    const c = { countries: ["US"], orderValueCents: { min: 10000 } };
    expect(ruleMatches(c, order({ totalCents: 15000 }))).toBe(true);
    expect(ruleMatches(c, order({ totalCents: 9999 }))).toBe(false);
    expect(ruleMatches(c, order({ totalCents: 15000, country: "CA" }))).toBe(false);
  });
});

describe("first match wins", () => {
  const rules = [
    rule(1, { countries: ["CA", "GB"] }, "dhl", "dhl_express_worldwide"),
    rule(2, { serviceLevels: ["expedited"] }, "ups", "ups_2nd_day_air"),
    rule(3, { weightGrams: { min: 2268 } }, "ups", "ups_ground"),
  ];
  const fallback = { carrier: "usps", service: "usps_ground_advantage" };

  it("takes the first matching rule even when later ones match too", () => {
    const heavyExpedited = order({ serviceLevel: "expedited", parcel: { ...order().parcel, weightGrams: 5000 } });
    expect(chooseService(rules, fallback, heavyExpedited)).toMatchObject({ carrier: "ups", service: "ups_2nd_day_air", rule: { id: 2 } });
  });

  it("falls back to the default service when nothing matches", () => {
    expect(chooseService(rules, fallback, order())).toEqual({ ...fallback, rule: null });
  });

  it("skips disabled rules and rules whose stored conditions cannot be read", () => {
    const r = [rule(1, {}, "fedex", "fedex_ground", false), rule(2, null, "dhl", "dhl_express_worldwide"), rule(3, {}, "ups", "ups_ground")];
    expect(firstMatchingRule(r, order())?.id).toBe(3);
  });
});

describe("parcels", () => {
  it("uses the order's weight and dimensions, else the default package", () => {
    expect(parcelOf({ weight_grams: 0, length_mm: null, width_mm: null, height_mm: null }, DEFAULT_PACKAGE)).toEqual(DEFAULT_PACKAGE);
    expect(parcelOf({ weight_grams: 900, length_mm: 300, width_mm: 200, height_mm: null }, DEFAULT_PACKAGE)).toEqual({ ...DEFAULT_PACKAGE, weightGrams: 900 });
    expect(parcelOf({ weight_grams: 900, length_mm: 300, width_mm: 200, height_mm: 100 }, DEFAULT_PACKAGE)).toEqual({ weightGrams: 900, lengthMm: 300, widthMm: 200, heightMm: 100 });
  });

  it("length plus girth is the longest side plus twice the other two", () => {
    expect(lengthPlusGirth({ lengthMm: 100, widthMm: 500, heightMm: 200 })).toBe(500 + 2 * (200 + 100));
  });
});

describe("refusals", () => {
  const ctx: AssignmentContext = { originCountry: "US", units: "imperial", disabledCarriers: new Set() };

  it("refuses cancelled, shipped and labelled orders whatever the service", () => {
    expect(orderRefusal(order({ status: "cancelled" }))).toMatch(/cancelled/);
    expect(orderRefusal(order({ status: "shipped" }))).toMatch(/already shipped/);
    expect(orderRefusal(order({ status: "delivered" }))).toMatch(/delivered/);
    expect(orderRefusal(order({ liveTrackingNumber: "1Z5R89390357567127" }))).toMatch(/already has a label \(tracking 1Z5R89390357567127\)/);
    expect(orderRefusal(order())).toBeNull();
  });

  it("refuses overweight parcels with both weights in the seller's units", () => {
    const heavy = order({ parcel: { ...order().parcel, weightGrams: 35_000 } }); // 77 lb 2.6 oz
    expect(serviceRefusal(heavy, "usps", "usps_ground_advantage", ctx)).toBe(
      "Overweight: the parcel weighs 77 lb 2.6 oz and USPS Ground Advantage takes at most 70 lb.",
    );
    expect(serviceRefusal(heavy, "ups", "ups_ground", ctx)).toBeNull(); // UPS takes 150 lb
  });

  it("refuses oversize parcels by longest side and by length plus girth", () => {
    const long = order({ parcel: { weightGrams: 1000, lengthMm: 2800, widthMm: 100, heightMm: 100 } });
    expect(serviceRefusal(long, "ups", "ups_ground", ctx)).toMatch(/^Oversize: the longest side is 110.2 in and UPS Ground takes at most 108 in\.$/);
    const bulky = order({ parcel: { weightGrams: 1000, lengthMm: 1000, widthMm: 800, heightMm: 800 } });
    expect(serviceRefusal(bulky, "usps", "usps_priority_mail", ctx)).toMatch(/length plus girth is 165.4 in.*at most 108 in/);
  });

  it("refuses PO boxes for carriers that do not deliver there", () => {
    const box = order({ poBox: true });
    expect(serviceRefusal(box, "ups", "ups_ground", ctx)).toBe("The address is a PO box, and UPS Ground does not deliver to PO boxes.");
    expect(serviceRefusal(box, "usps", "usps_ground_advantage", ctx)).toBeNull();
  });

  it("refuses international orders on domestic services and the other way round", () => {
    expect(serviceRefusal(order({ country: "GB", region: null }), "usps", "usps_ground_advantage", ctx)).toMatch(/goes abroad \(GB\).*domestic shipments only/);
    expect(serviceRefusal(order(), "dhl", "dhl_express_worldwide", ctx)).toMatch(/stays in US.*international shipments only/);
    expect(serviceRefusal(order({ country: "GB" }), "dhl", "dhl_express_worldwide", ctx)).toBeNull();
    // Puerto Rico is domestic for US carriers.
    expect(isDomestic("US", "PR")).toBe(true);
    expect(serviceRefusal(order({ country: "PR", region: "PR" }), "usps", "usps_priority_mail", ctx)).toBeNull();
  });

  it("refuses a carrier the shop turned off, and an unknown service", () => {
    expect(serviceRefusal(order(), "ups", "ups_ground", { ...ctx, disabledCarriers: new Set(["ups"]) })).toMatch(/UPS is turned off/);
    expect(serviceRefusal(order(), "ups", "ups_teleport", ctx)).toBe('Unknown service "ups_teleport" for carrier "ups".');
  });
});

describe("schemas", () => {
  it("validates rule conditions with messages that name the problem", () => {
    const bad = ruleConditionsSchema.safeParse({ weightGrams: { min: 900, max: 100 }, countries: ["USA"] });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContain("weightGrams.max: Minimum weight is above the maximum");
    expect(messages).toContain("countries.0: Countries are two-letter codes such as US or CA");
    expect(ruleConditionsSchema.safeParse({ colour: "red" }).success).toBe(false);
    expect(ruleConditionsSchema.parse({ countries: [" ca "], tags: ["VIP"] })).toEqual({ countries: ["CA"], tags: ["vip"] });
  });

  it("checks that the service belongs to the carrier", () => {
    const r = ruleSchema.safeParse({ name: "x", carrier: "usps", service: "ups_ground" });
    expect(r.error?.issues[0]).toMatchObject({ path: ["service"], message: '"ups_ground" is not a USPS service' });
  });

  it("checks account numbers per carrier", () => {
    const base = { enabled: "on", handlingDays: "1", cutoffTime: "14:00" };
    expect(carrierAccountSchema.parse({ ...base, carrier: "ups", accountNumber: " a12b34 " }).accountNumber).toBe("A12B34");
    const ups = carrierAccountSchema.safeParse({ ...base, carrier: "ups", accountNumber: "A12B3" });
    expect(ups.error?.issues[0].message).toBe('UPS shipper number must be 6 letters or digits, e.g. A12B34 (got "A12B3")');
    expect(carrierAccountSchema.safeParse({ ...base, carrier: "usps", accountNumber: "912345678" }).success).toBe(true);
    expect(carrierAccountSchema.safeParse({ ...base, carrier: "usps", accountNumber: "812345678" }).success).toBe(false);
    expect(carrierAccountSchema.parse({ ...base, carrier: "fedex", accountNumber: "" }).accountNumber).toBeNull();
    expect(carrierAccountSchema.safeParse({ ...base, carrier: "dhl", cutoffTime: "25:00" }).error?.issues[0].message).toMatch(/HH:MM/);
    expect(carrierAccountSchema.safeParse({ ...base, carrier: "dhl", handlingDays: "31" }).error?.issues[0].message).toMatch(/at most 30/);
    expect(carrierAccountSchema.parse({ ...base, enabled: undefined, carrier: "dhl" }).enabled).toBe(false);
  });

  it("validates the bulk assign form", () => {
    expect(assignRequestSchema.parse({ method: "rules", scope: "selected", orderIds: "3,1,3" }).orderIds).toEqual([3, 1]);
    expect(assignRequestSchema.safeParse({ method: "rules", scope: "selected", orderIds: "" }).error?.issues[0].message).toBe("Select at least one order");
    expect(assignRequestSchema.safeParse({ method: "service", scope: "all_unassigned", carrier: "ups", service: "usps_priority_mail" }).error?.issues[0].message).toBe("Choose a UPS service");
    expect(assignRequestSchema.safeParse({ method: "rules", scope: "selected", orderIds: "1,x" }).success).toBe(false);
  });
});

describe("units and descriptions", () => {
  it("converts between grams and pounds/ounces", () => {
    expect(gramsToPoundsOunces(454)).toEqual({ lb: 1, oz: 0 });
    expect(gramsToPoundsOunces(2268)).toEqual({ lb: 5, oz: 0 });
    expect(poundsOuncesToGrams(1, 8)).toBe(680);
    expect(formatWeight(113, "imperial")).toBe("4 oz");
    expect(formatWeight(1500, "metric")).toBe("1.5 kg");
    expect(lengthToMm(12, "imperial")).toBe(305);
    expect(unitSystemFor("US")).toBe("imperial");
    expect(unitSystemFor("GB")).toBe("metric");
  });

  it("describes rules in words", () => {
    expect(describeConditions({ weightGrams: { max: 454 }, states: ["NY", "NJ"], tags: ["vip"] }, "imperial")).toEqual([
      "weight up to 1 lb",
      "states NY, NJ",
      "tagged vip",
    ]);
    expect(describeRule({ carrier: "ups", service: "ups_ground", conditions: { orderValueCents: { min: 15000 } } }, "imperial")).toBe(
      "When order value $150.00 or more: UPS Ground",
    );
    expect(describeRule({ carrier: "usps", service: "usps_priority_mail", conditions: {} }, "metric")).toBe("Every order: USPS Priority Mail");
  });
});

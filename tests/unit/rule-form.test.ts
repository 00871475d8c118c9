// The rule editor's conversions between what sellers type (lb/oz or kg, in or cm, dollars) and
// stored conditions (grams, millimetres, cents), and the carrier registry's lookups.
import { describe, expect, it } from "vitest";
import { ALL_SERVICES, carrierFromName, carrierName, findService, isExpedited, serviceName, trackingUrl } from "../../app/modules/carriers/registry";
import { emptyRuleForm, formFieldOf, formToRuleInput, ruleToForm } from "../../app/modules/carriers/rule-form";
import { ruleSchema } from "../../app/modules/carriers/schemas";
import { parseServiceValue, serviceOptions } from "../../app/modules/carriers/service-options";

describe("rule form", () => {
  it("turns pounds, ounces, inches and dollars into grams, millimetres and cents", () => {
    const form = {
      ...emptyRuleForm(),
      name: "  Heavy and big ",
      service: "ups:ups_ground",
      weightMin: { major: 5, minor: 8 } as const,
      sizeMax: 24,
      valueMin: 150,
      countries: ["us", " ca ", "us"],
      tags: ["VIP"],
    };
    expect(formToRuleInput(form, "imperial")).toEqual({
      name: "Heavy and big",
      enabled: true,
      carrier: "ups",
      service: "ups_ground",
      conditions: {
        weightGrams: { min: 2495, max: null }, // 5 lb 8 oz = 2494.8 g
        largestDimensionMm: { min: null, max: 610 }, // 24 in
        orderValueCents: { min: 15000, max: null },
        countries: ["US", "CA"],
        tags: ["vip"],
      },
    });
  });

  it("uses kilograms and centimetres for metric sellers", () => {
    const input = formToRuleInput({ ...emptyRuleForm(), service: "dhl:dhl_express_worldwide", weightMax: { major: 2.5, minor: "" }, sizeMin: 40 }, "metric");
    expect(input.conditions).toEqual({ weightGrams: { min: null, max: 2500 }, largestDimensionMm: { min: 400, max: null } });
  });

  it("round-trips a stored rule through the form", () => {
    const rule = { name: "r", enabled: false, carrier: "usps", service: "usps_priority_mail", conditions: { weightGrams: { max: 454 }, states: ["NY"], orderValueCents: { min: 1999 } } };
    const form = ruleToForm(rule, "imperial");
    expect(form.weightMax).toEqual({ major: 1, minor: 0 });
    expect(form.valueMin).toBe(19.99);
    expect(form.service).toBe("usps:usps_priority_mail");
    const back = formToRuleInput(form, "imperial");
    expect(ruleSchema.parse(back).conditions).toEqual({ weightGrams: { min: null, max: 454 }, orderValueCents: { min: 1999, max: null }, states: ["NY"] });
  });

  it("an empty form has no conditions, and the schema then asks for a name and service", () => {
    const input = formToRuleInput(emptyRuleForm(), "imperial");
    expect(input.conditions).toEqual({});
    const issues = ruleSchema.safeParse(input).error!.issues.map((i) => formFieldOf(i.path.join(".")));
    expect(issues).toEqual(expect.arrayContaining(["name", "service"]));
  });

  it("maps server error paths to form fields", () => {
    expect(formFieldOf("conditions.weightGrams.max")).toBe("weightMax");
    expect(formFieldOf("conditions.countries.2")).toBe("countries");
    expect(formFieldOf("carrier")).toBe("service");
  });
});

describe("carrier registry", () => {
  it("gives every service sensible transit days and the identifiers its number format needs", () => {
    for (const s of ALL_SERVICES) {
      expect(s.minTransitDays, s.code).toBeLessThanOrEqual(s.maxTransitDays);
      expect(s.domestic || s.international, s.code).toBe(true);
      if (s.trackingFormat === "ups_1z") expect(s.upsServiceCode, s.code).toMatch(/^[0-9A-Z]{2}$/);
      if (s.trackingFormat === "usps_impb") expect(s.uspsServiceTypeCode, s.code).toMatch(/^\d{3}$/);
      expect(s.code.startsWith(s.carrier), s.code).toBe(true);
    }
  });

  it("reads marketplace carrier names", () => {
    expect(["USPS", "United States Postal Service", "UPS", "FedEx", "Fed Ex", "DHL eCommerce", "DHL Express", "Amazon Shipping", "LaserShip", "Pigeon"].map(carrierFromName)).toEqual([
      "usps", "usps", "ups", "fedex", "fedex", "dhl_ecommerce", "dhl", "amazon", "lasership", null,
    ]);
  });

  it("names carriers (also those only detection knows), services, URLs and expedited services", () => {
    expect(carrierName("purolator")).toBe("Purolator");
    expect(carrierName("s10")).toBe("International post (UPU S10)");
    expect(carrierName("zzz")).toBe("ZZZ");
    expect(serviceName("ups", "ups_2nd_day_air")).toBe("UPS 2nd Day Air");
    expect(trackingUrl("ups", "1Z 5R8")).toBe("https://www.ups.com/track?tracknum=1Z%205R8");
    expect(isExpedited("usps", "usps_priority_mail")).toBe(true);
    expect(isExpedited("usps", "usps_ground_advantage")).toBe(false);
    expect(findService("usps", "ups_ground")).toBeUndefined();
  });

  it("lists services for the pickers, with carriers the shop turned off disabled", () => {
    const groups = serviceOptions(["dhl"]);
    expect(groups.map((g) => g.group)).toEqual(["USPS", "UPS", "FedEx", "DHL Express (turned off)"]);
    expect(groups[1].items[0]).toEqual({ value: "ups:ups_ground", label: "UPS Ground · 1–5 business days", disabled: undefined });
    expect(groups[3].items[0]).toMatchObject({ disabled: true, label: "DHL Express Worldwide · 2–5 business days · international" });
    expect(parseServiceValue("fedex:fedex_2day")).toEqual({ carrier: "fedex", service: "fedex_2day" });
    expect(parseServiceValue("fedex")).toBeNull();
  });
});

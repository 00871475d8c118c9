// The analytics arithmetic, with worked examples: rates, nearest-rank percentiles, Monday weeks,
// the URL filters, and the definitions the page shows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { METRICS } from "../../app/modules/analytics/definitions";
import {
  deliveryConfirmationRate,
  inFlightShare,
  NO_PARCELS,
  onTimeRate,
  percentile,
  perHundred,
  proofRate,
  share,
  weekOf,
  weeksBetween,
} from "../../app/modules/analytics/metrics";
import { assembleReport } from "../../app/modules/analytics/report-assembly";
import { filtersToSearch, parseAnalyticsFilters, presetFilters } from "../../app/modules/analytics/schemas";

const counts = (c: Partial<typeof NO_PARCELS>) => ({ ...NO_PARCELS, ...c });

describe("rates", () => {
  it("leaves in-flight parcels out of the delivery-confirmation rate", () => {
    // 10 shipped, 6 delivered, 2 still moving, 2 returned: 6 / (10 - 2) = 0.75, not 6 / 10.
    const c = counts({ shipped: 10, delivered: 6, inFlight: 2, notDelivered: 2, withProof: 3 });
    expect(deliveryConfirmationRate(c)).toBe(0.75);
    expect(proofRate(c)).toBe(0.5); // 3 of 6 delivered
    expect(inFlightShare(c)).toBe(0.2); // 2 of 10 shipped
  });

  it("has no rate (null, not zero) while nothing has finished", () => {
    expect(deliveryConfirmationRate(counts({ shipped: 3, inFlight: 3 }))).toBeNull();
    expect(proofRate(counts({ shipped: 3, inFlight: 3 }))).toBeNull();
    expect(onTimeRate(counts({ shipped: 3, delivered: 3 }))).toBeNull(); // no EDD known
    expect(deliveryConfirmationRate(counts({ shipped: 2, notDelivered: 2 }))).toBe(0);
  });

  it("rounds shares to four places and per-hundred rates to two", () => {
    expect(share(2, 3)).toBe(0.6667);
    expect(share(1, 3)).toBe(0.3333);
    expect(onTimeRate(counts({ onTime: 5, onTimeKnown: 6 }))).toBe(0.8333);
    expect(perHundred(1, 3)).toBe(33.33);
    expect(perHundred(1, 8)).toBe(12.5);
    expect(perHundred(1, 0)).toBeNull();
  });
});

describe("percentiles of whole days (nearest rank)", () => {
  const h = (entries: [number, number][]) => new Map(entries);

  it("takes the lower middle for an even count, like percentile_disc", () => {
    // [1, 2, 3, 4]: rank ceil(0.5 * 4) = 2 -> 2; p90 rank ceil(3.6) = 4 -> 4.
    expect(percentile(h([[1, 1], [2, 1], [3, 1], [4, 1]]), 50)).toBe(2);
    expect(percentile(h([[1, 1], [2, 1], [3, 1], [4, 1]]), 90)).toBe(4);
  });

  it("computes 90% of 10 parcels as rank 9 exactly (no floating-point rank 10)", () => {
    // Nine parcels took 2 days and one took 9: p90 is 2 (rank 9), not 9.
    expect(percentile(h([[2, 9], [9, 1]]), 90)).toBe(2);
    // With 20 parcels, 18 x 2 days and 2 x 9: rank 18 -> 2; 19 x 2 and 1 x 9 -> 2.
    expect(percentile(h([[2, 18], [9, 2]]), 90)).toBe(2);
    expect(percentile(h([[2, 17], [9, 3]]), 90)).toBe(9);
  });

  it("reads counts from an unordered histogram and ignores nothing", () => {
    // 3 x 5 days, 1 x 0 days, 2 x 2 days -> [0, 2, 2, 5, 5, 5]: median rank 3 -> 2, p90 rank 6 -> 5.
    const hist = h([[5, 3], [0, 1], [2, 2]]);
    expect(percentile(hist, 50)).toBe(2);
    expect(percentile(hist, 90)).toBe(5);
    expect(percentile(new Map(), 50)).toBeNull();
  });
});

describe("weeks start on Monday", () => {
  it("names a week by its Monday", () => {
    expect(weekOf("2026-05-24")).toBe("2026-05-18"); // Sunday belongs to the week before
    expect(weekOf("2026-05-25")).toBe("2026-05-25"); // Monday starts a week
    expect(weekOf("2026-01-01")).toBe("2025-12-29"); // across a year
  });

  it("lists every week a range overlaps, partial ones included", () => {
    expect(weeksBetween("2026-05-20", "2026-06-01")).toEqual(["2026-05-18", "2026-05-25", "2026-06-01"]);
    expect(weeksBetween("2026-05-25", "2026-05-25")).toEqual(["2026-05-25"]);
  });
});

describe("filters in the URL", () => {
  const today = "2026-05-31";

  it("turns presets into dates ending today, 30 days by default", () => {
    expect(parseAnalyticsFilters({}, today)).toMatchObject({ ok: true, filters: { range: "30", from: "2026-05-02", to: today } });
    expect(parseAnalyticsFilters({ range: "7" }, today)).toMatchObject({ ok: true, filters: { from: "2026-05-25", to: today } });
    expect(parseAnalyticsFilters({ range: "90", from: "", carrier: "" }, today)).toMatchObject({
      ok: true,
      filters: { from: "2026-03-03", carrier: null },
    });
  });

  it("reads a custom range and normalises codes", () => {
    const r = parseAnalyticsFilters({ from: "2026-01-01", to: "2026-01-31", carrier: "UPS", country: "us", region: "ny" }, today);
    expect(r).toEqual({
      ok: true,
      filters: { range: "custom", from: "2026-01-01", to: "2026-01-31", carrier: "ups", service: null, country: "US", region: "NY" },
    });
  });

  it.each([
    [{ range: "14" }, "range must be 7, 30, 90 or custom"],
    [{ range: "custom", from: "2026-01-01" }, "to is required for a custom range"],
    [{ from: "2026-02-30", to: "2026-03-01" }, "from is not a calendar day"],
    [{ from: "01/02/2026", to: "2026-03-01" }, "from must be a date like 2026-11-22"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to is before the start date 2026-03-02"],
    [{ from: "2020-01-01", to: "2026-03-01" }, "to makes the range longer than 731 days"],
    [{ carrier: "<script>" }, "carrier must be a carrier code such as ups"],
    [{ country: "USA" }, "country must be a two-letter country code such as US"],
    [{ region: "NY" }, "country is required with a region"],
  ])("rejects %j with a message naming the problem", (params, message) => {
    const r = parseAnalyticsFilters(params as Record<string, string>, today);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.filters).toEqual(presetFilters("30", today)); // the page still shows the default view
    }
  });

  it("writes filters back to a shareable query that keeps presets relative", () => {
    const preset = parseAnalyticsFilters({ range: "7", carrier: "usps" }, today);
    expect(preset.ok && filtersToSearch(preset.filters)).toBe("range=7&carrier=usps");
    const custom = parseAnalyticsFilters({ from: "2026-01-01", to: "2026-01-31", country: "US", region: "TX" }, today);
    const search = custom.ok ? filtersToSearch(custom.filters) : "";
    expect(search).toBe("range=custom&from=2026-01-01&to=2026-01-31&country=US&region=TX");
    expect(parseAnalyticsFilters(Object.fromEntries(new URLSearchParams(search)), today)).toEqual(custom);
  });
});

describe("the report shape", () => {
  const filters = { ...presetFilters("7", "2026-05-31") };

  it("orders carriers busiest first and fills every week for every carrier", () => {
    const report = assembleReport({
      filters,
      timeZone: "America/New_York",
      cohort: [
        { carrier: "usps", service: "usps_ground_advantage", week: "2026-05-25", ...counts({ shipped: 2, delivered: 1, inFlight: 1 }) },
        { carrier: "ups", service: "ups_ground", week: "2026-05-25", ...counts({ shipped: 5, delivered: 5, onTime: 4, onTimeKnown: 5 }) },
      ],
      transit: [{ carrier: "ups", service: "ups_ground", transitDays: 3, parcels: 5 }],
      exceptions: [{ carrier: "usps", type: "delayed", cases: 1 }],
      casesPerWeek: [{ week: "2026-05-25", opened: 1, resolved: 0 }],
      options: { carriers: [], services: [], countries: [], regions: [] },
    });
    expect(report.weeks).toEqual(["2026-05-25"]);
    expect(report.carriers.map((c) => [c.carrier, c.carrierName, c.deliveryConfirmationRate])).toEqual([
      ["ups", "UPS", 1],
      ["usps", "USPS", 1], // 1 / (2 - 1)
    ]);
    expect(report.weekly.map((w) => w.carrier)).toEqual(["ups", "usps"]);
    expect(report.exceptions).toEqual([{ carrier: "usps", carrierName: "USPS", type: "delayed", cases: 1, shipped: 2, per100: 50 }]);
    expect(report.total).toMatchObject({ shipped: 7, delivered: 6, inFlight: 1, deliveryConfirmationRate: 1, onTimeRate: 0.8, medianTransitDays: 3 });
  });
});

describe("definitions", () => {
  it("defines every metric the page shows, each with a sentence and SQL or a formula", () => {
    const keys = METRICS.map((m) => m.key);
    for (const key of ["shipped", "delivered", "withProof", "inFlight", "deliveryConfirmationRate", "onTimeRate", "transitDays", "exceptionRate", "casesOpenedResolved", "week"]) {
      expect(keys).toContain(key);
    }
    for (const m of METRICS) {
      expect(m.definition.length, m.key).toBeGreaterThan(30);
      expect(Boolean(m.sql || m.formula), m.key).toBe(true);
    }
  });

  it("builds the summary SQL from the same strings the panel shows", () => {
    const source = readFileSync(new URL("../../app/modules/analytics/refresh.server.ts", import.meta.url), "utf8");
    for (const name of ["DELIVERED_SQL", "WITH_PROOF_SQL", "IN_FLIGHT_SQL", "NOT_DELIVERED_SQL", "ON_TIME_SQL", "ON_TIME_KNOWN_SQL", "TRANSIT_DAYS_SQL", "LIVE_SQL"]) {
      expect(source, name).toContain(`raw(${name})`);
    }
  });
});

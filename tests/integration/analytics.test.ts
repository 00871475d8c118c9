// Analytics on a small hand-built data set whose every figure is worked out below. Shop A ("alpha",
// America/New_York) ships in the two weeks Monday 2026-05-18 .. Sunday 2026-05-31, which contain
// Memorial Day (Monday 2026-05-25, a federal holiday) and a shop holiday (Wednesday 2026-05-27).
// Shop B ships too, and must never show up in A's figures.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { businessDaysBetween, usFederalHolidays } from "../../app/modules/carriers/business-days";
import { TRANSIT_DAYS_SQL } from "../../app/modules/analytics/definitions";
import { analyticsReport } from "../../app/modules/analytics/report-query.server";
import type { AnalyticsReport } from "../../app/modules/analytics/report-assembly";
import { type AnalyticsFilters, presetFilters } from "../../app/modules/analytics/schemas";
import { refreshAnalytics } from "../../app/modules/analytics/refresh.server";
import type { ExceptionType } from "../../db/types";
import { addCase as addFixtureCase, addParcel, type ParcelSpec } from "../fixtures/analytics";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

const TZ = "America/New_York";
let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
const ids: Record<string, number> = {};

async function parcel(shop: TestShop, name: string, p: ParcelSpec) {
  ids[name] = await addParcel(shop.scope, name, p, TZ);
}

function addCase(shop: TestShop, shipment: string, type: ExceptionType, openedAt: string, resolvedAt?: string) {
  return addFixtureCase(shop.scope, ids[shipment], type, openedAt, resolvedAt);
}

const RANGE: AnalyticsFilters = {
  range: "custom",
  from: "2026-05-18",
  to: "2026-05-31",
  carrier: null,
  service: null,
  country: null,
  region: null,
};
const W1 = "2026-05-18";
const W2 = "2026-05-25";
const NOW = new Date("2026-06-01T16:00:00Z");

const report = (shop: TestShop, filters: Partial<AnalyticsFilters> = {}) =>
  analyticsReport(shop.scope, { filters: { ...RANGE, ...filters }, timeZone: TZ, now: NOW });
const carrier = (r: AnalyticsReport, code: string) => r.carriers.find((c) => c.carrier === code);

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "alpha");
  b = await createTestShop(handle.db, "bravo");
  await a.scope.insertInto("holidays", { day: "2026-05-27", name: "Stocktake" }).execute();

  // UPS Ground (U5: 2nd Day Air). Business days count the delivery day, not the ship day.
  await parcel(a, "U1", { carrier: "ups", shippedAt: "2026-05-18T14:00:00Z", status: "delivered", deliveredDay: "2026-05-20", proof: "signature", edd: "2026-05-21", region: "NY" }); // Tue, Wed = 2 days, on time
  await parcel(a, "U2", { carrier: "ups", shippedAt: "2026-05-19T14:00:00Z", status: "delivered", deliveredDay: "2026-05-22", proof: "photo", edd: "2026-05-21", region: "CA" }); // Wed, Thu, Fri = 3, late
  await parcel(a, "U3", { carrier: "ups", shippedAt: "2026-05-22T14:00:00Z", status: "delivered", deliveredDay: "2026-05-26", edd: "2026-05-27", region: "NY" }); // Sat, Sun, Memorial Day skipped; Tue = 1, on time, no proof
  // Sunday 23:30 in New York is already Monday 03:30 UTC: the parcel belongs to the week of May 18.
  await parcel(a, "U4", { carrier: "ups", shippedAt: "2026-05-25T03:30:00Z", status: "in_transit", edd: "2026-05-28", region: "TX" });
  await parcel(a, "U5", { carrier: "ups", service: "ups_2nd_day_air", shippedAt: "2026-05-26T14:00:00Z", status: "delivered", deliveredDay: "2026-05-29", proof: "signature", edd: "2026-05-29", region: "NY" }); // 27 is the shop's holiday; Thu, Fri = 2, on time
  await parcel(a, "U6", { carrier: "ups", shippedAt: "2026-05-27T14:00:00Z", status: "returned_to_sender", edd: "2026-06-01", region: "TX" });
  await parcel(a, "U7", { carrier: "ups", shippedAt: "2026-05-28T14:00:00Z", status: "exception", edd: "2026-06-02", region: "CA" }); // declared lost below
  await parcel(a, "U8", { carrier: "ups", shippedAt: "2026-05-28T15:00:00Z", status: "attempt_failed", edd: "2026-06-02", region: "NY" }); // still in flight
  await parcel(a, "U9", { carrier: "ups", shippedAt: "2026-05-20T14:00:00Z", status: "voided", region: "NY" }); // never counts
  await parcel(a, "U10", { carrier: "ups", shippedAt: "2026-05-15T14:00:00Z", status: "delivered", deliveredDay: "2026-05-19", edd: "2026-05-20", region: "NY" }); // before the range

  // USPS Ground Advantage.
  await parcel(a, "P1", { carrier: "usps", shippedAt: "2026-05-20T14:00:00Z", status: "delivered", deliveredDay: "2026-05-23", edd: "2026-05-26", region: "NY" }); // Thu, Fri (Sat skipped) = 2, on time
  await parcel(a, "P2", { carrier: "usps", shippedAt: "2026-05-21T14:00:00Z", status: "delivered", deliveredDay: "2026-05-22", proof: "photo", edd: "2026-05-22", region: "FL" }); // 1, on time
  await parcel(a, "P3", { carrier: "usps", shippedAt: "2026-05-29T14:00:00Z", status: "in_transit", region: "NY" });
  await parcel(a, "P4", { carrier: "usps", shippedAt: "2026-05-25T14:00:00Z", status: "delivered", deliveredDay: "2026-05-28", region: "CA" }); // no EDD; Tue, (Wed holiday), Thu = 2
  await parcel(a, "P5", { carrier: "usps", shippedAt: "2026-05-31T16:00:00Z", status: "pending", region: "NY" }); // handed over, no scan yet

  // FedEx, to Canada: only in flight, so no rate yet.
  await parcel(a, "F1", { carrier: "fedex", shippedAt: "2026-05-30T14:00:00Z", status: "in_transit", region: "ON", country: "CA" });

  await addCase(a, "U7", "lost", "2026-05-29T15:00:00Z");
  await addCase(a, "U8", "failed_attempt", "2026-05-29T18:00:00Z", "2026-05-30T12:00:00Z");
  // Opened Sunday 23:30 New York (week of May 18), resolved Monday 00:30 New York (week of May 25);
  // in UTC both are Monday.
  await addCase(a, "U2", "delayed", "2026-05-25T03:30:00Z", "2026-05-25T04:30:00Z");
  await addCase(a, "U4", "stalled", "2026-05-28T14:00:00Z");
  await addCase(a, "P1", "address_issue", "2026-05-21T14:00:00Z", "2026-05-22T14:00:00Z");
  // U10 shipped before the range: its case is opened in the range (counts per week) but is not in the cohort.
  await addCase(a, "U10", "delayed", "2026-05-19T14:00:00Z", "2026-06-02T14:00:00Z");

  // Shop B: same carriers and days, different outcomes.
  await parcel(b, "B1", { carrier: "ups", shippedAt: "2026-05-19T14:00:00Z", status: "returned_to_sender", region: "NY" });
  await parcel(b, "B2", { carrier: "ups", shippedAt: "2026-05-20T14:00:00Z", status: "returned_to_sender", region: "NY" });
  await parcel(b, "B3", { carrier: "dhl", service: "dhl_express_worldwide", shippedAt: "2026-05-21T14:00:00Z", status: "delivered", deliveredDay: "2026-05-22", proof: "signature", region: "NY" });
  await addCase(b, "B1", "damaged", "2026-05-20T14:00:00Z");
});
afterAll(() => handle?.close());

describe(`analytics on ${backend}`, () => {
  it("counts the cohort per carrier: shipped, delivered, with proof, in flight, not delivered", async () => {
    const r = await report(a);
    expect(r.carriers.map((c) => c.carrier)).toEqual(["ups", "usps", "fedex"]); // busiest first
    // UPS: U1..U8 (U9 voided, U10 shipped before the range).
    // delivered U1 U2 U3 U5 = 4; with proof U1 (signature) U2 (photo) U5 = 3; in flight U4 U8 = 2;
    // not delivered U6 (returned) U7 (lost) = 2. Rate 4 / (8 - 2) = 0.6667; proof 3 / 4.
    expect(carrier(r, "ups")).toMatchObject({
      shipped: 8,
      delivered: 4,
      withProof: 3,
      inFlight: 2,
      notDelivered: 2,
      deliveryConfirmationRate: 0.6667,
      proofRate: 0.75,
      inFlightShare: 0.25,
    });
    // USPS: P1..P5; delivered P1 P2 P4 = 3, proof P2 = 1, in flight P3 P5 = 2: 3 / (5 - 2) = 1.
    expect(carrier(r, "usps")).toMatchObject({ shipped: 5, delivered: 3, withProof: 1, inFlight: 2, notDelivered: 0, deliveryConfirmationRate: 1, proofRate: 0.3333 });
    // FedEx: one parcel, still moving: nothing has finished, so no rate (not 0%).
    expect(carrier(r, "fedex")).toMatchObject({ shipped: 1, delivered: 0, inFlight: 1, deliveryConfirmationRate: null, proofRate: null });
    // All carriers: 14 shipped, 7 delivered, 5 in flight: 7 / 9 = 0.7778.
    expect(r.total).toMatchObject({ shipped: 14, delivered: 7, withProof: 4, inFlight: 5, notDelivered: 2, deliveryConfirmationRate: 0.7778 });
  });

  it("measures on-time against the EDD on the label, per carrier and service", async () => {
    const r = await report(a);
    // UPS: delivered with an EDD U1 (on time) U2 (late, 22 > 21) U3 (on time) U5 (on the day) = 3 / 4.
    expect(carrier(r, "ups")).toMatchObject({ onTime: 3, onTimeKnown: 4, onTimeRate: 0.75 });
    // USPS: P4 had no EDD, so only P1 and P2 count, both on time.
    expect(carrier(r, "usps")).toMatchObject({ onTime: 2, onTimeKnown: 2, onTimeRate: 1 });
    const service = (code: string) => r.services.find((s) => s.service === code);
    // UPS Ground: U1, U2, U3 -> 2 / 3; 2nd Day Air: U5 -> 1 / 1.
    expect(service("ups_ground")).toMatchObject({ carrier: "ups", serviceName: "UPS Ground", shipped: 7, onTime: 2, onTimeKnown: 3, onTimeRate: 0.6667 });
    expect(service("ups_2nd_day_air")).toMatchObject({ shipped: 1, delivered: 1, onTimeRate: 1 });
    expect(r.total.onTimeRate).toBe(0.8333); // 5 / 6
  });

  it("counts transit in business days, skipping weekends, federal holidays and the shop's holidays", async () => {
    const r = await report(a);
    // UPS: U1 2, U2 3, U3 1 (Memorial Day skipped), U5 2 (shop holiday skipped) -> [1, 2, 2, 3]:
    // median = rank ceil(0.5 * 4) = 2nd = 2; p90 = rank ceil(0.9 * 4) = 4th = 3.
    expect(r.transit.filter((t) => t.carrier === "ups")).toEqual([
      { carrier: "ups", transitDays: 1, parcels: 1 },
      { carrier: "ups", transitDays: 2, parcels: 2 },
      { carrier: "ups", transitDays: 3, parcels: 1 },
    ]);
    expect(carrier(r, "ups")).toMatchObject({ medianTransitDays: 2, p90TransitDays: 3 });
    // USPS: P1 2 (Saturday delivery day is not a business day), P2 1, P4 2 -> [1, 2, 2]: median 2nd = 2, p90 3rd = 2.
    expect(carrier(r, "usps")).toMatchObject({ medianTransitDays: 2, p90TransitDays: 2 });
    expect(carrier(r, "fedex")).toMatchObject({ medianTransitDays: null, p90TransitDays: null });
    // Everything: [1, 1, 2, 2, 2, 2, 3]: median 4th = 2, p90 7th = 3.
    expect(r.total).toMatchObject({ medianTransitDays: 2, p90TransitDays: 3 });
  });

  it("puts a parcel shipped Sunday 23:30 in New York in the earlier week, and builds weekly points per carrier", async () => {
    const r = await report(a);
    expect(r.weeks).toEqual([W1, W2]);
    const point = (week: string, code: string) => r.weekly.find((w) => w.week === week && w.carrier === code);
    // UPS week 1: U1 U2 U3 delivered, U4 (Sunday night) in flight: 3 / (4 - 1) = 1.
    expect(point(W1, "ups")).toMatchObject({ shipped: 4, delivered: 3, inFlight: 1, deliveryConfirmationRate: 1 });
    // UPS week 2: U5 delivered, U6 returned, U7 lost, U8 in flight: 1 / (4 - 1) = 0.3333.
    expect(point(W2, "ups")).toMatchObject({ shipped: 4, delivered: 1, inFlight: 1, notDelivered: 2, deliveryConfirmationRate: 0.3333 });
    expect(point(W1, "usps")).toMatchObject({ shipped: 2, delivered: 2, deliveryConfirmationRate: 1 });
    expect(point(W2, "usps")).toMatchObject({ shipped: 3, delivered: 1, inFlight: 2, deliveryConfirmationRate: 1 });
    // A week without parcels is a gap in the line, not a zero.
    expect(point(W1, "fedex")).toMatchObject({ shipped: 0, deliveryConfirmationRate: null });
  });

  it("rates exceptions by type per carrier against the cohort", async () => {
    const r = await report(a);
    // UPS: lost U7, failed attempt U8, delayed U2, stalled U4: 1 case each per 8 shipped = 12.5 per 100.
    // U10's delayed case does not count: U10 shipped before the range. USPS: address issue P1, 1 per 5 = 20.
    expect(r.exceptions.map((e) => [e.carrier, e.type, e.cases, e.shipped, e.per100])).toEqual([
      ["ups", "delayed", 1, 8, 12.5],
      ["ups", "failed_attempt", 1, 8, 12.5],
      ["ups", "lost", 1, 8, 12.5],
      ["ups", "stalled", 1, 8, 12.5],
      ["usps", "address_issue", 1, 5, 20],
    ]);
    expect(r.exceptionTypes).toEqual(["address_issue", "delayed", "failed_attempt", "lost", "stalled"]);
  });

  it("counts cases opened and resolved per week in the shop's time zone", async () => {
    const r = await report(a);
    // Opened week 1: U10 (May 19), P1 (May 21), U2 (Sunday 23:30 New York) = 3; week 2: U4, U7, U8 = 3.
    // Resolved week 1: P1 (May 22) = 1; week 2: U2 (Monday 00:30 New York), U8 (May 30) = 2;
    // U10's resolution (June 2) is after the range.
    expect(r.casesPerWeek).toEqual([
      { week: W1, opened: 3, resolved: 1 },
      { week: W2, opened: 3, resolved: 2 },
    ]);
    const ground = await report(a, { service: "ups_ground" });
    // UPS Ground cases: U10 and U2 opened in week 1; U4, U7, U8 in week 2; U2 and U8 resolved in week 2.
    expect(ground.casesPerWeek).toEqual([
      { week: W1, opened: 2, resolved: 0 },
      { week: W2, opened: 3, resolved: 2 },
    ]);
  });

  it("filters by carrier, service and destination", async () => {
    const ny = await report(a, { country: "US", region: "NY" });
    // New York only: UPS U1 U3 U5 delivered, U8 in flight: 3 / 3; USPS P1 delivered, P3 P5 in flight: 1 / 1.
    expect(ny.carriers.map((c) => [c.carrier, c.shipped, c.delivered, c.inFlight, c.deliveryConfirmationRate])).toEqual([
      ["ups", 4, 3, 1, 1],
      ["usps", 3, 1, 2, 1],
    ]);
    expect(ny.exceptions.map((e) => [e.carrier, e.type, e.per100])).toEqual([
      ["ups", "failed_attempt", 25], // U8: 1 of 4
      ["usps", "address_issue", 33.33], // P1: 1 of 3
    ]);
    // Opened in New York: week 1 U10, P1; week 2 U8. Resolved: P1 week 1, U8 week 2.
    expect(ny.casesPerWeek).toEqual([
      { week: W1, opened: 2, resolved: 1 },
      { week: W2, opened: 1, resolved: 1 },
    ]);

    const express = await report(a, { carrier: "ups", service: "ups_2nd_day_air" });
    expect(express.carriers.map((c) => [c.carrier, c.shipped, c.delivered])).toEqual([["ups", 1, 1]]);
    expect(express.services.map((s) => s.service)).toEqual(["ups_2nd_day_air"]);

    const canada = await report(a, { country: "CA" });
    expect(canada.carriers.map((c) => c.carrier)).toEqual(["fedex"]);
    expect(canada.total).toMatchObject({ shipped: 1, deliveryConfirmationRate: null });

    // The menus list the carriers shipped with in the range whatever the other filters, and every
    // destination the shop has shipped to.
    expect(canada.options.carriers.map((c) => c.value)).toEqual(["fedex", "ups", "usps"]);
    expect(canada.options.countries).toEqual(["CA", "US"]);
    expect(canada.options.regions.map((x) => `${x.value}, ${x.country}`)).toEqual(["ON, CA", "CA, US", "FL, US", "NY, US", "TX, US"]);
    // A state is only a filter within its country: California is not Canada.
    const california = await report(a, { country: "US", region: "CA" });
    expect(california.total).toMatchObject({ shipped: 3 }); // U2, U7, P4

    const week1 = await report(a, { from: "2026-05-18", to: "2026-05-24" });
    expect(week1.weeks).toEqual([W1]);
    expect(week1.total).toMatchObject({ shipped: 6, delivered: 5, inFlight: 1 }); // U1-U4, P1, P2
  });

  it("never counts shop B's parcels or cases in shop A, and the other way round", async () => {
    const ra = await report(a);
    expect(ra.carriers.find((c) => c.carrier === "dhl")).toBeUndefined();
    expect(ra.exceptions.find((e) => e.type === "damaged")).toBeUndefined();
    const rb = await report(b);
    // B: UPS B1 B2 returned: 0 / 2; DHL B3 delivered with a signature: 1 / 1.
    expect(rb.carriers.map((c) => [c.carrier, c.shipped, c.delivered, c.deliveryConfirmationRate])).toEqual([
      ["ups", 2, 0, 0],
      ["dhl", 1, 1, 1],
    ]);
    expect(rb.exceptions.map((e) => [e.carrier, e.type, e.cases])).toEqual([["ups", "damaged", 1]]);
    expect(rb.casesPerWeek).toEqual([
      { week: W1, opened: 1, resolved: 0 },
      { week: W2, opened: 0, resolved: 0 },
    ]);
    // Summary rows are per shop (the "all destinations" roll-up holds B's three parcels).
    const bRows = await b.scope
      .selectFrom("analytics_daily")
      .select(sql<number>`sum(shipped)::int8`.as("n"))
      .where("dest_country", "=", "*")
      .executeTakeFirstOrThrow();
    expect(bRows.n).toBe(3);
  });

  it("follows changes to shipments and cases made after the last refresh", async () => {
    const before = carrier(await report(a), "ups")!;
    // U4 arrives (Tue 26 and Thu 28 are business days after Sunday 24, Mon 25 and Wed 27 are not: 2).
    await a.scope
      .updateTable("shipments")
      .set({ status: "delivered", delivered_day: "2026-05-28", delivered_at: new Date("2026-05-28T18:00:00Z"), proof_type: "photo" })
      .where("id", "=", ids.U4)
      .execute();
    await addCase(a, "U3", "damaged", "2026-05-27T14:00:00Z");
    // A scan that changes nothing analytics reads queues nothing.
    await a.scope.updateTable("shipments").set({ last_scan_at: new Date() }).where("id", "=", ids.U8).execute();
    const queued = await a.scope.selectFrom("analytics_dirty_days").select("ship_day").orderBy("ship_day").execute();
    expect([...new Set(queued.map((q) => q.ship_day))]).toEqual(["2026-05-22", "2026-05-24"]);

    const after = carrier(await report(a), "ups")!;
    expect(after).toMatchObject({ delivered: before.delivered + 1, inFlight: before.inFlight - 1, withProof: before.withProof + 1 });
    expect(after.deliveryConfirmationRate).toBe(0.7143); // 5 / (8 - 1)
    expect(after.onTimeRate).toBe(0.8); // U4 was due May 28 and came that day: 4 on time of 5
    expect(await a.scope.selectFrom("analytics_dirty_days").select("id").execute()).toEqual([]);
  });

  it("rebuilds transit times when the shop's holidays change", async () => {
    // Tuesday May 19 becomes a holiday: U1 (shipped Mon 18, delivered Wed 20) now took 1 business day.
    await a.scope.insertInto("holidays", { day: "2026-05-19", name: "Closed" }).execute();
    const outcome = await refreshAnalytics(a.scope, NOW);
    expect(outcome).toMatchObject({ ran: true, full: true });
    const r = await report(a);
    expect(r.transit.filter((t) => t.carrier === "ups" && t.transitDays === 1)).toEqual([{ carrier: "ups", transitDays: 1, parcels: 2 }]);
    await a.scope.deleteFrom("holidays").where("day", "=", "2026-05-19").execute();
  });

  it("counts business days in SQL exactly as businessDaysBetween does", async () => {
    const holidays = [...usFederalHolidays(2026), ...usFederalHolidays(2027)].map((h) => h.day).concat(["2026-05-27"]);
    const pairs: [string, string][] = [];
    for (let i = 0; i < 60; i++) {
      const ship = new Date(Date.UTC(2026, 4, 1 + i * 5)).toISOString().slice(0, 10);
      const delivered = new Date(Date.UTC(2026, 4, 1 + i * 5 + (i % 13))).toISOString().slice(0, 10);
      pairs.push([ship, delivered]);
    }
    const rows = await sql<{ ship_day: string; delivered_day: string; days: number }>`
      with days_off(day) as (select unnest(${holidays}::date[])),
      s(ship_day, delivered_day) as (select * from unnest(${pairs.map((p) => p[0])}::date[], ${pairs.map((p) => p[1])}::date[]))
      select s.ship_day, s.delivered_day, ${sql.raw(TRANSIT_DAYS_SQL)}::int as days from s`.execute(handle.db);
    const set = new Set(holidays);
    for (const row of rows.rows) expect([row.ship_day, row.days]).toEqual([row.ship_day, businessDaysBetween(row.ship_day, row.delivered_day, set)]);
    expect(rows.rows).toHaveLength(60);
  });

  it.skipIf(backend !== "postgres")("runs one refresh per shop at a time; meanwhile a first-time reader is told figures are coming", async () => {
    const c = await createTestShop(handle.db, "charlie");
    await addParcel(c.scope, "C1", { carrier: "ups", shippedAt: "2026-05-19T14:00:00Z", status: "in_transit" }, TZ);
    // Another instance holds charlie's refresh lock (on another connection of the pool).
    await handle.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(860001, ${c.shop.id}::int)`.execute(trx);
      expect(await refreshAnalytics(c.scope, NOW)).toEqual({ ran: false, built: false, full: false, days: 0 });
      const waiting = await analyticsReport(c.scope, { filters: RANGE, timeZone: TZ, now: NOW });
      expect(waiting).toMatchObject({ building: true, total: { shipped: 0 } });
    });
    const ready = await analyticsReport(c.scope, { filters: RANGE, timeZone: TZ, now: NOW });
    expect(ready).toMatchObject({ building: false, total: { shipped: 1, inFlight: 1 } });
  });

  it("shows an empty report, not an error, for a range with no parcels", async () => {
    const r = await analyticsReport(a.scope, { filters: presetFilters("7", "2025-01-10"), timeZone: TZ, now: NOW });
    expect(r.carriers).toEqual([]);
    expect(r.total).toMatchObject({ shipped: 0, deliveryConfirmationRate: null, medianTransitDays: null });
    expect(r.casesPerWeek.every((w) => w.opened === 0 && w.resolved === 0)).toBe(true);
  });
});

// Each exception rule with a hand-built event sequence (through the same fold, detection and case
// lifecycle as ingestion), the time-driven rules at chosen moments, and the clearing rules.
import { describe, expect, it } from "vitest";
import { CaseBook } from "../../app/modules/exceptions/case-book";
import { clearingFor, isExpired, notPickedUpDeadline, type ShipmentFacts, timeSignals } from "../../app/modules/exceptions/rules";
import { DEFAULT_THRESHOLDS, Journey } from "../fixtures/journey";

const CT = "-06:00";
const ET = "-05:00";
const ctx = (iso: string, thresholds = DEFAULT_THRESHOLDS) => ({ now: new Date(iso), timeZone: "America/New_York", thresholds });

function facts(overrides: Partial<ShipmentFacts>): ShipmentFacts {
  return {
    carrierCode: "ups",
    serviceCode: "ups_ground",
    destRegion: "TX",
    destPostalCode: null,
    destCountry: "US",
    status: "in_transit",
    substatus: null,
    labelCreatedAt: new Date("2026-03-02T14:00:00Z"),
    lastScanAt: new Date("2026-03-03T12:00:00Z"),
    shippedAt: new Date("2026-03-02T22:00:00Z"),
    deliveredAt: null,
    eddCurrent: "2026-03-06",
    ...overrides,
  };
}

const ups = () => new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "TX", postalCode: "77002" }, labelCreatedAt: "2026-03-02T10:00:00-06:00", edd: "2026-03-05" });
const origin = (j: Journey) => j.push(`2026-03-02T18:30:00${CT}`, "I:OR", "Origin Scan", { city: "Memphis", region: "TN" });

describe("event-driven rules", () => {
  it("failed_attempt: a failed delivery attempt (and a refusal) opens it; a second attempt appends", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-04T15:00:00${CT}`, "X:48", "Receiver not available", { city: "Houston", region: "TX" });
    expect(j.openTypes()).toEqual(["failed_attempt"]);
    expect(j.caseOf("failed_attempt")?.rule).toBe("carrier_failed_attempt");
    j.push(`2026-03-05T15:00:00${CT}`, "X:KT", "Receiver refused the delivery", { city: "Houston", region: "TX" });
    expect(j.book.created).toHaveLength(1);
    expect(j.caseOf("failed_attempt")?.signals).toHaveLength(2);
  });

  it("address_issue: a bad address opens it; the carrier's correction resolves it", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-04T13:00:00${CT}`, "X:AG", "Address incomplete", { city: "Houston", region: "TX" });
    expect(j.openTypes()).toEqual(["address_issue"]);
    j.push(`2026-03-05T09:00:00${CT}`, "X:AH", "Address Corrected, Delivery Rescheduled", { city: "Houston", region: "TX" });
    expect(j.caseOf("address_issue")?.resolved?.clearing).toEqual({ code: "address_corrected", note: "Auto-resolved: UPS X:AH: Address Corrected, Delivery Rescheduled (Houston, TX)." });
  });

  it("damaged: a damage report opens it, and delivery does not close it", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-03T10:00:00${CT}`, "X:45", "Damaged in transit", { city: "Dallas", region: "TX" });
    j.push(`2026-03-04T14:00:00${CT}`, "D:FS", "DELIVERED", { city: "Houston", region: "TX" });
    expect(j.status).toBe("delivered");
    expect(j.openTypes()).toEqual(["damaged"]);
  });

  it("returned_to_sender: a return opens it and makes delay and failed-attempt cases moot", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-04T15:00:00${CT}`, "X:48", "Receiver not available", { city: "Houston", region: "TX" });
    j.push(`2026-03-06T15:00:00${CT}`, "X:UF", "Being returned to the sender", { city: "Houston", region: "TX" });
    expect(j.openTypes()).toEqual(["returned_to_sender"]);
    expect(j.caseOf("failed_attempt")?.resolved?.clearing.note).toMatch(/going back to the sender/);
  });

  it("misrouted by code: the carrier's missort code opens it", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-03T10:00:00${CT}`, "X:34", "Package was sorted incorrectly", { city: "Memphis", region: "TN" });
    expect(j.openTypes()).toEqual(["misrouted"]);
    expect(j.caseOf("misrouted")?.rule).toBe("carrier_misroute_code");
  });

  it("misrouted by geography: Texas parcel, Tennessee -> Oklahoma (no) -> Ohio (yes)", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-03T14:20:00${CT}`, "I:AR", "Arrived at Facility", { city: "Oklahoma City", region: "OK" });
    expect(j.openTypes()).toEqual([]);
    j.push(`2026-03-04T16:35:00${ET}`, "I:AR", "Arrived at Facility", { city: "Columbus", region: "OH" });
    expect(j.openTypes()).toEqual(["misrouted"]);
    expect(j.caseOf("misrouted")?.rule).toBe("moved_away_from_destination");
    // Delivery resolves it.
    j.push(`2026-03-06T15:00:00${CT}`, "D:FS", "DELIVERED", { city: "Houston", region: "TX" });
    expect(j.openTypes()).toEqual([]);
  });

  it("misrouted by geography also works from ZIP codes alone (no state on the scan)", () => {
    const j = ups();
    j.push(`2026-03-02T18:30:00${CT}`, "I:OR", "Origin Scan", { city: "Memphis", postalCode: "38118" });
    j.push(`2026-03-03T14:20:00${CT}`, "I:AR", "Arrived", { city: "Oklahoma City", postalCode: "73179" });
    j.push(`2026-03-04T16:35:00${ET}`, "I:AR", "Arrived", { city: "Columbus", postalCode: "43207" });
    expect(j.openTypes()).toEqual(["misrouted"]);
  });

  it("lost by code: the carrier declares it lost; a later scan resolves it (found)", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-05T10:00:00${CT}`, "X:S9", "Sent to UPS lost and found", { city: "Dallas", region: "TX" });
    expect(j.openTypes()).toEqual(["lost"]);
    j.push(`2026-03-07T10:00:00${CT}`, "I:AR", "Arrived at Facility", { city: "Houston", region: "TX" });
    expect(j.openTypes()).toEqual([]);
    expect(j.caseOf("lost")?.resolved?.clearing.note).toMatch(/scanned the parcel again/);
  });

  it("delayed by code: a carrier delay opens it and pushes the EDD; delivery resolves it as delivered late", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-04T09:00:00${CT}`, "X:7W", "Severe weather", { city: "Dallas", region: "TX" });
    expect(j.openTypes()).toEqual(["delayed"]);
    expect(j.state.eddCurrent).toBe("2026-03-06");
    j.push(`2026-03-06T14:00:00${CT}`, "D:FS", "DELIVERED", { city: "Houston", region: "TX" });
    expect(j.caseOf("delayed")?.resolved?.clearing.code).toBe("delivered_late");
  });

  it("an unmapped code opens nothing", () => {
    const j = ups();
    origin(j);
    j.push(`2026-03-03T10:00:00${CT}`, "I:QQ", "Something new", { city: "Dallas", region: "TX" });
    expect(j.book.created).toEqual([]);
  });
});

describe("time-driven rules", () => {
  it("delayed: not delivered and today (shop time) is past the current EDD", () => {
    const recent = { lastScanAt: new Date("2026-03-06T20:00:00Z") };
    expect(timeSignals(facts({ ...recent, eddCurrent: "2026-03-06" }), ctx("2026-03-07T04:59:00Z"))).toEqual([]); // 23:59 on the 6th in New York
    expect(timeSignals(facts({ ...recent, eddCurrent: "2026-03-06" }), ctx("2026-03-07T05:00:00Z")).map((s) => s.type)).toEqual(["delayed"]);
    expect(timeSignals(facts({ eddCurrent: "2026-03-06", status: "delivered" }), ctx("2026-03-09T12:00:00Z"))).toEqual([]);
    expect(timeSignals(facts({ eddCurrent: null }), ctx("2026-03-09T12:00:00Z")).map((s) => s.type)).not.toContain("delayed");
  });

  it("stalled: 72 hours without a scan, 48 for expedited services; not while waiting at a pickup point", () => {
    const base = facts({ eddCurrent: "2026-03-20", lastScanAt: new Date("2026-03-03T12:00:00Z") });
    expect(timeSignals(base, ctx("2026-03-06T11:59:00Z"))).toEqual([]);
    expect(timeSignals(base, ctx("2026-03-06T12:00:00Z")).map((s) => s.type)).toEqual(["stalled"]);
    const air = { ...base, serviceCode: "ups_2nd_day_air" };
    expect(timeSignals(air, ctx("2026-03-05T12:00:00Z")).map((s) => s.type)).toEqual(["stalled"]);
    expect(timeSignals({ ...base, status: "available_for_pickup" }, ctx("2026-03-09T12:00:00Z"))).toEqual([]);
    // DHL TP: tracking stops at a third party; silence is expected.
    expect(timeSignals({ ...base, substatus: "third_party" }, ctx("2026-03-09T12:00:00Z"))).toEqual([]);
    // The shop's own threshold.
    expect(timeSignals(base, ctx("2026-03-04T12:00:00Z", { ...DEFAULT_THRESHOLDS, stalledHours: 24 })).map((s) => s.type)).toEqual(["stalled"]);
  });

  it("lost by age: stalled for 10 days", () => {
    const base = facts({ eddCurrent: "2026-03-30", lastScanAt: new Date("2026-03-03T12:00:00Z") });
    expect(timeSignals(base, ctx("2026-03-13T11:59:00Z")).map((s) => s.type)).toEqual(["stalled"]);
    expect(timeSignals(base, ctx("2026-03-13T12:00:00Z")).map((s) => `${s.type}:${s.rule}`)).toEqual(["stalled:no_scan_for_hours", "lost:stalled_for_days"]);
  });

  it("not_picked_up: no carrier scan 2 business days after the label, counting weekends and holidays out", () => {
    // Label Friday 6 March 10:00 New York: 2 business days later is Tuesday 10 March 10:00 (after
    // the switch to daylight time on Sunday 8 March, so 14:00 UTC instead of 15:00).
    const label = new Date("2026-03-06T15:00:00Z");
    expect(notPickedUpDeadline(label, { timeZone: "America/New_York", thresholds: DEFAULT_THRESHOLDS }).toISOString()).toBe("2026-03-10T14:00:00.000Z");
    const f = facts({ status: "info_received", lastScanAt: null, shippedAt: null, labelCreatedAt: label, eddCurrent: "2026-03-20" });
    expect(timeSignals(f, ctx("2026-03-10T13:59:00Z"))).toEqual([]);
    expect(timeSignals(f, ctx("2026-03-10T14:00:00Z")).map((s) => s.type)).toEqual(["not_picked_up"]);
    // A shop holiday on Monday pushes it a day.
    const withHoliday = { ...ctx("2026-03-10T14:00:00Z"), shopHolidays: ["2026-03-09"] };
    expect(timeSignals(f, withHoliday)).toEqual([]);
    // Handed over but never scanned still counts: the carrier has not got it.
    expect(timeSignals({ ...f, shippedAt: new Date("2026-03-06T20:00:00Z") }, ctx("2026-03-10T14:00:00Z")).map((s) => s.type)).toEqual(["not_picked_up"]);
  });

  it("expired: no scan at all 30 days after the label", () => {
    const f = facts({ status: "pending", lastScanAt: null, labelCreatedAt: new Date("2026-03-01T12:00:00Z") });
    expect(isExpired(f, ctx("2026-03-31T11:59:00Z"))).toBe(false);
    expect(isExpired(f, ctx("2026-03-31T12:00:00Z"))).toBe(true);
    expect(isExpired({ ...f, lastScanAt: new Date("2026-03-02T12:00:00Z") }, ctx("2026-04-30T12:00:00Z"))).toBe(false);
  });
});

describe("clearing", () => {
  const open = (type: Parameters<typeof clearingFor>[0]["type"], rule = "x", lastSignalAt = new Date("2026-03-05T12:00:00Z")) => ({ type, rule, lastSignalAt });
  const c = ctx("2026-03-08T12:00:00Z");

  it("resolves everything but damage and returns at delivery, and everything at a void", () => {
    const delivered = facts({ status: "delivered", deliveredAt: new Date("2026-03-07T18:00:00Z") });
    expect(clearingFor(open("delayed"), delivered, c)).toEqual({ note: "Auto-resolved: delivered on 2026-03-07.", code: "delivered_late" });
    expect(clearingFor(open("failed_attempt"), delivered, c)?.code).toBe("no_action_needed");
    expect(clearingFor(open("damaged"), delivered, c)).toBeNull();
    expect(clearingFor(open("returned_to_sender"), delivered, c)).toBeNull();
    expect(clearingFor(open("not_picked_up"), facts({ status: "voided" }), c)?.note).toMatch(/voided/);
  });

  it("keeps a delayed case open when the carrier merely moves the EDD", () => {
    expect(clearingFor(open("delayed"), facts({ eddCurrent: "2026-03-20" }), c)).toBeNull();
  });

  it("resolves stalled when scanned again recently, lost-by-age likewise, lost-by-code on any later scan", () => {
    expect(clearingFor(open("stalled"), facts({ lastScanAt: new Date("2026-03-08T10:00:00Z") }), c)).not.toBeNull();
    expect(clearingFor(open("stalled"), facts({ lastScanAt: new Date("2026-03-04T10:00:00Z") }), c)).toBeNull();
    expect(clearingFor(open("lost", "stalled_for_days"), facts({ lastScanAt: new Date("2026-03-07T10:00:00Z") }), c)).not.toBeNull();
    expect(clearingFor(open("lost", "carrier_lost_code"), facts({ lastScanAt: new Date("2026-03-05T11:00:00Z") }), c)).toBeNull();
    expect(clearingFor(open("lost", "carrier_lost_code"), facts({ lastScanAt: new Date("2026-03-05T13:00:00Z") }), c)).not.toBeNull();
  });

  it("resolves not_picked_up at the first carrier scan", () => {
    expect(clearingFor(open("not_picked_up"), facts({ status: "info_received", lastScanAt: null }), c)).toBeNull();
    expect(clearingFor(open("not_picked_up"), facts({ status: "in_transit" }), c)?.note).toMatch(/picked the parcel up/);
  });
});

describe("the case book", () => {
  it("keeps one open case per shipment and type, appends repeats, and opens a new one after a resolution", () => {
    const book = new CaseBook([{ id: 7, shipmentId: 1, type: "stalled", rule: "no_scan_for_hours", openedAt: new Date(1000), lastSignalAt: new Date(1000) }]);
    const sig = (at: number) => ({ type: "stalled" as const, rule: "no_scan_for_hours", reason: "r", at: new Date(at) });
    expect(book.signal(1, sig(2000), { oncePerRule: true })).toBe("unchanged");
    expect(book.signal(1, sig(2000))).toBe("appended");
    expect(book.appended.get(7)).toHaveLength(1);
    expect(book.resolve(1, "stalled", new Date(3000), { note: "n", code: "no_action_needed" })).toBe(true);
    expect(book.resolutions).toEqual([{ caseId: 7, shipmentId: 1, type: "stalled", at: new Date(3000), clearing: { note: "n", code: "no_action_needed" } }]);
    expect(book.signal(1, sig(4000))).toBe("opened");
    expect(book.signal(2, sig(4000))).toBe("opened");
    expect(book.created).toHaveLength(2);
    // A resolution never predates the opening.
    book.resolve(2, "stalled", new Date(10), { note: "n", code: "no_action_needed" });
    expect(book.created[1].resolved?.at).toEqual(new Date(4000));
  });
});

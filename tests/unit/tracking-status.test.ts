// Status derivation: folding events in occurred-at order (whatever order they arrive in), what
// counts as a scan, ship/delivery times, and the EDD revision rules with worked dates.
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "../../app/modules/tracking/mapping";
import { emptyTrackingState, type FoldableEvent, foldEvents, reviseEdd, type TrackingState } from "../../app/modules/tracking/status";

interface E extends FoldableEvent {
  code: string;
}

const ev = (iso: string, code: string, description = "", region: string | null = "TX"): E => {
  const offset = iso.slice(-6);
  return { occurredAt: new Date(iso), utcOffset: offset, code, description, location: { city: region ? "Somewhere" : null, region, postalCode: null, country: region ? "US" : null, facility: null }, proof: null };
};

function fold(carrier: string, events: E[], initial: TrackingState = emptyTrackingState()) {
  return foldEvents(initial, events, (e, ctx) => normalizeEvent({ carrier, code: e.code, description: e.description, hasLocation: Boolean(e.location.region) }, ctx));
}

/** Every order of a list (for small lists). */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

const JOURNEY = [
  ev("2026-03-02T10:05:00-05:00", "M:MP", "Label created", null),
  ev("2026-03-02T17:40:00-05:00", "P:PU", "Pickup Scan", "OH"),
  ev("2026-03-03T21:30:00-05:00", "I:AR", "Arrived at Facility", "NC"),
  ev("2026-03-04T07:45:00-05:00", "I:OF", "Loaded on Delivery Vehicle", "NC"),
  ev("2026-03-04T14:12:00-05:00", "D:FS", "DELIVERED", "NC"),
];

describe("status derivation", () => {
  it("gives the same result whatever order one batch's events arrive in", () => {
    const expected = fold("ups", JOURNEY).state;
    for (const order of permutations(JOURNEY)) expect(fold("ups", order).state).toEqual(expected);
    expect(expected).toMatchObject({ status: "delivered", eventsCount: 5, lastRegion: "NC" });
    expect(expected.shippedAt?.toISOString()).toBe("2026-03-02T22:40:00.000Z");
    expect(expected.deliveredAt?.toISOString()).toBe("2026-03-04T19:12:00.000Z");
  });

  it("never rolls the status back for a late, older event delivered in a later batch", () => {
    let state = fold("ups", [JOURNEY[4]]).state;
    expect(state.status).toBe("delivered");
    for (const late of [JOURNEY[3], JOURNEY[1], JOURNEY[0], JOURNEY[2]]) {
      const r = fold("ups", [late], state);
      expect(r.steps[0].newest).toBe(false);
      expect(r.steps[0].effects.filter((e) => e.kind === "status")).toEqual([]);
      state = r.state;
    }
    expect(state.status).toBe("delivered");
    expect(state.eventsCount).toBe(5);
    // The earliest physical scan still becomes the ship time, and the last scan stays the latest.
    expect(state.shippedAt?.toISOString()).toBe("2026-03-02T22:40:00.000Z");
    expect(state.lastScanAt?.toISOString()).toBe("2026-03-04T19:12:00.000Z");
  });

  it("emits each status change once, in order, and 'shipped' at the first physical scan", () => {
    const { steps } = fold("ups", JOURNEY);
    const changes = steps.flatMap((s) => s.effects).filter((e) => e.kind === "status" || e.kind === "shipped" || e.kind === "delivered");
    expect(changes.map((c) => (c.kind === "status" ? `${c.from}>${c.to}` : c.kind))).toEqual([
      "pending>info_received",
      "shipped",
      "info_received>in_transit",
      "in_transit>out_for_delivery",
      "out_for_delivery>delivered",
      "delivered",
    ]);
  });

  it("does not let EDD notices or label messages move the status or the stall timer", () => {
    const start = fold("fedex", [ev("2026-03-02T08:00:00-06:00", "OD", "On FedEx vehicle", "TX")]).state;
    const after = fold("fedex", [ev("2026-03-02T09:00:00-06:00", "AO", "Shipment arriving On-Time", "TX"), ev("2026-03-02T09:05:00-06:00", "OC", "Shipment information sent", "TX")], start).state;
    expect(after.status).toBe("out_for_delivery");
    expect(after.lastScanAt).toEqual(start.lastScanAt);
    expect(after.lastEventAt?.toISOString()).toBe("2026-03-02T15:05:00.000Z");
  });

  it("keeps a voided label voided whatever scans follow", () => {
    const voided = fold("ups", [ev("2026-03-02T09:00:00-05:00", "M:MP", "", null), ev("2026-03-04T10:30:00-05:00", "MV", "Billing Information Voided", null)]).state;
    expect(voided.status).toBe("voided");
    const after = fold("ups", [ev("2026-03-05T10:00:00-05:00", "I:AR", "Arrived", "OH")], voided).state;
    expect(after.status).toBe("voided");
    expect(after.shippedAt).toBeNull();
  });

  it("undoes a mistaken delivery when the carrier scans the parcel moving again", () => {
    const s = fold("fedex", [ev("2026-03-02T10:00:00-06:00", "DL", "Delivered", "TX"), ev("2026-03-02T15:00:00-06:00", "AR", "At local FedEx facility", "TX")]).state;
    expect([s.status, s.deliveredAt, s.proof]).toEqual(["in_transit", null, null]);
  });

  it("stays returned to sender on the way back", () => {
    const s = fold("usps", [ev("2026-03-02T10:00:00-07:00", "27", "Unclaimed", "AZ"), ev("2026-03-03T10:00:00-07:00", "OF", "Out for Delivery", "AZ"), ev("2026-03-07T10:00:00-05:00", "01", "Delivered", "NY")]).state;
    expect([s.status, s.substatus, s.deliveredAt]).toEqual(["returned_to_sender", "returned_to_shipper", null]);
  });
});

describe("EDD revision", () => {
  const n = (carrier: string, code: string, description = "") => normalizeEvent({ carrier, code, description, hasLocation: true });

  it("sets the EDD to the local day of an out-for-delivery scan (earlier or later)", () => {
    expect(reviseEdd("2026-03-06", n("ups", "I:OT"), "2026-03-04")).toBe("2026-03-04");
    expect(reviseEdd("2026-03-02", n("ups", "I:OT"), "2026-03-04")).toBe("2026-03-04");
    // UPS OD may be a Saturday load for Monday: it leaves the EDD alone.
    expect(reviseEdd("2026-03-09", n("ups", "I:OD"), "2026-03-07")).toBe("2026-03-09");
  });

  it("pushes the EDD one business day on a carrier delay, once per day", () => {
    // Wed 4 March, EDD Thu 5 -> Fri 6.
    expect(reviseEdd("2026-03-05", n("ups", "X:7W"), "2026-03-04")).toBe("2026-03-06");
    // Already beyond tomorrow: a second notice the same day changes nothing.
    expect(reviseEdd("2026-03-06", n("ups", "X:7W"), "2026-03-04")).toBe("2026-03-06");
    // Fri 6 March, EDD Fri 6 -> Mon 9 (the weekend is skipped).
    expect(reviseEdd("2026-03-06", n("ups", "X:7W"), "2026-03-06")).toBe("2026-03-09");
    // An EDD already in the past moves to the next business day after today.
    expect(reviseEdd("2026-03-02", n("dhl", "TD"), "2026-03-04")).toBe("2026-03-05");
    // Customs holds marked "signal" push it too.
    expect(reviseEdd("2026-03-05", n("ups", "X:5"), "2026-03-04")).toBe("2026-03-06");
  });

  it("moves the EDD to at least the next business day after a failed attempt or a rescheduling", () => {
    expect(reviseEdd("2026-03-04", n("fedex", "DE:08"), "2026-03-04")).toBe("2026-03-05");
    expect(reviseEdd("2026-03-10", n("fedex", "DE:08"), "2026-03-04")).toBe("2026-03-10");
    expect(reviseEdd("2026-03-04", n("usps", "71"), "2026-03-04")).toBe("2026-03-05");
    // Memorial Day 2026 is Monday 25 May: Friday's failed attempt moves to Tuesday.
    expect(reviseEdd("2026-05-22", n("ups", "X:48"), "2026-05-22")).toBe("2026-05-26");
  });

  it("leaves the EDD alone for ordinary scans and EDD notices", () => {
    expect(reviseEdd("2026-03-05", n("ups", "I:AR"), "2026-03-04")).toBe("2026-03-05");
    expect(reviseEdd("2026-03-05", n("fedex", "AO"), "2026-03-04")).toBe("2026-03-05");
    expect(reviseEdd(null, n("ups", "I:AR"), "2026-03-04")).toBeNull();
  });

  it("uses the scan's local day, not UTC: 20:00 in Los Angeles is already tomorrow in UTC", () => {
    const late = ev("2026-03-04T20:00:00-08:00", "I:OT", "Out for delivery", "CA");
    const { state } = fold("ups", [late], emptyTrackingState({ eddCurrent: "2026-03-06" }));
    expect(state.eddCurrent).toBe("2026-03-04");
  });
});

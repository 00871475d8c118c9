// The simulator's journeys: every scenario of every carrier speaks codes the normalizer knows, ends
// in the status the scenario promises, follows plausible hubs in time order, and is deterministic.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../app/lib/random";
import { normalizeEvent } from "../../app/modules/tracking/mapping";
import { journey, SCENARIOS, type SimShipment } from "../../app/modules/ingestion/simulator/journeys";
import { planRoute } from "../../app/modules/ingestion/simulator/network";
import { emptyTrackingState, foldEvents } from "../../app/modules/tracking/status";

const COLUMBUS = { city: "Columbus", region: "OH", postalCode: "43215", country: "US" };
const ship = (carrier: string, dest = { city: "Houston", region: "TX", postalCode: "77002", country: "US" }, expedited = false): SimShipment => ({
  trackingNumber: `T-${carrier}`,
  carrier,
  expedited,
  origin: COLUMBUS,
  destination: dest,
  signer: "A. SMITH",
});
const START = new Date("2026-03-02T14:00:00Z");

function finalStatus(s: SimShipment, events: ReturnType<typeof journey>["events"]) {
  const fold = foldEvents(
    emptyTrackingState(),
    events.map((e) => ({ ...e, utcOffset: e.offset })),
    (e, ctx) => normalizeEvent({ carrier: s.carrier, code: e.code, description: e.description, hasLocation: Boolean(e.location.city) }, ctx),
  );
  return fold;
}

const EXPECTED_END: Partial<Record<(typeof SCENARIOS)[number], string[]>> = {
  normal: ["delivered"],
  delayed: ["delivered"],
  failed_attempt: ["delivered"],
  pickup_point: ["delivered"],
  address_issue: ["delivered", "returned_to_sender"],
  address_unfixed: ["returned_to_sender"],
  returned: ["returned_to_sender"],
  not_picked_up: ["info_received"],
  stalled: ["in_transit"],
};

describe("simulated journeys", () => {
  for (const carrier of ["ups", "fedex", "usps", "dhl"]) {
    it(`${carrier}: every scenario uses mapped codes, in time order, and ends where it should`, () => {
      for (const scenario of SCENARIOS) {
        const s = carrier === "dhl" ? ship("dhl", { city: "London", region: "", postalCode: "SW1A 1AA", country: "GB" }) : ship(carrier);
        const { events } = journey(s, scenario, START, seededRandom(1));
        const times = events.map((e) => e.occurredAt.getTime());
        expect(times, `${carrier} ${scenario}: in time order`).toEqual([...times].sort((a, b) => a - b));
        const { state, steps } = finalStatus(s, events);
        const unmapped = steps.filter((x) => x.normalized.unmapped).map((x) => x.event.code);
        expect(unmapped, `${carrier} ${scenario}: unmapped codes`).toEqual([]);
        const expected = EXPECTED_END[scenario];
        if (expected && events.length) expect(expected, `${carrier} ${scenario} ended ${state.status}`).toContain(state.status);
        for (const e of events) expect(e.offset).toMatch(/^[+-]\d{2}:\d{2}$/);
      }
    });
  }

  it("produces the problem the scenario names", () => {
    const types = (scenario: (typeof SCENARIOS)[number], s = ship("ups")) => {
      const { events } = journey(s, scenario, START, seededRandom(3));
      return new Set(finalStatus(s, events).steps.flatMap((x) => x.normalized.exceptions));
    };
    expect(types("delayed").has("delayed")).toBe(true);
    expect(types("misrouted").has("misrouted")).toBe(true);
    expect(types("failed_attempt").has("failed_attempt")).toBe(true);
    expect(types("address_issue").has("address_issue")).toBe(true);
    expect(types("damaged").has("damaged")).toBe(true);
    expect(types("returned").has("returned_to_sender")).toBe(true);
    expect(journey(ship("ups"), "voided", START, seededRandom(3)).events.map((e) => e.code)).toEqual(["M:MP", "MV"]);
    expect(journey(ship("ups"), "pending", START, seededRandom(3)).events).toEqual([]);
  });

  it("delivers by day, on working days, with local offsets", () => {
    const s = ship("fedex");
    const { events } = journey(s, "normal", START, seededRandom(5));
    const delivered = events[events.length - 1];
    expect(delivered.code).toBe("DL");
    const local = new Date(delivered.occurredAt.getTime() + (delivered.offset.startsWith("-") ? -1 : 1) * Number(delivered.offset.slice(1, 3)) * 3_600_000);
    expect(local.getUTCHours()).toBeGreaterThanOrEqual(10);
    expect(local.getUTCHours()).toBeLessThan(19);
    expect(local.getUTCDay()).not.toBe(0);
    expect(delivered.offset).toBe("-06:00");
  });

  it("routes through real hubs toward the destination", () => {
    const route = planRoute("ups", COLUMBUS, { city: "Seattle", region: "WA", postalCode: "98101", country: "US" });
    expect(route[0]).toMatchObject({ city: "Columbus", region: "OH" });
    expect(route[route.length - 1]).toMatchObject({ region: "WA" });
    expect(route.length).toBe(3);
  });

  it("is deterministic for a random source", () => {
    const a = journey(ship("usps"), "returned", START, seededRandom(9)).events;
    const b = journey(ship("usps"), "returned", START, seededRandom(9)).events;
    expect(a).toEqual(b);
    expect(journey(ship("usps"), "returned", START, seededRandom(10)).events).not.toEqual(a);
  });
});

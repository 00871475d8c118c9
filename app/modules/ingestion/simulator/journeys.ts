// Simulated parcel journeys: the carrier events one parcel would produce from label to doorstep
// (or back), along a plausible chain of real hubs, with each carrier's real codes (CARRIER_CODES.md)
// and local times that follow the working day (pickups in the evening, deliveries in the day, no
// Sunday rounds). Scenarios add what goes wrong. Pure and deterministic for a given random source.
import type { Random } from "../../../lib/random";
import { addDays, dayOfWeek } from "../../carriers/business-days";
import { zonedInstant as instantAt } from "../../tracking/scan-time";
import { AIR_HUB, FOREIGN_GATEWAYS, km, offsetAt, type Place, planRoute, timeZoneOf, wrongHub } from "./network";
import { WORDS } from "./words";

export const SCENARIOS = [
  "normal",
  "delayed",
  "stalled",
  "lost",
  "misrouted",
  "failed_attempt",
  "pickup_point",
  "address_issue",
  "address_unfixed",
  "damaged",
  "returned",
  "not_picked_up",
  "expired",
  "voided",
  "pending",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SimShipment {
  trackingNumber: string;
  carrier: string;
  expedited: boolean;
  origin: Place;
  destination: Place;
  /** "J. RIVERA": what a driver writes down for a signature. */
  signer: string;
}

export interface SimEvent {
  eventId: string;
  trackingNumber: string;
  carrier: string;
  occurredAt: Date;
  offset: string;
  code: string;
  description: string;
  location: { city: string | null; region: string | null; postalCode: string | null; country: string | null; facility: string | null };
  proof: { type: "signature" | "photo"; signedBy?: string; photoUrl?: string } | null;
  /** A point the simulator may stop at to leave the parcel "in flight" there. */
  pause?: boolean;
}

const HOUR = 3_600_000;

function localDayOf(instant: Date, timeZone: string): { day: string; minutes: number } {
  const off = offsetAt(instant, timeZone);
  const sign = off.startsWith("-") ? -1 : 1;
  const [h, m] = off.slice(1).split(":").map(Number);
  const shifted = new Date(instant.getTime() + sign * (h * 60 + m) * 60_000);
  return { day: shifted.toISOString().slice(0, 10), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

interface Step {
  code: string;
  description: string;
  place: Place | null;
  proof?: SimEvent["proof"];
  pause?: boolean;
}

/** Builds the event list with a moving clock. */
class Trip {
  t: Date;
  readonly events: SimEvent[] = [];
  constructor(
    readonly s: SimShipment,
    readonly rng: Random,
    start: Date,
  ) {
    this.t = start;
  }

  emit(step: Step): void {
    const place = step.place;
    const tz = place ? timeZoneOf(place) : timeZoneOf(this.s.origin);
    this.events.push({
      eventId: `sim-${this.s.trackingNumber}-${this.events.length + 1}`,
      trackingNumber: this.s.trackingNumber,
      carrier: this.s.carrier,
      occurredAt: this.t,
      offset: offsetAt(this.t, tz),
      code: step.code,
      description: step.description,
      location: place
        ? { city: place.city || null, region: place.region || null, postalCode: place.postalCode, country: place.country, facility: null }
        : { city: null, region: null, postalCode: null, country: null, facility: null },
      proof: step.proof ?? null,
      pause: step.pause,
    });
  }

  after(minMinutes: number, maxMinutes: number): this {
    this.t = new Date(this.t.getTime() + this.rng.int(minMinutes, maxMinutes) * 60_000);
    return this;
  }

  /** The next moment inside a local window [from, to] minutes, on an allowed weekday. */
  window(place: Place, from: number, to: number, options: { noSunday?: boolean; noSaturday?: boolean; nextDay?: boolean } = {}): this {
    const tz = timeZoneOf(place);
    const here = localDayOf(this.t, tz);
    let day = options.nextDay ? addDays(here.day, 1) : here.day;
    let minutes = Math.max(from, options.nextDay ? from : here.minutes + 5);
    if (minutes > to) {
      day = addDays(day, 1);
      minutes = from;
    }
    for (let i = 0; i < 7; i++) {
      const dow = dayOfWeek(day);
      if ((options.noSunday && dow === 0) || (options.noSaturday && dow === 6)) {
        day = addDays(day, 1);
        minutes = from;
      } else break;
    }
    const pick = this.rng.int(minutes, Math.max(minutes, to));
    this.t = instantAt(day, pick, tz);
    return this;
  }

  travel(from: Place, to: Place): this {
    const distance = km(from, to);
    const hours = this.s.expedited ? Math.max(2, distance / 700) : Math.max(4, distance / 55);
    this.t = new Date(this.t.getTime() + hours * HOUR + this.rng.int(30, 240) * 60_000);
    return this;
  }
}

function words(carrier: string, kind: string): [string, string] | null {
  return WORDS[carrier]?.[kind] ?? null;
}

/** DHL names the facility in the text ("Departed Facility in CHICAGO"). */
function describe(carrier: string, kind: string, place: Place | null): [string, string] | null {
  const w = words(carrier, kind);
  if (!w) return null;
  if (carrier === "dhl" && place && /(at|in|Facility)$/.test(w[1])) return [w[0], `${w[1]} ${place.city.toUpperCase()}`];
  return w;
}

export interface JourneyResult {
  events: SimEvent[];
  /** The index of the event that matters for this scenario (the problem, or delivery). */
  keyIndex: number;
}

/**
 * One parcel's events from `start` (the label), for a scenario. Stalled and lost parcels simply
 * stop: the caller decides how long ago, and the exception scan notices the silence.
 */
export function journey(s: SimShipment, scenario: Scenario, start: Date, rng: Random): JourneyResult {
  const trip = new Trip(s, rng, start);
  const c = s.carrier;
  let keyIndex = -1;
  const say = (kind: string, place: Place | null, extra: Partial<Step> = {}) => {
    const w = describe(c, kind, place);
    if (!w) return false;
    trip.emit({ code: w[0], description: w[1], place, ...extra });
    return true;
  };
  const mark = () => {
    keyIndex = trip.events.length - 1;
  };
  const noWeekendRound = { noSunday: true, noSaturday: c === "ups" || c === "dhl" };

  if (scenario === "pending" || scenario === "expired") return { events: [], keyIndex };
  trip.after(1, 30);
  say("label", c === "ups" ? { city: "", region: "", postalCode: null, country: "US" } : s.origin);
  if (scenario === "not_picked_up") return { events: trip.events, keyIndex: trip.events.length - 1 };
  if (scenario === "voided") {
    trip.after(20 * 60, 60 * 60);
    say("void", c === "ups" ? { city: "", region: "", postalCode: null, country: "US" } : s.origin);
    return { events: trip.events, keyIndex: trip.events.length - 1 };
  }

  // Pickup in the evening of a working day, then the origin hub.
  trip.window(s.origin, 16 * 60, 19 * 60, { noSunday: true, noSaturday: true });
  say("pickup", s.origin);
  if (c === "fedex") trip.after(5, 30) && say("notice", s.origin);
  const route = routeFor(s);
  trip.after(60, 180);
  say("origin", c === "fedex" ? s.origin : route[0]);
  let previous = route[0];
  const legs = route.slice(1);
  let misrouted = false;
  const lostByCode = scenario === "lost" && c === "ups" && rng.chance(0.5);
  const stopAfterHub = scenario === "stalled" || (scenario === "lost" && !lostByCode);
  for (let i = 0; i <= legs.length; i++) {
    if (i === 0) {
      trip.after(60, 240);
      say("depart", previous);
    }
    if (i === legs.length) break;
    let next = legs[i];
    if (scenario === "misrouted" && !misrouted && i === legs.length - 1) {
      // Sent to the wrong hub first, then on to the right one.
      const wrong = wrongHub(c, previous, s.destination, (n) => rng.int(0, n - 1));
      trip.travel(previous, wrong);
      say("arrive", wrong, { pause: true });
      if (keyIndex < 0) mark();
      trip.after(20, 120);
      say("misroute", wrong);
      trip.after(120, 600);
      say("depart", wrong);
      previous = wrong;
      misrouted = true;
    }
    if (c === "usps" && km(previous, next) > 1200) trip.after(300, 900) && say("notice", null);
    trip.travel(previous, next);
    say("arrive", next, { pause: true });
    if (next.country !== "US" && c !== "usps") trip.after(30, 180) && say("clearance", next);
    if (scenario === "delayed" && i === legs.length - 1 && keyIndex < 0) {
      trip.after(60, 300);
      say("delay", next, { pause: true });
      mark();
      trip.after(18 * 60, 30 * 60);
      if (rng.chance(0.4)) say("delay2", next, { pause: true }) && trip.after(12 * 60, 24 * 60);
    }
    if (scenario === "damaged" && i === 0 && c !== "dhl") {
      trip.after(60, 300);
      say("damaged", next, { pause: true });
      mark();
      if (rng.chance(0.35) && words(c, "damagedReturn")) {
        trip.after(20 * 60, 40 * 60);
        say("damagedReturn", next);
        return returnLeg(trip, s, next, say, keyIndex);
      }
    }
    if (lostByCode && i === 0) {
      trip.after(30 * 60, 60 * 60);
      say("investigate", next, { pause: true });
      trip.after(36 * 60, 72 * 60);
      say("lostCode", next);
      return { events: trip.events, keyIndex: trip.events.length - 1 };
    }
    trip.after(90, 480);
    say("depart", next);
    if (stopAfterHub && i === Math.max(0, legs.length - 2)) return { events: trip.events, keyIndex: trip.events.length - 1 };
    previous = next;
  }
  if (stopAfterHub) return { events: trip.events, keyIndex: trip.events.length - 1 };

  // The last mile: the local facility before dawn, the round in the morning, the doorstep by day.
  const home = s.destination;
  const dayRound = (extra: Partial<Step> = {}) => {
    trip.window(home, 4 * 60, 6 * 60 + 30, { ...noWeekendRound, nextDay: true });
    say("local", home);
    trip.window(home, 7 * 60, 9 * 60 + 30, noWeekendRound);
    say("ofd", home, { pause: true, ...extra });
    trip.window(home, 10 * 60, 18 * 60, noWeekendRound);
  };
  dayRound();
  const proof = (): SimEvent["proof"] => {
    const r = rng.next();
    if (r < 0.55) return { type: "photo", photoUrl: `https://proof.example/${c}/${s.trackingNumber}.jpg` };
    if (r < 0.9) return { type: "signature", signedBy: s.signer };
    return null;
  };
  const deliver = () => {
    const p = proof();
    const w = describe(c, "delivered", home)!;
    const text = c === "dhl" && p?.type === "signature" ? `Delivered : ${s.signer}` : c === "ups" && p?.type === "photo" ? `${w[1]} (left at: Front Door)` : w[1];
    trip.emit({ code: w[0], description: text, place: home, proof: p });
  };

  switch (scenario) {
    case "failed_attempt":
      say("failed", home, { pause: true });
      mark();
      dayRound();
      deliver();
      break;
    case "pickup_point":
    case "returned": {
      say("failed", home, { pause: true });
      mark();
      if (words(c, "toPickup")) trip.after(2, 90) && say("toPickup", home);
      trip.after(60, 300);
      say("atPickup", home, { pause: true });
      if (scenario === "pickup_point") {
        trip.after(20 * 60, 72 * 60);
        const w = describe(c, "collected", home)!;
        trip.emit({ code: w[0], description: w[1], place: home, proof: { type: "signature", signedBy: s.signer } });
        break;
      }
      trip.after(10 * 24 * 60, 15 * 24 * 60);
      say("pickupExpired", home);
      keyIndex = trip.events.length - 1;
      return returnLeg(trip, s, home, say, keyIndex);
    }
    case "address_issue":
    case "address_unfixed": {
      if (!say("address", home, { pause: true })) {
        deliver();
        break;
      }
      mark();
      if (scenario === "address_unfixed" || !words(c, "addressFixed")) {
        trip.after(24 * 60, 72 * 60);
        say("addressReturn", home);
        return returnLeg(trip, s, home, say, keyIndex);
      }
      trip.after(16 * 60, 30 * 60);
      say("addressFixed", home);
      dayRound();
      deliver();
      break;
    }
    case "damaged":
      if (c === "dhl") {
        const w = words(c, "damagedDelivered")!;
        trip.emit({ code: w[0], description: `${w[1]} (signed by: ${s.signer})`, place: home, proof: { type: "signature", signedBy: s.signer } });
        keyIndex = trip.events.length - 1;
      } else deliver();
      break;
    default:
      deliver();
  }
  if (keyIndex < 0) keyIndex = trip.events.length - 1;
  return { events: trip.events, keyIndex };
}

/** Back to the seller: one or two hubs toward the origin, then the carrier's "returned" event. */
function returnLeg(trip: Trip, s: SimShipment, from: Place, say: (kind: string, place: Place | null, extra?: Partial<Step>) => boolean, keyIndex: number): JourneyResult {
  const back = planRoute(s.carrier, s.destination, s.origin);
  let previous = from;
  for (const h of back) {
    trip.travel(previous, h);
    say("arrive", h, { pause: true });
    trip.after(60, 300);
    say("depart", h);
    previous = h;
  }
  trip.travel(previous, s.origin);
  trip.window(s.origin, 10 * 60, 17 * 60, { noSunday: true });
  say("backHome", s.origin);
  return { events: trip.events, keyIndex };
}

export function routeFor(s: SimShipment): Place[] {
  const international = s.destination.country !== "US";
  if (international) {
    const gateway = FOREIGN_GATEWAYS[s.destination.country] ?? { ...s.destination };
    const first = planRoute(s.carrier, s.origin, s.origin)[0];
    return [first, AIR_HUB[s.carrier] ?? AIR_HUB.dhl, gateway];
  }
  // USPS has no single national air hub: its expedited mail rides the regional network.
  if (s.expedited && s.carrier !== "usps") {
    const [first] = planRoute(s.carrier, s.origin, s.origin);
    const last = planRoute(s.carrier, s.destination, s.destination)[0];
    const air = AIR_HUB[s.carrier] ?? AIR_HUB.ups;
    return [first, air, last].filter((h, i, all) => i === 0 || h.city !== all[i - 1].city);
  }
  return planRoute(s.carrier, s.origin, s.destination);
}

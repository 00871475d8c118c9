// The simulator's map: real sorting hubs per carrier (publicly known facility cities), the time zone
// of each US state (scans carry their local offset), and route planning from the seller to the
// buyer through a plausible chain of hubs. Pure.
import { distanceKm, STATE_CENTRES } from "../../exceptions/geography";

export interface Place {
  city: string;
  region: string;
  postalCode: string | null;
  country: string;
}

const hub = (city: string, region: string, postalCode: string | null = null, country = "US"): Place => ({ city, region, postalCode, country });

/** Ground and regional hubs, by carrier. */
export const HUBS: Record<string, Place[]> = {
  ups: [
    hub("Secaucus", "NJ", "07094"), hub("Philadelphia", "PA", "19153"), hub("Hodgkins", "IL", "60525"), hub("Louisville", "KY", "40209"),
    hub("Atlanta", "GA", "30336"), hub("Mesquite", "TX", "75149"), hub("Houston", "TX", "77032"), hub("Oklahoma City", "OK", "73179"),
    hub("Earth City", "MO", "63045"), hub("Lenexa", "KS", "66219"), hub("Commerce City", "CO", "80022"), hub("Tolleson", "AZ", "85353"),
    hub("Salt Lake City", "UT", "84104"), hub("Ontario", "CA", "91761"), hub("Oakland", "CA", "94621"), hub("Kent", "WA", "98032"),
    hub("Columbus", "OH", "43207"), hub("Nashville", "TN", "37207"), hub("Charlotte", "NC", "28214"), hub("Jacksonville", "FL", "32219"),
    hub("Minneapolis", "MN", "55432"), hub("Memphis", "TN", "38118"), hub("Portland", "OR", "97230"),
  ],
  fedex: [
    hub("Edison", "NJ", "08837"), hub("Allentown", "PA", "18106"), hub("Hagerstown", "MD", "21740"), hub("Atlanta", "GA", "30294"),
    hub("Olive Branch", "MS", "38654"), hub("Indianapolis", "IN", "46241"), hub("Northlake", "IL", "60164"), hub("Kansas City", "KS", "66106"),
    hub("Fort Worth", "TX", "76177"), hub("Houston", "TX", "77064"), hub("Phoenix", "AZ", "85043"), hub("Salt Lake City", "UT", "84104"),
    hub("City of Industry", "CA", "91745"), hub("Sacramento", "CA", "95838"), hub("Kent", "WA", "98032"), hub("Denver", "CO", "80216"),
    hub("Orlando", "FL", "32824"), hub("Charlotte", "NC", "28273"), hub("Grove City", "OH", "43123"), hub("Memphis", "TN", "38118"),
    hub("Minneapolis", "MN", "55449"),
  ],
  usps: [
    hub("Jersey City", "NJ", "07097"), hub("Queens", "NY", "11370"), hub("Philadelphia", "PA", "19176"), hub("Springfield", "MA", "01152"),
    hub("Greensboro", "NC", "27498"), hub("Atlanta", "GA", "30320"), hub("Jacksonville", "FL", "32099"), hub("Memphis", "TN", "38118"),
    hub("Cincinnati", "OH", "45235"), hub("Allen Park", "MI", "48101"), hub("Chicago", "IL", "60607"), hub("Minneapolis", "MN", "55121"),
    hub("Des Moines", "IA", "50318"), hub("Kansas City", "MO", "64101"), hub("St. Louis", "MO", "63155"), hub("Dallas", "TX", "75260"),
    hub("Houston", "TX", "77201"), hub("Denver", "CO", "80266"), hub("Phoenix", "AZ", "85026"), hub("Salt Lake City", "UT", "84199"),
    hub("Bell", "CA", "90201"), hub("Richmond", "CA", "94804"), hub("Federal Way", "WA", "98003"), hub("Portland", "OR", "97218"),
  ],
  dhl: [
    hub("Jamaica", "NY", "11430"), hub("Miami", "FL", "33122"), hub("Chicago", "IL", "60666"), hub("Atlanta", "GA", "30320"),
    hub("Houston", "TX", "77032"), hub("Los Angeles", "CA", "90045"), hub("Seattle", "WA", "98158"), hub("Denver", "CO", "80249"),
  ],
};

/** Each carrier's national air hub, where expedited parcels change planes overnight. */
export const AIR_HUB: Record<string, Place> = {
  ups: hub("Louisville", "KY", "40209"),
  fedex: hub("Memphis", "TN", "38118"),
  dhl: hub("Hebron", "KY", "41048"),
  usps: hub("Memphis", "TN", "38118"),
};

/** Gateways for parcels coming from abroad (DHL Express's international legs). */
export const FOREIGN_GATEWAYS: Record<string, Place> = {
  GB: { city: "London", region: "", postalCode: "TW6 2GA", country: "GB" },
  CA: { city: "Toronto", region: "ON", postalCode: "L5P 1B2", country: "CA" },
};

const STATE_ZONES: Record<string, string> = {
  AL: "America/Chicago", AK: "America/Anchorage", AZ: "America/Phoenix", AR: "America/Chicago", CA: "America/Los_Angeles",
  CO: "America/Denver", CT: "America/New_York", DE: "America/New_York", DC: "America/New_York", FL: "America/New_York",
  GA: "America/New_York", HI: "Pacific/Honolulu", ID: "America/Boise", IL: "America/Chicago", IN: "America/Indiana/Indianapolis",
  IA: "America/Chicago", KS: "America/Chicago", KY: "America/Kentucky/Louisville", LA: "America/Chicago", ME: "America/New_York",
  MD: "America/New_York", MA: "America/New_York", MI: "America/Detroit", MN: "America/Chicago", MS: "America/Chicago",
  MO: "America/Chicago", MT: "America/Denver", NE: "America/Chicago", NV: "America/Los_Angeles", NH: "America/New_York",
  NJ: "America/New_York", NM: "America/Denver", NY: "America/New_York", NC: "America/New_York", ND: "America/Chicago",
  OH: "America/New_York", OK: "America/Chicago", OR: "America/Los_Angeles", PA: "America/New_York", RI: "America/New_York",
  SC: "America/New_York", SD: "America/Chicago", TN: "America/Chicago", TX: "America/Chicago", UT: "America/Denver",
  VT: "America/New_York", VA: "America/New_York", WA: "America/Los_Angeles", WV: "America/New_York", WI: "America/Chicago",
  WY: "America/Denver", PR: "America/Puerto_Rico",
};

const COUNTRY_ZONES: Record<string, string> = { GB: "Europe/London", IE: "Europe/Dublin", MX: "America/Mexico_City" };
const CANADA_ZONES: Record<string, string> = { BC: "America/Vancouver", AB: "America/Edmonton", ON: "America/Toronto", QC: "America/Toronto" };

export function timeZoneOf(place: Pick<Place, "region" | "country">): string {
  if (place.country === "US" || place.country === "PR") return STATE_ZONES[place.region] ?? "America/Chicago";
  if (place.country === "CA") return CANADA_ZONES[place.region] ?? "America/Toronto";
  return COUNTRY_ZONES[place.country] ?? "UTC";
}

export { zoneOffset as offsetAt } from "../../tracking/scan-time";

export function pointOf(place: Pick<Place, "region" | "country">): readonly [number, number] | null {
  return place.country === "US" || place.country === "PR" ? (STATE_CENTRES[place.region] ?? null) : null;
}

export function km(a: Pick<Place, "region" | "country">, b: Pick<Place, "region" | "country">): number {
  const pa = pointOf(a);
  const pb = pointOf(b);
  if (!pa || !pb) return 0;
  return distanceKm(pa, pb);
}

export function nearestHub(carrier: string, to: Place, except: readonly Place[] = []): Place {
  const hubs = (HUBS[carrier] ?? HUBS.ups).filter((h) => !except.some((x) => x.city === h.city && x.region === h.region));
  let best = hubs[0];
  let bestKm = Number.POSITIVE_INFINITY;
  for (const h of hubs) {
    const d = h.region === to.region ? 0 : km(h, to);
    if (d < bestKm) {
      best = h;
      bestKm = d;
    }
  }
  return best;
}

/**
 * Hubs from the seller to the buyer: the hub nearest the origin, one on the way for long hauls
 * (the one that adds the least distance), and the hub nearest the destination.
 */
export function planRoute(carrier: string, origin: Place, destination: Place): Place[] {
  const first = nearestHub(carrier, origin);
  const last = nearestHub(carrier, destination);
  const route = [first];
  const total = km(first, last);
  if (total > 1500) {
    const candidates = (HUBS[carrier] ?? HUBS.ups).filter((h) => h !== first && h !== last);
    let best: Place | null = null;
    let bestDetour = Number.POSITIVE_INFINITY;
    for (const h of candidates) {
      const a = km(first, h);
      const b = km(h, last);
      const detour = a + b - total;
      // A real middle: well away from both ends, and almost on the way.
      if (a > 400 && b > 400 && detour < bestDetour) {
        best = h;
        bestDetour = detour;
      }
    }
    if (best && bestDetour < total * 0.15) route.push(best);
  }
  if (last !== first) route.push(last);
  return route;
}

/** A hub far from the destination and not on the way: where a misrouted parcel goes by mistake. */
export function wrongHub(carrier: string, from: Place, destination: Place, pick: (n: number) => number): Place {
  // Clearly farther from the buyer than where the parcel is (beyond the misroute rule's slack), yet
  // within a day's drive of it: the kind of wrong turn a missort produces.
  const base = km(from, destination);
  const hubs = (HUBS[carrier] ?? HUBS.ups).filter((h) => km(h, destination) > base + Math.max(700, 0.3 * base) && km(h, from) < 2000);
  const pool = hubs.length ? hubs : (HUBS[carrier] ?? HUBS.ups).filter((h) => km(h, destination) > base + Math.max(400, 0.25 * base));
  return pool.length ? pool[pick(pool.length)] : nearestHub(carrier, from);
}

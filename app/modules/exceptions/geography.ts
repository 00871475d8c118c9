// Misroute by geography: from the sequence of scan locations, decide when a parcel moved away from
// its destination. Pure data and functions.
//
// The rule: each scan is placed at a point (a US state's geographic centre, from the scan's state or
// else its ZIP's 3-digit prefix; outside the US, a country's centre). A scan is a misroute when it
// is farther from the destination than the previous placed scan by more than the slack:
// max(250 km, 20% of the previous distance). So a Texas parcel scanned in Tennessee, then Oklahoma
// (off the direct road, but closer to Texas), then Ohio fires at Ohio, not at Oklahoma.
// Scans at a carrier's national air hub (FedEx Memphis, UPS Louisville, DHL Cincinnati/Hebron) are
// skipped: every air parcel goes through them, and they are not "on the way" by distance.
//
// Limits (documented in the README): state-level resolution, so a wrong turn inside one state
// (Dallas -> El Paso for a Houston parcel) is invisible; centroid distances, not the carrier's real
// network, so legitimate hub detours of under ~250 km (or 20% of the remaining distance) are
// tolerated and larger ones would fire; scans without a state, ZIP or known country are ignored;
// the return leg of a parcel going back to the sender is not judged; for a destination outside the
// US only leaving the destination country after reaching it counts (export gateways lie anywhere).

/** Approximate geographic centres of the US states, DC and Puerto Rico (lat, lon; public USGS/Census figures, rounded). */
export const STATE_CENTRES: Record<string, readonly [number, number]> = {
  AL: [32.8, -86.8], AK: [64.7, -152.5], AZ: [34.3, -111.7], AR: [34.9, -92.4], CA: [37.2, -119.4], CO: [39.0, -105.5],
  CT: [41.6, -72.7], DE: [39.0, -75.5], DC: [38.9, -77.0], FL: [28.6, -82.4], GA: [32.7, -83.4], HI: [20.3, -156.4],
  ID: [44.4, -114.6], IL: [40.0, -89.2], IN: [39.9, -86.3], IA: [42.1, -93.5], KS: [38.5, -98.4], KY: [37.5, -85.3],
  LA: [31.1, -92.0], ME: [45.4, -69.2], MD: [39.0, -76.8], MA: [42.3, -71.8], MI: [44.3, -85.4], MN: [46.3, -94.3],
  MS: [32.7, -89.7], MO: [38.4, -92.5], MT: [47.0, -109.6], NE: [41.5, -99.8], NV: [39.3, -116.6], NH: [43.7, -71.6],
  NJ: [40.2, -74.7], NM: [34.4, -106.1], NY: [42.9, -75.5], NC: [35.6, -79.4], ND: [47.5, -100.5], OH: [40.3, -82.8],
  OK: [35.6, -97.5], OR: [43.9, -120.6], PA: [40.9, -77.8], RI: [41.7, -71.5], SC: [33.9, -80.9], SD: [44.4, -100.2],
  TN: [35.9, -86.4], TX: [31.5, -99.3], UT: [39.3, -111.7], VT: [44.1, -72.7], VA: [37.5, -78.9], WA: [47.4, -120.5],
  WV: [38.6, -80.6], WI: [44.6, -89.9], WY: [43.0, -107.6], PR: [18.2, -66.5],
};

/** Rough population centres of countries parcels commonly cross (lat, lon). */
export const COUNTRY_CENTRES: Record<string, readonly [number, number]> = {
  US: [39.8, -98.6], CA: [45.5, -79.0], MX: [20.5, -100.0], GB: [52.5, -1.5], IE: [53.3, -7.7], FR: [46.6, 2.4],
  DE: [51.0, 10.0], NL: [52.2, 5.3], BE: [50.6, 4.6], ES: [40.3, -3.7], IT: [42.8, 12.6], PT: [39.6, -8.0],
  CH: [46.8, 8.2], AT: [47.6, 14.1], PL: [52.1, 19.4], SE: [59.3, 16.0], DK: [55.9, 10.0], NO: [60.5, 9.0],
  JP: [35.7, 139.0], KR: [36.5, 127.8], CN: [31.0, 114.0], HK: [22.3, 114.2], SG: [1.35, 103.8], AU: [-33.0, 147.0],
  NZ: [-39.0, 175.0], IN: [22.0, 79.0], BR: [-20.0, -46.0], AE: [24.5, 54.5], IL: [31.8, 35.0],
};

/**
 * USPS 3-digit ZIP prefixes by state (ranges, inclusive), for scans that come with a ZIP but no state.
 * Public USPS facts; unassigned prefixes in a range do not matter here.
 */
const ZIP3_RANGES: [number, number, string][] = [
  [6, 7, "PR"], [9, 9, "PR"], [10, 27, "MA"], [28, 29, "RI"], [30, 38, "NH"], [39, 49, "ME"], [50, 54, "VT"], [55, 55, "MA"],
  [56, 59, "VT"], [60, 69, "CT"], [70, 89, "NJ"], [100, 149, "NY"], [150, 196, "PA"], [197, 199, "DE"], [200, 205, "DC"],
  [206, 219, "MD"], [220, 246, "VA"], [247, 268, "WV"], [270, 289, "NC"], [290, 299, "SC"], [300, 319, "GA"], [320, 339, "FL"],
  [341, 349, "FL"], [350, 369, "AL"], [370, 385, "TN"], [386, 397, "MS"], [398, 399, "GA"], [400, 427, "KY"], [430, 459, "OH"],
  [460, 479, "IN"], [480, 499, "MI"], [500, 528, "IA"], [530, 549, "WI"], [550, 567, "MN"], [570, 577, "SD"], [580, 588, "ND"],
  [590, 599, "MT"], [600, 629, "IL"], [630, 658, "MO"], [660, 679, "KS"], [680, 693, "NE"], [700, 714, "LA"], [716, 729, "AR"],
  [730, 749, "OK"], [750, 799, "TX"], [800, 816, "CO"], [820, 831, "WY"], [832, 838, "ID"], [840, 847, "UT"], [850, 865, "AZ"],
  [870, 884, "NM"], [885, 885, "TX"], [889, 898, "NV"], [900, 961, "CA"], [967, 968, "HI"], [970, 979, "OR"], [980, 994, "WA"],
  [995, 999, "AK"],
];

export function stateForZip(postalCode: string | null | undefined): string | null {
  const m = /^(\d{3})\d{2}(-\d{4})?$/.exec((postalCode ?? "").trim());
  if (!m) return null;
  const prefix = Number(m[1]);
  return ZIP3_RANGES.find(([lo, hi]) => prefix >= lo && prefix <= hi)?.[2] ?? null;
}

export interface ScanPlace {
  region: string | null;
  postalCode: string | null;
  country: string | null;
  city?: string | null;
}

export interface Placed {
  /** "US-TX", or a country code. */
  key: string;
  point: readonly [number, number];
}

/** Where a scan (or a destination) is, at the resolution we can judge; null when unknown. */
export function placeOf(place: ScanPlace): Placed | null {
  const country = (place.country ?? "").toUpperCase() || null;
  const region = (place.region ?? "").toUpperCase();
  if (!country || country === "US" || country === "PR") {
    const state = STATE_CENTRES[region] ? region : stateForZip(place.postalCode);
    if (state) return { key: `US-${state}`, point: STATE_CENTRES[state] };
    if (!country) return null;
  }
  const c = COUNTRY_CENTRES[country];
  return c ? { key: country, point: c } : null;
}

/** Great-circle distance in km. */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const MISROUTE_MIN_SLACK_KM = 250;
export const MISROUTE_SLACK_SHARE = 0.2;

/** National air hubs every air parcel of the carrier passes through (city, state). */
export const AIR_HUBS: Record<string, { city: string; region: string }[]> = {
  fedex: [{ city: "memphis", region: "TN" }],
  ups: [{ city: "louisville", region: "KY" }],
  dhl: [{ city: "hebron", region: "KY" }, { city: "cincinnati", region: "OH" }, { city: "erlanger", region: "KY" }],
};

export function isAirHub(carrier: string, place: ScanPlace): boolean {
  const city = (place.city ?? "").trim().toLowerCase();
  const region = (place.region ?? "").toUpperCase();
  return (AIR_HUBS[carrier] ?? []).some((h) => h.city === city && h.region === region);
}

export interface MoveVerdict {
  misrouted: boolean;
  /** Distances to the destination, for the case's reason. */
  previousKm: number;
  currentKm: number;
  from: string;
  to: string;
}

/** Compares one scan with the previous one; null when either cannot be placed or they are in one place. */
export function judgeMove(previous: ScanPlace, current: ScanPlace, destination: ScanPlace): MoveVerdict | null {
  const dest = placeOf(destination);
  const a = placeOf(previous);
  const b = placeOf(current);
  if (!dest || !a || !b || a.key === b.key) return null;
  const previousKm = distanceKm(a.point, dest.point);
  const currentKm = distanceKm(b.point, dest.point);
  const verdict = { previousKm: Math.round(previousKm), currentKm: Math.round(currentKm), from: a.key, to: b.key };
  if (!dest.key.startsWith("US-")) {
    // Abroad we only know the country: export gateways lie anywhere, so the one move we can call
    // wrong is leaving the destination country after reaching it.
    return { ...verdict, misrouted: a.key === dest.key && b.key !== dest.key };
  }
  const slack = Math.max(MISROUTE_MIN_SLACK_KM, MISROUTE_SLACK_SHARE * previousKm);
  return { ...verdict, misrouted: currentKm - previousKm > slack };
}

/** A plain-language reason: "Scanned in US-OH, 1,850 km from the destination (US-TX); the previous scan in US-OK was 430 km away." */
export function misrouteReason(v: MoveVerdict, destinationKey: string): string {
  const km = (n: number) => `${n.toLocaleString("en-US")} km`;
  return `Scanned in ${v.to}, ${km(v.currentKm)} from the destination (${destinationKey}); the previous scan in ${v.from} was ${km(v.previousKm)} away.`;
}

export interface SequenceScan extends ScanPlace {
  at: Date;
}

/**
 * Walks a sequence of physical scans (oldest first) and returns each scan where the parcel moved
 * away from the destination. Air-hub scans are skipped, scans that cannot be placed do not replace
 * the previous one.
 */
export function misroutesInSequence(carrier: string, scans: readonly SequenceScan[], destination: ScanPlace): { index: number; verdict: MoveVerdict }[] {
  const found: { index: number; verdict: MoveVerdict }[] = [];
  let previous: SequenceScan | null = null;
  scans.forEach((scan, index) => {
    if (isAirHub(carrier, scan) || !placeOf(scan)) return;
    if (previous) {
      const verdict = judgeMove(previous, scan, destination);
      if (verdict?.misrouted) found.push({ index, verdict });
    }
    previous = scan;
  });
  return found;
}

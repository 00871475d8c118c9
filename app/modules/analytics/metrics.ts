// The arithmetic behind the analytics page: rates from cohort counts, exact percentiles from
// integer histograms, and Monday-based weeks. Pure functions; the formulas are the ones
// definitions.ts shows to the seller.
import { addDays, type Day, dayOfWeek } from "../carriers/business-days";

/** What the cohort SQL counts, for any grouping (a carrier, a service, a week, everything). */
export interface CohortCounts {
  shipped: number;
  delivered: number;
  withProof: number;
  inFlight: number;
  notDelivered: number;
  onTime: number;
  onTimeKnown: number;
}

export const NO_PARCELS: CohortCounts = Object.freeze({
  shipped: 0,
  delivered: 0,
  withProof: 0,
  inFlight: 0,
  notDelivered: 0,
  onTime: 0,
  onTimeKnown: 0,
});

export function addCounts(a: CohortCounts, b: CohortCounts): CohortCounts {
  return {
    shipped: a.shipped + b.shipped,
    delivered: a.delivered + b.delivered,
    withProof: a.withProof + b.withProof,
    inFlight: a.inFlight + b.inFlight,
    notDelivered: a.notDelivered + b.notDelivered,
    onTime: a.onTime + b.onTime,
    onTimeKnown: a.onTimeKnown + b.onTimeKnown,
  };
}

/** A share as a fraction rounded to 4 places (0.9412 = 94.12%), or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** delivered ÷ (shipped − in flight): in-flight parcels are never failures. */
export function deliveryConfirmationRate(c: CohortCounts): number | null {
  return share(c.delivered, c.shipped - c.inFlight);
}

/** with proof ÷ delivered. */
export function proofRate(c: CohortCounts): number | null {
  return share(c.withProof, c.delivered);
}

/** in flight ÷ shipped. */
export function inFlightShare(c: CohortCounts): number | null {
  return share(c.inFlight, c.shipped);
}

/** on time ÷ delivered parcels that had an EDD on the label. */
export function onTimeRate(c: CohortCounts): number | null {
  return share(c.onTime, c.onTimeKnown);
}

/** cases ÷ shipped × 100, to 2 places. */
export function perHundred(cases: number, shipped: number): number | null {
  if (shipped <= 0) return null;
  return Math.round((cases / shipped) * 10_000) / 100;
}

/** Transit days -> delivered parcels. */
export type Histogram = ReadonlyMap<number, number>;

export function addToHistogram(histogram: Map<number, number>, days: number, parcels: number): void {
  histogram.set(days, (histogram.get(days) ?? 0) + parcels);
}

/**
 * The nearest-rank percentile of a histogram of whole days: the smallest value such that at least
 * `percent`% of the parcels took that long or less (PostgreSQL's percentile_disc). Integer
 * arithmetic for the rank, so 90% of 10 parcels is rank 9, not 9.000000000000002.
 */
export function percentile(histogram: Histogram, percent: number): number | null {
  let total = 0;
  for (const n of histogram.values()) total += n;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((percent * total) / 100));
  let seen = 0;
  for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(days) ?? 0;
    if (seen >= rank) return days;
  }
  return null;
}

/** The Monday that starts the week of `day` (weeks start Monday). */
export function weekOf(day: Day): Day {
  return addDays(day, -((dayOfWeek(day) + 6) % 7));
}

/** Every week (by its Monday) that overlaps from..to. */
export function weeksBetween(from: Day, to: Day): Day[] {
  const weeks: Day[] = [];
  for (let w = weekOf(from); w <= to; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

// Assembling the analytics report from the grouped rows the summary queries return: totals per
// carrier and per service, weekly points, transit percentiles, exception rates. Pure; the page,
// the CSV downloads and the CLI all read this one shape.
import type { ExceptionType } from "../../../db/types";
import type { Day } from "../carriers/business-days";
import { carrierName, serviceName } from "../carriers/registry";
import {
  addCounts,
  addToHistogram,
  type CohortCounts,
  deliveryConfirmationRate,
  inFlightShare,
  NO_PARCELS,
  onTimeRate,
  percentile,
  perHundred,
  proofRate,
  weeksBetween,
} from "./metrics";
import type { AnalyticsFilters } from "./schemas";

/** Cohort counts for one carrier, service and week. */
export interface CohortRow extends CohortCounts {
  carrier: string;
  service: string;
  week: Day;
}

export interface TransitRow {
  carrier: string;
  service: string;
  transitDays: number;
  parcels: number;
}

export interface ExceptionRow {
  carrier: string;
  type: ExceptionType;
  cases: number;
}

export interface CaseWeekRow {
  week: Day;
  opened: number;
  resolved: number;
}

export interface CohortSummary extends CohortCounts {
  deliveryConfirmationRate: number | null;
  proofRate: number | null;
  inFlightShare: number | null;
  onTimeRate: number | null;
  medianTransitDays: number | null;
  p90TransitDays: number | null;
}

export interface CarrierSummary extends CohortSummary {
  carrier: string;
  carrierName: string;
}

export interface ServiceSummary extends CarrierSummary {
  /** "" when the shipments had no service. */
  service: string;
  serviceName: string;
}

export interface WeeklyPoint {
  week: Day;
  carrier: string;
  shipped: number;
  delivered: number;
  inFlight: number;
  notDelivered: number;
  deliveryConfirmationRate: number | null;
}

export interface TransitBucket {
  carrier: string;
  transitDays: number;
  parcels: number;
}

export interface ExceptionRate {
  carrier: string;
  carrierName: string;
  type: ExceptionType;
  cases: number;
  shipped: number;
  per100: number | null;
}

export interface FilterOptions {
  carriers: { value: string; label: string }[];
  services: { value: string; label: string; carrier: string }[];
  countries: string[];
  regions: { value: string; country: string }[];
}

export interface AnalyticsReport {
  filters: AnalyticsFilters;
  timeZone: string;
  /** Mondays of the weeks the range overlaps. */
  weeks: Day[];
  total: CohortSummary;
  carriers: CarrierSummary[];
  services: ServiceSummary[];
  weekly: WeeklyPoint[];
  transit: TransitBucket[];
  exceptionTypes: ExceptionType[];
  exceptions: ExceptionRate[];
  casesPerWeek: CaseWeekRow[];
  options: FilterOptions;
  /** The summaries are being built for the first time by another process: figures are not ready. */
  building: boolean;
}

export function summarize(counts: CohortCounts, histogram: Map<number, number>): CohortSummary {
  return {
    ...counts,
    deliveryConfirmationRate: deliveryConfirmationRate(counts),
    proofRate: proofRate(counts),
    inFlightShare: inFlightShare(counts),
    onTimeRate: onTimeRate(counts),
    medianTransitDays: percentile(histogram, 50),
    p90TransitDays: percentile(histogram, 90),
  };
}

const pick = (row: CohortCounts): CohortCounts => ({
  shipped: row.shipped,
  delivered: row.delivered,
  withProof: row.withProof,
  inFlight: row.inFlight,
  notDelivered: row.notDelivered,
  onTime: row.onTime,
  onTimeKnown: row.onTimeKnown,
});

export function assembleReport(input: {
  filters: AnalyticsFilters;
  timeZone: string;
  cohort: CohortRow[];
  transit: TransitRow[];
  exceptions: ExceptionRow[];
  casesPerWeek: CaseWeekRow[];
  options: FilterOptions;
  building?: boolean;
}): AnalyticsReport {
  const { filters, cohort, transit } = input;
  const weeks = weeksBetween(filters.from, filters.to);

  let totalCounts = NO_PARCELS;
  const totalHistogram = new Map<number, number>();
  const byCarrier = new Map<string, { counts: CohortCounts; histogram: Map<number, number> }>();
  const byService = new Map<string, { carrier: string; service: string; counts: CohortCounts; histogram: Map<number, number> }>();
  const byWeek = new Map<string, CohortCounts>();
  const carrierEntry = (carrier: string) => {
    let entry = byCarrier.get(carrier);
    if (!entry) byCarrier.set(carrier, (entry = { counts: NO_PARCELS, histogram: new Map() }));
    return entry;
  };
  const serviceEntry = (carrier: string, service: string) => {
    const key = `${carrier}\u0000${service}`;
    let entry = byService.get(key);
    if (!entry) byService.set(key, (entry = { carrier, service, counts: NO_PARCELS, histogram: new Map() }));
    return entry;
  };

  for (const row of cohort) {
    const counts = pick(row);
    totalCounts = addCounts(totalCounts, counts);
    const c = carrierEntry(row.carrier);
    c.counts = addCounts(c.counts, counts);
    const s = serviceEntry(row.carrier, row.service);
    s.counts = addCounts(s.counts, counts);
    const wk = `${row.week}\u0000${row.carrier}`;
    byWeek.set(wk, addCounts(byWeek.get(wk) ?? NO_PARCELS, counts));
  }
  const transitByCarrier = new Map<string, Map<number, number>>();
  for (const row of transit) {
    addToHistogram(totalHistogram, row.transitDays, row.parcels);
    addToHistogram(carrierEntry(row.carrier).histogram, row.transitDays, row.parcels);
    addToHistogram(serviceEntry(row.carrier, row.service).histogram, row.transitDays, row.parcels);
    let h = transitByCarrier.get(row.carrier);
    if (!h) transitByCarrier.set(row.carrier, (h = new Map()));
    addToHistogram(h, row.transitDays, row.parcels);
  }

  // Busiest carrier first, so the charts read from the carrier that matters most.
  const carriers: CarrierSummary[] = [...byCarrier.entries()]
    .map(([carrier, e]) => ({ carrier, carrierName: carrierName(carrier), ...summarize(e.counts, e.histogram) }))
    .sort((a, b) => b.shipped - a.shipped || a.carrier.localeCompare(b.carrier));
  const carrierOrder = new Map(carriers.map((c, i) => [c.carrier, i]));
  const services: ServiceSummary[] = [...byService.values()]
    .map((e) => ({
      carrier: e.carrier,
      carrierName: carrierName(e.carrier),
      service: e.service,
      serviceName: e.service ? serviceName(e.carrier, e.service) : "No service",
      ...summarize(e.counts, e.histogram),
    }))
    .sort(
      (a, b) =>
        (carrierOrder.get(a.carrier) ?? 0) - (carrierOrder.get(b.carrier) ?? 0) ||
        b.shipped - a.shipped ||
        a.service.localeCompare(b.service),
    );

  const weekly: WeeklyPoint[] = [];
  for (const week of weeks) {
    for (const { carrier } of carriers) {
      const counts = byWeek.get(`${week}\u0000${carrier}`) ?? NO_PARCELS;
      weekly.push({
        week,
        carrier,
        shipped: counts.shipped,
        delivered: counts.delivered,
        inFlight: counts.inFlight,
        notDelivered: counts.notDelivered,
        deliveryConfirmationRate: deliveryConfirmationRate(counts),
      });
    }
  }

  const transitBuckets: TransitBucket[] = [];
  for (const { carrier } of carriers) {
    const h = transitByCarrier.get(carrier);
    if (!h) continue;
    for (const days of [...h.keys()].sort((a, b) => a - b)) transitBuckets.push({ carrier, transitDays: days, parcels: h.get(days) ?? 0 });
  }

  const shippedBy = new Map(carriers.map((c) => [c.carrier, c.shipped]));
  const exceptionTypes = [...new Set(input.exceptions.filter((e) => e.cases > 0).map((e) => e.type))].sort();
  const exceptions: ExceptionRate[] = input.exceptions
    .filter((e) => e.cases > 0)
    .map((e) => {
      const shipped = shippedBy.get(e.carrier) ?? 0;
      return { carrier: e.carrier, carrierName: carrierName(e.carrier), type: e.type, cases: e.cases, shipped, per100: perHundred(e.cases, shipped) };
    })
    .sort((a, b) => (carrierOrder.get(a.carrier) ?? 0) - (carrierOrder.get(b.carrier) ?? 0) || a.type.localeCompare(b.type));

  const caseWeeks = new Map(input.casesPerWeek.map((w) => [w.week, w]));
  const casesPerWeek = weeks.map((week) => ({ week, opened: caseWeeks.get(week)?.opened ?? 0, resolved: caseWeeks.get(week)?.resolved ?? 0 }));

  return {
    filters,
    timeZone: input.timeZone,
    weeks,
    total: summarize(totalCounts, totalHistogram),
    carriers,
    services,
    weekly,
    transit: transitBuckets,
    exceptionTypes,
    exceptions,
    casesPerWeek,
    options: input.options,
    building: input.building ?? false,
  };
}

// The data behind each analytics chart as CSV rows: the same numbers as the table under the chart.
// Pure; the download route writes them with app/lib/csv.ts (formula-safe).
import { z } from "zod";
import { carrierName } from "../carriers/registry";
import type { AnalyticsReport } from "./report-assembly";

export const CHARTS = ["delivery", "delivery-weekly", "on-time", "transit", "transit-histogram", "exceptions", "cases-weekly"] as const;
export type ChartId = (typeof CHARTS)[number];
export const chartIdSchema = z.enum(CHARTS, { message: `must be one of ${CHARTS.join(", ")}` });

export const CHART_TITLES: Record<ChartId, string> = {
  delivery: "Delivery confirmation by carrier",
  "delivery-weekly": "Weekly delivery-confirmation rate by carrier",
  "on-time": "On-time rate by carrier and service",
  transit: "Transit time by carrier and service",
  "transit-histogram": "Delivered parcels by transit time",
  exceptions: "Exception rate by type and carrier",
  "cases-weekly": "Cases opened and resolved per week",
};

export interface ChartCsv {
  fileName: string;
  header: string[];
  rows: (string | number | null)[][];
}

/** A fraction as a percentage with two decimals (0.94123 -> 94.12); empty when there is none. */
const percent = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 10_000) / 100);

export function chartCsv(report: AnalyticsReport, chart: ChartId): ChartCsv {
  const { from, to } = report.filters;
  const fileName = `analytics-${chart}-${from}-to-${to}.csv`;
  switch (chart) {
    case "delivery":
      return {
        fileName,
        header: ["Carrier", "Shipped", "Delivered", "With proof", "In flight", "Not delivered", "Delivery-confirmation rate (%)", "Proof rate (%)", "In flight (% of shipped)"],
        rows: report.carriers.map((c) => [
          c.carrierName,
          c.shipped,
          c.delivered,
          c.withProof,
          c.inFlight,
          c.notDelivered,
          percent(c.deliveryConfirmationRate),
          percent(c.proofRate),
          percent(c.inFlightShare),
        ]),
      };
    case "delivery-weekly":
      return {
        fileName,
        header: ["Week (Monday)", "Carrier", "Shipped", "Delivered", "In flight", "Not delivered", "Delivery-confirmation rate (%)"],
        rows: report.weekly.map((w) => [w.week, carrierName(w.carrier), w.shipped, w.delivered, w.inFlight, w.notDelivered, percent(w.deliveryConfirmationRate)]),
      };
    case "on-time":
      return {
        fileName,
        header: ["Carrier", "Service", "Delivered with an EDD", "On time", "On-time rate (%)"],
        rows: report.services.map((s) => [s.carrierName, s.serviceName, s.onTimeKnown, s.onTime, percent(s.onTimeRate)]),
      };
    case "transit":
      return {
        fileName,
        header: ["Carrier", "Service", "Delivered", "Median (business days)", "p90 (business days)"],
        rows: [
          ...report.carriers.map((c) => [c.carrierName, "All services", c.delivered, c.medianTransitDays, c.p90TransitDays]),
          ...report.services.map((s) => [s.carrierName, s.serviceName, s.delivered, s.medianTransitDays, s.p90TransitDays]),
        ],
      };
    case "transit-histogram":
      return {
        fileName,
        header: ["Carrier", "Business days in transit", "Delivered parcels"],
        rows: report.transit.map((t) => [carrierName(t.carrier), t.transitDays, t.parcels]),
      };
    case "exceptions":
      return {
        fileName,
        header: ["Carrier", "Exception type", "Cases", "Shipped", "Cases per 100 parcels"],
        rows: report.exceptions.map((e) => [e.carrierName, e.type, e.cases, e.shipped, e.per100]),
      };
    case "cases-weekly":
      return {
        fileName,
        header: ["Week (Monday)", "Opened", "Resolved"],
        rows: report.casesPerWeek.map((w) => [w.week, w.opened, w.resolved]),
      };
  }
}

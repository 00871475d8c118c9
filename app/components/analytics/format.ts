// How analytics numbers read on screen: shares as percentages, empty values as a dash, weeks as
// "May 18", and one colour per carrier and per exception type so every chart agrees.
import { EXCEPTION_TYPE_COLORS, EXCEPTION_TYPE_LABELS, isExceptionType } from "../../modules/vocabulary/shipments";

export const NONE = "—";

export function percent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined ? NONE : `${(fraction * 100).toFixed(digits)}%`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

export function days(n: number | null | undefined): string {
  return n === null || n === undefined ? NONE : `${n} ${n === 1 ? "day" : "days"}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-05-18" -> "May 18" (no Date: a calendar day has no time zone). */
export function shortDay(day: string): string {
  const [, m, d] = day.split("-").map(Number);
  return `${MONTHS[m - 1]} ${d}`;
}

export function longDay(day: string): string {
  return `${shortDay(day)}, ${day.slice(0, 4)}`;
}

const CARRIER_COLORS: Record<string, string> = {
  usps: "blue.6",
  ups: "orange.7",
  fedex: "violet.6",
  dhl: "yellow.6",
  dhl_ecommerce: "yellow.8",
  amazon: "cyan.6",
  ontrac: "lime.7",
  lasership: "pink.6",
  canada_post: "red.6",
};
const SPARE = ["teal.6", "grape.6", "indigo.4", "gray.6"];

export function carrierColor(code: string, index: number): string {
  return CARRIER_COLORS[code] ?? SPARE[index % SPARE.length];
}

/** A chart series per exception type, in the type's colour (the same as its badge). */
export function exceptionSeries(type: string): { name: string; color: string } {
  return isExceptionType(type) ? { name: EXCEPTION_TYPE_LABELS[type], color: `${EXCEPTION_TYPE_COLORS[type]}.6` } : { name: type, color: "gray.5" };
}

// Case SLAs: when a case is due (shop settings: severity per exception type, hours per severity)
// and where a case stands against its due time ("overdue", "due today" in the shop's time zone, or
// "ok"). Pure: the queue turns the same boundaries into SQL parameters, the UI into highlights.
import type { ExceptionType, Severity } from "../../../db/types";
import { instantAt, localDay } from "../carriers/business-days";
import type { ShopSettings } from "../shops/settings";

const HOUR_MS = 60 * 60 * 1000;

export type SlaSettings = ShopSettings["sla"];
export type SlaState = "overdue" | "due_today" | "ok";

export const SLA_STATE_LABELS: Record<SlaState, string> = { overdue: "Overdue", due_today: "Due today", ok: "Due later" };

/** The severity a new case of this type opens with. */
export function severityForType(type: ExceptionType, sla: SlaSettings): Severity {
  return sla.severityByType[type] ?? "medium";
}

/** opened_at + hoursBySeverity[severity] hours. */
export function slaDueAt(openedAt: Date, severity: Severity, sla: SlaSettings): Date {
  return new Date(openedAt.getTime() + Math.round(sla.hoursBySeverity[severity] * HOUR_MS));
}

/** The instant a calendar day ("YYYY-MM-DD") starts in `timeZone`. */
export function startOfDayIn(day: string, timeZone: string): Date {
  return instantAt(day, "00:00", timeZone);
}

/** The instant today (in the shop's time zone) ends, i.e. tomorrow's local midnight. */
export function endOfToday(now: Date, timeZone: string): Date {
  const [y, m, d] = localDay(now, timeZone).split("-").map(Number);
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfDayIn(tomorrow, timeZone);
}

/** Where an unresolved case stands: past due, due before the shop's day ends, or later. */
export function slaState(dueAt: Date, now: Date, timeZone: string): SlaState {
  // Strictly before now, exactly like the navigation badge's count (countOverdueCases).
  if (dueAt.getTime() < now.getTime()) return "overdue";
  if (dueAt.getTime() < endOfToday(now, timeZone).getTime()) return "due_today";
  return "ok";
}

/** For a resolved case: was it resolved by its due time? */
export function slaOutcome(dueAt: Date, resolvedAt: Date): "met" | "missed" {
  return resolvedAt.getTime() <= dueAt.getTime() ? "met" : "missed";
}

/** "3 h 20 min", "2 d 4 h", "45 min": a duration as a person says it, to the minute. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** "Overdue by 3 h", "Due in 45 min". */
export function describeDue(dueAt: Date, now: Date): string {
  const ms = dueAt.getTime() - now.getTime();
  return ms < 0 ? `Overdue by ${formatDuration(-ms)}` : `Due in ${formatDuration(ms)}`;
}

// Times as the exceptions pages show them: in the shop's time zone and on a 24-hour clock, so the
// server render and the browser agree (no hydration mismatch, whatever the viewer's zone).
import { formatDuration } from "../../modules/exceptions/sla";

export function formatDateTime(value: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(value));
}

export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "3 h ago", against the server's clock at load time. */
export function ago(value: Date | string, now: Date | string): string {
  const ms = new Date(now).getTime() - new Date(value).getTime();
  return ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`;
}

export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

// A scan's local time: carriers report each event with the offset of the place it happened, and the
// timeline, the EDD ("out for delivery today") and the buyer all mean that local time. Pure.

/** "+05:30" -> 330, "-05:00" -> -300. */
export function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

function shifted(at: Date, offset: string): Date {
  return new Date(at.getTime() + offsetMinutes(offset) * 60_000);
}

/** The calendar day of the scan where it happened ("YYYY-MM-DD"). */
export function scanDay(at: Date, offset: string): string {
  return shifted(at, offset).toISOString().slice(0, 10);
}

/** "2026-11-20 14:12" in the scan's own time. */
export function scanLocalTime(at: Date, offset: string): string {
  return shifted(at, offset).toISOString().slice(0, 16).replace("T", " ");
}

/** ISO 8601 with the scan's own offset: "2026-11-20T14:12:00-05:00". */
export function scanIso(at: Date, offset: string): string {
  return `${shifted(at, offset).toISOString().slice(0, 19)}${offset === "+00:00" ? "Z" : offset}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Fri, Nov 20, 2:12 PM (UTC−05:00)", for people. */
export function formatScanTime(at: Date, offset: string): string {
  const d = shifted(at, offset);
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
  const h = d.getUTCHours();
  const m = String(d.getUTCMinutes()).padStart(2, "0");
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const utc = offset === "+00:00" ? "UTC" : `UTC${offset.replace("-", "\u2212")}`;
  return `${day}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${hour12}:${m} ${h < 12 ? "AM" : "PM"} (${utc})`;
}

/** The UTC offset of an IANA time zone at an instant, "-05:00". */
export function zoneOffset(instant: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? "00"}` : "+00:00";
}

/** The instant of a local wall-clock time ("YYYY-MM-DD", minutes after midnight) in a time zone. */
export function zonedInstant(day: string, minutes: number, timeZone: string): Date {
  const wall = new Date(`${day}T00:00:00Z`).getTime() + minutes * 60_000;
  let t = wall;
  // Two passes settle the offset on days when it changes (DST).
  for (let i = 0; i < 2; i++) t = wall - offsetMinutes(zoneOffset(new Date(t), timeZone)) * 60_000;
  return new Date(t);
}

// Intl formatters are costly to build; the scan and ingestion format thousands of instants in a few
// time zones, so each zone's formatter is built once per process.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone ("YYYY-MM-DD"). */
export function zoneDay(instant: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** "HH:MM" of an instant in a time zone. */
export function zoneClock(instant: Date, timeZone: string): string {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clockFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

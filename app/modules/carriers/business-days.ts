// Calendar-day and business-day arithmetic on "YYYY-MM-DD" strings (a day has no time zone), and
// the US federal holidays carriers observe. Pure functions; EDD, the not-picked-up rule and the
// transit-time analytics all count days with these.

export type Day = string;

const DAY_MS = 86_400_000;

// Day strings and their UTC epoch milliseconds, memoized both ways: EDDs for a bulk assignment and
// the analytics walk the same few hundred days over and over, and parsing and formatting dates
// dominated their cost. Bounded, so a long-running server cannot grow them without limit.
const msByDay = new Map<Day, number>();
const dayByMs = new Map<number, Day>();
const MEMO_LIMIT = 50_000;

function toUtc(day: Day): number {
  let ms = msByDay.get(day);
  if (ms === undefined) {
    const [y, m, d] = day.split("-").map(Number);
    ms = Date.UTC(y, m - 1, d);
    if (msByDay.size >= MEMO_LIMIT) msByDay.clear();
    msByDay.set(day, ms);
  }
  return ms;
}

function fromUtc(ms: number): Day {
  let day = dayByMs.get(ms);
  if (day === undefined) {
    day = new Date(ms).toISOString().slice(0, 10);
    if (dayByMs.size >= MEMO_LIMIT) dayByMs.clear();
    dayByMs.set(ms, day);
  }
  return day;
}

export function addDays(day: Day, n: number): Day {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(day: Day): number {
  return new Date(toUtc(day)).getUTCDay();
}

export function daysBetween(from: Day, to: Day): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function isWeekend(day: Day): boolean {
  const dow = dayOfWeek(day);
  return dow === 0 || dow === 6;
}

export function isBusinessDay(day: Day, holidays: ReadonlySet<Day>): boolean {
  return !isWeekend(day) && !holidays.has(day);
}

/** The n-th business day after `day` (n = 0: `day` itself if it is one, else the next one). */
export function addBusinessDays(day: Day, n: number, holidays: ReadonlySet<Day>): Day {
  let ms = toUtc(day);
  let dow = new Date(ms).getUTCDay();
  const open = () => dow !== 0 && dow !== 6 && !holidays.has(fromUtc(ms));
  const next = () => {
    ms += DAY_MS;
    dow = (dow + 1) % 7;
  };
  if (n === 0) {
    while (!open()) next();
    return fromUtc(ms);
  }
  let left = n;
  while (left > 0) {
    next();
    if (open()) left--;
  }
  return fromUtc(ms);
}

/** Business days after `from` up to and including `to` (0 when `to` <= `from`). */
export function businessDaysBetween(from: Day, to: Day, holidays: ReadonlySet<Day>): number {
  const end = toUtc(to);
  let ms = toUtc(from) + DAY_MS;
  let dow = new Date(ms).getUTCDay();
  let count = 0;
  for (; ms <= end; ms += DAY_MS, dow = (dow + 1) % 7) {
    if (dow !== 0 && dow !== 6 && !holidays.has(fromUtc(ms))) count++;
  }
  return count;
}

// Building an Intl.DateTimeFormat costs far more than using one (about a millisecond against a
// few microseconds), and EDDs for a large batch read thousands of local days: keep one per zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = make();
    cache.set(timeZone, f);
  }
  return f;
}

/** The calendar day of an instant in a time zone ("YYYY-MM-DD"). */
export function localDay(instant: Date, timeZone: string): Day {
  const f = formatter(dayFormats, timeZone, () => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }));
  // en-CA formats as YYYY-MM-DD; format() is much cheaper than formatToParts().
  const quick = f.format(instant);
  if (/^\d{4}-\d{2}-\d{2}$/.test(quick)) return quick;
  const parts = f.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** "HH:MM" of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): string {
  const f = formatter(timeFormats, timeZone, () => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));
  const quick = f.format(instant);
  if (/^\d{2}:\d{2}$/.test(quick)) return quick;
  const parts = f.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("hour")}:${get("minute")}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
// Offsets change at most a few times a year: remember them per zone and local hour so a million
// rows do not each pay for Intl formatting.
const offsetCache = new Map<string, Map<number, number>>();

/** Minutes east of UTC that `timeZone` is at the instant `utcMs`. */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const f = formatter(offsetFormats, timeZone, () =>
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }),
  );
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== "literal") parts[p.type] = +p.value;
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedTimeToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, timeZone: string): Date {
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const key = ((y * 13 + mo) * 32 + d) * 24 + h;
  let offset = zone.get(key);
  if (offset === undefined) {
    offset = zoneOffsetMinutes(local - zoneOffsetMinutes(local, timeZone) * 60_000, timeZone);
    // Near a DST change the first guess can land on the other side; the second look settles it.
    const second = zoneOffsetMinutes(local - offset * 60_000, timeZone);
    if (second !== offset) offset = second;
    if (zone.size > 100_000) zone.clear();
    zone.set(key, offset);
  }
  return new Date(local - offset * 60_000);
}

/** The instant a calendar day's wall-clock time ("HH:MM") happens in `timeZone`. */
export function instantAt(day: Day, time: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return zonedTimeToUtc(y, m, d, h, mi, 0, 0, timeZone);
}

function nthWeekday(year: number, month: number, weekday: number, n: number): Day {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  return fromUtc(Date.UTC(year, month - 1, day));
}

function lastWeekday(year: number, month: number, weekday: number): Day {
  const last = new Date(Date.UTC(year, month, 0));
  const back = (last.getUTCDay() - weekday + 7) % 7;
  return fromUtc(last.getTime() - back * DAY_MS);
}

/** A fixed-date holiday moves to Friday when it falls on Saturday and to Monday on Sunday. */
function observed(day: Day): Day {
  const dow = dayOfWeek(day);
  if (dow === 6) return addDays(day, -1);
  if (dow === 0) return addDays(day, 1);
  return day;
}

/**
 * The US federal holidays of a year (5 U.S.C. 6103), as observed. USPS does not deliver on any of
 * them; UPS and FedEx close on fewer, so treating all as non-business days errs on the late side.
 */
const federalByYear = new Map<number, readonly { day: Day; name: string }[]>();

export function usFederalHolidays(year: number): { day: Day; name: string }[] {
  let list = federalByYear.get(year);
  if (!list) {
    list = computeFederalHolidays(year);
    federalByYear.set(year, list);
  }
  return list.map((h) => ({ ...h }));
}

function computeFederalHolidays(year: number): { day: Day; name: string }[] {
  const pad = (m: number, d: number) => `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return [
    { day: observed(pad(1, 1)), name: "New Year's Day" },
    { day: nthWeekday(year, 1, 1, 3), name: "Martin Luther King Jr. Day" },
    { day: nthWeekday(year, 2, 1, 3), name: "Washington's Birthday" },
    { day: lastWeekday(year, 5, 1), name: "Memorial Day" },
    { day: observed(pad(6, 19)), name: "Juneteenth" },
    { day: observed(pad(7, 4)), name: "Independence Day" },
    { day: nthWeekday(year, 9, 1, 1), name: "Labor Day" },
    { day: nthWeekday(year, 10, 1, 2), name: "Columbus Day" },
    { day: observed(pad(11, 11)), name: "Veterans Day" },
    { day: nthWeekday(year, 11, 4, 4), name: "Thanksgiving Day" },
    { day: observed(pad(12, 25)), name: "Christmas Day" },
  ];
}

/** Federal holidays for the years around `day`, plus the shop's own days off. */
export function holidaySet(shopHolidays: Iterable<Day>, around: Day): Set<Day> {
  const year = Number(around.slice(0, 4));
  const set = new Set<Day>(shopHolidays);
  for (const y of [year - 1, year, year + 1]) {
    if (!federalByYear.has(y)) usFederalHolidays(y);
    for (const h of federalByYear.get(y)!) set.add(h.day);
  }
  return set;
}

// Reading the dates marketplaces write: ISO 8601 (with or without a time and an offset, "T" or a
// space between), and slash dates "MM/DD/YYYY HH:mm:ss" (or "DD/MM/YYYY ..." when the preset or
// mapping says so). Stray tabs and spaces around the value are ignored (TikTok ends its dates with
// a tab). A time without an offset is the shop's local time. Pure.
import type { DateOrder } from "./fields";
import { zonedTimeToUtc } from "../carriers/business-days";

export type DateResult = { ok: true; value: Date } | { ok: false; message: string };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function parseImportDate(input: string, dateOrder: DateOrder, timeZone: string): DateResult {
  const text = input.trim();
  const expected =
    dateOrder === "dmy" ? "DD/MM/YYYY HH:mm:ss or an ISO date such as 2026-11-03 19:00:58" : "MM/DD/YYYY HH:mm:ss or an ISO date such as 2026-11-03 19:00:58";
  const fail = (): DateResult => ({ ok: false, message: `"${text}" is not a date we can read (expected ${expected}).` });
  let y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0;
  let offset: string | undefined;
  let m = ISO.exec(text);
  if (m) {
    y = +m[1];
    mo = +m[2];
    d = +m[3];
    if (m[4] !== undefined) {
      h = +m[4];
      mi = +m[5];
      s = m[6] ? +m[6] : 0;
      ms = m[7] ? Math.floor(+`0.${m[7]}` * 1000) : 0;
    }
    offset = m[8];
  } else if ((m = SLASH.exec(text))) {
    const a = +m[1];
    const b = +m[2];
    [mo, d] = dateOrder === "dmy" ? [b, a] : [a, b];
    y = +m[3];
    if (m[4] !== undefined) {
      h = +m[4];
      mi = +m[5];
      s = m[6] ? +m[6] : 0;
      const ampm = m[7]?.toUpperCase();
      if (ampm) {
        if (h < 1 || h > 12) return fail();
        h = (h % 12) + (ampm === "PM" ? 12 : 0);
      }
    }
    offset = m[8];
  } else {
    return fail();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59 || y < 1900 || y > 2999) return fail();
  if (offset) {
    const minutes = offsetMinutes(offset);
    if (minutes === null) return fail();
    return { ok: true, value: new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - minutes * 60_000) };
  }
  return { ok: true, value: zonedTimeToUtc(y, mo, d, h, mi, s, ms, timeZone) };
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function offsetMinutes(offset: string): number | null {
  if (offset.toUpperCase() === "Z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
  if (!m) return null;
  const hours = +m[2];
  const minutes = m[3] ? +m[3] : 0;
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

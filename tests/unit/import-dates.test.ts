// Reading marketplace dates, with worked examples (America/New_York: EDT is UTC-4 until
// 2026-11-01 02:00, EST is UTC-5 after; DST starts 2026-03-08 02:00).
import { describe, expect, it } from "vitest";
import { zonedTimeToUtc, zoneOffsetMinutes } from "../../app/modules/carriers/business-days";
import { parseImportDate } from "../../app/modules/imports/dates";

const NY = "America/New_York";
const read = (s: string, order: "mdy" | "dmy" = "mdy", tz = NY) => {
  const r = parseImportDate(s, order, tz);
  return r.ok ? r.value.toISOString() : `error: ${r.message}`;
};

describe("import dates", () => {
  it.each([
    ["2026-11-03", "2026-11-03T05:00:00.000Z"],
    ["2026-11-03 19:00:58", "2026-11-04T00:00:58.000Z"],
    ["2026-11-03T19:00:58Z", "2026-11-03T19:00:58.000Z"],
    ["2026-11-10 10:00:00 -0500", "2026-11-10T15:00:00.000Z"],
    ["2026-11-05T16:24:41-05:00", "2026-11-05T21:24:41.000Z"],
    ["2026-11-05T16:24:41.250+05:30", "2026-11-05T10:54:41.250Z"],
    ["2026-10-15 12:00", "2026-10-15T16:00:00.000Z"],
  ])("ISO %j -> %s", (input, expected) => expect(read(input)).toBe(expected));

  it("reads TikTok's MM/DD/YYYY HH:mm:ss with its trailing tab, in the shop's time zone", () => {
    expect(read("11/03/2026 19:00:58\t")).toBe("2026-11-04T00:00:58.000Z");
    expect(read("  10/03/2026 19:00:58 \t ")).toBe("2026-10-03T23:00:58.000Z");
    expect(read("11/03/2026 19:00:58", "mdy", "Europe/London")).toBe("2026-11-03T19:00:58.000Z");
  });

  it("reads DD/MM/YYYY when the preset says so", () => {
    expect(read("03/11/2026 19:00:58", "dmy")).toBe("2026-11-04T00:00:58.000Z");
    expect(read("25/12/2026", "dmy")).toBe("2026-12-25T05:00:00.000Z");
    // The same text under the US order is a different day.
    expect(read("03/11/2026 19:00:58", "mdy")).toBe("2026-03-11T23:00:58.000Z");
  });

  it("reads 12-hour times", () => {
    expect(read("11/03/2026 7:00 PM")).toBe("2026-11-04T00:00:00.000Z");
    expect(read("11/03/2026 12:15 AM")).toBe("2026-11-03T05:15:00.000Z");
  });

  it.each(["13/45/2026", "02/30/2026", "2026-13-01", "yesterday", "11/03/26", "2026-11-03 25:00", "31/12/2026 10:00"])("refuses %j with a message", (input) => {
    const r = parseImportDate(input, "mdy", NY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/is not a date we can read \(expected MM\/DD\/YYYY HH:mm:ss or an ISO date/);
  });

  it("says which slash order it expected", () => {
    const r = parseImportDate("12/31/2026", "dmy", NY);
    expect(!r.ok && r.message).toContain("expected DD/MM/YYYY");
  });

  it("turns local wall-clock times into instants across daylight-saving changes", () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 1), NY)).toBe(-240);
    expect(zoneOffsetMinutes(Date.UTC(2026, 11, 1), NY)).toBe(-300);
    expect(zonedTimeToUtc(2026, 3, 8, 1, 30, 0, 0, NY).toISOString()).toBe("2026-03-08T06:30:00.000Z");
    expect(zonedTimeToUtc(2026, 3, 8, 3, 30, 0, 0, NY).toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(zonedTimeToUtc(2026, 11, 1, 12, 0, 0, 0, NY).toISOString()).toBe("2026-11-01T17:00:00.000Z");
    expect(zonedTimeToUtc(2026, 6, 1, 9, 0, 0, 0, "Asia/Kolkata").toISOString()).toBe("2026-06-01T03:30:00.000Z");
  });
});

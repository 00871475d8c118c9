// SLA due times and SLA states, with worked examples across time zones and a DST change.
import { describe, expect, it } from "vitest";
import { describeDue, endOfToday, formatDuration, severityForType, slaDueAt, slaOutcome, slaState, startOfDayIn } from "../../app/modules/exceptions/sla";
import { shopSettingsSchema } from "../../app/modules/shops/settings";

const sla = shopSettingsSchema.parse({}).sla;

describe("SLA due time", () => {
  it("adds the severity's hours to the opening time, with the type's default severity", () => {
    expect(severityForType("lost", sla)).toBe("critical");
    expect(severityForType("not_picked_up", sla)).toBe("low");
    const opened = new Date("2026-11-20T10:15:00Z");
    expect(slaDueAt(opened, "critical", sla).toISOString()).toBe("2026-11-20T14:15:00.000Z");
    expect(slaDueAt(opened, "medium", sla).toISOString()).toBe("2026-11-21T10:15:00.000Z");
    expect(slaDueAt(opened, "low", sla).toISOString()).toBe("2026-11-22T10:15:00.000Z");
  });

  it("uses the shop's own hours and severities, including fractions of an hour", () => {
    const custom = { ...sla, hoursBySeverity: { ...sla.hoursBySeverity, high: 1.5 }, severityByType: { ...sla.severityByType, delayed: "high" as const } };
    const severity = severityForType("delayed", custom);
    expect(severity).toBe("high");
    expect(slaDueAt(new Date("2026-11-20T10:00:00Z"), severity, custom).toISOString()).toBe("2026-11-20T11:30:00.000Z");
  });
});

describe("SLA state in the shop's time zone", () => {
  // 15:00 in New York (EST, UTC-5).
  const now = new Date("2026-11-20T20:00:00Z");
  it("finds where the shop's day starts and ends", () => {
    expect(startOfDayIn("2026-11-20", "America/New_York").toISOString()).toBe("2026-11-20T05:00:00.000Z");
    expect(endOfToday(now, "America/New_York").toISOString()).toBe("2026-11-21T05:00:00.000Z");
    expect(endOfToday(now, "Asia/Tokyo").toISOString()).toBe("2026-11-21T15:00:00.000Z");
    expect(endOfToday(now, "UTC").toISOString()).toBe("2026-11-21T00:00:00.000Z");
  });

  it("handles the days clocks change", () => {
    // US daylight saving starts 2026-03-08: that day has 23 hours in New York.
    expect(startOfDayIn("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDayIn("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(endOfToday(new Date("2026-03-08T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    // And ends 2026-11-01 (25 hours).
    expect(endOfToday(new Date("2026-11-01T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("calls a case overdue, due today or ok", () => {
    expect(slaState(new Date("2026-11-20T19:59:00Z"), now, "America/New_York")).toBe("overdue");
    expect(slaState(now, now, "America/New_York")).toBe("due_today");
    expect(slaState(new Date("2026-11-21T04:59:00Z"), now, "America/New_York")).toBe("due_today");
    expect(slaState(new Date("2026-11-21T05:00:00Z"), now, "America/New_York")).toBe("ok");
    // The same instant is already "tomorrow" in Berlin (21:00 now, due 05:59 next day).
    expect(slaState(new Date("2026-11-21T04:59:00Z"), now, "Europe/Berlin")).toBe("ok");
  });

  it("says whether a resolved case met its SLA, and how long until or since due", () => {
    expect(slaOutcome(new Date("2026-11-20T12:00:00Z"), new Date("2026-11-20T11:00:00Z"))).toBe("met");
    expect(slaOutcome(new Date("2026-11-20T12:00:00Z"), new Date("2026-11-20T12:00:01Z"))).toBe("missed");
    expect(describeDue(new Date("2026-11-20T23:20:00Z"), now)).toBe("Due in 3 h 20 min");
    expect(describeDue(new Date("2026-11-18T16:00:00Z"), now)).toBe("Overdue by 2 d 4 h");
    expect(formatDuration(45 * 60_000)).toBe("45 min");
    expect(formatDuration(2 * 86_400_000)).toBe("2 d");
  });
});

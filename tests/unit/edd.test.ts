// EDD arithmetic across weekends, holidays, cut-off and time zones, with worked examples.
// November 2026: Mon 16, Tue 17, Wed 18, Thu 19, Fri 20, Sat 21, Sun 22, Mon 23, Tue 24, Wed 25,
// Thu 26 (Thanksgiving), Fri 27, Mon 30, Tue Dec 1.
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBetween,
  dayOfWeek,
  holidaySet,
  localDay,
  localTime,
  usFederalHolidays,
} from "../../app/modules/carriers/business-days";
import { type EddInput, estimateDelivery, firstShipDay, formatDay } from "../../app/modules/carriers/edd";

const NY = "America/New_York";
/** A New York wall-clock time in November (EST, UTC-5). */
const ny = (day: string, time: string) => new Date(`${day}T${time}:00-05:00`);

function edd(overrides: Partial<EddInput> & { at: Date }): ReturnType<typeof estimateDelivery> {
  const { at, ...rest } = overrides;
  return estimateDelivery({
    orderedAt: at,
    now: at,
    timeZone: NY,
    cutoffTime: "14:00",
    handlingDays: 1,
    minTransitDays: 1,
    maxTransitDays: 5,
    shopHolidays: [],
    ...rest,
  });
}

describe("business days", () => {
  it("skips weekends", () => {
    expect(addBusinessDays("2026-11-20", 1, new Set())).toBe("2026-11-23"); // Fri + 1 = Mon
    expect(addBusinessDays("2026-11-21", 0, new Set())).toBe("2026-11-23"); // Sat -> Mon
    expect(businessDaysBetween("2026-11-20", "2026-11-23", new Set())).toBe(1);
  });

  it("knows the federal holidays, observed on the nearest weekday", () => {
    const h2026 = usFederalHolidays(2026).map((h) => h.day);
    expect(h2026).toContain("2026-11-26"); // Thanksgiving, 4th Thursday
    expect(h2026).toContain("2026-07-03"); // July 4th is a Saturday: observed Friday
    expect(usFederalHolidays(2022).map((h) => h.day)).toContain("2021-12-31"); // Jan 1 2022 was a Saturday
    expect(dayOfWeek("2026-11-26")).toBe(4);
  });

  it("reads the local day and time in the shop's time zone", () => {
    const instant = new Date("2026-11-17T03:30:00Z");
    expect(localDay(instant, NY)).toBe("2026-11-16");
    expect(localTime(instant, NY)).toBe("22:30");
    expect(localDay(instant, "Europe/London")).toBe("2026-11-17");
  });
});

describe("first ship day and cut-off", () => {
  const none = holidaySet([], "2026-11-16");

  it("is the same day before the cut-off and the next business day at or after it", () => {
    expect(firstShipDay(ny("2026-11-16", "13:59"), NY, "14:00", none)).toBe("2026-11-16");
    expect(firstShipDay(ny("2026-11-16", "14:00"), NY, "14:00", none)).toBe("2026-11-17");
    expect(firstShipDay(ny("2026-11-20", "15:00"), NY, "14:00", none)).toBe("2026-11-23"); // Friday late -> Monday
  });

  it("moves a weekend or holiday order to the next business day whatever the hour", () => {
    expect(firstShipDay(ny("2026-11-21", "09:00"), NY, "14:00", none)).toBe("2026-11-23");
    expect(firstShipDay(ny("2026-11-26", "09:00"), NY, "14:00", none)).toBe("2026-11-27");
  });

  it("reads the cut-off in the shop's time zone", () => {
    const instant = new Date("2026-11-16T20:30:00Z"); // 15:30 in New York, 12:30 in Los Angeles
    expect(firstShipDay(instant, NY, "14:00", none)).toBe("2026-11-17");
    expect(firstShipDay(instant, "America/Los_Angeles", "14:00", none)).toBe("2026-11-16");
  });
});

describe("estimateDelivery", () => {
  it("Monday 10:00, 1 handling day, UPS Ground 1-5 days: ships Tuesday, arrives Wed-Tue (Thanksgiving week)", () => {
    // Ready Mon 16 (before cut-off) + 1 handling day = Tue 17. Min: Wed 18. Max: Tue 17 + 5 = Tue 24.
    expect(edd({ at: ny("2026-11-16", "10:00") })).toEqual({ shipDate: "2026-11-17", eddMin: "2026-11-18", eddMax: "2026-11-24", edd: "2026-11-24" });
  });

  it("after the cut-off everything moves a business day later", () => {
    expect(edd({ at: ny("2026-11-16", "16:00") })).toMatchObject({ shipDate: "2026-11-18", eddMin: "2026-11-19", eddMax: "2026-11-25" });
  });

  it("counts transit across Thanksgiving as a non-delivery day", () => {
    // Ordered Mon 23 10:00: ships Tue 24; +5 business days: Wed 25, (Thu 26 holiday), Fri 27, Mon 30, Tue 1, Wed 2.
    expect(edd({ at: ny("2026-11-23", "10:00") })).toMatchObject({ shipDate: "2026-11-24", eddMin: "2026-11-25", eddMax: "2026-12-02" });
  });

  it("handles a weekend order: ready Monday, ships Tuesday", () => {
    expect(edd({ at: ny("2026-11-21", "11:00"), minTransitDays: 2, maxTransitDays: 2 })).toEqual({
      shipDate: "2026-11-24",
      eddMin: "2026-11-27", // Tue 24 + 2: Wed 25, (Thu 26 holiday), Fri 27
      eddMax: "2026-11-27",
      edd: "2026-11-27",
    });
  });

  it("ships the same day with no handling time before the cut-off", () => {
    expect(edd({ at: ny("2026-11-17", "09:00"), handlingDays: 0, minTransitDays: 1, maxTransitDays: 1 })).toMatchObject({
      shipDate: "2026-11-17",
      eddMax: "2026-11-18",
    });
  });

  it("a shop holiday stops shipping but not transit", () => {
    // The shop is closed Tue 17, so the parcel ships Wed 18; a carrier still delivers on a shop holiday.
    const closed = edd({ at: ny("2026-11-16", "10:00"), shopHolidays: ["2026-11-17", "2026-11-19"], minTransitDays: 1, maxTransitDays: 1 });
    expect(closed).toMatchObject({ shipDate: "2026-11-18", eddMin: "2026-11-19", eddMax: "2026-11-19" });
  });

  it("never ships in the past: a backlog order ships from today", () => {
    // Placed two weeks ago, assigned Wednesday 10:00 -> ships today (Wednesday).
    expect(edd({ at: ny("2026-11-02", "10:00"), now: ny("2026-11-18", "10:00") })).toMatchObject({ shipDate: "2026-11-18", eddMax: "2026-11-25" });
    // ...and tomorrow when it is assigned after the cut-off.
    expect(edd({ at: ny("2026-11-02", "10:00"), now: ny("2026-11-18", "15:00") }).shipDate).toBe("2026-11-19");
  });

  it("crosses the new year with the observed New Year's Day", () => {
    // Thu Dec 31 2026 ships that day (handling 0); Jan 1 2027 (Friday) is a holiday: +2 -> Mon 4, Tue 5.
    const r = edd({ at: new Date("2026-12-31T09:00:00-05:00"), handlingDays: 0, minTransitDays: 2, maxTransitDays: 2 });
    expect(r).toMatchObject({ shipDate: "2026-12-31", eddMax: "2027-01-05" });
  });

  it("keeps min at or before max and refuses impossible transit days", () => {
    expect(() => edd({ at: ny("2026-11-16", "10:00"), minTransitDays: 3, maxTransitDays: 2 })).toThrow(/min <= max/);
  });

  it("formats a day for people", () => {
    expect(formatDay("2026-11-26")).toBe("Thu, Nov 26");
  });
});

// The shifted clocks CI runs the suite under (scripts/test-clock.ts), worked out by hand.
import { describe, expect, it } from "vitest";
import { shiftedClocks } from "../../scripts/test-clock";

describe("shifted clocks for the any-day check", () => {
  it("picks a day 400 days ahead, the US spring-forward and the New York year end two years on", () => {
    expect(shiftedClocks(new Date("2026-12-03T09:23:00Z"))).toEqual([
      { name: "a year ahead", at: "2028-01-07 15:00:00", integration: true },
      // 2028-03-12 is the second Sunday of March; 06:50 UTC is 01:50 EST, ten minutes before the jump.
      { name: "daylight-saving change (New York)", at: "2028-03-12 06:50:00", integration: false },
      // 23:50 EST on 2028-12-31.
      { name: "year end (New York)", at: "2029-01-01 04:50:00", integration: false },
    ]);
  });

  it("finds the second Sunday of March when March starts on a Sunday", () => {
    // 2026-03-01 is a Sunday: the change is on the 8th.
    expect(shiftedClocks(new Date("2024-06-01T00:00:00Z"))[1].at).toBe("2026-03-08 06:50:00");
  });
});

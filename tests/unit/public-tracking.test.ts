import { describe, expect, it } from "vitest";
import {
  buyerIssue,
  GUIDANCE,
  locationLine,
  trackingNumberFromInput,
  offsetMinutes,
  postalForMatch,
  progressOf,
  scanLocalTime,
  statusHeadline,
  zonedTime,
} from "../../app/modules/public-tracking/presentation";

describe("trackingNumberFromInput", () => {
  it("upper-cases and drops spaces and dashes", () => {
    expect(trackingNumberFromInput(" 1z 999 aa1-0123456784 ")).toBe("1Z999AA10123456784");
    expect(trackingNumberFromInput("9400 1000 0000 0000 0000 00")).toBe("9400100000000000000000");
  });
  it("refuses what cannot be a tracking number", () => {
    expect(trackingNumberFromInput("12345")).toBeNull();
    expect(trackingNumberFromInput("1Z999AA1/../etc")).toBeNull();
    expect(trackingNumberFromInput("X".repeat(41))).toBeNull();
    expect(trackingNumberFromInput(undefined)).toBeNull();
  });
});

describe("progressOf", () => {
  it("maps statuses to the four steps", () => {
    expect(progressOf("pending", [])).toEqual({ step: 0, problem: false });
    expect(progressOf("info_received", ["info_received"])).toEqual({ step: 0, problem: false });
    expect(progressOf("in_transit", ["info_received", "in_transit"])).toEqual({ step: 1, problem: false });
    expect(progressOf("out_for_delivery", ["in_transit", "out_for_delivery"])).toEqual({ step: 2, problem: false });
    expect(progressOf("delivered", ["delivered"])).toEqual({ step: 3, problem: false });
  });
  it("never moves the bar back for a problem after the parcel got further", () => {
    expect(progressOf("exception", ["in_transit", "out_for_delivery", "exception"])).toEqual({ step: 2, problem: true });
    expect(progressOf("attempt_failed", ["out_for_delivery", "attempt_failed"])).toEqual({ step: 2, problem: true });
  });
  it("shows a return as a problem in transit, not as progress", () => {
    expect(progressOf("returned_to_sender", ["in_transit", "returned_to_sender"])).toEqual({ step: 1, problem: true });
  });
});

describe("headline and guidance", () => {
  it("says when a parcel in transit is late", () => {
    expect(statusHeadline("in_transit", true)).toEqual({ title: "In transit, running late", tone: "warning" });
    expect(statusHeadline("delivered", false).tone).toBe("good");
  });

  it("picks the buyer's problem from the carrier's status and exception type", () => {
    const base = { latestExceptionType: null, eddCurrent: "2026-11-24", today: "2026-11-24" };
    expect(buyerIssue({ ...base, status: "in_transit" })).toBeNull();
    expect(buyerIssue({ ...base, status: "in_transit", today: "2026-11-25" })).toBe("delayed");
    expect(buyerIssue({ ...base, status: "delivered", today: "2026-11-30" })).toBeNull();
    expect(buyerIssue({ ...base, status: "attempt_failed" })).toBe("failed_attempt");
    expect(buyerIssue({ ...base, status: "exception", latestExceptionType: "address_issue" })).toBe("address_issue");
    expect(buyerIssue({ ...base, status: "exception", latestExceptionType: "damaged" })).toBe("damaged");
    expect(buyerIssue({ ...base, status: "exception", latestExceptionType: "something_new" })).toBe("exception");
    expect(buyerIssue({ ...base, status: "returned_to_sender" })).toBe("returned_to_sender");
    expect(buyerIssue({ ...base, status: "available_for_pickup" })).toBe("pickup");
  });

  it("has what happened and what happens next for every problem", () => {
    for (const [kind, g] of Object.entries(GUIDANCE)) {
      expect(g.title, kind).toBeTruthy();
      expect(g.whatHappened.length, kind).toBeGreaterThan(20);
      expect(g.whatNext.length, kind).toBeGreaterThan(20);
    }
  });
});

describe("times", () => {
  it("reads UTC offsets", () => {
    expect(offsetMinutes("-05:00")).toBe(-300);
    expect(offsetMinutes("+05:30")).toBe(330);
    expect(offsetMinutes("+0100")).toBe(60);
    expect(offsetMinutes("Z")).toBe(0);
  });

  it("shows a scan in its own local time, across midnight", () => {
    // 03:30 UTC on the 25th is 9:30 PM on the 24th at -06:00 (Chicago in November).
    expect(scanLocalTime(new Date("2026-11-25T03:30:00Z"), "-06:00")).toEqual({ day: "Tuesday, November 24", time: "9:30 PM" });
    expect(scanLocalTime(new Date("2026-11-24T14:05:00Z"), "-05:00")).toEqual({ day: "Tuesday, November 24", time: "9:05 AM" });
  });

  it("shows the same instant in the buyer's zone", () => {
    expect(zonedTime(new Date("2026-11-25T03:30:00Z"), "Europe/Berlin")).toEqual({ day: "Wednesday, November 25", time: "4:30 AM" });
  });
});

describe("postal codes and places", () => {
  it("compares ZIPs the way buyers type them", () => {
    expect(postalForMatch("97403-1234", "US")).toBe("97403");
    expect(postalForMatch(" 97403 ", "US")).toBe("97403");
    expect(postalForMatch("sw1a 1aa", "GB")).toBe("SW1A1AA");
    expect(postalForMatch("M5V-3L9", "CA")).toBe("M5V3L9");
  });

  it("prints city and state, and the country only when it is not the destination's", () => {
    expect(locationLine({ city: "Louisville", region: "KY", country: "US" }, "US")).toBe("Louisville, KY");
    expect(locationLine({ city: "Leipzig", region: null, country: "DE" }, "US")).toBe("Leipzig, DE");
    expect(locationLine({ city: null, region: null, country: null }, "US")).toBe("");
  });
});

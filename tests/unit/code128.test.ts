import { describe, expect, it } from "vitest";
import {
  barsOf,
  checkCharacter,
  Code128Error,
  encodeCode128,
  PATTERN_COUNT,
  patternOf,
  planCodeSets,
  START_B,
  START_C,
  STOP,
} from "../../app/modules/labels/code128";

describe("Code 128 symbol table", () => {
  it("has 103 data values, three starts and a stop, every pattern unique", () => {
    expect(PATTERN_COUNT).toBe(107);
    const all = Array.from({ length: PATTERN_COUNT }, (_, v) => patternOf(v));
    expect(new Set(all).size).toBe(107);
  });

  it("gives every character 11 modules with an even bar total (the symbology's self-check)", () => {
    for (let v = 0; v < 106; v++) {
      const w = [...patternOf(v)].map(Number);
      expect(w).toHaveLength(6);
      expect(w.reduce((a, b) => a + b, 0)).toBe(11);
      expect((w[0] + w[2] + w[4]) % 2).toBe(0);
      expect(w.every((x) => x >= 1 && x <= 4)).toBe(true);
    }
    // The stop character has a seventh element, the final 2-module bar: 13 modules.
    expect(patternOf(STOP)).toBe("2331112");
  });
});

describe("code set choice", () => {
  it.each([
    // Letters and short digit runs stay in B.
    ["PJJ123C", [["B", "PJJ123C"]]],
    // Exactly two digits: one pair in C is shorter than two B characters.
    ["12", [["C", "12"]]],
    ["1", [["B", "1"]]],
    // Three digits cost three symbols either way; the tie keeps B and no switch.
    ["123", [["B", "123"]]],
    // A leading run of 4+ digits starts in C.
    ["1234A", [["C", "1234"], ["B", "A"]]],
    // An odd leading run: C for the pairs, the odd digit goes with the B part.
    ["12345A", [["C", "1234"], ["B", "5A"]]],
    // 4 digits at the end are worth a switch to C.
    ["AB1234", [["B", "AB"], ["C", "1234"]]],
    // 6 digits in the middle are worth switching there and back.
    ["A123456B", [["B", "A"], ["C", "123456"], ["B", "B"]]],
    // 4 digits in the middle are not (switching there and back costs as much as it saves).
    ["A1234B", [["B", "A1234B"]]],
    // UPS: "1Z", shipper id and service in B, the 10-digit tail in C (with the odd digit left in B).
    ["1Z999AA10123456784", [["B", "1Z999AA1"], ["C", "0123456784"]]],
    // All digits (USPS IMpb, FedEx, DHL): one run in C.
    ["9400111899223334445566", [["C", "9400111899223334445566"]]],
  ])("%s", (data, runs) => {
    expect(planCodeSets(data).map((r) => [r.set, r.text])).toEqual(runs);
  });

  it("never makes a longer symbol than all-B", () => {
    for (const data of ["1Z12345E0205271688", "ABC123456789", "00", "0A0A0A", "12A34B56", "98765432109876543210"]) {
      const symbol = encodeCode128(data);
      expect(symbol.values.length).toBeLessThanOrEqual(data.length + 3);
    }
  });

  it("refuses characters outside printable ASCII and empty text, naming the character", () => {
    expect(() => encodeCode128("")).toThrow(Code128Error);
    expect(() => encodeCode128("café")).toThrow(/"é" \(U\+00E9\)/);
    expect(() => encodeCode128("A\tB")).toThrow(/U\+0009/);
  });
});

describe("check character (modulo 103) and symbol values, worked examples", () => {
  it("PJJ123C, all in code set B", () => {
    // Values in B are ASCII - 32: P=48 J=42 J=42 1=17 2=18 3=19 C=35.
    // 104 + 1*48 + 2*42 + 3*42 + 4*17 + 5*18 + 6*19 + 7*35
    //   = 104 + 48 + 84 + 126 + 68 + 90 + 114 + 245 = 879;  879 mod 103 = 879 - 8*103 = 55.
    const s = encodeCode128("PJJ123C");
    expect(s.values).toEqual([START_B, 48, 42, 42, 17, 18, 19, 35, 55, STOP]);
    expect(s.checkValue).toBe(55);
    expect(checkCharacter([48, 42, 42, 17, 18, 19, 35], START_B)).toBe(55);
  });

  it("a UPS 1Z number: B, then CODE C (99) and digit pairs", () => {
    // 1=17 Z=58 9=25 9=25 9=25 A=33 A=33 1=17, CODE C=99, then 01 23 45 67 84.
    // 104 + 1*17 + 2*58 + 3*25 + 4*25 + 5*25 + 6*33 + 7*33 + 8*17 + 9*99 + 10*1 + 11*23 + 12*45 + 13*67 + 14*84
    //   = 104 + 17 + 116 + 75 + 100 + 125 + 198 + 231 + 136 + 891 + 10 + 253 + 540 + 871 + 1176 = 4843
    //   4843 mod 103 = 4843 - 47*103 = 2.
    const s = encodeCode128("1Z999AA10123456784");
    expect(s.values).toEqual([START_B, 17, 58, 25, 25, 25, 33, 33, 17, 99, 1, 23, 45, 67, 84, 2, STOP]);
  });

  it("a 22-digit USPS IMpb number: start C, eleven pairs", () => {
    // 105 + 1*94 + 2*0 + 3*11 + 4*18 + 5*99 + 6*22 + 7*33 + 8*34 + 9*44 + 10*55 + 11*66
    //   = 105 + 94 + 0 + 33 + 72 + 495 + 132 + 231 + 272 + 396 + 550 + 726 = 3106
    //   3106 mod 103 = 3106 - 30*103 = 16.
    const s = encodeCode128("9400111899223334445566");
    expect(s.values).toEqual([START_C, 94, 0, 11, 18, 99, 22, 33, 34, 44, 55, 66, 16, STOP]);
  });

  it("AB12345: the odd digit stays in B before switching", () => {
    // A=33 B=34 1=17 CODE C=99 23 45:  104 + 33 + 2*34 + 3*17 + 4*99 + 5*23 + 6*45
    //   = 104 + 33 + 68 + 51 + 396 + 115 + 270 = 1037;  1037 mod 103 = 1037 - 10*103 = 7.
    expect(encodeCode128("AB12345").values).toEqual([START_B, 33, 34, 17, 99, 23, 45, 7, STOP]);
  });
});

describe("module widths", () => {
  it("concatenates the patterns: 11 modules a character, 13 for the stop", () => {
    const s = encodeCode128("PJJ123C");
    expect(s.modules).toBe(11 * (s.values.length - 1) + 13);
    expect(s.widths.slice(0, 6)).toEqual([2, 1, 1, 2, 1, 4]); // START B = 211214
    expect(s.widths.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2]); // STOP
    expect(s.widths.length % 2).toBe(1); // starts and ends with a bar
  });

  it("lists bars with their offsets, spaces left out", () => {
    const s = encodeCode128("12");
    const bars = barsOf(s);
    // START C = 2 1 1 2 3 2: bars at 0 (2 wide), 3 (1 wide), 6 (3 wide).
    expect(bars.slice(0, 3)).toEqual([[0, 2], [3, 1], [6, 3]]);
    const last = bars[bars.length - 1];
    expect(last[0] + last[1]).toBe(s.modules);
  });
});

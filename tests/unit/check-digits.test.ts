// Worked examples for every check-digit scheme, with the arithmetic spelled out for one case each.
import { describe, expect, it } from "vitest";
import {
  iso7064Mod37_36CheckChar,
  luhnCheckDigit,
  mod10CharValue,
  mod10CheckDigit,
  mod7CheckDigit,
  s10CheckDigit,
  weightedSumCheckDigit,
} from "../../app/modules/carriers/tracking-numbers/check-digits";

describe("mod 10 with weights, letters and direction", () => {
  it("maps letters to (ASCII - 3) mod 10, the UPS table", () => {
    const value = (c: string) => mod10CharValue(c.charCodeAt(0));
    expect(["A", "B", "H", "I", "J", "R", "Z"].map(value)).toEqual([2, 3, 9, 0, 1, 9, 7]);
    expect(value("7")).toBe(7);
    expect(value("-")).toBe(-1);
  });

  it("UPS 1Z5R89390357567127: weights 1,2 from the left, with a letter", () => {
    // Serial 5R8939035756712 (R = 9): 5·1 + 9·2 + 8·1 + 9·2 + 3·1 + 9·2 + 0·1 + 3·2 + 5·1 + 7·2 + 5·1
    // + 6·2 + 7·1 + 1·2 + 2·1 = 123; (10 - 123 mod 10) mod 10 = 7.
    expect(mod10CheckDigit("5R8939035756712", { weights: [1, 2] })).toBe(7);
    expect(mod10CheckDigit("879E93034683444", { weights: [1, 2] })).toBe(0); // 1Z879E930346834440
  });

  it("FedEx Ground 041441760228964: weights 1,3", () => {
    // 0·1+4·3+1·1+4·3+4·1+1·3+7·1+6·3+0·1+2·3+2·1+8·3+9·1+6·3 = 116 -> (10 - 6) = 4
    expect(mod10CheckDigit("04144176022896", { weights: [1, 3] })).toBe(4);
  });

  it("USPS 20-digit 03071790000523483741: weights 3,1", () => {
    expect(mod10CheckDigit("0307179000052348374", { weights: [3, 1] })).toBe(1);
  });

  it("counts from the right when asked (USPS IMpb), which matters for even-length serials", () => {
    // "12" from the left: 1·3 + 2·1 = 5 -> 5; from the right: 2·3 + 1·1 = 7 -> 3.
    expect(mod10CheckDigit("12", { weights: [3, 1] })).toBe(5);
    expect(mod10CheckDigit("12", { weights: [3, 1], fromRight: true })).toBe(3);
    expect(mod10CheckDigit("940011120620640626078", { weights: [3, 1], fromRight: true })).toBe(7);
  });

  it("a sum that is already a multiple of 10 gives 0, not 10", () => {
    expect(mod10CheckDigit("55", { weights: [1, 1] })).toBe(0);
  });

  it("refuses characters that have no value", () => {
    expect(mod10CheckDigit("12-4", { weights: [1, 2] })).toBe(-1);
  });
});

describe("mod 7 (DHL Express)", () => {
  it("is the serial read as a number, mod 7", () => {
    // 331881002 = 7 · 47411571 + 5
    expect(mod7CheckDigit("331881002")).toBe(5); // 3318810025
    expect(mod7CheckDigit("7389105114")).toBe(6); // 73891051146 (11 digits)
    expect(mod7CheckDigit("7")).toBe(0);
  });

  it("handles serials longer than a JavaScript integer holds", () => {
    // 10^30 mod 7: 10 mod 7 = 3, and 3^30 mod 7 = (3^6)^5 mod 7 = 1.
    expect(mod7CheckDigit(`1${"0".repeat(30)}`)).toBe(1);
  });

  it("refuses letters", () => expect(mod7CheckDigit("12A")).toBe(-1));
});

describe("UPU S10", () => {
  it("RB 12345678 5 GB: weights 8,6,4,2,3,5,9,7 and 11 - r", () => {
    // 1·8 + 2·6 + 3·4 + 4·2 + 5·3 + 6·5 + 7·9 + 8·7 = 204; 204 mod 11 = 6; 11 - 6 = 5.
    expect(s10CheckDigit("12345678")).toBe(5);
  });

  it("r = 0 gives 5 and r = 1 gives 0", () => {
    expect(s10CheckDigit("00000000")).toBe(5); // sum 0
    expect(s10CheckDigit("10020000")).toBe(0); // 1·8 + 2·2 = 12, r = 1
  });

  it("needs exactly eight digits", () => {
    expect(s10CheckDigit("1234567")).toBe(-1);
    expect(s10CheckDigit("1234567A")).toBe(-1);
  });
});

describe("sum of products with two moduli (FedEx Express)", () => {
  const weights = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

  it("986578788855: weights 3,1,7; mod 11 then mod 10", () => {
    // 9·3+8·1+6·7+5·3+7·1+8·7+7·3+8·1+8·7+8·3+5·1 = 269; 269 mod 11 = 5; 5 mod 10 = 5.
    expect(weightedSumCheckDigit("98657878885", weights, 11, 10)).toBe(5);
  });

  it("a remainder of 10 becomes 0 through the second modulus", () => {
    // 10·1 is impossible with digits, so: 1·3 + 7·1 = 10; 10 mod 11 = 10; mod 10 = 0.
    expect(weightedSumCheckDigit("17", weights, 11, 10)).toBe(0);
  });

  it("refuses a serial longer than its weights", () => {
    expect(weightedSumCheckDigit("1".repeat(12), weights, 11, 10)).toBe(-1);
  });
});

describe("Luhn", () => {
  it("79927398713, the textbook example", () => {
    // From the right, doubling every other digit starting with the last serial digit:
    // 1→2, 8, 9→18→9, 7, 9→18→9, 9, 7→14→5, 2, 9→18→9, 7 ... sum 67 -> check 3.
    expect(luhnCheckDigit("7992739871")).toBe(3);
  });

  it("Old Dominion 07209562763", () => expect(luhnCheckDigit("0720956276")).toBe(3));
  it("Purolator 320595463938", () => expect(luhnCheckDigit("32059546393")).toBe(8));
});

describe("ISO 7064 MOD 37,36 (DPD)", () => {
  it('serial "0": p = 36, s = 36, p = 72 mod 37 = 35, check = (37 - 35) mod 36 = 2', () => {
    expect(iso7064Mod37_36CheckChar("0")).toBe("2");
  });

  it("checks letters, and the check can be a letter", () => {
    expect(iso7064Mod37_36CheckChar("09980000020033")).toBe("F"); // DPD 09 9800 0002 0033 F
    expect(iso7064Mod37_36CheckChar("008182709980000020033350276")).toBe("C");
  });

  it("a serial followed by its check character reduces to 1 (the validation rule), and no other character does", () => {
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    // The standard's validation: run the recurrence over serial + check; the last s must be 1.
    const lastS = (text: string) => {
      let p = 36;
      let s = 0;
      for (const c of text) {
        s = (p + alphabet.indexOf(c)) % 36 || 36;
        p = (s * 2) % 37;
      }
      return s;
    };
    for (const serial of ["A7Q9", "09980000020033", "ZZZZ", "1"]) {
      const check = iso7064Mod37_36CheckChar(serial);
      expect(lastS(serial + check)).toBe(1);
      expect([...alphabet].filter((c) => lastS(serial + c) === 1)).toEqual([check]);
    }
  });

  it("refuses characters outside 0-9A-Z", () => expect(iso7064Mod37_36CheckChar("ab")).toBe(""));
});

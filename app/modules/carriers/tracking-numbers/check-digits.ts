// The check-digit schemes carriers put on tracking numbers. Each function computes the check digit
// (or character) of a serial, so the detector compares it with the printed one and the generator
// appends it. Pure and allocation-free: the detector runs these hundreds of thousands of times a
// second.
//
// Worked examples for every scheme are in tests/unit/check-digits.test.ts.

const ZERO = 48;
const NINE = 57;
const A = 65;
const Z = 90;

/**
 * A character's value in the mod-10 schemes: digits are themselves, and a letter maps to
 * (ASCII code - 3) mod 10, the UPS convention (A=2, B=3, ... H=9, I=0, J=1, ...). -1 for anything else.
 */
export function mod10CharValue(code: number): number {
  if (code >= ZERO && code <= NINE) return code - ZERO;
  if (code >= A && code <= Z) return (code - 3) % 10;
  return -1;
}

export interface Mod10Options {
  /**
   * Weights applied alternately, the first one to the first character counted (the leftmost, or
   * the rightmost with `fromRight`), the second to the next, and so on.
   */
  weights: readonly [number, number];
  /** Count from the right-hand end of the serial (USPS IMpb). */
  fromRight?: boolean;
}

/**
 * Weighted mod 10: sum of value x weight over the serial, check = (10 - sum mod 10) mod 10.
 * Used by UPS 1Z (weights 1,2 with letters), FedEx Ground (1,3), USPS (3,1), OnTrac (1,2), Canada
 * Post (3,1). Returns -1 when the serial holds a character that has no value.
 */
export function mod10CheckDigit(serial: string, options: Mod10Options): number {
  const [first, second] = options.weights;
  const n = serial.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = mod10CharValue(serial.charCodeAt(options.fromRight ? n - 1 - i : i));
    if (v < 0) return -1;
    sum += v * (i % 2 === 0 ? first : second);
  }
  return (10 - (sum % 10)) % 10;
}

/** DHL Express: the serial read as a whole number, modulo 7. Digits only; -1 otherwise. */
export function mod7CheckDigit(serial: string): number {
  let rest = 0;
  for (let i = 0; i < serial.length; i++) {
    const d = serial.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    // Horner's rule keeps the running value small, so any length works without BigInt.
    rest = (rest * 10 + d) % 7;
  }
  return rest;
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * UPU S10 (international postal items, e.g. RB123456785GB): weights 8,6,4,2,3,5,9,7 over the eight
 * serial digits; r = sum mod 11; check = 11 - r, except r = 1 gives 0 and r = 0 gives 5.
 */
export function s10CheckDigit(serial: string): number {
  if (serial.length !== 8) return -1;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const d = serial.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    sum += d * S10_WEIGHTS[i];
  }
  const r = sum % 11;
  if (r === 0) return 5;
  if (r === 1) return 0;
  return 11 - r;
}

/**
 * Sum of digit x weight (weights from the left), then modulo `modulo1`, then modulo `modulo2`.
 * FedEx Express 12-digit numbers use weights 3,1,7 repeated with moduli 11 and 10.
 */
export function weightedSumCheckDigit(serial: string, weights: readonly number[], modulo1: number, modulo2: number): number {
  if (serial.length > weights.length) return -1;
  let sum = 0;
  for (let i = 0; i < serial.length; i++) {
    const d = serial.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    sum += d * weights[i];
  }
  return (sum % modulo1) % modulo2;
}

/**
 * Luhn (ISO/IEC 7812): from the rightmost serial digit leftwards, double every other digit
 * starting with that rightmost one, subtract 9 from doubles over 9; check = (10 - sum mod 10) mod 10.
 */
export function luhnCheckDigit(serial: string): number {
  let sum = 0;
  let double = true;
  for (let i = serial.length - 1; i >= 0; i--) {
    let d = serial.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function alphanumericValue(code: number): number {
  if (code >= ZERO && code <= NINE) return code - ZERO;
  if (code >= A && code <= Z) return code - A + 10;
  return -1;
}

/**
 * ISO/IEC 7064 hybrid system MOD 37,36 (DPD parcel numbers): over the alphabet 0-9A-Z, start with
 * p = 36; for each character s = (p + value) mod 36 (0 counts as 36), p = 2s mod 37; the check
 * character c makes (p + c) mod 36 = 1. Returns "" for a character outside the alphabet.
 */
export function iso7064Mod37_36CheckChar(serial: string): string {
  const m = 36;
  let p = m;
  for (let i = 0; i < serial.length; i++) {
    const v = alphanumericValue(serial.charCodeAt(i));
    if (v < 0) return "";
    let s = (p + v) % m;
    if (s === 0) s = m;
    p = (s * 2) % (m + 1);
  }
  return ALPHANUMERIC[(m + 1 - p) % m];
}

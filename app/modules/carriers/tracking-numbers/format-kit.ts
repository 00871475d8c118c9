// The building blocks of tracking-number format definitions: what a format says about a string,
// the format interface, and a helper for formats that are a regular expression plus a check digit.

/** What a format says about a normalized string. */
export const NO_MATCH = 0;
/** The shape fits but the check digit does not: a typo, or a different carrier's number. */
export const BAD_CHECK = 1;
export const VALID = 2;
export type MatchResult = typeof NO_MATCH | typeof BAD_CHECK | typeof VALID;

export interface TrackingNumberFormat {
  /** Stable id, e.g. "ups_1z"; the five generated formats match registry.ts's TrackingFormat. */
  id: string;
  /** Lower-case carrier code (ups, usps, fedex, dhl, s10, amazon, ontrac, ...). */
  carrier: string;
  name: string;
  /** A verified check digit is much stronger evidence than a shape alone (ranking, see detect.ts). */
  hasCheckDigit: boolean;
  /** Roughly how many characters the format pins down (fixed prefixes, letter positions). */
  specificity: number;
  /** Characters a number of this format can start with (a fast pre-filter). */
  firstChars: string;
  minLength: number;
  maxLength: number;
  match(normalized: string): MatchResult;
}

export const DIGITS = "0123456789";
export const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function checked(ok: boolean): MatchResult {
  return ok ? VALID : BAD_CHECK;
}

interface RegexFormat extends Omit<TrackingNumberFormat, "match" | "hasCheckDigit"> {
  pattern: RegExp;
  /** Verifies the check digit on the match; absent for formats that have none. */
  check?: (m: RegExpExecArray) => boolean;
}

export function regexFormat(def: RegexFormat): TrackingNumberFormat {
  const { pattern, check, ...rest } = def;
  return {
    ...rest,
    hasCheckDigit: Boolean(check),
    match(n) {
      const m = pattern.exec(n);
      if (!m) return NO_MATCH;
      return check ? checked(check(m)) : VALID;
    },
  };
}

export const digit = (s: string) => s.charCodeAt(0) - 48;

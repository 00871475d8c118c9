// Detection: given any pasted or imported string, is it a valid tracking number, whose, and in
// which format. Tolerates spaces and lower case (and dashes, when the number is not valid with
// them). When several formats accept the same string, the candidates are ranked:
//   1. a format with a verified check digit beats one that only has the right shape;
//   2. then the format that pins down more of the string (fixed prefixes, letter positions);
//   3. then the carrier a US marketplace seller is more likely to use (CARRIER_PRIOR below).
// The first candidate is the detected carrier and format.
import { BAD_CHECK, FORMATS, type TrackingNumberFormat, VALID } from "./formats";

export interface TrackingNumberCandidate {
  carrier: string;
  format: string;
}

export interface TrackingNumberCheck {
  input: string;
  /** Upper case, spaces removed (and dashes, when the number is only valid without them). */
  normalized: string;
  valid: boolean;
  /** The best candidate's carrier and format (null when no format accepts the number). */
  carrier: string | null;
  format: string | null;
  /** Every format that accepts the number, best first. */
  candidates: TrackingNumberCandidate[];
  /** Why it is not valid, in words a seller understands (null when valid). */
  problem: string | null;
}

/** Higher = more likely for a US marketplace seller; breaks ties between equally strong matches. */
const CARRIER_PRIOR: Record<string, number> = {
  usps: 10,
  ups: 10,
  fedex: 9,
  amazon: 8,
  dhl: 7,
  ontrac: 6,
  lasership: 6,
  canada_post: 5,
  s10: 5,
  purolator: 4,
  dpd: 4,
};

function rankKey(f: TrackingNumberFormat): number {
  return (f.hasCheckDigit ? 1_000_000 : 0) + f.specificity * 1000 + (CARRIER_PRIOR[f.carrier] ?? 3);
}

// Formats in rank order, bucketed by first character, so a number is only tried against formats
// that can start with its first character.
const RANKED = [...FORMATS].sort((a, b) => rankKey(b) - rankKey(a));
const BY_FIRST_CHAR = new Map<string, TrackingNumberFormat[]>();
for (const f of RANKED) {
  for (const c of f.firstChars) {
    let list = BY_FIRST_CHAR.get(c);
    if (!list) BY_FIRST_CHAR.set(c, (list = []));
    list.push(f);
  }
}

const WHITESPACE = /\s+/g;
const ALL_ZEROS = /^0+$/;

export function normalizeTrackingNumber(input: string): string {
  return input.replace(WHITESPACE, "").toUpperCase();
}

interface Scan {
  valid: TrackingNumberFormat[];
  nearMiss: TrackingNumberFormat | null;
}

function scan(n: string): Scan {
  const valid: TrackingNumberFormat[] = [];
  let nearMiss: TrackingNumberFormat | null = null;
  const formats = BY_FIRST_CHAR.get(n[0]);
  if (!formats) return { valid, nearMiss };
  const len = n.length;
  for (let i = 0; i < formats.length; i++) {
    const f = formats[i];
    if (len < f.minLength || len > f.maxLength) continue;
    const r = f.match(n);
    if (r === VALID) valid.push(f);
    else if (r === BAD_CHECK && !nearMiss) nearMiss = f;
  }
  return { valid, nearMiss };
}

export function detectTrackingNumber(input: string): TrackingNumberCheck {
  let normalized = normalizeTrackingNumber(input);
  if (!normalized) {
    return { input, normalized, valid: false, carrier: null, format: null, candidates: [], problem: "The tracking number is empty." };
  }
  // Exports write zeros where no number exists yet; no carrier issues an all-zero number.
  if (ALL_ZEROS.test(normalized)) {
    return { input, normalized, valid: false, carrier: null, format: null, candidates: [], problem: "All zeros is a placeholder, not a tracking number." };
  }
  let result = scan(normalized);
  // Some sellers paste numbers with dashes ("9400-1112-..."); one format has a dash of its own.
  if (result.valid.length === 0 && normalized.includes("-")) {
    const undashed = normalized.replaceAll("-", "");
    const retry = scan(undashed);
    if (retry.valid.length > 0) {
      normalized = undashed;
      result = retry;
    } else if (!result.nearMiss) {
      result = retry;
    }
  }
  const { valid, nearMiss } = result;
  if (valid.length === 0) {
    const problem = nearMiss
      ? `It looks like a ${nearMiss.name} number, but its check digit is wrong (a typo?).`
      : "It does not match any carrier's tracking number format.";
    return { input, normalized, valid: false, carrier: null, format: null, candidates: [], problem };
  }
  const candidates = valid.map((f) => ({ carrier: f.carrier, format: f.id }));
  return { input, normalized, valid: true, carrier: candidates[0].carrier, format: candidates[0].format, candidates, problem: null };
}

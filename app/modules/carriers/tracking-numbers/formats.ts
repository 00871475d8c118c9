// Every tracking-number format Parcel Desk recognises: which carrier issues it, how it is built,
// and which check-digit scheme guards it. The detector (detect.ts) runs a normalized string (no
// spaces, upper case) through these; the generator (generate.ts) builds numbers in the first five.
//
// The formats and check-digit parameters are facts about the carriers' numbering, checked against
// the public tracking_number_data corpus (github.com/jkeen/tracking_number_data, MIT) by
// tests/unit/tracking-conformance.test.ts. The patterns here are our own, written for strings that
// are already normalized, which keeps them short and fast.
import type { TrackingNumberFormat } from "./format-kit";
import { MAJOR_CARRIER_FORMATS } from "./formats-major";
import { REGIONAL_FORMATS } from "./formats-regional";

export { BAD_CHECK, type MatchResult, NO_MATCH, type TrackingNumberFormat, VALID } from "./format-kit";

export const FORMATS: readonly TrackingNumberFormat[] = [...MAJOR_CARRIER_FORMATS, ...REGIONAL_FORMATS];

const BY_ID = new Map(FORMATS.map((f) => [f.id, f]));

export function findFormat(id: string): TrackingNumberFormat | undefined {
  return BY_ID.get(id);
}

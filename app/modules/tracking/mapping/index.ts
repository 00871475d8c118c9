// Normalization: one raw carrier event -> Parcel Desk's status model, and the name of the rule that
// decided it, so every stored event can explain itself. Order of precedence:
//   1. the shop's own override for (carrier, raw code)          "shop_override:<carrier>:<code>"
//   2. the carrier's code tables, with words where codes are reused  "ups:movement:OR", "fedex:DE+08"
//   3. unknown: in_transit, flagged unmapped                    "<carrier>:unmapped"
// and then the return leg: once a parcel is on its way back, movement and "delivered" events are part
// of the return ("usps:01+return_leg" is the USPS parcel arriving back at the shipper).
import type { ShipmentStatus, TrackingProof } from "../../../../db/types";
import { DHL_EVENTS, DHL_READ_REMARK, DHL_REMARK_KEYWORDS } from "./dhl";
import { FEDEX_EVENTS, FEDEX_EXCEPTIONS, FEDEX_KEYWORDS, FEDEX_READ_DETAILS } from "./fedex";
import type { CodeRule, KeywordRule, MappingContext, MappingInput, NormalizedEvent, Overrides } from "./types";
import { overrideKey } from "./types";
import { UPS_ACCESS_POINT, UPS_DELIVERY, UPS_EXCEPTION, UPS_KEYWORDS, UPS_MANIFEST, UPS_MOVEMENT, UPS_STATUS_CODES, UPS_TABLE_NAMES, upsTableFor } from "./ups";
import { USPS_EVENTS, USPS_KEYWORDS, uspsSubstatus } from "./usps";

export type { CodeOverride, MappingContext, MappingInput, NormalizedEvent, Overrides } from "./types";
export { overrideKey } from "./types";

interface Found {
  rule: CodeRule;
  name: string;
  substatus?: string;
}

function byWords(rules: KeywordRule[], description: string): KeywordRule | undefined {
  return rules.find((k) => k.pattern.test(description));
}

const UPS_PLAIN_ORDER: [string, Record<string, CodeRule>][] = [
  ["movement", UPS_MOVEMENT],
  ["exception", UPS_EXCEPTION],
  ["delivery", UPS_DELIVERY],
  ["manifest", UPS_MANIFEST],
];

/** Splits "I:OR" into type and code; a bare code has no type. */
export function splitTypedCode(code: string): { type: string | null; code: string } {
  const m = /^([A-Z]{1,2})[:+](.+)$/.exec(code);
  return m ? { type: m[1], code: m[2] } : { type: null, code };
}

function lookupUps(raw: string, description: string): Found | null {
  const { type, code } = splitTypedCode(raw);
  if (raw === "MV" || type === "MV") return { rule: { status: "voided", substatus: "billing_voided", meaning: "Billing information voided", physical: false }, name: "ups:type:MV" };
  if (/^\d{3}$/.test(raw) && UPS_STATUS_CODES[raw]) return { rule: UPS_STATUS_CODES[raw], name: `ups:status_code:${raw}` };
  if (UPS_ACCESS_POINT[code]) return { rule: UPS_ACCESS_POINT[code], name: `ups:access_point:${code}` };
  if (type) {
    const table = upsTableFor(type);
    if (table?.[code]) return { rule: table[code], name: `ups:${UPS_TABLE_NAMES[type]}:${code}` };
  }
  for (const [name, table] of UPS_PLAIN_ORDER) if (table[code]) return { rule: table[code], name: `ups:${name}:${code}` };
  // UPS's exception table has hundreds of codes; for the ones we have no row for, the type letter
  // says it is an exception and the words say which.
  if (type === "X") {
    const k = byWords(UPS_KEYWORDS, description);
    if (k) return { rule: k.rule, name: `ups:exception_text:${k.name}` };
  }
  return null;
}

function lookupFedex(raw: string, description: string): Found | null {
  const { type, code } = splitTypedCode(raw);
  const eventType = type ?? code;
  const exceptionCode = type ? code : null;
  if (exceptionCode && FEDEX_EXCEPTIONS[`${eventType}+${exceptionCode}`]) {
    return { rule: FEDEX_EXCEPTIONS[`${eventType}+${exceptionCode}`], name: `fedex:${eventType}+${exceptionCode}` };
  }
  if (FEDEX_READ_DETAILS.has(eventType)) {
    const k = byWords(FEDEX_KEYWORDS, description);
    if (k) return { rule: k.rule, name: `fedex:${eventType}:text:${k.name}` };
    return { rule: FEDEX_EVENTS[eventType], name: `fedex:${eventType}:default` };
  }
  if (FEDEX_EVENTS[eventType]) return { rule: FEDEX_EVENTS[eventType], name: `fedex:${eventType}` };
  return null;
}

function lookupUsps(code: string, description: string): Found | null {
  if (!code) {
    const k = byWords(USPS_KEYWORDS, description);
    return k ? { rule: k.rule, name: `usps:text:${k.name}` } : null;
  }
  const rule = USPS_EVENTS[code];
  if (!rule) return null;
  return { rule, name: `usps:${code}`, substatus: uspsSubstatus(code, description, rule.substatus) };
}

function lookupDhl(code: string, description: string): Found | null {
  if (DHL_READ_REMARK.has(code)) {
    const k = byWords(DHL_REMARK_KEYWORDS, description);
    if (k) return { rule: k.rule, name: `dhl:${code}:remark:${k.name}` };
    return { rule: DHL_EVENTS[code], name: `dhl:${code}:default` };
  }
  return DHL_EVENTS[code] ? { rule: DHL_EVENTS[code], name: `dhl:${code}` } : null;
}

function lookup(input: MappingInput): Found | null {
  switch (input.carrier) {
    case "ups":
      return lookupUps(input.code, input.description);
    case "fedex":
      return lookupFedex(input.code, input.description);
    case "usps":
      return lookupUsps(input.code, input.description);
    case "dhl":
      return lookupDhl(input.code, input.description);
    default:
      return null;
  }
}

const NOT_A_SCAN: ReadonlySet<ShipmentStatus> = new Set(["info_received", "voided", "pending", "expired"]);
const RETURN_LEG: ReadonlySet<ShipmentStatus> = new Set(["in_transit", "out_for_delivery", "delivered", "attempt_failed", "available_for_pickup"]);

function fromRule(found: Found): NormalizedEvent {
  const r = found.rule;
  return {
    status: r.status,
    substatus: found.substatus ?? r.substatus,
    exceptions: r.exceptions ?? [],
    clears: r.clears ?? [],
    physical: r.physical ?? !NOT_A_SCAN.has(r.status),
    edd: r.edd ?? null,
    rule: found.name,
    meaning: r.meaning,
    unmapped: false,
  };
}

export function normalizeEvent(input: MappingInput, context: MappingContext = { returning: false }, overrides?: Overrides): NormalizedEvent {
  let result: NormalizedEvent;
  const override = overrides?.get(overrideKey(input.carrier, input.code));
  if (override) {
    result = {
      status: override.status,
      substatus: "shop_override",
      exceptions: override.exceptionType ? [override.exceptionType] : [],
      clears: [],
      physical: !NOT_A_SCAN.has(override.status),
      edd: null,
      rule: `shop_override:${input.carrier}:${input.code}`,
      meaning: "Mapped by the shop",
      unmapped: false,
    };
  } else {
    const found = lookup(input);
    result = found
      ? fromRule(found)
      : {
          status: "in_transit",
          substatus: "unmapped",
          exceptions: [],
          clears: [],
          physical: input.hasLocation,
          edd: null,
          rule: `${input.carrier}:unmapped`,
          meaning: "Unknown code",
          unmapped: true,
        };
  }
  if (context.returning && RETURN_LEG.has(result.status)) {
    const backHome = result.status === "delivered";
    result = {
      ...result,
      status: "returned_to_sender",
      substatus: backHome ? "returned_to_shipper" : "return_leg",
      // A failed "attempt" at the shipper's door is not the buyer's missed delivery.
      exceptions: [],
      edd: "none",
      rule: `${result.rule}+return_leg`,
      meaning: backHome ? "Arrived back at the shipper" : `${result.meaning} (on the way back to the shipper)`,
    };
  }
  return result;
}

/**
 * Proof of delivery: what the carrier sent, else a signer named in the text ("signed by: J. RIVERA",
 * DHL's "Delivered : NAME"). A "left at: Front Door" alone is not proof.
 */
export function deliveryProof(proof: TrackingProof | null, description: string): TrackingProof | null {
  if (proof) return { type: proof.type, signedBy: proof.signedBy ?? null, photoUrl: proof.photoUrl ?? null };
  const signed = /signed(?: for)? by\s*:?\s*([^)\n;]+)/i.exec(description) ?? /^delivered\s+:\s*([^)\n;]+)/i.exec(description);
  const name = signed?.[1]?.trim();
  return name ? { type: "signature", signedBy: name.slice(0, 120), photoUrl: null } : null;
}

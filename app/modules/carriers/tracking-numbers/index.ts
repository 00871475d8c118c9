// Tracking numbers: check-digit schemes, the formats of every carrier we recognise, detection
// (valid? whose? which format?), and generation in real formats. Pure; allocation from database
// sequences lives in allocate.server.ts.
import { CARRIERS, carrierFromName, carrierName, type TrackedCarrierCode } from "../registry";
import { detectTrackingNumber, type TrackingNumberCheck } from "./detect";
import { findFormat } from "./formats";

export { detectTrackingNumber, normalizeTrackingNumber } from "./detect";
export type { TrackingNumberCandidate, TrackingNumberCheck } from "./detect";
export { FORMATS, findFormat } from "./formats";
export type { TrackingNumberFormat } from "./formats";
export {
  dhlExpressTrackingNumber,
  fedexExpressTrackingNumber,
  fedexGroundTrackingNumber,
  generateTrackingNumber,
  isUpsShipperId,
  isUspsMailerId,
  PLACEHOLDER_UPS_SHIPPER_ID,
  PLACEHOLDER_USPS_MAILER_ID,
  upsTrackingNumber,
  uspsImpbTrackingNumber,
} from "./generate";

export function formatName(formatId: string | null | undefined): string {
  if (!formatId) return "";
  return findFormat(formatId)?.name ?? formatId;
}

/**
 * The registry's carrier for a detected number: what a shipment row stores and what tracking URLs
 * and event mappings key on. DHL eCommerce formats are their own carrier there, and an S10 postal
 * number belongs to the post of the country it ends with (US: USPS, CA: Canada Post).
 */
export function trackedCarrierOf(check: TrackingNumberCheck): TrackedCarrierCode | null {
  if (!check.valid || !check.carrier) return null;
  if (check.format?.startsWith("dhl_ecommerce")) return "dhl_ecommerce";
  if (check.carrier === "s10") {
    const country = check.normalized.slice(-2);
    if (country === "US") return "usps";
    if (country === "CA") return "canada_post";
    return "other";
  }
  return check.carrier in CARRIERS ? (check.carrier as TrackedCarrierCode) : "other";
}

/** The carrier of a tracking number nobody named (an event without a carrier): by its format and check digit, else "other". */
export function detectCarrier(trackingNumber: string): string {
  return trackedCarrierOf(detectTrackingNumber(trackingNumber)) ?? "other";
}

function agrees(named: TrackedCarrierCode, check: TrackingNumberCheck): boolean {
  return check.candidates.some((c) => {
    if (c.carrier === named) return true;
    if (named === "dhl_ecommerce" && c.format.startsWith("dhl_ecommerce")) return true;
    if (c.carrier === "s10") return trackedCarrierOf({ ...check, carrier: "s10", format: "s10" }) === named;
    return false;
  });
}

export interface ImportedTrackingReview {
  check: TrackingNumberCheck;
  /** The carrier to record: the named one when the number agrees with it, else the detected one. */
  carrier: TrackedCarrierCode | null;
  /** A row warning for the import report (null when all is well). */
  warning: string | null;
}

/**
 * Reviews a tracking number that arrived with an imported order (TikTok "Tracking ID" plus its
 * "Shipping Provider Name"): an invalid number, or a carrier name the number contradicts, is a
 * warning, never a silent fix.
 */
export function reviewImportedTrackingNumber(trackingNumber: string, providerName: string | null | undefined): ImportedTrackingReview {
  const check = detectTrackingNumber(trackingNumber);
  const named = carrierFromName(providerName);
  if (!check.valid) {
    return {
      check,
      carrier: named,
      warning: `Tracking ID "${trackingNumber.trim()}" is not a valid tracking number: ${check.problem}`,
    };
  }
  const detected = trackedCarrierOf(check);
  if (named && named !== "other" && !agrees(named, check)) {
    return {
      check,
      carrier: named,
      warning: `Tracking ID "${check.normalized}" looks like a ${carrierName(check.carrier ?? "")} number (${formatName(check.format)}), not ${carrierName(named)} as the order says.`,
    };
  }
  return { check, carrier: named && named !== "other" ? named : detected, warning: null };
}

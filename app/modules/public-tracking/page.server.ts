// The public tracking page's use cases, called by the thin routes: show a tracking number (rate
// limited per client address), check a postal code (also limited per tracking number, so guessing
// codes from many addresses gets nowhere), and find a parcel by order number and email.
import type { Queryable } from "../../lib/db.server";
import { findTrackingNumberByOrder, locateShipments, matchPostalCode, type PublicTracking, publicTracking } from "./lookup.server";
import { trackingNumberFromInput } from "./presentation";
import { type RateDecision, takeRateLimit, TRACKING_LIMITS } from "./rate-limit.server";
import { verificationCookie, verifiedShipment } from "./verification.server";

export type Limited = { kind: "rate_limited"; retryAfterSeconds: number };

export type TrackingPageResult = { kind: "page"; page: PublicTracking } | { kind: "redirect"; to: string } | Limited;

export async function trackingPage(db: Queryable, input: { request: Request; ip: string; rawNumber: string }): Promise<TrackingPageResult> {
  const limit = await takeRateLimit(db, `track:view:${input.ip}`, TRACKING_LIMITS.views);
  if (!limit.ok) return limited(limit);
  const number = trackingNumberFromInput(input.rawNumber);
  // One spelling per parcel, so the verification cookie (scoped to the path) always applies.
  if (number && number !== input.rawNumber) return { kind: "redirect", to: `/track/${number}` };
  if (!number) return { kind: "page", page: { kind: "none", trackingNumber: input.rawNumber.slice(0, 40) } };
  const verified = await verifiedShipment(input.request, number);
  const [located] = verified ? [verified] : await locateShipments(db, number);
  return { kind: "page", page: await publicTracking(db, number, located ?? null, { verified: Boolean(verified) }) };
}

export type VerifyResult = { kind: "verified"; cookie: string; to: string } | { kind: "mismatch"; message: string } | Limited;

/** The same answer for an unknown number and a wrong postal code. */
export const MISMATCH_MESSAGE =
  "That postal code does not match our records for this tracking number. Check both and try again, using the postal code the parcel is addressed to.";

export async function verifyPostalCode(db: Queryable, input: { ip: string; rawNumber: string; postalCode: string }): Promise<VerifyResult> {
  const number = trackingNumberFromInput(input.rawNumber) ?? input.rawNumber.slice(0, 40);
  const byIp = await takeRateLimit(db, `track:lookup:${input.ip}`, TRACKING_LIMITS.lookups);
  if (!byIp.ok) return limited(byIp);
  const byNumber = await takeRateLimit(db, `track:verify:${number}`, TRACKING_LIMITS.verifyPerNumber);
  if (!byNumber.ok) return limited(byNumber);
  const match = await matchPostalCode(db, number, input.postalCode);
  if (!match) return { kind: "mismatch", message: MISMATCH_MESSAGE };
  return { kind: "verified", cookie: await verificationCookie(number, match), to: `/track/${number}` };
}

export type FindResult = { kind: "redirect"; to: string } | { kind: "message"; message: string } | Limited;

export async function findParcel(
  db: Queryable,
  input: { ip: string; trackingNumber: string; orderId: string; email: string },
): Promise<FindResult> {
  const number = trackingNumberFromInput(input.trackingNumber);
  if (number) return { kind: "redirect", to: `/track/${number}` };
  const limit = await takeRateLimit(db, `track:lookup:${input.ip}`, TRACKING_LIMITS.lookups);
  if (!limit.ok) return limited(limit);
  const found = await findTrackingNumberByOrder(db, input.orderId, input.email);
  if (found.kind === "found") return { kind: "redirect", to: `/track/${found.trackingNumber}` };
  if (found.kind === "not_shipped") {
    return { kind: "message", message: "We found your order, but it has not shipped yet. You will get an email with the tracking link when it does." };
  }
  return { kind: "message", message: "We could not find an order with that order number and email address. Check both against your order confirmation." };
}

function limited(decision: RateDecision): Limited {
  return { kind: "rate_limited", retryAfterSeconds: decision.retryAfterSeconds };
}

// The public tracking page's use cases, called by the thin routes: show a tracking number (rate
// limited per client address), check a postal code (also limited per tracking number, so guessing
// codes from many addresses gets nowhere), and find a parcel by order number and email. With a
// shop in the address (/track/<shop>/<number>, the links in buyer messages) everything stays in
// that shop; without one a parcel is shown only when exactly one shop holds the number.
import type { Queryable } from "../../lib/db.server";
import { findTrackingNumberByOrder, type LocatedShipment, locateInShop, locateUnambiguous, matchPostalCode } from "./locate.server";
import { type PublicTracking, publicTracking } from "./lookup.server";
import { trackingNumberFromInput } from "./presentation";
import { type RateDecision, takeRateLimit, TRACKING_LIMITS } from "./rate-limit.server";
import { verificationCookie, verifiedShipment } from "./verification.server";

export type Limited = { kind: "rate_limited"; retryAfterSeconds: number };

export type TrackingPageResult = { kind: "page"; page: PublicTracking } | { kind: "redirect"; to: string } | Limited;

/** The page's address: per shop when the shop is known. */
export function trackingPath(trackingNumber: string, shopSlug?: string): string {
  return shopSlug ? `/track/${encodeURIComponent(shopSlug)}/${trackingNumber}` : `/track/${trackingNumber}`;
}

export async function trackingPage(
  db: Queryable,
  input: { request: Request; ip: string; rawNumber: string; shopSlug?: string },
): Promise<TrackingPageResult> {
  const limit = await takeRateLimit(db, `track:view:${input.ip}`, TRACKING_LIMITS.views);
  if (!limit.ok) return limited(limit);
  const number = trackingNumberFromInput(input.rawNumber);
  // One spelling per parcel, so the verification cookie always applies.
  if (number && number !== input.rawNumber) return { kind: "redirect", to: trackingPath(number, input.shopSlug) };
  if (!number) return { kind: "page", page: { kind: "none", trackingNumber: input.rawNumber.slice(0, 40) } };
  const proof = await verifiedShipment(input.request, number);
  let located: LocatedShipment | null;
  let verified: LocatedShipment | null;
  if (input.shopSlug !== undefined) {
    located = await locateInShop(db, input.shopSlug, number);
    // A proof counts only for this shop's parcel.
    verified = proof && located && proof.shopId === located.shopId ? proof : null;
  } else {
    verified = proof;
    located = proof ? null : await locateUnambiguous(db, number);
  }
  return { kind: "page", page: await publicTracking(db, number, verified ?? located, { verified: Boolean(verified) }) };
}

export type VerifyResult = { kind: "verified"; cookie: string; to: string } | { kind: "mismatch"; message: string } | Limited;

/** The same answer for an unknown number and a wrong postal code. */
export const MISMATCH_MESSAGE =
  "That postal code does not match our records for this tracking number. Check both and try again, using the postal code the parcel is addressed to.";

export async function verifyPostalCode(
  db: Queryable,
  input: { ip: string; rawNumber: string; postalCode: string; shopSlug?: string },
): Promise<VerifyResult> {
  const number = trackingNumberFromInput(input.rawNumber) ?? input.rawNumber.slice(0, 40);
  const byIp = await takeRateLimit(db, `track:lookup:${input.ip}`, TRACKING_LIMITS.lookups);
  if (!byIp.ok) return limited(byIp);
  const byNumber = await takeRateLimit(db, `track:verify:${number}`, TRACKING_LIMITS.verifyPerNumber);
  if (!byNumber.ok) return limited(byNumber);
  const match = await matchPostalCode(db, number, input.postalCode, input.shopSlug);
  if (!match) return { kind: "mismatch", message: MISMATCH_MESSAGE };
  return { kind: "verified", cookie: await verificationCookie(number, match), to: trackingPath(number, match.shopSlug) };
}

export type FindResult = { kind: "redirect"; to: string } | { kind: "message"; message: string } | Limited;

export async function findParcel(
  db: Queryable,
  input: { ip: string; trackingNumber: string; orderId: string; email: string },
): Promise<FindResult> {
  const number = trackingNumberFromInput(input.trackingNumber);
  if (number) return { kind: "redirect", to: trackingPath(number) };
  const limit = await takeRateLimit(db, `track:lookup:${input.ip}`, TRACKING_LIMITS.lookups);
  if (!limit.ok) return limited(limit);
  const found = await findTrackingNumberByOrder(db, input.orderId, input.email);
  if (found.kind === "found") return { kind: "redirect", to: trackingPath(found.trackingNumber, found.shopSlug) };
  if (found.kind === "not_shipped") {
    return { kind: "message", message: "We found your order, but it has not shipped yet. You will get an email with the tracking link when it does." };
  }
  if (found.kind === "ambiguous") {
    return {
      kind: "message",
      message: "More than one shop has an order with that number and email address. Open the tracking link in your shipping email, or enter the tracking number and then the postal code the parcel is going to.",
    };
  }
  return { kind: "message", message: "We could not find an order with that order number and email address. Check both against your order confirmation." };
}

function limited(decision: RateDecision): Limited {
  return { kind: "rate_limited", retryAfterSeconds: decision.retryAfterSeconds };
}

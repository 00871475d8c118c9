// Remembering that this browser typed the right postal code for one tracking number: a signed,
// httpOnly cookie named after that number (pd_track_<number>) whose value names it again, valid for
// 30 minutes. The path is /track rather than /track/<number> because Remix fetches the page's data
// from /track/<number>.data, which a cookie scoped to /track/<number> would not reach. It names
// the shipment too, so a relabelled parcel (same number, new shipment) asks again.
import { createCookie } from "@remix-run/node";
import { env } from "../../lib/env.server";
import type { LocatedShipment } from "./locate.server";

export const VERIFICATION_MINUTES = 30;

function cookieFor(trackingNumber: string) {
  return createCookie(`pd_track_${trackingNumber}`, {
    path: "/track",
    httpOnly: true,
    sameSite: "lax",
    secure: env().production,
    secrets: [env().sessionSecret],
    maxAge: VERIFICATION_MINUTES * 60,
  });
}

interface Proof {
  n: string;
  shop: number;
  shipment: number;
  exp: number;
}

export async function verificationCookie(trackingNumber: string, located: LocatedShipment): Promise<string> {
  const proof: Proof = { n: trackingNumber, shop: located.shopId, shipment: located.shipmentId, exp: Date.now() + VERIFICATION_MINUTES * 60_000 };
  return cookieFor(trackingNumber).serialize(proof);
}

/** The shipment this browser proved it knows the destination of, or null (none, forged, expired). */
export async function verifiedShipment(request: Request, trackingNumber: string): Promise<LocatedShipment | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const proof = (await cookieFor(trackingNumber).parse(header)) as Partial<Proof> | null;
  if (!proof || proof.n !== trackingNumber || typeof proof.exp !== "number" || proof.exp < Date.now()) return null;
  if (!Number.isSafeInteger(proof.shop) || !Number.isSafeInteger(proof.shipment)) return null;
  return { shopId: proof.shop!, shipmentId: proof.shipment! };
}

export async function forgetVerification(trackingNumber: string): Promise<string> {
  return cookieFor(trackingNumber).serialize("", { maxAge: 0, expires: new Date(0) });
}

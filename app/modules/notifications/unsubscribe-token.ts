// The token in every unsubscribe link: which shop and which contact, signed with an HMAC so nobody
// can change someone else's preferences by editing a link. No expiry, because a link in a months-old
// email must still work; a key derived from the session secret (never the secret itself), so a
// token can never pass as a session cookie signature or the other way round.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface UnsubscribeSubject {
  shopId: number;
  contact: string;
}

const VERSION = "u1";

function key(secret: string): Buffer {
  return createHmac("sha256", secret).update("parcel-desk/unsubscribe/v1").digest();
}

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", key(secret)).update(payload).digest().subarray(0, 18);
}

export function signUnsubscribeToken(secret: string, subject: UnsubscribeSubject): string {
  const payload = Buffer.from(JSON.stringify([VERSION, subject.shopId, subject.contact]), "utf8").toString("base64url");
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** The shop and contact a token names, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeSubject | null {
  if (typeof token !== "string" || token.length > 600) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!Array.isArray(decoded) || decoded.length !== 3) return null;
    const [version, shopId, contact] = decoded;
    if (version !== VERSION || !Number.isSafeInteger(shopId) || shopId <= 0 || typeof contact !== "string" || !contact) return null;
    return { shopId, contact };
  } catch {
    return null;
  }
}

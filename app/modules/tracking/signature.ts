// Webhook signatures: `X-Parcel-Desk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
// with the shop's webhook secret. The timestamp is inside the signed text, so a captured request
// cannot be replayed after the tolerance; the comparison is constant-time. Pure (no I/O).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Parcel-Desk-Signature";
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export function computeSignature(secret: string, timestamp: number, body: string | Uint8Array): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return mac.digest("hex");
}

/** The header value a sender puts on a request (the simulator, tests and the benchmark use it). */
export function signatureHeader(secret: string, body: string | Uint8Array, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${computeSignature(secret, t, body)}`;
}

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

/** Parses "t=...,v1=...[,v1=...]"; several v1 values are allowed (any one may match). */
export function parseSignatureHeader(value: string | null | undefined): ParsedSignature | null {
  if (!value) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(val)) timestamp = Number(val);
    else if (key === "v1" && /^[0-9a-f]{64}$/i.test(val)) signatures.push(val.toLowerCase());
  }
  return timestamp !== null && signatures.length ? { timestamp, signatures } : null;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch"; message: string };

/** Checks the header's form and age only (no body needed yet, so an unsigned request is refused before reading it). */
export function checkSignatureHeader(header: string | null | undefined, now: Date = new Date()): SignatureCheck & { parsed?: ParsedSignature } {
  if (!header) return { ok: false, reason: "missing", message: `Missing ${SIGNATURE_HEADER} header.` };
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: "malformed", message: `Malformed ${SIGNATURE_HEADER} header: expected t=<unix seconds>,v1=<hex HMAC-SHA256>.` };
  const age = Math.abs(Math.floor(now.getTime() / 1000) - parsed.timestamp);
  if (age > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: "stale", message: `Signature timestamp is outside the ${SIGNATURE_TOLERANCE_SECONDS / 60}-minute tolerance; sign each request when you send it.` };
  }
  return { ok: true, parsed };
}

/** Full verification of a request body against a secret. */
export function verifySignature(secret: string, header: string | null | undefined, body: string | Uint8Array, now: Date = new Date()): SignatureCheck {
  const head = checkSignatureHeader(header, now);
  if (!head.ok || !head.parsed) return head;
  const expected = Buffer.from(computeSignature(secret, head.parsed.timestamp, body), "hex");
  let match = false;
  for (const candidate of head.parsed.signatures) {
    // Both are 32 bytes (the header parser only accepts 64 hex digits), as timingSafeEqual requires.
    if (timingSafeEqual(expected, Buffer.from(candidate, "hex"))) match = true;
  }
  return match ? { ok: true } : { ok: false, reason: "mismatch", message: "Signature does not match the body." };
}

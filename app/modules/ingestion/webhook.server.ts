// The carrier webhook: POST /api/webhooks/tracking/<shop slug>, signed with the shop's secret.
// Order of checks, each answering before the next costs anything:
//   401 no/malformed/stale signature header (the body is not read at all),
//   413 a body over 1 MB (by Content-Length, or by counting while reading: reading stops at the limit),
//   401 unknown shop or wrong signature: the same answer, so the endpoint does not reveal which shops
//       exist (an HMAC is computed either way),
//   400 malformed JSON or a schema violation, naming the field ("[3].occurredAt: ..."),
//   200 {received, stored, duplicates, orphans}: a repeated delivery is stored once and answered 200.
import type { DB } from "../../lib/db.server";
import { AppError } from "../../lib/errors";
import { forShop } from "../../lib/tenancy.server";
import { ingestEvents, type IngestResult } from "./ingest.server";
import { parseTrackingBody, WEBHOOK_BODY_LIMIT } from "../tracking/schemas";
import { checkSignatureHeader, computeSignature, SIGNATURE_HEADER, verifySignature } from "../tracking/signature";

export type WebhookOutcome =
  | { status: 200; body: IngestResult }
  | { status: 400 | 401 | 405 | 409 | 413; body: { error: string } };

const UNAUTHORIZED_MISMATCH = "Signature does not match the body.";

/** Reads at most `limit` bytes; null when the body is larger (and stops pulling from the socket). */
export async function readBodyWithLimit(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = request.headers.get("content-length");
  if (declared && Number(declared) > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Not cancel(): that destroys the socket before the 413 can be sent. The response says
      // Connection: close, and the unread rest is never buffered.
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

export async function receiveTrackingWebhook(db: DB, request: Request, slug: string, now: Date = new Date()): Promise<WebhookOutcome> {
  if (request.method !== "POST") return { status: 405, body: { error: "Use POST." } };
  const header = request.headers.get(SIGNATURE_HEADER);
  const head = checkSignatureHeader(header, now);
  if (!head.ok) return { status: 401, body: { error: head.message } };

  const body = await readBodyWithLimit(request, WEBHOOK_BODY_LIMIT);
  if (!body) return { status: 413, body: { error: `The body is larger than ${WEBHOOK_BODY_LIMIT / 1024 / 1024} MB; send smaller batches.` } };

  const shop = /^[a-z0-9][a-z0-9-]{0,60}$/.test(slug)
    ? await db.selectFrom("shops").select(["id", "webhook_secret", "time_zone", "settings"]).where("slug", "=", slug).executeTakeFirst()
    : undefined;
  if (!shop) {
    // Same work and same answer as a wrong signature.
    computeSignature("unknown-shop", head.parsed!.timestamp, body);
    return { status: 401, body: { error: UNAUTHORIZED_MISMATCH } };
  }
  const check = verifySignature(shop.webhook_secret, header, body, now);
  if (!check.ok) return { status: 401, body: { error: check.message } };

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    return { status: 400, body: { error: `Malformed JSON: ${(error as Error).message}` } };
  }
  const parsed = parseTrackingBody(json, now);
  if (!parsed.ok) return { status: 400, body: { error: parsed.message } };

  try {
    const result = await ingestEvents(forShop(db, shop.id), parsed.events, { source: "webhook", now, shop });
    return { status: 200, body: result };
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return { status: 409, body: { error: error.message } };
    throw error;
  }
}

// The tracking webhook through its route action (Requests, no HTTP server): signatures, limits,
// validation, idempotency under concurrent duplicate deliveries, orphans, and shop isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, useDatabase } from "../../app/lib/db.server";
import { upsTrackingNumber } from "../../app/modules/carriers/tracking-numbers";
import { rotateWebhookSecret } from "../../app/modules/shops/shops.server";
import { signatureHeader } from "../../app/modules/tracking/signature";
import { shipmentTimeline } from "../../app/modules/tracking/timeline.server";
import { action } from "../../app/routes/api.webhooks.tracking.$shop";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { createShipment, eventJson } from "../fixtures/tracking";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;

beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
  a = await createTestShop(handle.db, "hook-a");
  b = await createTestShop(handle.db, "hook-b");
});
afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
});

async function secretOf(shop: TestShop): Promise<string> {
  const row = await handle.db.selectFrom("shops").select("webhook_secret").where("id", "=", shop.shop.id).executeTakeFirstOrThrow();
  return row.webhook_secret;
}

function post(slug: string, body: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/webhooks/tracking/${slug}`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } });
  return action({ request, params: { shop: slug }, context: {} } as never) as Promise<Response>;
}

async function signedPost(shop: TestShop, payload: unknown, options: { secret?: string; at?: Date } = {}) {
  const body = JSON.stringify(payload);
  const secret = options.secret ?? (await secretOf(shop));
  return post(shop.shop.slug, body, { "X-Parcel-Desk-Signature": signatureHeader(secret, body, options.at) });
}

const journey = (tn: string, prefix: string) => [
  eventJson(tn, `${prefix}-1`, "2026-03-02T10:02:00-06:00", "OC", "Shipment information sent to FedEx", { city: "Memphis", region: "TN" }),
  eventJson(tn, `${prefix}-2`, "2026-03-02T17:45:00-06:00", "PU", "Picked up", { city: "Memphis", region: "TN" }),
  eventJson(tn, `${prefix}-3`, "2026-03-04T08:10:00-05:00", "OD", "On FedEx vehicle for delivery", { city: "Marietta", region: "GA" }),
  eventJson(tn, `${prefix}-4`, "2026-03-04T15:26:00-05:00", "DE:08", "Customer not available or business closed", { city: "Marietta", region: "GA" }),
];

describe(`tracking webhook on ${backend}`, () => {
  it("refuses unsigned, wrongly signed and stale requests with 401, before storing anything", async () => {
    const s = await createShipment(a.scope, { carrier: "fedex", service: "fedex_home_delivery", destRegion: "GA" });
    const body = JSON.stringify(journey(s.trackingNumber, "unsigned"));
    const unsigned = await post(a.shop.slug, body);
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).error).toMatch(/Missing X-Parcel-Desk-Signature/);
    const malformed = await post(a.shop.slug, body, { "X-Parcel-Desk-Signature": "sha256=abc" });
    expect(malformed.status).toBe(401);
    const wrong = await post(a.shop.slug, body, { "X-Parcel-Desk-Signature": signatureHeader("whsec_not_the_secret", body) });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe("Signature does not match the body.");
    const stale = await signedPost(a, journey(s.trackingNumber, "unsigned"), { at: new Date(Date.now() - 6 * 60_000) });
    expect(stale.status).toBe(401);
    expect((await stale.json()).error).toMatch(/tolerance/);
    // A body changed after signing.
    const secret = await secretOf(a);
    const tampered = await post(a.shop.slug, body.replace("Picked up", "Picked up!"), { "X-Parcel-Desk-Signature": signatureHeader(secret, body) });
    expect(tampered.status).toBe(401);
    const count = await a.scope.selectFrom("tracking_events").select((eb) => eb.fn.countAll<number>().as("n")).where("tracking_number", "=", s.trackingNumber).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("does not reveal which shops exist: an unknown shop answers like a wrong signature", async () => {
    const body = JSON.stringify([eventJson("1Z0000000000000000", "x-1", "2026-03-02T10:00:00Z", "PU", "Picked up")]);
    const unknown = await post("no-such-shop", body, { "X-Parcel-Desk-Signature": signatureHeader("whatever", body) });
    const wrong = await post(a.shop.slug, body, { "X-Parcel-Desk-Signature": signatureHeader("whatever", body) });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it("does not accept shop A's secret for shop B, and a rotated secret stops working", async () => {
    const s = await createShipment(b.scope, { carrier: "fedex", service: "fedex_home_delivery", destRegion: "GA" });
    const withA = await signedPost(b, journey(s.trackingNumber, "cross"), { secret: await secretOf(a) });
    expect(withA.status).toBe(401);
    const old = await secretOf(b);
    await rotateWebhookSecret(handle.db, b.shop.id);
    const withOld = await signedPost(b, journey(s.trackingNumber, "cross"), { secret: old });
    expect(withOld.status).toBe(401);
    const withNew = await signedPost(b, journey(s.trackingNumber, "cross"));
    expect(withNew.status).toBe(200);
  });

  it("answers 400 for malformed JSON and names the failing field of a schema violation", async () => {
    const secret = await secretOf(a);
    const broken = '[{"eventId": "1",';
    const bad = await post(a.shop.slug, broken, { "X-Parcel-Desk-Signature": signatureHeader(secret, broken) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^Malformed JSON/);
    const events = [eventJson("1Z0000000000000001", "v-1", "2026-03-02T10:00:00Z", "PU", "Picked up"), eventJson("1Z0000000000000001", "v-2", "yesterday", "PU", "Picked up")];
    const invalid = await signedPost(a, events);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatch(/^\[1\]\.occurredAt: "yesterday" is not an ISO 8601 time/);
    const noOffset = await signedPost(a, [eventJson("1Z0000000000000001", "v-3", "2026-03-02T10:00:00", "PU", "Picked up")]);
    expect((await noOffset.json()).error).toMatch(/^\[0\]\.occurredAt/);
    const unknownField = await signedPost(a, { ...eventJson("1Z0000000000000001", "v-4", "2026-03-02T10:00:00Z", "PU", "x"), colour: "red" });
    expect(unknownField.status).toBe(400);
    expect((await unknownField.json()).error).toMatch(/colour/);
  });

  it("answers 413 for a body over 1 MB, by Content-Length or by counting a stream", async () => {
    const secret = await secretOf(a);
    const big = JSON.stringify([eventJson("1Z0000000000000001", "big", "2026-03-02T10:00:00Z", "PU", "x".repeat(900))]).padEnd(1024 * 1024 + 10, " ");
    const tooBig = await post(a.shop.slug, big, { "X-Parcel-Desk-Signature": signatureHeader(secret, big) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get("Connection")).toBe("close");
    // No Content-Length: a stream that never ends must not be read past the limit.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const request = new Request(`http://localhost/api/webhooks/tracking/${a.shop.slug}`, {
      method: "POST",
      body: endless,
      headers: { "X-Parcel-Desk-Signature": signatureHeader(secret, "") },
      duplex: "half",
    } as RequestInit);
    const streamed = (await action({ request, params: { shop: a.shop.slug }, context: {} } as never)) as Response;
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("stores 10 concurrent deliveries of the same batch once, answering 200 to each", async () => {
    const s = await createShipment(a.scope, { carrier: "fedex", service: "fedex_home_delivery", destRegion: "GA", destPostalCode: "30060" });
    const events = journey(s.trackingNumber, `conc-${s.shipmentId}`);
    const responses = await Promise.all(Array.from({ length: 10 }, () => signedPost(a, events)));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(bodies.reduce((n, x) => n + x.stored, 0)).toBe(events.length);
    for (const body of bodies) {
      expect(body.received).toBe(events.length);
      expect(body.stored + body.duplicates).toBe(events.length);
      expect(body.orphans).toEqual([]);
    }
    const shipment = await a.scope.selectFrom("shipments").selectAll().where("id", "=", s.shipmentId).executeTakeFirstOrThrow();
    expect(shipment.events_count).toBe(events.length);
    expect(shipment.status).toBe("attempt_failed");
    const cases = await a.scope.selectFrom("cases").select(["type", "signal_count"]).where("shipment_id", "=", s.shipmentId).execute();
    expect(cases).toEqual([{ type: "failed_attempt", signal_count: 1 }]);
    const again = await signedPost(a, events);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: 4, stored: 0, duplicates: 4, orphans: [] });
  });

  it("stores events for unknown tracking numbers as orphans, detects their carrier and reports them", async () => {
    const tn = upsTrackingNumber("PD0000", "03", 987654);
    const events = [eventJson(tn, "orphan-1", "2026-03-02T18:30:00-06:00", "I:OR", "Origin Scan", { city: "Memphis", region: "TN" })];
    const res = await signedPost(a, events);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 1, stored: 1, duplicates: 0, orphans: [tn] });
    const row = await a.scope.selectFrom("tracking_events").selectAll().where("event_id", "=", "orphan-1").executeTakeFirstOrThrow();
    expect(row.shipment_id).toBeNull();
    expect(row.carrier_code).toBe("ups");
    expect(row.mapping_rule).toBe("ups:movement:OR");
    expect(row.source).toBe("webhook");
    // Redelivered: still reported as an orphan, not stored twice.
    expect(await (await signedPost(a, events)).json()).toEqual({ received: 1, stored: 0, duplicates: 1, orphans: [tn] });
  });

  it("ingests into the right shop only, even when both shops have the same tracking number", async () => {
    const tn = upsTrackingNumber("PD0000", "03", 555001);
    const inA = await createShipment(a.scope, { trackingNumber: tn, carrier: "ups", service: "ups_ground" });
    const inB = await createShipment(b.scope, { trackingNumber: tn, carrier: "ups", service: "ups_ground" });
    const res = await signedPost(a, [eventJson(tn, "same-1", "2026-03-02T18:30:00-06:00", "I:OR", "Origin Scan", { city: "Memphis", region: "TN" })]);
    expect(res.status).toBe(200);
    const sa = await a.scope.selectFrom("shipments").select(["status", "events_count"]).where("id", "=", inA.shipmentId).executeTakeFirstOrThrow();
    const sb = await b.scope.selectFrom("shipments").select(["status", "events_count"]).where("id", "=", inB.shipmentId).executeTakeFirstOrThrow();
    expect(sa).toEqual({ status: "in_transit", events_count: 1 });
    expect(sb).toEqual({ status: "pending", events_count: 0 });
    // Shop B cannot read shop A's timeline.
    await expect(shipmentTimeline(b.scope, inA.shipmentId)).rejects.toMatchObject({ status: 404 });
    expect((await shipmentTimeline(a.scope, inA.shipmentId)).events).toHaveLength(1);
  });

  it("answers GET with 405", async () => {
    const { loader } = await import("../../app/routes/api.webhooks.tracking.$shop");
    const res = loader() as Response;
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
  });
});

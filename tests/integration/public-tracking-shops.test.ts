// Finding 3 of the probe (issue 13): another shop took over a buyer's public tracking page by
// importing an order with the same tracking number and posting one event through its own signed
// webhook; the newest shipment across shops won. Now a tracking number resolves within one shop:
// buyer links carry the shop (/track/<shop>/<number>), the bare /track/<number> shows a parcel only
// when exactly one shop holds the number (otherwise it asks for the postal code, or the order
// number and email), and one shop's events never touch another shop's shipment.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, useDatabase } from "../../app/lib/db.server";
import { templateValues } from "../../app/modules/notifications/dispatch.server";
import { findParcel, trackingPage, verifyPostalCode } from "../../app/modules/public-tracking/page.server";
import { signatureHeader } from "../../app/modules/tracking/signature";
import { action as webhook } from "../../app/routes/api.webhooks.tracking.$shop";
import { addEvents, createParcel, hoursAgo, type Parcel, useBuyerTestEnv } from "../fixtures/buyers";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { eventJson } from "../fixtures/tracking";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let dataDir: string;
let alpha: Parcel;
let ip = 0;
const freshIp = () => `10.13.${Math.floor(++ip / 250)}.${ip % 250}`;
const NUMBER = "1Z999AA10123456784";
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-track-shops-"));
  useBuyerTestEnv(dataDir);
  handle = await openTestDatabase();
  useDatabase(handle);
  a = await createTestShop(handle.db);
  b = await createTestShop(handle.db);
  alpha = await createParcel(a.scope, {
    externalId: "ALPHA-77",
    trackingNumber: NUMBER,
    buyerName: "Alice Alpha",
    buyerEmail: "alice@example.com",
    postalCode: "97403",
    status: "in_transit",
    createdAt: hoursAgo(48),
    eddOriginal: inDays(3),
    eddCurrent: inDays(3),
  });
  await addEvents(a.scope, alpha, [{ code: "OR", status: "in_transit", substatus: "origin_scan", at: hoursAgo(30), description: "Origin scan", city: "Columbus", region: "OH" }]);

  // Shop B: an order carrying shop A's tracking number, newer than A's, and one event through B's
  // own signed webhook, exactly as the probe did it.
  await createParcel(b.scope, { externalId: "BRAVO-1", trackingNumber: NUMBER, buyerName: "Mallory Bravo", buyerEmail: "alice@example.com", postalCode: "10001", status: "pending" });
  const secret = (await handle.db.selectFrom("shops").select("webhook_secret").where("id", "=", b.shop.id).executeTakeFirstOrThrow()).webhook_secret;
  const body = JSON.stringify([
    eventJson(NUMBER, "evil-1", new Date(Date.now() - 3_600_000).toISOString(), "D:FS", "Delivery exception: pay at http://evil.example/pay", { city: "Newark", region: "NJ" }),
  ]);
  const response = (await webhook({
    request: new Request(`http://localhost/api/webhooks/tracking/${b.shop.slug}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", "X-Parcel-Desk-Signature": signatureHeader(secret, body) },
    }),
    params: { shop: b.shop.slug },
    context: {},
  } as never)) as Response;
  expect(response.status).toBeLessThan(300);
});
afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const request = (cookie?: string) => new Request("http://localhost/track/x", cookie ? { headers: { Cookie: cookie } } : {});

async function page(rawNumber: string, shopSlug?: string, cookie?: string) {
  const result = await trackingPage(handle.db, { request: request(cookie), ip: freshIp(), rawNumber, shopSlug });
  if (result.kind !== "page") throw new Error(`expected a page, got ${result.kind}`);
  return result.page;
}

describe(`tracking numbers resolve within one shop (${backend})`, () => {
  it("leaves shop A's shipment and events untouched by shop B's webhook", async () => {
    const shipment = await a.scope.selectFrom("shipments").select(["status", "delivered_at"]).where("id", "=", alpha.shipmentId).executeTakeFirstOrThrow();
    expect(shipment).toEqual({ status: "in_transit", delivered_at: null });
    const events = await a.scope.selectFrom("tracking_events").select("description").where("tracking_number", "=", NUMBER).execute();
    expect(events.map((e) => e.description)).toEqual(["Origin scan"]);
  });

  it("shows shop A's page at /track/<A>/<number>, whatever shop B posted", async () => {
    const view = await page(NUMBER, a.shop.slug);
    expect(view).toMatchObject({ kind: "tracking", status: "in_transit", headline: "In transit" });
    expect(JSON.stringify(view)).not.toMatch(/evil|Newark|Delivered/);
  });

  it("shows shop B only its own parcel at /track/<B>/<number>", async () => {
    const view = await page(NUMBER, b.shop.slug);
    expect(view.kind).toBe("tracking");
    expect(JSON.stringify(view)).not.toMatch(/Columbus/);
  });

  it("shows no parcel at the bare /track/<number> when two shops hold it, exactly like an unknown number", async () => {
    const bare = await page(NUMBER);
    const unknown = await page("1Z999AA10000000000");
    expect(bare.kind).toBe("none");
    expect(JSON.stringify(bare).replaceAll(NUMBER, "N")).toBe(JSON.stringify(unknown).replaceAll("1Z999AA10000000000", "N"));
  });

  it("finds the buyer's parcel from the bare page by postal code, in the shop whose buyer it is", async () => {
    const ok = await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: NUMBER, postalCode: "97403" });
    if (ok.kind !== "verified") throw new Error(`expected verified, got ${ok.kind}`);
    expect(ok.to).toBe(`/track/${a.shop.slug}/${NUMBER}`);
    const view = await page(NUMBER, a.shop.slug, ok.cookie.split(";")[0]);
    expect(view).toMatchObject({ kind: "tracking", details: { buyerName: "Alice Alpha", orderId: "ALPHA-77" } });
    expect(JSON.stringify(view)).not.toMatch(/Mallory|evil/);
    // The proof for shop A's parcel opens nothing at shop B's address.
    const other = await page(NUMBER, b.shop.slug, ok.cookie.split(";")[0]);
    expect(other.kind === "tracking" ? other.details : null).toBeNull();
  });

  it("checks a postal code at /track/<shop>/<number> against that shop's parcel only", async () => {
    expect((await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: NUMBER, postalCode: "97403", shopSlug: b.shop.slug })).kind).toBe("mismatch");
    expect((await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: NUMBER, postalCode: "10001", shopSlug: b.shop.slug })).kind).toBe("verified");
  });

  it("answers the lookup form with the shop's page, or asks for more when the number is ambiguous", async () => {
    expect(await findParcel(handle.db, { ip: freshIp(), trackingNumber: NUMBER, orderId: "", email: "" })).toEqual({ kind: "redirect", to: `/track/${NUMBER}` });
    expect(await findParcel(handle.db, { ip: freshIp(), trackingNumber: "", orderId: "ALPHA-77", email: "alice@example.com" })).toEqual({
      kind: "redirect",
      to: `/track/${a.shop.slug}/${NUMBER}`,
    });
    const only = await createParcel(a.scope, { trackingNumber: "1Z999AA10123456793" });
    await addEvents(a.scope, only, [{ code: "OR", status: "in_transit", at: hoursAgo(3) }]);
    // A number one shop holds resolves at the bare address too.
    expect(await page(only.trackingNumber)).toMatchObject({ kind: "tracking" });
    expect(await page(only.trackingNumber, b.shop.slug)).toMatchObject({ kind: "none" });
    expect(await page(only.trackingNumber, "no-such-shop")).toMatchObject({ kind: "none" });
  });

  it("puts the shop in the tracking link of every buyer message", () => {
    const values = templateValues(
      { name: a.shop.name, slug: a.shop.slug, timeZone: "America/New_York", notificationsEnabled: true, supportEmail: "" },
      {
        order: { id: alpha.orderId, external_id: "ALPHA-77", status: "shipped", buyer_name: "Alice Alpha", buyer_email: "alice@example.com", buyer_phone: null, country: "US", carrier_code: "ups", service_code: "ups_ground", edd_max: null },
        shipment: null,
      } as never,
    );
    expect(values.trackingLink).toBe("");
    const withShipment = templateValues(
      { name: a.shop.name, slug: a.shop.slug, timeZone: "America/New_York", notificationsEnabled: true, supportEmail: "" },
      { order: { external_id: "ALPHA-77", buyer_name: "Alice Alpha", carrier_code: "ups", service_code: "ups_ground", edd_max: null }, shipment: { tracking_number: NUMBER, carrier_code: "ups", service_code: "ups_ground", edd_current: null } } as never,
    );
    expect(withShipment.trackingLink).toBe(`https://track.example.test/track/${a.shop.slug}/${NUMBER}`);
  });
});

// The public tracking page's data and privacy: carrier-level facts without verification, the same
// answer for unknown and not-yet-scanned numbers, personal details only after the right postal code
// (remembered per tracking number), limits per address and per number, the order + email lookup,
// the buyer's preferences page, and shops kept apart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, useDatabase } from "../../app/lib/db.server";
import { unsubscribeUrl } from "../../app/modules/notifications/config.server";
import { preferenceOf } from "../../app/modules/notifications/preferences.server";
import { applyUnsubscribeChoice, unsubscribeView } from "../../app/modules/notifications/unsubscribe.server";
import { locateShipments } from "../../app/modules/public-tracking/locate.server";
import { findParcel, MISMATCH_MESSAGE, trackingPage, verifyPostalCode } from "../../app/modules/public-tracking/page.server";
import { takeRateLimit, TRACKING_LIMITS } from "../../app/modules/public-tracking/rate-limit.server";
import { verifiedShipment } from "../../app/modules/public-tracking/verification.server";
import { updateShopSettings } from "../../app/modules/shops/shops.server";
import { addEvents, createParcel, hoursAgo, type Parcel, useBuyerTestEnv } from "../fixtures/buyers";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let dataDir: string;
let parcel: Parcel;
let ipCounter = 0;
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-track-"));
  useBuyerTestEnv(dataDir);
  handle = await openTestDatabase();
  a = await createTestShop(handle.db);
  b = await createTestShop(handle.db);
  await updateShopSettings(handle.db, a.shop.id, "notifications", { enabled: true, supportEmail: "care@alpha.test" });
  parcel = await createParcel(a.scope, {
    externalId: "ALPHA-1001",
    buyerName: "Taylor Tracker",
    address1: "742 Evergreen Terrace",
    postalCode: "97403",
    status: "out_for_delivery",
    eddOriginal: "2026-11-23",
    eddCurrent: "2026-11-25",
  });
  await addEvents(a.scope, parcel, [
    { code: "MP", status: "info_received", at: hoursAgo(50), description: "Shipper created a label" },
    { code: "OR", status: "in_transit", substatus: "origin_scan", at: hoursAgo(40), description: "Origin scan", city: "Columbus", region: "OH" },
    { code: "AR", status: "in_transit", substatus: "arrival_scan", at: hoursAgo(20), description: "Arrival scan", city: "Eugene", region: "OR", offset: "-08:00" },
    { code: "OF", status: "out_for_delivery", substatus: "out_for_delivery", at: hoursAgo(2), description: "Out for delivery", city: "Eugene", region: "OR", offset: "-08:00" },
  ]);
});
afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const request = (cookie?: string) => new Request("http://localhost/track/x", cookie ? { headers: { Cookie: cookie } } : {});

async function page(number: string, cookie?: string) {
  const result = await trackingPage(handle.db, { request: request(cookie), ip: freshIp(), rawNumber: number });
  if (result.kind !== "page") throw new Error(`expected a page, got ${result.kind}`);
  return result.page;
}

describe(`public tracking on ${backend}`, () => {
  it("shows carrier-level tracking without verification, and nothing personal", async () => {
    const p = await page(parcel.trackingNumber);
    expect(p).toMatchObject({
      kind: "tracking",
      carrier: "UPS",
      service: "UPS Ground",
      status: "out_for_delivery",
      headline: "Out for delivery today",
      progress: { step: 2, problem: false },
      edd: "Wednesday, November 25",
      originalEdd: "Monday, November 23",
      verified: false,
      details: null,
    });
    if (p.kind !== "tracking") throw new Error("unreachable");
    // Our words, not the carrier's: its text can name the signer or the sender (issue 13, finding 6).
    expect(p.events.map((e) => e.description)).toEqual(["Out for delivery", "Arrived at a carrier facility", "Received by the carrier", "Label created"]);
    expect(p.events[0].location).toBe("Eugene, OR");
    const json = JSON.stringify(p);
    for (const secret of ["Taylor", "Evergreen", "97403", "ALPHA-1001", a.shop.name, "care@alpha.test", "taylor@example.com"]) {
      expect(json, secret).not.toContain(secret);
    }
  });

  it("answers an unknown number exactly like a known number the carrier has not scanned yet", async () => {
    const quiet = await createParcel(a.scope, { status: "pending" });
    const voided = await createParcel(a.scope, { status: "voided" });
    const unknown = "1Z0000000000000000";
    const shapes = [
      { number: quiet.trackingNumber, page: await page(quiet.trackingNumber) },
      { number: voided.trackingNumber, page: await page(voided.trackingNumber) },
      { number: unknown, page: await page(unknown) },
    ].map(({ number, page }) => JSON.stringify(page).replaceAll(number, "<number>"));
    expect(new Set(shapes).size).toBe(1);
    expect(JSON.parse(shapes[0])).toEqual({ kind: "none", trackingNumber: "<number>" });
  });

  it("shows name and address only after the right postal code, and remembers it for that number only", async () => {
    const wrong = await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: parcel.trackingNumber, postalCode: "97401" });
    const unknown = await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: "1Z0000000000000000", postalCode: "97403" });
    // A wrong code for a real parcel and any code for a made-up number get the same answer.
    expect(wrong).toEqual({ kind: "mismatch", message: MISMATCH_MESSAGE });
    expect(unknown).toEqual(wrong);

    const right = await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: parcel.trackingNumber.toLowerCase(), postalCode: "97403-1234" });
    if (right.kind !== "verified") throw new Error(`expected verified, got ${right.kind}`);
    // The verified page is the shop's own address for the parcel.
    expect(right.to).toBe(`/track/${a.shop.slug}/${parcel.trackingNumber}`);
    expect(right.cookie).toMatch(new RegExp(`^pd_track_${parcel.trackingNumber}=`));
    expect(right.cookie).toMatch(/Path=\/track;/);
    expect(right.cookie).toMatch(/HttpOnly/);
    expect(right.cookie).toMatch(/Max-Age=1800/);
    const cookie = right.cookie.split(";")[0];

    const verified = await page(parcel.trackingNumber, cookie);
    expect(verified).toMatchObject({
      kind: "tracking",
      verified: true,
      details: {
        orderId: "ALPHA-1001",
        shopName: a.shop.name,
        supportEmail: "care@alpha.test",
        buyerName: "Taylor Tracker",
        addressLines: ["742 Evergreen Terrace", "Springfield, OR 97403", "US"],
      },
    });
    // The cookie proves nothing about another parcel, and a changed cookie proves nothing at all.
    const other = await createParcel(a.scope);
    await addEvents(a.scope, other, [{ code: "OR", status: "in_transit", at: hoursAgo(3) }]);
    expect(await verifiedShipment(request(cookie), other.trackingNumber)).toBeNull();
    // Even renamed to the other number's cookie, the signed value names this number only.
    const renamed = cookie.replace(`pd_track_${parcel.trackingNumber}=`, `pd_track_${other.trackingNumber}=`);
    expect(await verifiedShipment(request(renamed), other.trackingNumber)).toBeNull();
    expect(await page(other.trackingNumber, cookie)).toMatchObject({ kind: "tracking", verified: false, details: null });
    const [name, value] = cookie.split("=");
    expect(await verifiedShipment(request(`${name}=${value.slice(0, -4)}abcd`), parcel.trackingNumber)).toBeNull();
  });

  it("sends a differently written number to its one canonical address", async () => {
    const result = await trackingPage(handle.db, { request: request(), ip: freshIp(), rawNumber: parcel.trackingNumber.toLowerCase() });
    expect(result).toEqual({ kind: "redirect", to: `/track/${parcel.trackingNumber}` });
  });

  it("shows proof of delivery, with the signer's name only after verification", async () => {
    const delivered = await createParcel(a.scope, { status: "delivered", postalCode: "10001", city: "New York", region: "NY" });
    await a.scope
      .updateTable("shipments")
      .set({ delivered_at: hoursAgo(1), delivered_day: "2026-11-24", proof_type: "signature", proof_signed_by: "T TRACKER" })
      .where("id", "=", delivered.shipmentId)
      .execute();
    await addEvents(a.scope, delivered, [{ code: "FS", status: "delivered", at: hoursAgo(1), description: "Delivered" }]);
    expect(await page(delivered.trackingNumber)).toMatchObject({
      headline: "Delivered",
      progress: { step: 3, problem: false },
      deliveredOn: "Tuesday, November 24",
      proof: "signature",
      edd: null,
      details: null,
    });
    expect(JSON.stringify(await page(delivered.trackingNumber))).not.toContain("TRACKER");
    const ok = await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: delivered.trackingNumber, postalCode: "10001" });
    if (ok.kind !== "verified") throw new Error("expected verified");
    expect(await page(delivered.trackingNumber, ok.cookie.split(";")[0])).toMatchObject({ details: { signedBy: "T TRACKER" } });
  });

  it("explains a problem in plain words", async () => {
    const held = await createParcel(a.scope, { status: "exception" });
    await addEvents(a.scope, held, [
      { code: "OR", status: "in_transit", at: hoursAgo(30) },
      { code: "AG", status: "exception", at: hoursAgo(2), exceptionType: "address_issue", description: "Address information required" },
    ]);
    expect(await page(held.trackingNumber)).toMatchObject({
      tone: "problem",
      progress: { step: 1, problem: true },
      issue: { kind: "address_issue", title: "There is a problem with the delivery address" },
    });
  });

  it("limits lookups per address, and postal code guesses per tracking number from any address", async () => {
    const ip = freshIp();
    const rule = { limit: 2, windowSeconds: 600 };
    expect((await takeRateLimit(handle.db, `test:${ip}`, rule)).ok).toBe(true);
    expect((await takeRateLimit(handle.db, `test:${ip}`, rule)).ok).toBe(true);
    const third = await takeRateLimit(handle.db, `test:${ip}`, rule);
    expect(third.ok).toBe(false);
    expect(third.retryAfterSeconds).toBeGreaterThan(0);
    expect(third.retryAfterSeconds).toBeLessThanOrEqual(600);

    const target = await createParcel(a.scope, { postalCode: "30303" });
    for (let i = 0; i < TRACKING_LIMITS.verifyPerNumber.limit; i++) {
      const r = await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: target.trackingNumber, postalCode: String(30300 + i) });
      expect(r.kind).toBe(i === 3 ? "verified" : "mismatch");
    }
    // Even the right code from a brand-new address is refused once the number has had its tries.
    expect(await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: target.trackingNumber, postalCode: "30303" })).toMatchObject({
      kind: "rate_limited",
    });

    const viewer = freshIp();
    for (let i = 0; i < TRACKING_LIMITS.views.limit; i++) {
      await takeRateLimit(handle.db, `track:view:${viewer}`, TRACKING_LIMITS.views);
    }
    expect(await trackingPage(handle.db, { request: request(), ip: viewer, rawNumber: parcel.trackingNumber })).toMatchObject({ kind: "rate_limited" });
  });

  it("finds a parcel by order number and email, and says the same for any wrong pair", async () => {
    expect(await findParcel(handle.db, { ip: freshIp(), trackingNumber: "", orderId: "ALPHA-1001", email: "Taylor@Example.com " })).toEqual({
      kind: "redirect",
      to: `/track/${a.shop.slug}/${parcel.trackingNumber}`,
    });
    const wrongEmail = await findParcel(handle.db, { ip: freshIp(), trackingNumber: "", orderId: "ALPHA-1001", email: "someone@example.com" });
    const wrongOrder = await findParcel(handle.db, { ip: freshIp(), trackingNumber: "", orderId: "NOPE-1", email: "taylor@example.com" });
    expect(wrongEmail).toEqual(wrongOrder);
    expect(wrongEmail).toMatchObject({ kind: "message", message: expect.stringMatching(/could not find an order/) });
    await a.scope
      .insertInto("orders", {
        external_id: "ALPHA-2002",
        source: "generic",
        status: "to_ship",
        buyer_name: "Una Shipped",
        buyer_email: "una@example.com",
        address1: "1 Main St",
        city: "Austin",
        postal_code: "78701",
        country: "US",
        content_hash: "x",
      })
      .execute();
    expect(await findParcel(handle.db, { ip: freshIp(), trackingNumber: "", orderId: "ALPHA-2002", email: "una@example.com" })).toMatchObject({
      kind: "message",
      message: expect.stringMatching(/has not shipped yet/),
    });
  });

  it("keeps shops apart when two shops have the same tracking number", async () => {
    const number = "1ZSHARED0000000001";
    const pa = await createParcel(a.scope, { trackingNumber: number, postalCode: "60601", buyerName: "Alice Alpha" });
    const pb = await createParcel(b.scope, { trackingNumber: number, postalCode: "94103", buyerName: "Bob Bravo" });
    await addEvents(a.scope, pa, [{ code: "OR", status: "in_transit", at: hoursAgo(5) }]);
    await addEvents(b.scope, pb, [{ code: "OR", status: "in_transit", at: hoursAgo(4) }]);
    expect((await locateShipments(handle.db, number)).map((l) => l.shopId).sort()).toEqual([a.shop.id, b.shop.id].sort());
    for (const [postal, buyer, notBuyer] of [
      ["60601", "Alice Alpha", "Bob Bravo"],
      ["94103", "Bob Bravo", "Alice Alpha"],
    ]) {
      const ok = await verifyPostalCode(handle.db, { ip: freshIp(), rawNumber: number, postalCode: postal });
      if (ok.kind !== "verified") throw new Error(`expected verified for ${postal}`);
      const view = await page(number, ok.cookie.split(";")[0]);
      expect(view).toMatchObject({ details: { buyerName: buyer } });
      expect(JSON.stringify(view)).not.toContain(notBuyer);
    }
  });

  it("lets a buyer change their choices from the link, for that shop only", async () => {
    const link = unsubscribeUrl(a.shop.id, "taylor@example.com");
    const token = link.split("/unsubscribe/")[1];
    expect(await unsubscribeView(handle.db, token)).toMatchObject({ shopName: a.shop.name, maskedContact: "t***r@example.com", preference: { unsubscribed: false } });
    await applyUnsubscribeChoice(handle.db, token, { intent: "choose", topicsOn: ["shipped", "delivered"], channelsOn: ["email"] });
    expect(await preferenceOf(a.scope, "taylor@example.com")).toMatchObject({
      unsubscribed: false,
      topicsOff: ["address_issue", "delayed", "failed_attempt", "out_for_delivery", "support"],
      channelsOff: ["sms"],
    });
    // Nothing chosen means everything off.
    await applyUnsubscribeChoice(handle.db, token, { intent: "choose", topicsOn: [], channelsOn: ["email", "sms"] });
    expect((await preferenceOf(a.scope, "taylor@example.com")).unsubscribed).toBe(true);
    await applyUnsubscribeChoice(handle.db, token, { intent: "resubscribe" });
    expect(await preferenceOf(a.scope, "taylor@example.com")).toMatchObject({ unsubscribed: false, topicsOff: [], channelsOff: [] });
    // The other shop's preferences for the same address are untouched.
    expect(await b.scope.selectFrom("buyer_preferences").selectAll().execute()).toEqual([]);
    const audit = await a.scope.selectFrom("audit_log").select("details").where("action", "=", "buyer_preferences.updated").execute();
    expect(audit.map((r) => r.details.summary)).toContain("The buyer (t***r@example.com) unsubscribed from all messages.");
  });
});

describe(`public tracking routes on ${backend}`, () => {
  it("answers unknown and unverified numbers with the same status and shape, and 429 with Retry-After", async () => {
    useDatabase(handle);
    const route = await import("../../app/routes/track.$number");
    const call = (number: string, ip: string) =>
      route.loader({
        request: new Request(`http://localhost/track/${number}`, { headers: { "x-parcel-desk-client-ip": ip } }),
        params: { number },
        context: {},
      });
    const quiet = await createParcel(a.scope, { status: "pending" });
    const unknown = (await call("1Z0000000000000099", freshIp())) as unknown as { data: unknown; init: ResponseInit | null };
    const known = (await call(quiet.trackingNumber, freshIp())) as unknown as { data: unknown; init: ResponseInit | null };
    expect(known.init?.status ?? 200).toBe(unknown.init?.status ?? 200);
    expect(JSON.stringify(known.data).replace(quiet.trackingNumber, "N")).toBe(JSON.stringify(unknown.data).replace("1Z0000000000000099", "N"));
    expect(new Headers(known.init?.headers).get("Cache-Control")).toBe("private, no-store");

    const busy = freshIp();
    for (let i = 0; i < TRACKING_LIMITS.views.limit; i++) await takeRateLimit(handle.db, `track:view:${busy}`, TRACKING_LIMITS.views);
    const thrown = await call(parcel.trackingNumber, busy).then(
      () => null,
      (e: unknown) => e as { data: { retryAfterSeconds: number }; init: ResponseInit },
    );
    expect(thrown?.init.status).toBe(429);
    expect(Number(new Headers(thrown?.init.headers).get("Retry-After"))).toBeGreaterThan(0);
  });

  it("unsubscribes in one click from a mail client's POST (RFC 8058), and refuses a tampered link", async () => {
    useDatabase(handle);
    const route = await import("../../app/routes/unsubscribe.$token");
    const token = unsubscribeUrl(b.shop.id, "one.click@example.com").split("/unsubscribe/")[1];
    const post = (t: string) =>
      route.action({
        request: new Request(`http://localhost/unsubscribe/${t}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
        params: { token: t },
        context: {},
      });
    await post(token);
    expect(await preferenceOf(b.scope, "one.click@example.com")).toMatchObject({ unsubscribed: true });
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const refused = await post(tampered).then(
      () => null,
      (e: unknown) => e as Response,
    );
    expect(refused).toBeInstanceOf(Response);
    expect(refused?.status).toBe(400);
    expect(((await refused?.json()) as { message: string }).message).toMatch(/This link is not valid/);
  });
});

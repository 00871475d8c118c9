// Data the e2e specs need beyond the demo shop: a second shop ("rival") with its own owner, so a
// spec can prove the demo users cannot reach it, and a third ("corner") whose owner is invited.
import type { Queryable } from "../../app/lib/db.server";
import { forShop } from "../../app/lib/tenancy.server";
import { addMember, createShop, createUser, findShopBySlug } from "../../app/modules/shops/shops.server";
import { DEMO_SHOP } from "../../db/seed/seed-demo";
import { createCaseFixture } from "../fixtures/cases";
import { addEvents, createParcel } from "../fixtures/buyers";
import { seedLabelOrders } from "../fixtures/labels";
import { seedAnalyticsParcels } from "../fixtures/analytics";
import { seedAssignFixtures } from "../fixtures/assign";
import { seedUnmappedCodes } from "../fixtures/tracking";

export const E2E_FIXTURES = {
  rival: { slug: "rival", name: "Rival Goods", owner: { email: "owner@rival.test", password: "rival-owner-2026", name: "Rita Rival" } },
  /** A third shop whose owner accepts an invitation to the demo shop in tests/e2e/accounts.spec.ts. */
  corner: { slug: "corner", name: "Corner Store", owner: { email: "owner@corner.test", password: "corner-owner-2026", name: "Cory Corner" } },
} as const;

export async function seedE2eFixtures(db: Queryable): Promise<void> {
  const { rival, corner } = E2E_FIXTURES;
  const shop = await createShop(db, { slug: rival.slug, name: rival.name });
  const owner = await createUser(db, rival.owner);
  await addMember(db, shop.id, owner.id, "owner");
  const cornerShop = await createShop(db, { slug: corner.slug, name: corner.name });
  await addMember(db, cornerShop.id, (await createUser(db, corner.owner)).id, "owner");
  await seedTriageCases(db);
  await seedTrackingParcel(db);
  await seedLabelOrders(db);
  await seedAnalyticsParcels(db);
  await seedAssignFixtures(db);
  await seedTrackingSettings(db);
  await seedRivalOrder(db, shop.id);
}

/** An order of the rival shop, for tests/e2e/import.spec.ts: its page must answer 404 under the demo shop. */
export const E2E_RIVAL_ORDER = "RIVAL-ORDER-1";

export async function seedRivalOrder(db: Queryable, rivalShopId: number): Promise<void> {
  await forShop(db, rivalShopId)
    .insertInto("orders", {
      external_id: E2E_RIVAL_ORDER,
      source: "csv",
      status: "to_ship",
      buyer_name: "Rival Buyer",
      address1: "1 Rival Rd",
      city: "Austin",
      region: "TX",
      postal_code: "78701",
      country: "US",
      content_hash: "e2e",
    })
    .execute();
}

/** Unmapped carrier codes in the demo shop, for tests/e2e/tracking-settings.spec.ts. */
export async function seedTrackingSettings(db: Queryable): Promise<void> {
  const demo = await findShopBySlug(db, DEMO_SHOP.slug);
  if (!demo) throw new Error("seedTrackingSettings: seed the demo shop first");
  await seedUnmappedCodes(forShop(db, demo.id));
}

/** Exception cases in the demo shop for tests/e2e/triage.spec.ts (until the demo seed runs detection). */
export const E2E_TRIAGE = {
  keyboardOrder: "E2E-TRIAGE-1001",
  conflictOrder: "E2E-TRIAGE-1002",
} as const;

export async function seedTriageCases(db: Queryable): Promise<void> {
  const demo = await findShopBySlug(db, DEMO_SHOP.slug);
  if (!demo) throw new Error("seedTriageCases: seed the demo shop first");
  const scope = forShop(db, demo.id);
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  await createCaseFixture(scope, { externalId: E2E_TRIAGE.keyboardOrder, type: "damaged", buyerName: "Nina Patel", buyerEmail: "nina.patel@example.com", openedAt: hoursAgo(3), reason: "UPS reported the parcel damaged at Louisville KY." });
  await createCaseFixture(scope, { externalId: E2E_TRIAGE.conflictOrder, type: "lost", buyerName: "Omar Haddad", buyerEmail: "omar.haddad@example.com", openedAt: hoursAgo(6), carrier: "fedex", destRegion: "TX", reason: "No scan for 10 days after the last one." });
  await createCaseFixture(scope, { externalId: "E2E-TRIAGE-1003", type: "delayed", openedAt: hoursAgo(30), destRegion: "CA", reason: "Not delivered and now past the current EDD." });
  await createCaseFixture(scope, { externalId: "E2E-TRIAGE-1004", type: "stalled", carrier: "usps", openedAt: hoursAgo(80), destRegion: "NY", reason: "In transit and no scan for 72 hours." });
  await createCaseFixture(scope, { externalId: "E2E-TRIAGE-1005", type: "misrouted", openedAt: hoursAgo(1), destRegion: "TX", reason: "Scanned in Ohio, further from Houston TX than the previous scan in Oklahoma." });
}

/** A parcel on its way in the demo shop, for tests/e2e/tracking-page.spec.ts (the public tracking page). */
export const E2E_TRACKING = {
  trackingNumber: "1Z999AA10123456784",
  orderId: "E2E-TRACK-2001",
  buyerName: "Taylor Tracker",
  street: "742 Evergreen Terrace",
  postalCode: "97403",
  email: "taylor.tracker@example.com",
  /** A label the carrier has not scanned yet: its page must look exactly like an unknown number's. */
  unscannedTrackingNumber: "1Z999AA10123456793",
  /** Held by the carrier for a bad address: the page explains it. */
  problemTrackingNumber: "1Z999AA10123456800",
} as const;

export async function seedTrackingParcel(db: Queryable): Promise<void> {
  const demo = await findShopBySlug(db, DEMO_SHOP.slug);
  if (!demo) throw new Error("seedTrackingParcel: seed the demo shop first");
  const scope = forShop(db, demo.id);
  const t = E2E_TRACKING;
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const parcel = await createParcel(scope, {
    externalId: t.orderId,
    trackingNumber: t.trackingNumber,
    buyerName: t.buyerName,
    buyerEmail: t.email,
    address1: t.street,
    city: "Eugene",
    region: "OR",
    postalCode: t.postalCode,
    status: "out_for_delivery",
    eddOriginal: day(-1),
    eddCurrent: day(0),
  });
  await addEvents(scope, parcel, [
    { code: "MP", status: "info_received", at: hoursAgo(70), description: "Shipper created a label, UPS has not received the package yet", city: "Columbus", region: "OH", offset: "-05:00" },
    { code: "OR", status: "in_transit", substatus: "origin_scan", at: hoursAgo(52), description: "Origin scan", city: "Columbus", region: "OH", offset: "-05:00" },
    { code: "DP", status: "in_transit", substatus: "departure_scan", at: hoursAgo(47), description: "Departed from facility", city: "Louisville", region: "KY", offset: "-05:00" },
    { code: "AR", status: "in_transit", substatus: "arrival_scan", at: hoursAgo(20), description: "Arrived at facility", city: "Portland", region: "OR", offset: "-08:00" },
    { code: "OT", status: "out_for_delivery", substatus: "out_for_delivery_today", at: hoursAgo(3), description: "Out for delivery today", city: "Eugene", region: "OR", offset: "-08:00" },
  ]);
  await createParcel(scope, { externalId: `${t.orderId}-B`, trackingNumber: t.unscannedTrackingNumber, status: "pending", postalCode: "10001" });
  const held = await createParcel(scope, { externalId: `${t.orderId}-C`, trackingNumber: t.problemTrackingNumber, status: "exception", postalCode: "60601" });
  await addEvents(scope, held, [
    { code: "OR", status: "in_transit", at: hoursAgo(30), description: "Origin scan", city: "Columbus", region: "OH" },
    { code: "AG", status: "exception", at: hoursAgo(4), description: "The address is incomplete", city: "Chicago", region: "IL", exceptionType: "address_issue" },
  ]);
}

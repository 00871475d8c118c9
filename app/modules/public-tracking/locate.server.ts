// Which parcel a buyer means. A tracking number resolves within one shop: the links in buyer
// messages name the shop (/track/<shop>/<number>), and only there is a number looked up by shop.
// The bare /track/<number>, the postal code check and the order lookup read across shops (the one
// deliberate cross-shop read, returning ids only, shop by shop through each shop's own index) and
// show a parcel only when exactly one shop's parcel answers; with two candidates nobody wins by
// being newer, so a shop that copies another shop's number never takes over its buyers' page.
import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { Queryable } from "../../lib/db.server";
import { forShop } from "../../lib/tenancy.server";
import { findShopBySlug } from "../shops/shops.server";
import { postalForMatch } from "./presentation";

export interface LocatedShipment {
  shopId: number;
  shipmentId: number;
}

export interface FoundShipment extends LocatedShipment {
  shopSlug: string;
}

/** The newest live shipment with this number in each shop that has one (normally one shop). */
export async function locateShipments(db: Queryable, trackingNumber: string): Promise<FoundShipment[]> {
  const result = await sql<{ shop_id: number; slug: string; id: number }>`
    select s.shop_id, sh.slug, s.id
    from shops sh
    cross join lateral (
      select shipments.shop_id, shipments.id, shipments.created_at
      from shipments
      where shipments.shop_id = sh.id
        and shipments.tracking_number = ${trackingNumber}
        and shipments.status <> 'voided'
      order by shipments.id desc
      limit 1
    ) s
    order by s.created_at desc, s.id desc
    limit 5`.execute(db);
  return result.rows.map((r) => ({ shopId: Number(r.shop_id), shopSlug: r.slug, shipmentId: Number(r.id) }));
}

/** The shop's newest live shipment with this number, or null (also for a shop that does not exist). */
export async function locateInShop(db: Queryable, shopSlug: string, trackingNumber: string): Promise<FoundShipment | null> {
  const shop = await findShopBySlug(db, shopSlug);
  if (!shop) return null;
  const row = await forShop(db, shop.id)
    .selectFrom("shipments")
    .select("id")
    .where("tracking_number", "=", trackingNumber)
    .where("status", "<>", "voided")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? { shopId: shop.id, shopSlug: shop.slug, shipmentId: row.id } : null;
}

/** The parcel at the bare /track/<number>: only when exactly one shop holds the number. */
export async function locateUnambiguous(db: Queryable, trackingNumber: string): Promise<FoundShipment | null> {
  const found = await locateShipments(db, trackingNumber);
  return found.length === 1 ? found[0] : null;
}

export type OrderLookup =
  | { kind: "found"; trackingNumber: string; shopSlug: string }
  | { kind: "ambiguous" }
  | { kind: "not_shipped" }
  | { kind: "none" };

/** An order id plus the buyer's email (both must match) -> the shop and tracking number of its live shipment. */
export async function findTrackingNumberByOrder(db: Queryable, orderExternalId: string, email: string): Promise<OrderLookup> {
  const result = await sql<{ shop_id: number; slug: string; id: number }>`
    select o.shop_id, sh.slug, o.id
    from shops sh
    cross join lateral (
      select orders.shop_id, orders.id
      from orders
      where orders.shop_id = sh.id
        and orders.external_id = ${orderExternalId}
        and lower(orders.buyer_email) = ${email.trim().toLowerCase()}
        and orders.status <> 'cancelled'
    ) o
    order by o.id desc
    limit 5`.execute(db);
  const found: { trackingNumber: string; shopSlug: string }[] = [];
  for (const row of result.rows) {
    const shipment = await forShop(db, Number(row.shop_id))
      .selectFrom("shipments")
      .select("tracking_number")
      .where("order_id", "=", Number(row.id))
      .where("status", "<>", "voided")
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (shipment) found.push({ trackingNumber: shipment.tracking_number, shopSlug: row.slug });
  }
  if (found.length > 1) return { kind: "ambiguous" };
  if (found.length === 1) return { kind: "found", ...found[0] };
  return result.rows.length ? { kind: "not_shipped" } : { kind: "none" };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/**
 * The shipment whose destination postal code the buyer typed, or null: within the named shop, or
 * across shops when exactly one candidate matches. An unknown number still makes a comparison, so
 * both answers take about as long.
 */
export async function matchPostalCode(db: Queryable, trackingNumber: string, postalCode: string, shopSlug?: string): Promise<FoundShipment | null> {
  const candidates = shopSlug === undefined ? await locateShipments(db, trackingNumber) : [await locateInShop(db, shopSlug, trackingNumber)].filter((c) => c !== null);
  if (candidates.length === 0) {
    timingSafeEqual(digest(postalForMatch(postalCode, "US")), digest("no shipment"));
    return null;
  }
  const matches: FoundShipment[] = [];
  for (const c of candidates) {
    const row = await forShop(db, c.shopId)
      .selectFrom("shipments")
      .innerJoin("orders", (j) => j.onRef("orders.id", "=", "shipments.order_id").onRef("orders.shop_id", "=", "shipments.shop_id"))
      .select(["shipments.dest_postal_code", "shipments.dest_country", "orders.postal_code", "orders.country"])
      .where("shipments.id", "=", c.shipmentId)
      .executeTakeFirst();
    if (!row) continue;
    const country = row.dest_country ?? row.country;
    const expected = postalForMatch(row.dest_postal_code ?? row.postal_code, country);
    const given = postalForMatch(postalCode, country);
    if (expected.length > 0 && timingSafeEqual(digest(expected), digest(given))) matches.push(c);
  }
  // Two shops' parcels at one postal code: neither is shown; the order lookup tells them apart.
  return matches.length === 1 ? matches[0] : null;
}

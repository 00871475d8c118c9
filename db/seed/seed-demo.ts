// Seeds the demo shop: one user per role, a few hundred realistic orders, carrier accounts and
// rules, carriers assigned by those rules, labels for most orders, and two weeks of simulated
// carrier scans, so a fresh install shows every status and exception type. Used by
// `npm run db:seed` and by the first `npm start` on an empty database. Every step goes through the
// same module functions as the app and the CLI.
import { createHash } from "node:crypto";
import type { Queryable } from "../../app/lib/db.server";
import { forShop } from "../../app/lib/tenancy.server";
import { assignCarriers } from "../../app/modules/carriers/assign.server";
import { addDays, instantAt, localDay } from "../../app/modules/carriers/business-days";
import { seedCarrierDefaults } from "../../app/modules/carriers/seed.server";
import { generateLabels } from "../../app/modules/labels/batches.server";
import { addMember, createShop, createUser, findShopBySlug, findUserByEmail } from "../../app/modules/shops/shops.server";
import { simulateShop } from "../../app/modules/ingestion/simulator/simulate.server";
import type { Role } from "../types";
import { demoOrders } from "./demo-data";

export const DEMO_SHOP = { slug: "demo", name: "Demo Shop" } as const;

export const DEMO_USERS: { role: Role; email: string; name: string; password: string }[] = [
  { role: "owner", email: "owner@demo.parceldesk.test", name: "Olivia Owner", password: "demo-owner-2026" },
  { role: "fulfilment", email: "fulfilment@demo.parceldesk.test", name: "Felix Fulfilment", password: "demo-fulfil-2026" },
  { role: "support", email: "support@demo.parceldesk.test", name: "Sam Support", password: "demo-support-2026" },
];

export interface SeedResult {
  created: boolean;
  shopId: number;
  orders: number;
  /** Shipments whose journeys were simulated, and their events. */
  parcels: number;
  events: number;
  users: typeof DEMO_USERS;
}

/** The newest orders are left for the demo flows: some unassigned, some assigned without a label. */
const LEFT_UNASSIGNED = 25;
const LEFT_UNLABELLED = 25;

export async function seedDemo(
  db: Queryable,
  options: { orders?: number; now?: Date; parcels?: boolean } = {},
): Promise<SeedResult> {
  const existing = await findShopBySlug(db, DEMO_SHOP.slug);
  if (existing) return { created: false, shopId: existing.id, orders: 0, parcels: 0, events: 0, users: DEMO_USERS };
  const now = options.now ?? new Date();

  const shop = await createShop(db, DEMO_SHOP);
  for (const u of DEMO_USERS) {
    const user = (await findUserByEmail(db, u.email)) ?? (await createUser(db, u));
    await addMember(db, shop.id, user.id, u.role);
  }
  const scope = forShop(db, shop.id);
  // In the order they were placed, as a real shop's orders arrive: the orders table lists newest first.
  const orders = demoOrders(options.orders ?? 300, now).sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  await scope.transaction(async (tx) => {
    for (const o of orders) {
      const row = await tx
        .insertInto("orders", {
          external_id: o.externalId,
          source: o.source,
          status: o.cancelled ? "cancelled" : "to_ship",
          marketplace_status: o.cancelled ? "Cancelled" : "To ship",
          placed_at: o.placedAt,
          buyer_name: o.buyerName,
          buyer_email: o.buyerEmail,
          buyer_phone: o.buyerPhone,
          address1: o.address1,
          address2: o.address2,
          city: o.city,
          region: o.region,
          postal_code: o.postalCode,
          country: o.country,
          service_level: o.serviceLevel,
          total_cents: o.totalCents,
          weight_grams: o.weightGrams,
          tags: o.tags,
          buyer_message: o.buyerMessage,
          content_hash: createHash("sha256").update(JSON.stringify(o)).digest("hex"),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto(
          "order_items",
          o.items.map((it, n) => ({
            order_id: row.id,
            line_no: n + 1,
            sku: it.sku,
            product_name: it.productName,
            variation: it.variation,
            quantity: it.quantity,
            unit_price_cents: it.unitPriceCents,
            weight_grams: it.weightGrams,
          })),
        )
        .execute();
    }
  });
  const life = options.parcels === false ? { parcels: 0, events: 0 } : await playParcelLives(scope, now);
  return { created: true, shopId: shop.id, orders: orders.length, ...life, users: DEMO_USERS };
}

/** Carriers by the demo rules, labels, then simulated carrier scans and the exception scan. */
async function playParcelLives(scope: ReturnType<typeof forShop>, now: Date): Promise<{ parcels: number; events: number }> {
  await seedCarrierDefaults(scope);
  const toShip = await scope
    .selectFrom("orders")
    .select("id")
    .where("status", "=", "to_ship")
    .orderBy("placed_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const ids = toShip.map((o) => o.id);
  const assignable = ids.slice(LEFT_UNASSIGNED);
  const assigned = await assignCarriers(scope, { actorUserId: null, target: { orderIds: assignable }, method: { by: "rules" }, now });
  const assignedIds = new Set(assigned.assigned.map((a) => a.orderId));
  const toLabel = assignable.slice(LEFT_UNLABELLED).filter((id) => assignedIds.has(id)).reverse();
  await generateLabels(scope, { format: "pdf", layout: "4x6", packingSlips: false, actorUserId: null, orderIds: toLabel });
  // Journeys are played up to the most recent early afternoon in the shop's time zone, when some
  // parcels are always out for delivery, so every status shows whatever time the seed runs.
  const shop = await scope.db.selectFrom("shops").select("time_zone").where("id", "=", scope.shopId).executeTakeFirstOrThrow();
  const today = localDay(now, shop.time_zone);
  const afternoon = instantAt(today, "13:30", shop.time_zone);
  const playedUntil = afternoon <= now ? afternoon : instantAt(addDays(today, -1), "13:30", shop.time_zone);
  const simulated = await simulateShop(scope, { days: 14, seed: 42, now: playedUntil });
  return { parcels: simulated.shipments, events: simulated.events };
}

export function describeSeed(result: SeedResult): string {
  const lines = [
    result.created
      ? `Seeded the demo shop "${DEMO_SHOP.name}" (slug ${DEMO_SHOP.slug}): ${result.orders} orders, ${result.parcels} parcels with ${result.events} simulated carrier scans.`
      : `The demo shop (slug ${DEMO_SHOP.slug}) already exists; nothing was changed.`,
    "Demo sign-ins:",
    ...result.users.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(34)} password: ${u.password}`),
  ];
  return lines.join("\n");
}

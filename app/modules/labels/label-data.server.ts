// Reading what a label shows: shipments with their orders, items, the shop's return address and
// time zone, turned into LabelContent for the renderers.
import type { ShopScope } from "../../lib/tenancy.server";
import { localDay } from "../carriers/business-days";
import { parseShopSettings, type ShopSettings } from "../shops/settings";
import { getShop } from "../shops/shops.server";
import { type LabelContent, labelContent } from "./label-content";

export interface ShopLabelContext {
  shopName: string;
  timeZone: string;
  settings: ShopSettings;
}

export async function shopLabelContext(scope: ShopScope): Promise<ShopLabelContext> {
  const shop = await getShop(scope.db, scope.shopId);
  return { shopName: shop.name, timeZone: shop.time_zone, settings: parseShopSettings(shop.settings) };
}

/** Label contents for shipments, in the order asked (ids that are not this shop's are left out). */
export async function loadLabelContents(scope: ShopScope, shipmentIds: readonly number[], shop?: ShopLabelContext): Promise<LabelContent[]> {
  if (shipmentIds.length === 0) return [];
  const ctx = shop ?? (await shopLabelContext(scope));
  const rows = await scope
    .selectFrom("shipments")
    .innerJoin("orders", (j) => j.onRef("orders.id", "=", "shipments.order_id").onRef("orders.shop_id", "=", "shipments.shop_id"))
    .select([
      "shipments.id",
      "shipments.order_id as orderId",
      "shipments.tracking_number as trackingNumber",
      "shipments.carrier_code as carrierCode",
      "shipments.service_code as serviceCode",
      "shipments.weight_grams as weightGrams",
      "shipments.package_count as packageCount",
      "shipments.edd_current as eddCurrent",
      "shipments.label_created_at as labelCreatedAt",
      "shipments.created_at as createdAt",
      "orders.external_id as externalId",
      "orders.buyer_name as buyerName",
      "orders.buyer_phone as buyerPhone",
      "orders.address1",
      "orders.address2",
      "orders.city",
      "orders.region",
      "orders.postal_code as postalCode",
      "orders.country",
    ])
    .where("shipments.id", "in", [...shipmentIds])
    .execute();
  const orderIds = [...new Set(rows.map((r) => r.orderId))];
  const items = orderIds.length
    ? await scope
        .selectFrom("order_items")
        .select(["order_id as orderId", "quantity", "sku", "product_name as productName", "variation"])
        .where("order_id", "in", orderIds)
        .orderBy("order_id")
        .orderBy("line_no")
        .execute()
    : [];
  const itemsByOrder = new Map<number, typeof items>();
  for (const it of items) {
    const list = itemsByOrder.get(it.orderId) ?? [];
    list.push(it);
    itemsByOrder.set(it.orderId, list);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: LabelContent[] = [];
  for (const id of shipmentIds) {
    const r = byId.get(id);
    if (!r) continue;
    const createdAt = r.labelCreatedAt ?? r.createdAt;
    out.push(
      labelContent({
        shopName: ctx.shopName,
        order: {
          externalId: r.externalId,
          buyerName: r.buyerName,
          buyerPhone: r.buyerPhone,
          address1: r.address1,
          address2: r.address2,
          city: r.city,
          region: r.region,
          postalCode: r.postalCode,
          country: r.country,
        },
        shipment: {
          trackingNumber: r.trackingNumber,
          carrierCode: r.carrierCode,
          serviceCode: r.serviceCode,
          weightGrams: r.weightGrams,
          packageCount: r.packageCount,
          eddCurrent: r.eddCurrent,
          labelCreatedAt: createdAt,
          labelDay: localDay(createdAt, ctx.timeZone),
        },
        returnAddress: ctx.settings.returnAddress,
        items: itemsByOrder.get(r.orderId) ?? [],
      }),
    );
  }
  return out;
}

// One order for its page: the order, its items, every shipment (live and voided) and where it came
// from. Another shop's order is "not found", exactly like one that does not exist.
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";

export async function getOrderDetail(scope: ShopScope, orderId: number) {
  const order = await scope
    .selectFrom("orders")
    .leftJoin("import_batches", (j) =>
      j.onRef("import_batches.id", "=", "orders.import_batch_id").onRef("import_batches.shop_id", "=", "orders.shop_id"),
    )
    .selectAll("orders")
    .select(["import_batches.file_name as importFileName"])
    .where("orders.id", "=", orderId)
    .executeTakeFirst();
  if (!order) throw new AppError(404, "That order was not found.");
  const [items, shipments] = await Promise.all([
    scope
      .selectFrom("order_items")
      .select(["id", "line_no", "sku", "product_name", "variation", "quantity", "unit_price_cents", "weight_grams"])
      .where("order_id", "=", orderId)
      .orderBy("line_no")
      .execute(),
    scope
      .selectFrom("shipments")
      .select([
        "id",
        "carrier_code",
        "service_code",
        "tracking_number",
        "status",
        "imported",
        "shipped_at",
        "delivered_at",
        "edd_current",
        "edd_original",
        "voided_at",
        "created_at",
      ])
      .where("order_id", "=", orderId)
      .orderBy("id", "desc")
      .execute(),
  ]);
  return { order, items, shipments };
}

export type OrderDetail = Awaited<ReturnType<typeof getOrderDetail>>;

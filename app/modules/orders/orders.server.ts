// The orders table: filtering, searching and keyset pagination (newest first, by id, on the
// (shop_id, id desc) index), and resolving "all orders matching the filters" for bulk actions.
// An order's live shipment (the one not voided) supplies its carrier, tracking number and EDD once
// it has a label; before that the carrier assignment on the order does.
import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "../../../db/types";
import type { ShopScope } from "../../lib/tenancy.server";
import { zonedTimeToUtc } from "../carriers/business-days";
import { addDays } from "../carriers/business-days";
import { COUNT_CAP, type OrderFilters, ORDERS_PAGE_SIZE } from "./filters";


export interface OrderRow {
  id: number;
  externalId: string;
  placedAt: Date | null;
  buyerName: string;
  city: string;
  region: string | null;
  country: string;
  items: number;
  itemsSummary: string;
  totalCents: number;
  currency: string;
  status: string;
  carrierCode: string | null;
  serviceCode: string | null;
  edd: string | null;
  trackingNumber: string | null;
  addressProblems: { code: string; field: string; message: string }[] | null;
  addressOverridden: boolean;
}

export interface OrdersPage {
  orders: OrderRow[];
  /** Cursor for the next (older) page, if there is one. */
  olderCursor: number | null;
  /** Cursor for the previous (newer) page, if there is one. */
  newerCursor: number | null;
}

type OrdersEb = ExpressionBuilder<Database, "orders">;

/** Escapes LIKE wildcards so a search for "50%" means those characters. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return zonedTimeToUtc(y, m, d, 0, 0, 0, 0, timeZone);
}

/** The WHERE clauses for the filters (the scope adds the shop). */
function applyFilters<Q extends { where: (fn: (eb: OrdersEb) => any) => Q }>(scope: ShopScope, qb: Q, f: OrderFilters, timeZone: string): Q {
  let q = qb;
  if (f.status) q = q.where((eb) => eb("orders.status", "=", f.status!));
  if (f.batch) q = q.where((eb) => eb("orders.import_batch_id", "=", f.batch!));
  if (f.carrier) {
    const carrier = f.carrier;
    q = q.where((eb) =>
      eb.or([
        eb("orders.carrier_code", "=", carrier),
        eb.exists(
          scope
            .selectFrom("shipments as cs")
            .select(sql`1`.as("one"))
            .where("cs.order_id", "=", sql.ref<number>("orders.id"))
            .where("cs.carrier_code", "=", carrier)
            .where("cs.status", "<>", "voided"),
        ),
      ]),
    );
  }
  if (f.from) q = q.where((eb) => eb("orders.placed_at", ">=", dayStart(f.from!, timeZone)));
  if (f.to) q = q.where((eb) => eb("orders.placed_at", "<", dayStart(addDays(f.to!, 1), timeZone)));
  if (f.q) {
    const text = f.q;
    const lower = text.toLowerCase();
    const tracking = text.replace(/\s+/g, "").toUpperCase();
    q = q.where((eb) =>
      eb.or([
        eb("orders.external_id", "=", text),
        eb("orders.external_id", "like", likePrefix(text)),
        eb(sql`lower(orders.buyer_name)`, "like", likePrefix(lower)),
        // Any word of the name ("garcía" finds "Olivia García-Pérez").
        eb(sql`lower(orders.buyer_name)`, "like", `%${likePrefix(` ${lower}`)}`),
        eb.exists(
          scope
            .selectFrom("shipments as ts")
            .select(sql`1`.as("one"))
            .where("ts.order_id", "=", sql.ref<number>("orders.id"))
            .where("ts.tracking_number", "=", tracking),
        ),
      ]),
    );
  }
  return q;
}

export async function listOrders(
  scope: ShopScope,
  filters: OrderFilters,
  options: { timeZone: string; after?: number; before?: number; limit?: number },
): Promise<OrdersPage> {
  const limit = options.limit ?? ORDERS_PAGE_SIZE;
  const backwards = options.before !== undefined && options.after === undefined;
  let q = scope
    .selectFrom("orders")
    .leftJoin("shipments", (j) =>
      j.onRef("shipments.order_id", "=", "orders.id").onRef("shipments.shop_id", "=", "orders.shop_id").on("shipments.status", "<>", "voided"),
    )
    .select([
      "orders.id",
      "orders.external_id as externalId",
      "orders.placed_at as placedAt",
      "orders.buyer_name as buyerName",
      "orders.city",
      "orders.region",
      "orders.country",
      "orders.total_cents as totalCents",
      "orders.currency",
      "orders.status",
      "orders.address_problems as addressProblems",
      "orders.address_override as addressOverride",
      sql<string | null>`coalesce(shipments.carrier_code, orders.carrier_code)`.as("carrierCode"),
      sql<string | null>`case when shipments.id is not null then shipments.service_code else orders.service_code end`.as("serviceCode"),
      sql<string | null>`coalesce(shipments.edd_current, orders.edd_max)::text`.as("edd"),
      "shipments.tracking_number as trackingNumber",
    ])
    .select(() => [
      scope
        .selectFrom("order_items")
        .select(sql<number>`coalesce(sum(order_items.quantity), 0)::int4`.as("n"))
        .where("order_items.order_id", "=", sql.ref<number>("orders.id"))
        .as("items"),
      scope
        .selectFrom("order_items")
        .select(
          sql<string>`coalesce(string_agg(order_items.quantity || ' × ' || coalesce(order_items.product_name, order_items.sku, 'item'), ', ' order by order_items.line_no), '')`.as("s"),
        )
        .where("order_items.order_id", "=", sql.ref<number>("orders.id"))
        .as("itemsSummary"),
    ]);
  q = applyFilters(scope, q, filters, options.timeZone);
  if (options.after !== undefined) q = q.where("orders.id", "<", options.after);
  if (backwards) q = q.where("orders.id", ">", options.before!);
  q = q.orderBy("orders.id", backwards ? "asc" : "desc").limit(limit + 1);
  const rows = await q.execute();
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const orders: OrderRow[] = page.map(({ addressOverride, ...r }) => ({
    ...r,
    items: Number(r.items ?? 0),
    itemsSummary: r.itemsSummary ?? "",
    addressProblems: Array.isArray(r.addressProblems) && r.addressProblems.length ? r.addressProblems : null,
    addressOverridden: Boolean(addressOverride),
  }));
  const first = orders[0]?.id;
  const last = orders[orders.length - 1]?.id;
  return {
    orders,
    olderCursor: last !== undefined && (backwards ? options.before !== undefined : more) ? last : null,
    newerCursor: first !== undefined && (backwards ? more : options.after !== undefined) ? first : null,
  };
}

/** How many orders match (up to COUNT_CAP + 1, so the UI can say "10,000+"). */
export async function countOrders(scope: ShopScope, filters: OrderFilters, timeZone: string): Promise<number> {
  const inner = applyFilters(scope, scope.selectFrom("orders").select("orders.id"), filters, timeZone).limit(COUNT_CAP + 1);
  const row = await scope.db
    .selectFrom(inner.as("m"))
    .select(sql<number>`count(*)::int4`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The ids of every order matching the filters (newest first), for a bulk action on "all matching":
 * at most `limit`, and `more` says whether some were left out.
 */
export async function matchingOrderIds(
  scope: ShopScope,
  filters: OrderFilters,
  options: { timeZone: string; limit: number; excludeCancelled?: boolean },
): Promise<{ ids: number[]; more: boolean }> {
  let q = applyFilters(scope, scope.selectFrom("orders").select("orders.id"), filters, options.timeZone);
  if (options.excludeCancelled) q = q.where("orders.status", "<>", "cancelled");
  const rows = await q.orderBy("orders.id", "desc").limit(options.limit + 1).execute();
  return { ids: rows.slice(0, options.limit).map((r) => r.id), more: rows.length > options.limit };
}

/** Carriers that appear on the shop's orders or shipments, for the carrier filter. */
export async function carrierOptions(scope: ShopScope): Promise<string[]> {
  const rows = await scope
    .selectFrom("shipments")
    .select("carrier_code")
    .distinct()
    .execute();
  const assigned = await scope
    .selectFrom("orders")
    .select("carrier_code")
    .where("carrier_code", "is not", null)
    .distinct()
    .execute();
  return [...new Set([...rows.map((r) => r.carrier_code), ...assigned.map((r) => r.carrier_code!)])].sort();
}

// Reading orders as assignment sees them (OrderFacts): the parcel (or the default package), the
// destination, the SKUs, the tags, PO box or not, and any live label. Shared by bulk assignment,
// the manual change and the rules preview.
import type { Selectable } from "kysely";
import type { OrdersTable } from "../../../db/types";
import type { ShopScope } from "../../lib/tenancy.server";
import { isPoBox, normalizeUsState } from "../addresses/regions";
import type { ShopSettings } from "../shops/settings";
import { type OrderFacts, parcelOf } from "./rules";

export const FACT_COLUMNS = [
  "id",
  "external_id",
  "status",
  "placed_at",
  "created_at",
  "address1",
  "address2",
  "region",
  "country",
  "service_level",
  "total_cents",
  "weight_grams",
  "length_mm",
  "width_mm",
  "height_mm",
  "tags",
  "carrier_code",
  "service_code",
  "ship_date",
  "edd_min",
  "edd_max",
] as const;

export type FactRow = Pick<Selectable<OrdersTable>, (typeof FACT_COLUMNS)[number]>;

export interface OrderWithFacts {
  row: FactRow;
  facts: OrderFacts;
}

/** Turns order rows into facts, loading their SKUs (when asked) and live labels in two queries. */
export async function factsFor(
  scope: ShopScope,
  rows: FactRow[],
  settings: ShopSettings,
  options: { skus: boolean; labels: boolean },
): Promise<OrderWithFacts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const skus = new Map<number, string[]>();
  if (options.skus) {
    const items = await scope.selectFrom("order_items").select(["order_id", "sku"]).where("order_id", "in", ids).where("sku", "is not", null).execute();
    for (const it of items) {
      const list = skus.get(it.order_id) ?? [];
      list.push(it.sku!);
      skus.set(it.order_id, list);
    }
  }
  const labels = new Map<number, string>();
  if (options.labels) {
    const live = await scope
      .selectFrom("shipments")
      .select(["order_id", "tracking_number"])
      .where("order_id", "in", ids)
      .where("status", "<>", "voided")
      .execute();
    for (const s of live) labels.set(s.order_id, s.tracking_number);
  }
  const defaults = settings.defaultPackage;
  return rows.map((row) => ({
    row,
    facts: {
      id: row.id,
      externalId: row.external_id,
      status: row.status,
      country: row.country.toUpperCase(),
      region: row.region ? (row.country.toUpperCase() === "US" ? (normalizeUsState(row.region) ?? row.region.toUpperCase()) : row.region.toUpperCase()) : null,
      serviceLevel: row.service_level,
      totalCents: row.total_cents,
      skus: skus.get(row.id) ?? [],
      tags: row.tags ?? [],
      poBox: isPoBox(row.address1, row.address2),
      parcel: parcelOf(row, defaults),
      liveTrackingNumber: labels.get(row.id) ?? null,
      carrierCode: row.carrier_code,
      serviceCode: row.service_code,
    },
  }));
}

/**
 * The shop's unassigned orders waiting to ship, a page at a time in id order (keyset, on the
 * orders_unassigned partial index), so a large backlog never sits in memory at once.
 */
export async function* unassignedOrderPages(scope: ShopScope, pageSize = 1000): AsyncGenerator<FactRow[]> {
  let after = 0;
  for (;;) {
    const page = await scope
      .selectFrom("orders")
      .select(FACT_COLUMNS)
      .where("status", "=", "to_ship")
      .where("carrier_code", "is", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].id;
    if (page.length < pageSize) return;
  }
}

/** How many orders wait to ship without a carrier. */
export async function countUnassigned(scope: ShopScope): Promise<number> {
  const row = await scope
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "to_ship")
    .where("carrier_code", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

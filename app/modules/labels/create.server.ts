// Creating labels for a group of orders in one transaction: lock the orders, run the address check,
// decide per order (new shipment, re-render of the live one, or skip with a reason), get tracking
// numbers from the carrier adapter, insert the shipments (copying carrier, service, EDD,
// destination and weight from the order, per SHARED SEMANTICS), and write the history. Batches
// call this chunk by chunk so progress shows and PGlite's single connection is never held long.
import { sql } from "kysely";
import type { AddressOverride, AddressProblem } from "../../../db/types";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { checkPostalCode, normalizeCountry } from "../addresses/regions";
import { localDay } from "../carriers/business-days";
import type { CarrierAccounts } from "../carriers/accounts.server";
import { type LabelOrder, purchaseLabels } from "../carriers/adapters/index.server";
import { type CarrierCode, carrierName, findService } from "../carriers/registry";
import { openAddressOverrideCase } from "./address-case.server";
import { checkAddress } from "./address-check";
import { decideLabel } from "./eligibility";
import type { ShopLabelContext } from "./label-data.server";
import { printedRegion } from "./label-content";

export interface LabelledOrder {
  kind: "created" | "rerendered";
  orderId: number;
  externalId: string;
  shipmentId: number;
  carrier: string;
  service: string;
  trackingNumber: string;
}
export type LabelOutcome = LabelledOrder | { kind: "skipped"; orderId: number; externalId: string; reason: string };

const sameProblems = (a: readonly AddressProblem[] | null, b: readonly AddressProblem[]) =>
  a !== null && JSON.stringify(a) === JSON.stringify(b);

/**
 * Labels for `orderIds` (internal ids of this shop; others come back skipped). Runs inside the
 * caller's transaction when there is one, else its own.
 */
export async function prepareLabels(
  scope: ShopScope,
  input: { orderIds: readonly number[]; actorUserId: number | null; now: Date; shop: ShopLabelContext; accounts: CarrierAccounts },
): Promise<LabelOutcome[]> {
  // One outcome per order, even if the caller named one twice (a second label would break the rule).
  const orderIds = [...new Set(input.orderIds)];
  if (orderIds.length === 0) return [];
  return scope.transaction(async (tx) => {
    // Locking the orders makes two batches that share orders take turns: the second sees the
    // first one's shipments and re-renders them instead of buying a second label.
    const orders = await tx
      .selectFrom("orders")
      .select([
        "id",
        "external_id",
        "status",
        "carrier_code",
        "service_code",
        "buyer_name",
        "buyer_phone",
        "address1",
        "address2",
        "city",
        "region",
        "postal_code",
        "country",
        "weight_grams",
        "length_mm",
        "width_mm",
        "height_mm",
        "edd_min",
        "edd_max",
        "address_problems",
        "address_override",
      ])
      .where("id", "in", orderIds)
      .orderBy("id")
      .forUpdate()
      .execute();
    const live = await tx
      .selectFrom("shipments")
      .select(["id", "order_id", "imported", "dest_postal_code", "dest_country", "carrier_code", "service_code", "tracking_number"])
      .where("order_id", "in", orderIds)
      .where("status", "<>", "voided")
      .execute();
    const liveByOrder = new Map(live.map((s) => [s.order_id, s]));
    const orderById = new Map(orders.map((o) => [o.id, o]));
    const shipFromCountry = normalizeCountry(input.shop.settings.returnAddress.country) ?? "US";

    // One slot per requested order, in the order asked; new shipments fill theirs once inserted.
    const outcomes: (LabelOutcome | null)[] = [];
    const toCreate: { order: (typeof orders)[number]; overridden: boolean; problems: AddressProblem[] }[] = [];
    const problemUpdates: { id: number; problems: AddressProblem[]; before: AddressProblem[] | null }[] = [];
    for (const orderId of orderIds) {
      const order = orderById.get(orderId);
      if (!order) {
        outcomes.push({ kind: "skipped", orderId, externalId: String(orderId), reason: "No such order in this shop." });
        continue;
      }
      const shipment = liveByOrder.get(orderId) ?? null;
      const service = order.carrier_code && order.service_code ? findService(order.carrier_code, order.service_code) : undefined;
      // The address is checked when a label is about to be bought; a live label's address was checked then.
      const problems = shipment
        ? []
        : checkAddress(
            { buyerName: order.buyer_name, address1: order.address1, address2: order.address2, city: order.city, region: order.region, postalCode: order.postal_code, country: order.country },
            service,
          );
      if (!shipment && order.status === "to_ship" && !sameProblems(order.address_problems, problems)) {
        problemUpdates.push({ id: order.id, problems, before: order.address_problems });
      }
      const account = order.carrier_code ? (input.accounts as Record<string, CarrierAccounts[CarrierCode]>)[order.carrier_code] : undefined;
      const decision = decideLabel({
        status: order.status,
        carrierCode: order.carrier_code,
        serviceCode: order.service_code,
        country: order.country,
        postalCode: checkPostalCode(order.postal_code, normalizeCountry(order.country) ?? order.country).normalized,
        liveShipment: shipment
          ? { id: shipment.id, imported: shipment.imported, destPostalCode: shipment.dest_postal_code, destCountry: shipment.dest_country }
          : null,
        problems,
        override: order.address_override as AddressOverride | null,
        carrierEnabled: account?.enabled ?? true,
        shipFromCountry,
      });
      if (decision.kind === "skip") {
        outcomes.push({ kind: "skipped", orderId, externalId: order.external_id, reason: decision.reason });
      } else if (decision.kind === "rerender" && shipment) {
        outcomes.push({
          kind: "rerendered",
          orderId,
          externalId: order.external_id,
          shipmentId: shipment.id,
          carrier: shipment.carrier_code,
          service: shipment.service_code ?? "",
          trackingNumber: shipment.tracking_number,
        });
      } else if (decision.kind === "create") {
        toCreate.push({ order, overridden: decision.addressOverridden, problems });
        outcomes.push(null);
      }
    }

    if (problemUpdates.length > 0) {
      const payload = JSON.stringify(problemUpdates.map((u) => ({ id: u.id, p: u.problems })));
      // Raw SQL (one statement for the whole chunk), so the shop filter is written out here.
      await sql`
        update orders o set address_problems = x.p, updated_at = now()
        from jsonb_to_recordset(${payload}::jsonb) as x(id bigint, p jsonb)
        where o.shop_id = ${tx.shopId} and o.id = x.id
      `.execute(tx.db);
      const worth = problemUpdates.filter((u) => u.problems.length > 0 || (u.before?.length ?? 0) > 0);
      await recordAudit(
        tx,
        worth.map((u) => ({
          actorUserId: input.actorUserId,
          action: "order.address_checked",
          orderId: u.id,
          details: {
            summary:
              u.problems.length === 0
                ? "Address check passed."
                : `Address check found ${u.problems.length === 1 ? "a problem" : `${u.problems.length} problems`}: ${u.problems.map((p) => p.message).join(" ")}`,
            problems: u.problems,
          },
        })),
      );
    }

    const created = toCreate.length > 0 ? await createShipments(tx, toCreate, input) : [];
    const createdByOrder = new Map(created.map((c) => [c.orderId, c]));
    return outcomes.map((o, i) => o ?? createdByOrder.get(orderIds[i])!);
  });
}

type OrderToLabel = {
  id: number;
  external_id: string;
  carrier_code: string | null;
  service_code: string | null;
  buyer_name: string;
  buyer_phone: string | null;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  weight_grams: number;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  edd_min: string | null;
  edd_max: string | null;
  address_override: unknown;
};

async function createShipments(
  tx: ShopScope,
  toCreate: { order: OrderToLabel; overridden: boolean; problems: AddressProblem[] }[],
  input: { actorUserId: number | null; now: Date; shop: ShopLabelContext },
): Promise<LabelledOrder[]> {
  // The tracking numbers are bought through the carrier adapter (simulated here; a real carrier
  // API plugs in behind the same call), in one call per carrier for the whole chunk.
  const pkg = input.shop.settings.defaultPackage;
  const from = input.shop.settings.returnAddress;
  const requests: LabelOrder[] = toCreate.map(({ order }) => ({
    carrier: order.carrier_code as CarrierCode,
    serviceCode: order.service_code!,
    shipFrom: { name: from.name, company: from.company, address1: from.address1, address2: from.address2, city: from.city, region: from.region, postalCode: from.postalCode, country: from.country, phone: from.phone },
    shipTo: { name: order.buyer_name, address1: order.address1, address2: order.address2, city: order.city, region: order.region, postalCode: order.postal_code, country: order.country, phone: order.buyer_phone },
    parcel: {
      weightGrams: order.weight_grams > 0 ? order.weight_grams : pkg.weightGrams,
      lengthMm: order.length_mm ?? pkg.lengthMm,
      widthMm: order.width_mm ?? pkg.widthMm,
      heightMm: order.height_mm ?? pkg.heightMm,
    },
    reference: order.external_id,
  }));
  const purchased = await purchaseLabels(tx, requests);
  const numbers = new Map(toCreate.map(({ order }, i) => [order.id, purchased[i].trackingNumber]));

  const defaultWeight = input.shop.settings.defaultPackage.weightGrams;
  const rows = await tx
    .insertInto(
      "shipments",
      toCreate.map(({ order }) => {
        const country = normalizeCountry(order.country) ?? order.country.trim().toUpperCase();
        return {
          order_id: order.id,
          carrier_code: order.carrier_code!,
          service_code: order.service_code,
          tracking_number: numbers.get(order.id)!,
          status: "pending" as const,
          weight_grams: order.weight_grams > 0 ? order.weight_grams : defaultWeight,
          package_count: 1,
          dest_region: printedRegion(order.region, country) || null,
          dest_postal_code: checkPostalCode(order.postal_code, country).normalized,
          dest_country: country,
          label_created_at: input.now,
          label_created_by: input.actorUserId,
          edd_min: order.edd_min,
          edd_max: order.edd_max,
          // The buyer is promised one date, the latest of the range; it never changes after the label.
          edd_original: order.edd_max,
          edd_current: order.edd_max,
          created_at: input.now,
          updated_at: input.now,
        };
      }),
    )
    .returning(["id", "order_id", "tracking_number", "carrier_code", "service_code"])
    .execute();

  const orderById = new Map(toCreate.map((t) => [t.order.id, t.order]));
  const created = rows.map((r) => {
    const order = orderById.get(r.order_id)!;
    return {
      kind: "created" as const,
      orderId: r.order_id,
      externalId: order.external_id,
      shipmentId: r.id,
      carrier: r.carrier_code,
      service: r.service_code ?? "",
      trackingNumber: r.tracking_number,
    };
  });
  const day = localDay(input.now, input.shop.timeZone);
  await recordAudit(
    tx,
    created.map((c) => ({
      actorUserId: input.actorUserId,
      action: "label.created",
      orderId: c.orderId,
      shipmentId: c.shipmentId,
      at: input.now,
      details: {
        // Service names already start with the carrier's ("UPS Ground").
        summary: `Label created: ${findService(c.carrier, c.service)?.name ?? carrierName(c.carrier)}, tracking number ${c.trackingNumber}.`,
        trackingNumber: c.trackingNumber,
        carrier: c.carrier,
        service: c.service,
        day,
      },
    })),
  );
  const createdByOrder = new Map(created.map((c) => [c.orderId, c]));
  for (const item of toCreate.filter((t) => t.overridden)) {
    const c = createdByOrder.get(item.order.id)!;
    const override = item.order.address_override as AddressOverride;
    await openAddressOverrideCase(tx, {
      shipmentId: c.shipmentId,
      reason: `Label created although the address check failed (${item.problems.map((p) => p.message.replace(/\.$/, "")).join("; ")}); overridden by ${override.byName}: ${override.reason}`,
      at: input.now,
      actorUserId: input.actorUserId,
    });
  }
  return created;
}

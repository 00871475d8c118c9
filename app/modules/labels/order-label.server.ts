// Everything the label card on the order page shows: the address check (now, and any override),
// the live label, earlier (voided) labels, and the label events from the order's history.
import { sql } from "kysely";
import type { AddressOverride, AddressProblem, OrderStatus, ShipmentStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { carrierName, serviceName } from "../carriers/registry";
import { parseShopSettings } from "../shops/settings";
import { getShop } from "../shops/shops.server";
import { problemsFor } from "./address.server";

export interface OrderLabelView {
  order: {
    id: number;
    externalId: string;
    status: OrderStatus;
    carrierCode: string | null;
    serviceCode: string | null;
    serviceName: string | null;
  };
  /** The check as it stands now (the assigned service's PO-box rule included). */
  problems: AddressProblem[];
  override: AddressOverride | null;
  labels: {
    id: number;
    trackingNumber: string;
    carrierName: string;
    serviceName: string;
    status: ShipmentStatus;
    imported: boolean;
    labelCreatedAt: string | null;
    createdByName: string | null;
    printedAt: string | null;
    shippedAt: string | null;
    voidedAt: string | null;
    voidedByName: string | null;
    voidReason: string | null;
  }[];
  events: { id: number; at: string; action: string; actorName: string | null; summary: string }[];
  defaults: { format: "pdf" | "zpl"; layout: "4x6" | "letter"; packingSlips: boolean };
}

export async function orderLabelView(scope: ShopScope, orderId: number): Promise<OrderLabelView> {
  const order = await scope
    .selectFrom("orders")
    .select(["id", "external_id", "status", "buyer_name", "address1", "address2", "city", "region", "postal_code", "country", "carrier_code", "service_code", "address_override"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  if (!order) throw new AppError(404, "Order was not found.");
  const shipments = await scope
    .selectFrom("shipments")
    .leftJoin("users as creator", "creator.id", "shipments.label_created_by")
    .leftJoin("users as voider", "voider.id", "shipments.voided_by")
    .select([
      "shipments.id",
      "shipments.tracking_number as trackingNumber",
      "shipments.carrier_code as carrier",
      "shipments.service_code as service",
      "shipments.status",
      "shipments.imported",
      "shipments.label_created_at as labelCreatedAt",
      "creator.name as createdByName",
      "shipments.printed_at as printedAt",
      "shipments.shipped_at as shippedAt",
      "shipments.voided_at as voidedAt",
      "voider.name as voidedByName",
      "shipments.void_reason as voidReason",
    ])
    .where("shipments.order_id", "=", orderId)
    .orderBy("shipments.id", "desc")
    .execute();
  const events = await scope
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.id", "audit_log.at", "audit_log.action", "users.name as actorName", sql<string>`audit_log.details->>'summary'`.as("summary")])
    .where("audit_log.order_id", "=", orderId)
    .where((eb) => eb.or([eb("audit_log.action", "like", "label.%"), eb("audit_log.action", "like", "order.address_%"), eb("audit_log.action", "=", "shipment.handed_over")]))
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(50)
    .execute();
  const settings = parseShopSettings((await getShop(scope.db, scope.shopId)).settings);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    order: {
      id: order.id,
      externalId: order.external_id,
      status: order.status as OrderStatus,
      carrierCode: order.carrier_code,
      serviceCode: order.service_code,
      serviceName: order.carrier_code && order.service_code ? serviceName(order.carrier_code, order.service_code) : null,
    },
    problems: problemsFor(order),
    override: (order.address_override as AddressOverride | null) ?? null,
    labels: shipments.map((s) => ({
      id: s.id,
      trackingNumber: s.trackingNumber,
      carrierName: carrierName(s.carrier),
      serviceName: serviceName(s.carrier, s.service),
      status: s.status,
      imported: s.imported,
      labelCreatedAt: iso(s.labelCreatedAt),
      createdByName: s.createdByName,
      printedAt: iso(s.printedAt),
      shippedAt: iso(s.shippedAt),
      voidedAt: iso(s.voidedAt),
      voidedByName: s.voidedByName,
      voidReason: s.voidReason,
    })),
    events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), action: e.action, actorName: e.actorName, summary: e.summary ?? e.action })),
    defaults: settings.labels,
  };
}

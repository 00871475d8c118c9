// What a re-import changed about an order, in the seller's words, for the order's history:
// "Re-import of orders.csv changed the postal code, city and items." Pure.
import type { AssembledOrder, ImportOrderStatus } from "./assemble";

export interface OrderSnapshot {
  status: ImportOrderStatus;
  marketplaceStatus: string | null;
  placedAt: string | null;
  buyerName: string;
  buyerEmail: string | null;
  buyerPhone: string | null;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  totalCents: number;
  currency: string;
  weightGrams: number;
  serviceLevel: string;
  shippingMethod: string | null;
  buyerMessage: string | null;
  items: { sku: string | null; productName: string | null; variation: string | null; quantity: number; unitPriceCents: number | null }[];
}

export function snapshotOf(o: AssembledOrder, status: ImportOrderStatus): OrderSnapshot {
  const f = o.fields;
  return {
    status,
    marketplaceStatus: f.marketplaceStatus,
    placedAt: f.placedAt ? f.placedAt.toISOString() : null,
    buyerName: f.buyerName,
    buyerEmail: f.buyerEmail,
    buyerPhone: f.buyerPhone,
    address1: f.address1,
    address2: f.address2,
    city: f.city,
    region: f.region,
    postalCode: f.postalCode,
    country: f.country,
    totalCents: o.totalCents,
    currency: f.currency,
    weightGrams: o.weightGrams,
    serviceLevel: o.serviceLevel,
    shippingMethod: f.shippingMethod,
    buyerMessage: f.buyerMessage,
    items: o.items.map((i) => ({ sku: i.sku, productName: i.productName, variation: i.variation, quantity: i.quantity, unitPriceCents: i.unitPriceCents })),
  };
}

const LABELS: Record<Exclude<keyof OrderSnapshot, "items">, string> = {
  status: "status",
  marketplaceStatus: "marketplace status",
  placedAt: "placed time",
  buyerName: "recipient",
  buyerEmail: "email",
  buyerPhone: "phone",
  address1: "address line 1",
  address2: "address line 2",
  city: "city",
  region: "state",
  postalCode: "postal code",
  country: "country",
  totalCents: "total",
  currency: "currency",
  weightGrams: "weight",
  serviceLevel: "service level",
  shippingMethod: "shipping method",
  buyerMessage: "buyer message",
};

export interface OrderChange {
  summary: string;
  /** field -> { from, to } (items as a short text per item). */
  changes: Record<string, { from: unknown; to: unknown }>;
}

const itemText = (i: OrderSnapshot["items"][number]) =>
  `${i.quantity} x ${i.sku ?? i.productName ?? "item"}${i.variation ? ` (${i.variation})` : ""}${i.unitPriceCents !== null ? ` @ ${(i.unitPriceCents / 100).toFixed(2)}` : ""}`;

export function describeChanges(before: OrderSnapshot, after: OrderSnapshot, fileName: string): OrderChange {
  const changes: OrderChange["changes"] = {};
  const names: string[] = [];
  for (const key of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
    if ((before[key] ?? null) !== (after[key] ?? null)) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
      names.push(LABELS[key]);
    }
  }
  const itemsBefore = before.items.map(itemText);
  const itemsAfter = after.items.map(itemText);
  if (itemsBefore.join("\n") !== itemsAfter.join("\n")) {
    changes.items = { from: itemsBefore, to: itemsAfter };
    names.push("items");
  }
  const list = names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const summary = names.length ? `Re-import of ${fileName} changed the ${list}.` : `Re-imported from ${fileName}; nothing visible changed.`;
  return { summary, changes };
}

// An imported order's identity for idempotency: the hash of everything the file says about it (so
// the same data hashes the same however the file wrote it), and how an import may move an order's
// status. Pure apart from the hash function.
import { hash } from "node:crypto";
import type { AssembledOrder, ImportOrderStatus } from "./assemble";

/** Everything the file says about an order, so "the same file again" changes nothing. */
export function contentHash(o: AssembledOrder, source: string): string {
  const f = o.fields;
  const t = (d: Date | null) => (d ? d.getTime() : "");
  // Unit separators between values: no value can forge another's boundary.
  let text = [
    source, o.status, f.marketplaceStatus, t(f.placedAt), t(f.cancelledAt), f.buyerName, f.buyerEmail, f.buyerPhone,
    f.address1, f.address2, f.city, f.region, f.postalCode, f.country, o.totalCents, f.currency, o.weightGrams,
    o.serviceLevel, f.shippingMethod, f.buyerMessage, o.shipment?.carrier, o.shipment?.trackingNumber, t(f.shippedAt),
    t(f.deliveredAt),
  ].join("\u001f");
  for (const i of o.items) text += `\u001e${i.sku}\u001f${i.productName}\u001f${i.variation}\u001f${i.quantity}\u001f${i.unitPriceCents}\u001f${i.weightGrams}`;
  return hash("sha1", text, "base64url");
}

/**
 * What an import may do to an order's status: move it forward (to ship -> shipped -> delivered),
 * cancel it only while it has not shipped, never move it back. Mirrors the SQL in the upsert.
 */
export function importedStatus(current: ImportOrderStatus, incoming: ImportOrderStatus): ImportOrderStatus {
  if (current === incoming) return current;
  if (incoming === "cancelled") return current === "to_ship" ? "cancelled" : current;
  if (current === "cancelled" || current === "to_ship") return incoming;
  if (current === "shipped" && incoming === "delivered") return "delivered";
  return current;
}

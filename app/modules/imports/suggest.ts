// A first guess at the mapping for a file no preset knows: each field takes the column whose name
// looks most like it (the seller then corrects what is wrong in the mapping step). Pure.
import { type ColumnMapping, IMPORT_FIELDS, type ImportField } from "./fields";
import { normalizeHeader, PRESETS } from "./presets";

const SYNONYMS: Record<ImportField, string[]> = {
  orderId: ["order id", "order number", "order no", "order #", "order", "name", "order_id", "id"],
  orderStatus: ["status", "order status", "fulfillment status"],
  placedAt: ["created at", "created", "order date", "date", "placed at", "purchase date", "created time", "when", "ordered at"],
  cancelledAt: ["cancelled at", "canceled at", "cancelled time", "cancel date"],
  buyerName: ["recipient", "ship to name", "ship to", "shipping name", "name", "customer", "customer name", "buyer name", "full name"],
  buyerEmail: ["email", "e-mail", "buyer email", "customer email"],
  buyerPhone: ["phone", "phone #", "phone number", "telephone", "shipping phone", "mobile"],
  address1: ["address1", "address 1", "address line 1", "street", "address", "shipping address1", "detail address"],
  address2: ["address2", "address 2", "address line 2", "shipping address2", "apartment", "suite"],
  city: ["city", "town", "shipping city"],
  region: ["state", "province", "region", "state/province", "shipping province"],
  postalCode: ["postal code", "zip", "zipcode", "zip code", "postcode", "shipping zip"],
  country: ["country", "country code", "shipping country", "nation"],
  sku: ["sku", "seller sku", "item sku", "lineitem sku", "product sku"],
  productName: ["product name", "product", "item", "item name", "title", "lineitem name", "description"],
  variation: ["variation", "variant", "option", "size", "color"],
  quantity: ["quantity", "qty", "lineitem quantity", "units", "count"],
  unitPrice: ["unit price", "price", "item price", "lineitem price"],
  weight: ["weight", "weight (kg)", "weight(kg)", "weight kg", "weight_kg", "weight (lb)", "weight lb"],
  orderTotal: ["total", "order total", "order amount", "amount", "grand total"],
  currency: ["currency"],
  shippingMethod: ["shipping method", "shipping service", "service", "delivery option", "shipping"],
  buyerMessage: ["buyer message", "note", "notes", "customer note", "message", "gift message"],
  trackingNumber: ["tracking number", "tracking", "tracking id", "tracking no"],
  carrier: ["carrier", "shipping carrier", "shipping provider", "courier"],
  shippedAt: ["shipped at", "ship date", "shipped", "shipped time", "fulfilled at"],
  deliveredAt: ["delivered at", "delivery date", "delivered", "delivered time"],
};

export function suggestMapping(header: readonly string[]): ColumnMapping {
  const byName = new Map<string, string>();
  for (const h of header) {
    const n = normalizeHeader(h);
    if (!byName.has(n)) byName.set(n, h);
  }
  const taken = new Set<string>();
  const columns: ColumnMapping["columns"] = {};
  for (const f of IMPORT_FIELDS) {
    const candidates = [...SYNONYMS[f], ...Object.values(PRESETS).flatMap((p) => p.headers[f] ?? [])].map(normalizeHeader);
    const hit = candidates.map((c) => byName.get(c)).find((h) => h && !taken.has(h));
    if (hit) {
      columns[f] = hit;
      taken.add(hit);
    }
  }
  const weightHeader = columns.weight ? normalizeHeader(columns.weight) : "";
  const weightUnit = /\blbs?\b|pound/.test(weightHeader) ? "lb" : /\boz\b|ounce/.test(weightHeader) ? "oz" : /\(g\)|\bgrams?\b/.test(weightHeader) ? "g" : "kg";
  return { columns, dateOrder: "mdy", weightUnit };
}

// The fields an order import understands, whatever the file calls its columns. Presets and saved
// templates map a file's headers onto these; validation, grouping and writing only ever see these.
// Pure data, shared by the server and the browser (the mapping step and its preview).

export const IMPORT_FIELDS = [
  "orderId",
  "orderStatus",
  "placedAt",
  "cancelledAt",
  "buyerName",
  "buyerEmail",
  "buyerPhone",
  "address1",
  "address2",
  "city",
  "region",
  "postalCode",
  "country",
  "sku",
  "productName",
  "variation",
  "quantity",
  "unitPrice",
  "weight",
  "orderTotal",
  "currency",
  "shippingMethod",
  "buyerMessage",
  "trackingNumber",
  "carrier",
  "shippedAt",
  "deliveredAt",
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface FieldInfo {
  label: string;
  /** Must be mapped to a column (the mapping step insists). SKU and product name: at least one. */
  required: boolean;
  /** Describes the order (repeated or blank on an order's other rows) rather than one item. */
  orderLevel: boolean;
  hint?: string;
}

export const FIELD_INFO: Record<ImportField, FieldInfo> = {
  orderId: { label: "Order ID", required: true, orderLevel: true, hint: "The marketplace order id; rows with the same id are one order." },
  orderStatus: { label: "Order status", required: false, orderLevel: true, hint: "Cancelled orders import as cancelled." },
  placedAt: { label: "Placed at", required: false, orderLevel: true },
  cancelledAt: { label: "Cancelled at", required: false, orderLevel: true },
  buyerName: { label: "Recipient", required: true, orderLevel: true },
  buyerEmail: { label: "Buyer email", required: false, orderLevel: true },
  buyerPhone: { label: "Phone", required: false, orderLevel: true, hint: "Masked numbers (***) are kept as unknown." },
  address1: { label: "Address line 1", required: true, orderLevel: true },
  address2: { label: "Address line 2", required: false, orderLevel: true },
  city: { label: "City", required: true, orderLevel: true },
  region: { label: "State / province", required: false, orderLevel: true, hint: "Required for US addresses." },
  postalCode: { label: "Postal code", required: true, orderLevel: true },
  country: { label: "Country", required: true, orderLevel: true },
  sku: { label: "SKU", required: false, orderLevel: false, hint: "SKU or product name is required on every row." },
  productName: { label: "Product name", required: false, orderLevel: false },
  variation: { label: "Variation", required: false, orderLevel: false },
  quantity: { label: "Quantity", required: true, orderLevel: false },
  unitPrice: { label: "Unit price", required: false, orderLevel: false, hint: "In the order's currency, e.g. 12.99." },
  weight: { label: "Weight", required: false, orderLevel: false, hint: "Of the row's items; the unit is chosen below." },
  orderTotal: { label: "Order total", required: false, orderLevel: true },
  currency: { label: "Currency", required: false, orderLevel: true },
  shippingMethod: { label: "Shipping method", required: false, orderLevel: true, hint: "Standard, expedited or economy." },
  buyerMessage: { label: "Buyer message", required: false, orderLevel: true },
  trackingNumber: { label: "Tracking number", required: false, orderLevel: true, hint: "With a carrier, the order imports as shipped." },
  carrier: { label: "Carrier", required: false, orderLevel: true },
  shippedAt: { label: "Shipped at", required: false, orderLevel: true },
  deliveredAt: { label: "Delivered at", required: false, orderLevel: true },
};

export const REQUIRED_FIELDS = IMPORT_FIELDS.filter((f) => FIELD_INFO[f].required);

/** How day and month are ordered in slash dates ("03/11/2026"). ISO dates are read either way. */
export type DateOrder = "mdy" | "dmy";
export type WeightUnit = "kg" | "g" | "lb" | "oz";

/** Field -> the file's header for it, plus how to read dates and weights. */
export interface ColumnMapping {
  columns: Partial<Record<ImportField, string>>;
  dateOrder: DateOrder;
  weightUnit: WeightUnit;
}

export const WEIGHT_UNITS: Record<WeightUnit, { label: string; grams: number }> = {
  kg: { label: "kilograms", grams: 1000 },
  g: { label: "grams", grams: 1 },
  lb: { label: "pounds", grams: 453.59237 },
  oz: { label: "ounces", grams: 28.349523125 },
};

/**
 * Mappings are stored as flat JSON (import_batches.mapping, import_templates.mapping):
 * { "orderId": "Order ID", ..., "@dateOrder": "mdy", "@weightUnit": "kg" }.
 */
export function mappingToJson(mapping: ColumnMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of IMPORT_FIELDS) {
    const column = mapping.columns[f];
    if (column) out[f] = column;
  }
  out["@dateOrder"] = mapping.dateOrder;
  out["@weightUnit"] = mapping.weightUnit;
  return out;
}

export function mappingFromJson(json: Record<string, unknown> | null | undefined): ColumnMapping | null {
  if (!json || typeof json !== "object") return null;
  const columns: ColumnMapping["columns"] = {};
  for (const f of IMPORT_FIELDS) {
    const v = json[f];
    if (typeof v === "string" && v.trim()) columns[f] = v;
  }
  const dateOrder = json["@dateOrder"] === "dmy" ? "dmy" : "mdy";
  const unit = json["@weightUnit"];
  const weightUnit: WeightUnit = unit === "g" || unit === "lb" || unit === "oz" ? unit : "kg";
  return { columns, dateOrder, weightUnit };
}

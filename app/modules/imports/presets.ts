// Import presets (TikTok Shop, Shopify, our generic template): which header means which field, and
// picking the preset from a file's header row. Header matching ignores case, surrounding spaces,
// repeated spaces and a UTF-8 byte-order mark. Pure; the browser uses it to pre-select the preset.
import { type ColumnMapping, type DateOrder, FIELD_INFO, IMPORT_FIELDS, type ImportField, type WeightUnit } from "./fields";

export type PresetId = "tiktok" | "shopify" | "generic";
export const PRESET_IDS: PresetId[] = ["tiktok", "shopify", "generic"];

export interface Preset {
  id: PresetId;
  name: string;
  /** Orders' source column value. */
  source: string;
  /** Header names per field; the first one present in the file wins. */
  headers: Partial<Record<ImportField, string[]>>;
  dateOrder: DateOrder;
  weightUnit: WeightUnit;
  /** Shopify-style: an order's later rows leave order-level columns blank. */
  continuationRows: boolean;
}

export const PRESETS: Record<PresetId, Preset> = {
  tiktok: {
    id: "tiktok",
    name: "TikTok Shop",
    source: "tiktok",
    dateOrder: "mdy",
    weightUnit: "kg",
    continuationRows: false,
    headers: {
      orderId: ["Order ID"],
      orderStatus: ["Order Status"],
      placedAt: ["Created Time"],
      cancelledAt: ["Cancelled Time"],
      buyerName: ["Recipient"],
      buyerPhone: ["Phone #"],
      address1: ["Detail Address"],
      address2: ["Additional address information"],
      city: ["City"],
      region: ["State", "Province"],
      postalCode: ["Zipcode"],
      country: ["Country"],
      sku: ["Seller SKU"],
      productName: ["Product Name"],
      variation: ["Variation"],
      quantity: ["Quantity"],
      unitPrice: ["SKU Unit Original Price"],
      weight: ["Weight(kg)"],
      orderTotal: ["Order Amount"],
      shippingMethod: ["Delivery Option"],
      buyerMessage: ["Buyer Message"],
      trackingNumber: ["Tracking ID"],
      carrier: ["Shipping Provider Name"],
      shippedAt: ["Shipped Time"],
      deliveredAt: ["Delivered Time"],
    },
  },
  shopify: {
    id: "shopify",
    name: "Shopify",
    source: "shopify",
    dateOrder: "mdy",
    weightUnit: "kg",
    continuationRows: true,
    headers: {
      orderId: ["Name"],
      orderStatus: ["Fulfillment Status"],
      placedAt: ["Created at"],
      cancelledAt: ["Cancelled at"],
      buyerName: ["Shipping Name"],
      buyerEmail: ["Email"],
      buyerPhone: ["Shipping Phone"],
      address1: ["Shipping Address1"],
      address2: ["Shipping Address2"],
      city: ["Shipping City"],
      region: ["Shipping Province"],
      postalCode: ["Shipping Zip"],
      country: ["Shipping Country"],
      sku: ["Lineitem sku"],
      productName: ["Lineitem name"],
      quantity: ["Lineitem quantity"],
      unitPrice: ["Lineitem price"],
      orderTotal: ["Total"],
      currency: ["Currency"],
      shippingMethod: ["Shipping Method"],
      buyerMessage: ["Notes"],
    },
  },
  generic: {
    id: "generic",
    name: "Generic template",
    source: "csv",
    dateOrder: "mdy",
    weightUnit: "kg",
    continuationRows: true,
    headers: {
      orderId: ["order_id"],
      orderStatus: ["status"],
      placedAt: ["placed_at"],
      cancelledAt: ["cancelled_at"],
      buyerName: ["recipient"],
      buyerEmail: ["email"],
      buyerPhone: ["phone"],
      address1: ["address1"],
      address2: ["address2"],
      city: ["city"],
      region: ["state"],
      postalCode: ["postal_code"],
      country: ["country"],
      sku: ["sku"],
      productName: ["product_name"],
      variation: ["variation"],
      quantity: ["quantity"],
      unitPrice: ["unit_price"],
      weight: ["weight_kg"],
      orderTotal: ["order_total"],
      currency: ["currency"],
      shippingMethod: ["shipping_method"],
      buyerMessage: ["buyer_message"],
      trackingNumber: ["tracking_number"],
      carrier: ["carrier"],
      shippedAt: ["shipped_at"],
      deliveredAt: ["delivered_at"],
    },
  },
};

/** The generic template's columns, in order (the downloadable template and the benchmark use it). */
export const GENERIC_COLUMNS: string[] = IMPORT_FIELDS.flatMap((f) => PRESETS.generic.headers[f]?.slice(0, 1) ?? []);

export function normalizeHeader(value: string): string {
  return value.replace(/^\uFEFF/, "").trim().replace(/\s+/g, " ").toLowerCase();
}

/** The preset's mapping for this header row (only the columns the file has). */
export function presetMapping(preset: Preset, header: readonly string[]): ColumnMapping {
  const byName = new Map(header.map((h) => [normalizeHeader(h), h]));
  const columns: ColumnMapping["columns"] = {};
  for (const f of IMPORT_FIELDS) {
    const found = preset.headers[f]?.map((name) => byName.get(normalizeHeader(name))).find(Boolean);
    if (found) columns[f] = found;
  }
  return { columns, dateOrder: preset.dateOrder, weightUnit: preset.weightUnit };
}

/** Required fields the mapping leaves out (SKU and product name count as one requirement). */
export function missingRequired(mapping: ColumnMapping): string[] {
  const missing: string[] = IMPORT_FIELDS.filter((f) => FIELD_INFO[f].required && !mapping.columns[f]).map((f) => FIELD_INFO[f].label);
  if (!mapping.columns.sku && !mapping.columns.productName) missing.push("SKU or product name");
  return missing;
}

export interface PresetGuess {
  preset: PresetId | null;
  /** Share of each preset's known headers found in the file (0..1), for the UI. */
  scores: Record<PresetId, number>;
}

/**
 * A preset fits when the file has every column it needs; among those that fit, the one whose
 * headers the file matches best wins (TikTok's "Order ID" must not make a TikTok file "generic").
 */
export function detectPreset(header: readonly string[]): PresetGuess {
  const present = new Set(header.map(normalizeHeader));
  const scores = {} as Record<PresetId, number>;
  let best: PresetId | null = null;
  for (const id of PRESET_IDS) {
    const preset = PRESETS[id];
    const names = Object.values(preset.headers).map((alts) => alts.map(normalizeHeader));
    const hits = names.filter((alts) => alts.some((n) => present.has(n))).length;
    scores[id] = names.length ? hits / names.length : 0;
    const fits = missingRequired(presetMapping(preset, header)).length === 0;
    if (fits && (best === null || scores[id] > scores[best])) best = id;
  }
  return { preset: best, scores };
}

export function isPresetId(value: string): value is PresetId {
  return (PRESET_IDS as string[]).includes(value);
}

/** Column indexes for each mapped field; headers match the same forgiving way as presets. */
export function columnIndexes(mapping: ColumnMapping, header: readonly string[]): Partial<Record<ImportField, number>> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (!index.has(key)) index.set(key, i);
  });
  const out: Partial<Record<ImportField, number>> = {};
  for (const f of IMPORT_FIELDS) {
    const column = mapping.columns[f];
    if (!column) continue;
    const i = index.get(normalizeHeader(column));
    if (i !== undefined) out[f] = i;
  }
  return out;
}

/** Mapped columns the file does not have (a saved template used on a different file, say). */
export function absentColumns(mapping: ColumnMapping, header: readonly string[]): string[] {
  const present = new Set(header.map(normalizeHeader));
  return IMPORT_FIELDS.flatMap((f) => {
    const column = mapping.columns[f];
    return column && !present.has(normalizeHeader(column)) ? [column] : [];
  });
}

/** The mapped cells of one record, by field (what the row schemas validate). */
export function rawRow(cells: readonly string[], indexes: Partial<Record<ImportField, number>>): Partial<Record<ImportField, string>> {
  const raw: Partial<Record<ImportField, string>> = {};
  for (const f of IMPORT_FIELDS) {
    const i = indexes[f];
    if (i !== undefined) raw[f] = cells[i] ?? "";
  }
  return raw;
}

// One zod schema per row shape: an order row (order-level and item columns) and a continuation row
// (an order's later rows, which leave the order-level columns blank as in Shopify, or repeat them
// as in TikTok). Each issue carries a stable code, the field it is about, and a message that says
// what is wrong; one pass reports every problem of the row.
// Units are converted here, at the edge: money to cents, weights to grams, dates to instants.
// Pure: the browser runs the same schemas for the mapping preview.
import { z } from "zod";
import { checkPostalCode, normalizeCountry, normalizeUsState } from "../addresses/regions";
import { type DateOrder, FIELD_INFO, IMPORT_FIELDS, type ImportField, WEIGHT_UNITS, type WeightUnit } from "./fields";
import { parseImportDate } from "./dates";

export interface RowOptions {
  dateOrder: DateOrder;
  weightUnit: WeightUnit;
  timeZone: string;
}

export type IssueCode =
  | "required"
  | "quantity_invalid"
  | "not_a_number"
  | "negative_number"
  | "date_invalid"
  | "country_unknown"
  | "postal_code_invalid"
  | "state_invalid";

export interface RowIssue {
  field: ImportField | null;
  code: string;
  message: string;
}

export interface OrderFields {
  externalId: string;
  marketplaceStatus: string | null;
  placedAt: Date | null;
  cancelledAt: Date | null;
  buyerName: string;
  buyerEmail: string | null;
  buyerPhone: string | null;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  orderTotalCents: number | null;
  currency: string;
  shippingMethod: string | null;
  buyerMessage: string | null;
  trackingNumber: string | null;
  carrierName: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
}

export interface ItemFields {
  sku: string | null;
  productName: string | null;
  variation: string | null;
  quantity: number;
  unitPriceCents: number | null;
  weightGrams: number | null;
}

export type RawRow = Partial<Record<ImportField, string>>;

const label = (f: ImportField) => FIELD_INFO[f].label;

/**
 * Collects a row's problems. (One transform per row rather than one per cell: a million rows make
 * the difference between seconds and minutes of allocation.)
 */
class Checker {
  constructor(private readonly ctx: z.RefinementCtx) {}
  failed = false;

  issue(field: ImportField, code: IssueCode, message: string) {
    this.failed = true;
    this.ctx.addIssue({ code: "custom", message, params: { code }, path: [field] });
  }

  text(v: string | undefined): string | null {
    if (!v) return null;
    const t = v.trim();
    return t || null;
  }

  required(f: ImportField, v: string | undefined): string {
    const t = v?.trim();
    if (!t) {
      this.issue(f, "required", `${label(f)} is missing.`);
      return "";
    }
    return t;
  }

  money(f: ImportField, v: string | undefined): number | null {
    const t = v?.trim();
    if (!t) return null;
    const n = parseDecimal(t);
    if (n === null) {
      this.issue(f, "not_a_number", `${label(f)} "${t}" is not a number.`);
      return null;
    }
    if (n < 0) {
      this.issue(f, "negative_number", `${label(f)} "${t}" is negative.`);
      return null;
    }
    return Math.round(n * 100);
  }

  weight(unit: WeightUnit, v: string | undefined): number | null {
    const t = v?.trim();
    if (!t) return null;
    const n = parseDecimal(t.replace(/\s*(kg|g|lb|lbs|oz)$/i, ""));
    if (n === null) {
      this.issue("weight", "not_a_number", `Weight "${t}" is not a number.`);
      return null;
    }
    if (n < 0) {
      this.issue("weight", "negative_number", `Weight "${t}" is negative.`);
      return null;
    }
    return Math.round(n * WEIGHT_UNITS[unit].grams);
  }

  quantity(v: string | undefined): number {
    const t = v?.trim();
    if (!t) {
      this.issue("quantity", "required", "Quantity is missing.");
      return 0;
    }
    const m = /^\+?(\d+)(\.0*)?$/.exec(t);
    const n = m ? Number(m[1]) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      this.issue("quantity", "quantity_invalid", `Quantity "${t}" is not a positive whole number.`);
      return 0;
    }
    return n;
  }

  date(f: ImportField, v: string | undefined, o: RowOptions): Date | null {
    const t = v?.trim();
    if (!t) return null;
    const parsed = parseImportDate(t, o.dateOrder, o.timeZone);
    if (!parsed.ok) {
      this.issue(f, "date_invalid", `${label(f)}: ${parsed.message}`);
      return null;
    }
    return parsed.value;
  }

  country(v: string | undefined): string {
    const t = v?.trim();
    if (!t) {
      this.issue("country", "required", "Country is missing.");
      return "";
    }
    const code = countryCode(t);
    if (!code) {
      this.issue("country", "country_unknown", `Country "${t}" is not a country we recognise; use a two-letter code such as US.`);
      return "";
    }
    return code;
  }

  // Spreadsheets prefix ZIP codes with an apostrophe to keep their leading zeros ("'01103").
  postalCode(v: string | undefined): string {
    const t = v?.trim().replace(/^'/, "").trim();
    if (!t) {
      this.issue("postalCode", "required", "Postal code is missing.");
      return "";
    }
    return t;
  }

  /** The checks that need two fields at once (postal code and state against the country). */
  address(country: string, postalCode: string, regionText: string | null): { postal: string; region: string | null } {
    let postal = postalCode;
    let region = regionText;
    if (country && postalCode) {
      const check = checkPostalCode(postalCode, country);
      if (!check.ok) this.issue("postalCode", "postal_code_invalid", `Postal code ${check.message}`);
      else postal = check.normalized;
    }
    if (country === "US") {
      if (!regionText) this.issue("region", "required", "State is missing (required for US addresses).");
      else {
        const state = normalizeUsState(regionText);
        if (!state) this.issue("region", "state_invalid", `State "${regionText}" is not a US state code or name.`);
        else region = state;
      }
    } else if (country === "PR" && regionText) {
      region = normalizeUsState(regionText) ?? regionText;
    }
    return { postal, region };
  }

  item(v: Cells, o: RowOptions): ItemFields {
    const sku = this.text(v.sku);
    const productName = this.text(v.productName);
    const quantity = this.quantity(v.quantity);
    const unitPriceCents = this.money("unitPrice", v.unitPrice);
    const weightGrams = this.weight(o.weightUnit, v.weight);
    if (!sku && !productName) this.issue("sku", "required", "SKU or product name is missing.");
    return { sku, productName, variation: this.text(v.variation), quantity, unitPriceCents, weightGrams };
  }
}

// Marketplaces mask buyers' phone numbers ("(+1)764*****29"): a masked number is simply unknown.
function phone(v: string | undefined): string | null {
  const t = v?.trim();
  return !t || t.includes("*") ? null : t;
}

/** "1,234.50", "$12.99", "12.99 " -> a number; null when the text is not a number. */
export function parseDecimal(value: string): number | null {
  let t = value.trim().replace(/^[$€£¥]\s*/, "").replace(/\s*(USD|EUR|GBP|CAD)$/i, "");
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** A country name or code as exports write it -> ISO alpha-2; any two-letter code is accepted. */
export function countryCode(value: string): string | null {
  const known = normalizeCountry(value);
  if (known) return known;
  const t = value.trim();
  return /^[A-Za-z]{2}$/.test(t) ? t.toUpperCase() : null;
}

const cell = z.string().optional();

/** The mapped cells of a row, as text: every field is optional here (the checks decide). */
const cellsSchema = z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, cell])) as Record<ImportField, typeof cell>);
type Cells = z.infer<typeof cellsSchema>;

/** An order's first row (or any row that carries the order-level columns). */
export function orderRowSchema(o: RowOptions) {
  return cellsSchema.transform((v, ctx): { order: OrderFields; item: ItemFields } => {
    const c = new Checker(ctx);
    const externalId = c.required("orderId", v.orderId);
    const item = c.item(v, o);
    const country = c.country(v.country);
    const postalCode = c.postalCode(v.postalCode);
    const { postal, region } = c.address(country, postalCode, c.text(v.region));
    const currency = c.text(v.currency);
    const trackingNumber = c.text(v.trackingNumber);
    const order: OrderFields = {
      externalId,
      marketplaceStatus: c.text(v.orderStatus),
      placedAt: c.date("placedAt", v.placedAt, o),
      cancelledAt: c.date("cancelledAt", v.cancelledAt, o),
      buyerName: c.required("buyerName", v.buyerName),
      buyerEmail: c.text(v.buyerEmail),
      buyerPhone: phone(v.buyerPhone),
      address1: c.required("address1", v.address1),
      address2: c.text(v.address2),
      city: c.required("city", v.city),
      region,
      postalCode: postal,
      country,
      orderTotalCents: c.money("orderTotal", v.orderTotal),
      currency: currency && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : "USD",
      shippingMethod: c.text(v.shippingMethod),
      buyerMessage: c.text(v.buyerMessage),
      trackingNumber: trackingNumber ? trackingNumber.replace(/\s+/g, "").toUpperCase() : null,
      carrierName: c.text(v.carrier),
      shippedAt: c.date("shippedAt", v.shippedAt, o),
      deliveredAt: c.date("deliveredAt", v.deliveredAt, o),
    };
    return c.failed ? z.NEVER : { order, item };
  });
}

/** An order's later row that leaves the order-level columns blank or repeats them: only its item is checked. */
export function continuationRowSchema(o: RowOptions) {
  return cellsSchema.transform((v, ctx): { item: ItemFields } => {
    const c = new Checker(ctx);
    c.required("orderId", v.orderId);
    const item = c.item(v, o);
    return c.failed ? z.NEVER : { item };
  });
}

export type RowResult =
  | { ok: true; order: OrderFields | null; item: ItemFields }
  | { ok: false; issues: RowIssue[] };

export interface RowSchemas {
  order: ReturnType<typeof orderRowSchema>;
  continuation: ReturnType<typeof continuationRowSchema>;
}

export function rowSchemas(o: RowOptions): RowSchemas {
  return { order: orderRowSchema(o), continuation: continuationRowSchema(o) };
}

/** Validates one row as an order row, or as a continuation row when `continuation` is set. */
export function validateRow(schemas: RowSchemas, raw: RawRow, continuation: boolean): RowResult {
  const result = continuation ? schemas.continuation.safeParse(raw) : schemas.order.safeParse(raw);
  if (result.success) {
    const data = result.data as { order?: OrderFields; item: ItemFields };
    return { ok: true, order: data.order ?? null, item: data.item };
  }
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      field: (i.path[0] as ImportField | undefined) ?? null,
      code: ((i as { params?: { code?: string } }).params?.code as string | undefined) ?? "invalid",
      message: i.message,
    })),
  };
}

/** Service level from a shipping method's name ("Expedited", "Standard shipping", "Economy"). */
export function serviceLevelOf(method: string | null): "economy" | "standard" | "expedited" {
  if (!method) return "standard";
  if (/expedit|express|priority|overnight|next[\s-]?day|2[\s-]?day|two[\s-]day|rush/i.test(method)) return "expedited";
  if (/economy|saver|budget/i.test(method)) return "economy";
  return "standard";
}

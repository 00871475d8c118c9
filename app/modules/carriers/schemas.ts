// One zod schema per carrier input: a carrier account, a holiday, an assignment rule (and its
// conditions), an assignment request. Shared by the routes, the CLI and the module functions.
import { z } from "zod";
import { ASSIGNABLE_CARRIERS, type CarrierCode, CARRIERS, findService } from "./registry";

/** What each carrier calls its account number, and the shape it has. */
export const ACCOUNT_NUMBER_FORMATS: Record<CarrierCode, { label: string; pattern: RegExp; hint: string; usedFor: string }> = {
  ups: {
    label: "Shipper number",
    pattern: /^[0-9A-Z]{6}$/,
    hint: "6 letters or digits, e.g. A12B34",
    usedFor: "Printed inside every UPS 1Z tracking number.",
  },
  usps: {
    label: "Mailer ID",
    pattern: /^(9\d{8}|[0-8]\d{5})$/,
    hint: "6 digits, or 9 digits starting with 9",
    usedFor: "Printed inside every USPS IMpb tracking number.",
  },
  fedex: { label: "Account number", pattern: /^\d{9}$/, hint: "9 digits", usedFor: "Billing reference for FedEx labels." },
  dhl: { label: "Account number", pattern: /^\d{9}$/, hint: "9 digits", usedFor: "Billing reference for DHL Express waybills." },
};

export const carrierCodeSchema = z.enum(ASSIGNABLE_CARRIERS as [CarrierCode, ...CarrierCode[]], {
  error: `Carrier must be one of ${ASSIGNABLE_CARRIERS.join(", ")}`,
});

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const cutoffTimeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Cut-off time must be a time of day as HH:MM, e.g. 14:00");

export const carrierAccountSchema = z
  .object({
    carrier: carrierCodeSchema,
    enabled: checkbox,
    accountNumber: z
      .string()
      .trim()
      .toUpperCase()
      .max(20, "Account number is too long")
      .optional()
      .transform((v) => (v ? v.replace(/\s+/g, "") : null)),
    handlingDays: z.coerce
      .number({ error: "Handling time must be a number of business days" })
      .int("Handling time must be a whole number of business days")
      .min(0, "Handling time cannot be negative")
      .max(30, "Handling time can be at most 30 business days"),
    cutoffTime: cutoffTimeSchema,
  })
  .superRefine((v, ctx) => {
    const format = ACCOUNT_NUMBER_FORMATS[v.carrier];
    if (v.accountNumber && !format.pattern.test(v.accountNumber)) {
      ctx.addIssue({
        code: "custom",
        path: ["accountNumber"],
        message: `${CARRIERS[v.carrier].name} ${format.label.toLowerCase()} must be ${format.hint} (got "${v.accountNumber}")`,
      });
    }
  });
export type CarrierAccountInput = z.output<typeof carrierAccountSchema>;

export const daySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Date must be YYYY-MM-DD")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, "Date is not a real calendar day");

export const holidaySchema = z.object({
  day: daySchema,
  name: z.string().trim().min(1, "Give the holiday a name").max(60, "Holiday name is too long (60 characters at most)"),
});

const nonNegativeInt = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} cannot be negative`)
    .max(1_000_000_000, `${what} is too large`);

/** An inclusive range; either end may be open (null or absent). */
const range = (what: string) =>
  z
    .object({ min: nonNegativeInt(`Minimum ${what}`).nullish(), max: nonNegativeInt(`Maximum ${what}`).nullish() })
    .refine((r) => r.min == null || r.max == null || r.min <= r.max, { message: `Minimum ${what} is above the maximum`, path: ["max"] });

const list = (what: string, max: number, item: z.ZodType<string>) =>
  z.array(item).max(max, `At most ${max} ${what}`).optional();

/**
 * The conditions of an assignment rule. All given conditions must hold (AND); a list matches when
 * the order has any of its values (OR). Ranges are inclusive. An empty rule matches every order.
 */
export const ruleConditionsSchema = z
  .object({
    /** The parcel's total weight (the order's, else the shop's default package). */
    weightGrams: range("weight").optional(),
    /** The parcel's longest side (the order's dimensions, else the default package). */
    largestDimensionMm: range("longest side").optional(),
    /** Destination countries, ISO codes. */
    countries: list("countries", 100, z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Countries are two-letter codes such as US or CA")),
    /** Destination states or provinces, as their codes (NY, CA, ON). */
    states: list("states", 100, z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,3}$/, "States are codes such as NY or CA")),
    /** The buyer's requested service level, as imported (standard, expedited, economy, ...). */
    serviceLevels: list("service levels", 20, z.string().trim().toLowerCase().min(1).max(40, "Service level is too long")),
    orderValueCents: range("order value").optional(),
    /** Any item's SKU (case-insensitive). */
    skus: list("SKUs", 500, z.string().trim().min(1).max(80, "SKU is too long")),
    /** Any of the order's tags (case-insensitive). */
    tags: list("tags", 50, z.string().trim().toLowerCase().min(1).max(60, "Tag is too long")),
  })
  .strict();
export type RuleConditions = z.output<typeof ruleConditionsSchema>;

export const ruleSchema = z
  .object({
    name: z.string().trim().min(1, "Give the rule a name").max(80, "Rule name is too long (80 characters at most)"),
    enabled: z.boolean().default(true),
    carrier: carrierCodeSchema,
    service: z.string().trim().min(1, "Choose a service"),
    conditions: ruleConditionsSchema.default({}),
  })
  .superRefine((v, ctx) => {
    if (!findService(v.carrier, v.service)) {
      ctx.addIssue({ code: "custom", path: ["service"], message: `"${v.service}" is not a ${CARRIERS[v.carrier].name} service` });
    }
  });
export type RuleInput = z.output<typeof ruleSchema>;

export const serviceChoiceSchema = z
  .object({ carrier: carrierCodeSchema, service: z.string().trim().min(1, "Choose a service") })
  .superRefine((v, ctx) => {
    if (!findService(v.carrier, v.service)) {
      ctx.addIssue({ code: "custom", path: ["service"], message: `"${v.service}" is not a ${CARRIERS[v.carrier].name} service` });
    }
  });

/** The bulk "Assign carrier" form: by rules or one explicit service; a selection or all unassigned. */
export const assignRequestSchema = z
  .object({
    method: z.enum(["rules", "service"], { error: "Choose how to assign: by rules or a chosen service" }),
    carrier: z.string().trim().optional(),
    service: z.string().trim().optional(),
    scope: z.enum(["selected", "all_unassigned"], { error: "Choose which orders to assign" }),
    orderIds: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const parts = (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
        const ids = parts.map(Number);
        if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
          ctx.addIssue({ code: "custom", message: "Order ids must be positive whole numbers" });
          return z.NEVER;
        }
        return [...new Set(ids)];
      }),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "selected" && v.orderIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["orderIds"], message: "Select at least one order" });
    }
    if (v.scope === "selected" && v.orderIds.length > 10_000) {
      ctx.addIssue({ code: "custom", path: ["orderIds"], message: "Select at most 10,000 orders at once, or assign all unassigned" });
    }
    if (v.method === "service") {
      if (!v.carrier || !(ASSIGNABLE_CARRIERS as string[]).includes(v.carrier)) {
        ctx.addIssue({ code: "custom", path: ["carrier"], message: "Choose a carrier" });
      } else if (!v.service || !findService(v.carrier, v.service)) {
        ctx.addIssue({ code: "custom", path: ["service"], message: `Choose a ${CARRIERS[v.carrier as CarrierCode].name} service` });
      }
    }
  });

/** A numeric id from the URL (/api/assign/:orderId). */
export const orderIdParamSchema = z.coerce
  .number({ error: "Order id must be a number" })
  .int("Order id must be a whole number")
  .positive("Order id must be positive");

/** The order page's "Change carrier" form. */
export const carrierChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("change"), carrier: carrierCodeSchema, service: z.string().trim().min(1, "Choose a service") }),
  z.object({ intent: z.literal("clear") }),
], { error: "Unknown action: choose change or clear" });

/** The rules editor's live preview request (GET /api/assign/preview). */
export const rulePreviewSchema = z.object({
  ruleId: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable()),
  carrier: z.string().trim().min(1, "Choose a carrier"),
  service: z.string().trim().min(1, "Choose a service"),
  conditions: z.string().transform((v, ctx) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "Conditions must be JSON" });
      return z.NEVER;
    }
  }),
});

const idSchema = z.coerce.number({ error: "Rule id must be a number" }).int().positive("Rule id must be positive");
const jsonText = z.string({ error: "The rule is missing" }).transform((v, ctx) => {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "The rule must be JSON" });
    return z.NEVER;
  }
});

/** Every form on Settings > Assignment rules; the rule itself is checked by ruleSchema in the module. */
export const ruleActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), rule: jsonText }),
    z.object({ intent: z.literal("update"), id: idSchema, rule: jsonText }),
    z.object({ intent: z.literal("delete"), id: idSchema }),
    z.object({ intent: z.literal("move"), id: idSchema, direction: z.enum(["up", "down"], { error: "Direction must be up or down" }) }),
    z.object({ intent: z.literal("toggle"), id: idSchema, enabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
    z.object({ intent: z.literal("default"), service: z.string().trim().min(1, "Choose a default service") }),
  ],
  { error: "Unknown form" },
);

// The orders table's filters as they travel in the URL (?q=&status=&batch=&carrier=&from=&to=), read
// with one zod schema and written back for links. The bulk actions receive the same query string
// when the user picks "all matching the filters", and resolve it with the same schema. Pure.
import { z } from "zod";

export const ORDERS_PAGE_SIZE = 50;
/** Counting stops here: "10,000+" is as useful as an exact figure and far cheaper on big shops. */
export const COUNT_CAP = 10_000;

export const ORDER_STATUSES = ["to_ship", "shipped", "delivered", "cancelled"] as const;
export type OrderStatusFilter = (typeof ORDER_STATUSES)[number];

export const STATUS_LABELS: Record<OrderStatusFilter, string> = {
  to_ship: "To ship",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

/** Mantine colour names of the order status badges (orders table, order page). */
export const ORDER_STATUS_COLORS: Record<OrderStatusFilter, string> = { to_ship: "blue", shipped: "indigo", delivered: "green", cancelled: "gray" };

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "is not a real date");

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const orderFiltersSchema = z
  .object({
    q: z.preprocess(blankToUndefined, z.string().trim().max(100, "is longer than 100 characters").optional()),
    status: z.preprocess(
      blankToUndefined,
      z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(", ")}` }).optional(),
    ),
    batch: z.preprocess(blankToUndefined, z.coerce.number({ error: "must be an import number" }).int("must be an import number").positive("must be an import number").optional()),
    carrier: z.preprocess(blankToUndefined, z.string().trim().regex(/^[a-z_]{2,30}$/, "must be a carrier code such as ups").optional()),
    from: z.preprocess(blankToUndefined, day.optional()),
    to: z.preprocess(blankToUndefined, day.optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "is after the 'to' date", path: ["from"] });

export type OrderFilters = z.infer<typeof orderFiltersSchema>;

export const orderPageSchema = z.object({
  after: z.preprocess(blankToUndefined, z.coerce.number({ error: "must be an order cursor" }).int("must be an order cursor").positive("must be an order cursor").optional()),
  before: z.preprocess(blankToUndefined, z.coerce.number({ error: "must be an order cursor" }).int("must be an order cursor").positive("must be an order cursor").optional()),
});

const FILTER_KEYS = ["q", "status", "batch", "carrier", "from", "to"] as const;

/** Reads the filters from a URL query; a bad value is an error that names the parameter. */
export function parseOrderFilters(params: URLSearchParams): { ok: true; filters: OrderFilters } | { ok: false; message: string } {
  const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]));
  const parsed = orderFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, message: `Invalid filter: ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}.` };
  }
  return { ok: true, filters: parsed.data };
}

/** The filters as a query string (no cursor), for links and for "all matching" bulk actions. */
export function filtersToQuery(f: OrderFilters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v !== undefined && v !== "") p.set(k, String(v));
  }
  return p.toString();
}

export function hasFilters(f: OrderFilters): boolean {
  return FILTER_KEYS.some((k) => f[k] !== undefined);
}

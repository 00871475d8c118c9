// The analytics filters, as they travel in the page's URL (so a view can be shared), in the CSV
// download links and in the CLI: one zod schema, and the step that turns a preset ("last 30 days")
// into dates in the shop's time zone.
import { z } from "zod";
import { addDays, type Day, daysBetween } from "../carriers/business-days";

export const RANGE_PRESETS = ["7", "30", "90"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = "30";
/** Two years: longer ranges would only blur the weekly lines. */
export const MAX_RANGE_DAYS = 731;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;
}

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-22")
  .refine(isCalendarDay, "is not a calendar day");

export const analyticsQuerySchema = z
  .object({
    range: optional(z.enum([...RANGE_PRESETS, "custom"], { message: "must be 7, 30, 90 or custom" })),
    from: optional(day),
    to: optional(day),
    carrier: optional(z.string().trim().toLowerCase().regex(/^[a-z0-9_]{1,40}$/, "must be a carrier code such as ups")),
    service: optional(z.string().trim().toLowerCase().regex(/^[a-z0-9_]{1,60}$/, "must be a service code such as ups_ground")),
    country: optional(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as US")
        .transform((v) => v.toUpperCase()),
    ),
    region: optional(
      z
        .string()
        .trim()
        .max(40, "must be at most 40 characters")
        .regex(/^[\p{L}\p{N} .'-]+$/u, "must be a state or region code such as NY")
        .transform((v) => v.toUpperCase()),
    ),
  })
  .superRefine((q, ctx) => {
    // "CA" is California in the US and nothing in Canada: a region means something only in its country.
    if (q.region && !q.country) ctx.addIssue({ code: "custom", path: ["country"], message: "is required with a region" });
    const custom = q.range === "custom" || (!q.range && (q.from || q.to));
    if (!custom) return;
    if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "is required for a custom range" });
    if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "is required for a custom range" });
    if (q.from && q.to) {
      if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: `is before the start date ${q.from}` });
      else if (daysBetween(q.from, q.to) + 1 > MAX_RANGE_DAYS) {
        ctx.addIssue({ code: "custom", path: ["to"], message: `makes the range longer than ${MAX_RANGE_DAYS} days` });
      }
    }
  });

export interface AnalyticsFilters {
  range: RangePreset | "custom";
  /** First and last ship day of the cohort, inclusive, in the shop's time zone. */
  from: Day;
  to: Day;
  carrier: string | null;
  service: string | null;
  country: string | null;
  region: string | null;
}

export type FiltersResult = { ok: true; filters: AnalyticsFilters } | { ok: false; error: string; filters: AnalyticsFilters };

export function presetFilters(preset: RangePreset, today: Day): AnalyticsFilters {
  return { range: preset, from: addDays(today, -(Number(preset) - 1)), to: today, carrier: null, service: null, country: null, region: null };
}

/**
 * Reads filters from URL parameters (or CLI flags). `today` is the shop's today. On bad input the
 * result names every problem and carries the default view, so the page can still show something.
 */
export function parseAnalyticsFilters(params: Record<string, string | undefined>, today: Day): FiltersResult {
  const parsed = analyticsQuerySchema.safeParse(params);
  if (!parsed.success) {
    const error = parsed.error.issues.map((i) => `${i.path.join(".") || "filters"} ${i.message}`).join("; ");
    return { ok: false, error, filters: presetFilters(DEFAULT_PRESET, today) };
  }
  const q = parsed.data;
  const custom = q.range === "custom" || (!q.range && Boolean(q.from || q.to));
  const base = custom
    ? { range: "custom" as const, from: q.from as Day, to: q.to as Day }
    : presetFilters((q.range as RangePreset | undefined) ?? DEFAULT_PRESET, today);
  return {
    ok: true,
    filters: {
      ...base,
      carrier: q.carrier ?? null,
      service: q.service ?? null,
      country: q.country ?? null,
      region: q.region ?? null,
    },
  };
}

/** The URL query that reproduces these filters (presets stay relative, so a shared link stays "last 30 days"). */
export function filtersToSearch(filters: AnalyticsFilters): string {
  const params = new URLSearchParams();
  if (filters.range === "custom") {
    params.set("range", "custom");
    params.set("from", filters.from);
    params.set("to", filters.to);
  } else {
    params.set("range", filters.range);
  }
  for (const key of ["carrier", "service", "country", "region"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

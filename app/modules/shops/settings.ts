// A shop's settings: one zod schema with a default for every field, stored as JSON on the shop row.
// Reading always goes through `parseShopSettings`, so a shop created before a setting existed gets
// its default, and a partial update never drops the rest.
import { z } from "zod";
import { EXCEPTION_TYPES, SEVERITIES } from "../vocabulary/shipments";

export const returnAddressSchema = z.object({
  name: z.string().trim().max(60).default("Parcel Desk Demo"),
  company: z.string().trim().max(60).default(""),
  address1: z.string().trim().max(60).default("100 Commerce Way"),
  address2: z.string().trim().max(60).default(""),
  city: z.string().trim().max(40).default("Columbus"),
  region: z.string().trim().max(40).default("OH"),
  postalCode: z.string().trim().max(12).default("43215"),
  country: z.string().trim().length(2).default("US"),
  phone: z.string().trim().max(30).default(""),
});

const severity = z.enum(SEVERITIES);

export const shopSettingsSchema = z.object({
  returnAddress: returnAddressSchema.prefault({}),
  labels: z
    .object({
      layout: z.enum(["4x6", "letter"]).default("4x6"),
      format: z.enum(["pdf", "zpl"]).default("pdf"),
      packingSlips: z.boolean().default(false),
    })
    .prefault({}),
  /** Used when an order has no dimensions of its own. */
  defaultPackage: z
    .object({
      lengthMm: z.number().int().positive().default(254),
      widthMm: z.number().int().positive().default(203),
      heightMm: z.number().int().positive().default(102),
      weightGrams: z.number().int().positive().default(454),
    })
    .prefault({}),
  /** When no assignment rule matches. */
  defaultService: z
    .object({ carrier: z.string().default("usps"), service: z.string().default("usps_ground_advantage") })
    .prefault({}),
  exceptions: z
    .object({
      stalledHours: z.number().int().min(1).default(72),
      stalledHoursExpedited: z.number().int().min(1).default(48),
      notPickedUpBusinessDays: z.number().int().min(1).default(2),
      lostAfterStalledDays: z.number().int().min(1).default(10),
      expiredAfterDays: z.number().int().min(1).default(30),
    })
    .prefault({}),
  /** SLA: hours from opening to due, per severity; and the severity each exception type opens with. */
  sla: z
    .object({
      hoursBySeverity: z
        .object({
          critical: z.number().positive().default(4),
          high: z.number().positive().default(8),
          medium: z.number().positive().default(24),
          low: z.number().positive().default(48),
        })
        .prefault({}),
      severityByType: z.record(z.enum(EXCEPTION_TYPES), severity).default({
        lost: "critical",
        damaged: "high",
        address_issue: "high",
        misrouted: "medium",
        failed_attempt: "medium",
        returned_to_sender: "medium",
        delayed: "medium",
        stalled: "medium",
        not_picked_up: "low",
      }),
    })
    .prefault({}),
  notifications: z
    .object({
      enabled: z.boolean().default(true),
      supportEmail: z.string().default(""),
    })
    .prefault({}),
});

export type ShopSettings = z.infer<typeof shopSettingsSchema>;

export function parseShopSettings(raw: unknown): ShopSettings {
  const result = shopSettingsSchema.safeParse(raw ?? {});
  // Stored settings were validated when written; if an old value no longer fits, fall back to
  // defaults for the whole object rather than failing every page of the shop.
  return result.success ? result.data : shopSettingsSchema.parse({});
}

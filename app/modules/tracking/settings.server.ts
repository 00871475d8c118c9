// Settings > Tracking: the webhook address and secret (owners reveal and rotate it; nobody else
// ever receives it), the codes that arrived unmapped, the shop's own code mappings, and the
// exception thresholds. Every change is in the audit log.
import { z } from "zod";
import { AppError } from "../../lib/errors";
import { env } from "../../lib/env.server";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import type { ShopSettings } from "../shops/settings";
import { getShopSettings, rotateWebhookSecret, updateShopSettings } from "../shops/shops.server";
import { type CodeMappingRow, listCodeMappings, type UnmappedCode, unmappedCodes } from "./code-mappings.server";
import { WEBHOOK_BODY_LIMIT } from "./schemas";
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from "./signature";

export interface TrackingSettingsView {
  webhookUrl: string;
  signatureHeader: string;
  toleranceMinutes: number;
  bodyLimitMb: number;
  unmapped: UnmappedCode[];
  mappings: CodeMappingRow[];
  thresholds: ShopSettings["exceptions"];
}

export function webhookUrl(slug: string): string {
  return `${env().publicUrl}/api/webhooks/tracking/${slug}`;
}

export async function trackingSettings(scope: ShopScope, slug: string): Promise<TrackingSettingsView> {
  const [unmapped, mappings, settings] = await Promise.all([unmappedCodes(scope), listCodeMappings(scope), getShopSettings(scope.db, scope.shopId)]);
  return {
    webhookUrl: webhookUrl(slug),
    signatureHeader: SIGNATURE_HEADER,
    toleranceMinutes: SIGNATURE_TOLERANCE_SECONDS / 60,
    bodyLimitMb: WEBHOOK_BODY_LIMIT / 1024 / 1024,
    unmapped,
    mappings,
    thresholds: settings.exceptions,
  };
}

/** The secret itself, for an owner who asked to see it (the reveal is audited). */
export async function revealWebhookSecret(scope: ShopScope, actorUserId: number): Promise<string> {
  const row = await scope.db.selectFrom("shops").select("webhook_secret").where("id", "=", scope.shopId).executeTakeFirstOrThrow();
  await recordAudit(scope, { actorUserId, action: "shop.webhook_secret_revealed", details: { summary: "Revealed the tracking webhook secret." } });
  return row.webhook_secret;
}

export async function rotateShopWebhookSecret(scope: ShopScope, actorUserId: number): Promise<string> {
  return scope.transaction(async (tx) => {
    const secret = await rotateWebhookSecret(tx.db, tx.shopId);
    await recordAudit(tx, {
      actorUserId,
      action: "shop.webhook_secret_rotated",
      details: { summary: "Rotated the tracking webhook secret; requests signed with the old one are refused from now on." },
    });
    return secret;
  });
}

const whole = (label: string, min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number of ${unit}`)
    .min(min, `${label} must be at least ${min} ${unit}`)
    .max(max, `${label} must be at most ${max} ${unit}`);

export const thresholdsFormSchema = z
  .object({
    stalledHours: whole("Stalled after", 1, 720, "hours"),
    stalledHoursExpedited: whole("Stalled after (expedited)", 1, 720, "hours"),
    notPickedUpBusinessDays: whole("Not picked up after", 1, 30, "business days"),
    lostAfterStalledDays: whole("Lost after", 1, 90, "days"),
    expiredAfterDays: whole("Expired after", 1, 365, "days"),
  })
  .superRefine((v, ctx) => {
    if (v.stalledHoursExpedited > v.stalledHours) {
      ctx.addIssue({ code: "custom", path: ["stalledHoursExpedited"], message: "Expedited parcels should not be allowed to stall longer than standard ones" });
    }
    if (v.lostAfterStalledDays * 24 <= v.stalledHours) {
      ctx.addIssue({ code: "custom", path: ["lostAfterStalledDays"], message: "A parcel should be called lost only after it has been stalled" });
    }
  });

const THRESHOLD_LABELS: Record<keyof ShopSettings["exceptions"], string> = {
  stalledHours: "stalled after (hours)",
  stalledHoursExpedited: "stalled after, expedited (hours)",
  notPickedUpBusinessDays: "not picked up after (business days)",
  lostAfterStalledDays: "lost after (days without a scan)",
  expiredAfterDays: "label expires after (days)",
};

export async function saveExceptionThresholds(scope: ShopScope, actorUserId: number, input: unknown): Promise<string[]> {
  const parsed = thresholdsFormSchema.safeParse(input);
  if (!parsed.success) throw new AppError(400, parsed.error.issues[0]?.message ?? "Invalid thresholds.", { details: parsed.error.issues });
  return scope.transaction(async (tx) => {
    const before = (await getShopSettings(tx.db, tx.shopId)).exceptions;
    await updateShopSettings(tx.db, tx.shopId, "exceptions", parsed.data);
    const changes = (Object.keys(parsed.data) as (keyof ShopSettings["exceptions"])[])
      .filter((k) => before[k] !== parsed.data[k])
      .map((k) => `${THRESHOLD_LABELS[k]} ${before[k]} → ${parsed.data[k]}`);
    if (changes.length) {
      await recordAudit(tx, {
        actorUserId,
        action: "settings.exceptions_updated",
        details: { summary: `Changed exception thresholds: ${changes.join("; ")}.`, before, after: parsed.data },
      });
    }
    return changes;
  });
}

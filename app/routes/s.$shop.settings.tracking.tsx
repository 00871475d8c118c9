import { NumberInput, SimpleGrid, Stack } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { ExceptionType } from "../../db/types";
import { CodeMappingsCard, UnmappedCodesCard } from "../components/tracking/code-mappings";
import { WebhookCard } from "../components/tracking/webhook-card";
import { SettingsCard } from "../components/settings-card";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { ASSIGNABLE_CARRIERS, CARRIERS } from "../modules/carriers/registry";
import { codeMappingSchema, deleteCodeMapping, MAPPABLE_STATUSES, saveCodeMapping } from "../modules/tracking/code-mappings.server";
import { EXCEPTION_TYPE_LABELS, EXCEPTION_TYPES, STATUS_LABELS } from "../modules/vocabulary/shipments";
import { revealWebhookSecret, rotateShopWebhookSecret, saveExceptionThresholds, thresholdsFormSchema, trackingSettings } from "../modules/tracking/settings.server";

export const meta: MetaFunction = () => [{ title: "Tracking · Settings · Parcel Desk" }];

function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(iso));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  const view = await trackingSettings(ctx.scope, ctx.shop.slug);
  const tz = ctx.shop.timeZone;
  return {
    canEdit: ctx.can("settings.edit"),
    webhook: { url: view.webhookUrl, header: view.signatureHeader, toleranceMinutes: view.toleranceMinutes, bodyLimitMb: view.bodyLimitMb },
    unmapped: view.unmapped.map((u) => ({ ...u, lastSeenLabel: when(u.lastSeen, tz) })),
    mappings: view.mappings.map((m) => ({
      carrier: m.carrier,
      carrierName: m.carrierName,
      rawCode: m.rawCode,
      statusLabel: STATUS_LABELS[m.status],
      exceptionLabel: m.exceptionType ? EXCEPTION_TYPE_LABELS[m.exceptionType as ExceptionType] : null,
      changedLabel: `${when(m.updatedAt, tz)}${m.updatedBy ? ` by ${m.updatedBy}` : ""}`,
    })),
    thresholds: view.thresholds,
    choices: {
      carriers: [...ASSIGNABLE_CARRIERS, ...Object.keys(CARRIERS).filter((c) => !(ASSIGNABLE_CARRIERS as string[]).includes(c))].map((c) => ({ value: c, label: CARRIERS[c as keyof typeof CARRIERS].name })),
      statuses: MAPPABLE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      exceptionTypes: EXCEPTION_TYPES.map((t) => ({ value: t, label: EXCEPTION_TYPE_LABELS[t] })),
    },
  };
}

interface Outcome {
  intent: string;
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
  secret?: string;
}

const unmapSchema = z.object({ carrier: z.string().min(1, "Which carrier?"), rawCode: z.string().min(1, "Which code?") });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const form = formObject(await request.formData());
  const intent = form.intent ?? "";
  const fail = (message: string, errors?: Record<string, string>, status = 400) => data<Outcome>({ intent, ok: false, message, errors }, { status });
  try {
    switch (intent) {
      case "reveal":
        return data<Outcome>({ intent, ok: true, secret: await revealWebhookSecret(ctx.scope, ctx.user.userId) });
      case "rotate":
        return data<Outcome>({ intent, ok: true, secret: await rotateShopWebhookSecret(ctx.scope, ctx.user.userId), message: "Secret rotated." });
      case "map": {
        const parsed = codeMappingSchema.safeParse(form);
        if (!parsed.success) return fail(parsed.error.issues.map((i) => i.message).join("; "), fieldErrors(parsed.error));
        const row = await saveCodeMapping(ctx.scope, parsed.data, ctx.user.userId);
        return data<Outcome>({ intent, ok: true, message: `Mapped ${row.carrierName} ${row.rawCode} to ${STATUS_LABELS[row.status]}.` });
      }
      case "unmap": {
        const parsed = unmapSchema.safeParse(form);
        if (!parsed.success) return fail(parsed.error.issues[0].message);
        await deleteCodeMapping(ctx.scope, parsed.data, ctx.user.userId);
        return data<Outcome>({ intent, ok: true, message: "Mapping removed." });
      }
      case "thresholds": {
        const parsed = thresholdsFormSchema.safeParse(form);
        if (!parsed.success) return fail("Please fix the highlighted fields.", fieldErrors(parsed.error));
        const changes = await saveExceptionThresholds(ctx.scope, ctx.user.userId, parsed.data);
        return data<Outcome>({ intent, ok: true, message: changes.length ? "Saved. The next exception scan uses the new thresholds." : "Nothing changed." });
      }
      default:
        return fail("Unknown form.");
    }
  } catch (error) {
    if (error instanceof AppError) return fail(error.message, undefined, error.status);
    throw error;
  }
}

export default function TrackingSettings() {
  const { canEdit, webhook, unmapped, mappings, thresholds, choices } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const secret = outcome?.ok && (outcome.intent === "reveal" || outcome.intent === "rotate") ? (outcome.secret ?? null) : null;
  const mappingOutcome = outcome && (outcome.intent === "map" || outcome.intent === "unmap") ? outcome : null;
  const err = (field: string) => (outcome?.intent === "thresholds" ? outcome.errors?.[field] : undefined);
  return (
    <Stack gap="lg">
      <WebhookCard {...webhook} canEdit={canEdit} secret={secret} rotated={outcome?.intent === "rotate" && outcome.ok} />
      <UnmappedCodesCard rows={unmapped} canEdit={canEdit} choices={choices} error={mappingOutcome && !mappingOutcome.ok ? mappingOutcome.message : null} notice={mappingOutcome?.ok ? mappingOutcome.message : null} />
      <CodeMappingsCard rows={mappings} canEdit={canEdit} choices={choices} />
      <SettingsCard
        title="Exception thresholds"
        intent="thresholds"
        canEdit={canEdit}
        outcome={outcome?.intent === "thresholds" ? { intent: "thresholds", ok: outcome.ok, message: outcome.message, errors: outcome.errors } : null}
        description="When the periodic scan flags a silent or late parcel. Delays, failed attempts, address problems, damage, returns and misroutes are flagged as the carrier reports them."
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput name="stalledHours" label="Stalled after (hours without a scan)" defaultValue={thresholds.stalledHours} min={1} max={720} error={err("stalledHours")} />
          <NumberInput name="stalledHoursExpedited" label="Stalled after, expedited services (hours)" defaultValue={thresholds.stalledHoursExpedited} min={1} max={720} error={err("stalledHoursExpedited")} />
          <NumberInput name="notPickedUpBusinessDays" label="Not picked up after (business days from the label)" defaultValue={thresholds.notPickedUpBusinessDays} min={1} max={30} error={err("notPickedUpBusinessDays")} />
          <NumberInput name="lostAfterStalledDays" label="Lost after (days without a scan)" defaultValue={thresholds.lostAfterStalledDays} min={1} max={90} error={err("lostAfterStalledDays")} />
          <NumberInput name="expiredAfterDays" label="Label expires after (days with no scan at all)" defaultValue={thresholds.expiredAfterDays} min={1} max={365} error={err("expiredAfterDays")} />
        </SimpleGrid>
      </SettingsCard>
    </Stack>
  );
}

import { Alert, NumberInput, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { SettingsCard, type SettingsOutcome } from "../components/settings-card";
import { AppError } from "../lib/errors";
import { fieldErrors } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { slaFormInput, slaFormSchema } from "../modules/exceptions/schemas";
import { formatDuration, type SlaSettings } from "../modules/exceptions/sla";
import { saveSlaSettings, slaSettings } from "../modules/exceptions/sla-settings.server";
import { EXCEPTION_TYPE_LABELS, EXCEPTION_TYPES, SEVERITIES, SEVERITY_LABELS } from "../modules/vocabulary/shipments";
import type { Severity } from "../../db/types";

export const meta: MetaFunction = () => [{ title: "Case SLAs · Settings · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  return { canEdit: ctx.can("settings.edit"), sla: await slaSettings(ctx.scope) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const parsed = slaFormSchema.safeParse(slaFormInput(await request.formData()));
  if (!parsed.success) {
    return data<SettingsOutcome>({ intent: "sla", ok: false, message: "Please fix the highlighted fields.", errors: fieldErrors(parsed.error) }, { status: 400 });
  }
  try {
    const { changes } = await saveSlaSettings(ctx.scope, ctx.user.userId, parsed.data);
    return data<SettingsOutcome>({ intent: "sla", ok: true, message: changes.length ? `Saved: ${changes.join("; ")}. New cases use these times.` : "Nothing changed." });
  } catch (error) {
    if (error instanceof AppError) return data<SettingsOutcome>({ intent: "sla", ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

const HOURS_HELP: Record<Severity, string> = {
  critical: "e.g. a lost parcel",
  high: "e.g. damage, address problems",
  medium: "e.g. delays, misroutes",
  low: "e.g. not picked up yet",
};

export default function SlaSettingsPage() {
  const { canEdit, sla } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = outcome && !outcome.ok ? (outcome.errors ?? {}) : {};
  // A live preview of the due time each type gets with the values being edited.
  const [hours, setHours] = useState<Record<Severity, number | string>>({ ...sla.hoursBySeverity });
  const [severities, setSeverities] = useState<SlaSettings["severityByType"]>({ ...sla.severityByType });
  return (
    <Stack gap="lg">
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
        A case is due its severity's hours after it opens. Changes apply to cases opened from now on; cases already open keep the due time they were given (a
        reopened case gets a new one).
      </Alert>
      <SettingsCard
        title="Case SLAs"
        intent="sla"
        canEdit={canEdit}
        outcome={outcome}
        description="How urgent each kind of exception is, and how long support has to resolve it."
      >
        <Text fw={600} size="sm">
          Hours to resolve, by severity
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          {SEVERITIES.map((s) => (
            <NumberInput
              key={s}
              name={`hours.${s}`}
              label={SEVERITY_LABELS[s]}
              description={HOURS_HELP[s]}
              rightSection={<Text size="xs" c="dimmed">hours</Text>}
              rightSectionWidth={52}
              min={0.25}
              max={720}
              clampBehavior="none"
              step={1}
              decimalScale={2}
              value={hours[s]}
              onChange={(v) => setHours((h) => ({ ...h, [s]: v }))}
              error={errors[`hoursBySeverity.${s}`]}
              required
            />
          ))}
        </SimpleGrid>
        <Text fw={600} size="sm" mt="sm">
          Severity of each exception type
        </Text>
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Exception</Table.Th>
              <Table.Th w={200}>Severity</Table.Th>
              <Table.Th>Due after</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {EXCEPTION_TYPES.map((t) => {
              const severity = (severities[t] ?? "medium") as Severity;
              const h = Number(hours[severity]);
              return (
                <Table.Tr key={t}>
                  <Table.Td>
                    <Text size="sm">{EXCEPTION_TYPE_LABELS[t]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      name={`severity.${t}`}
                      aria-label={`Severity of ${EXCEPTION_TYPE_LABELS[t]}`}
                      size="xs"
                      data={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
                      value={severity}
                      onChange={(v) => v && setSeverities((m) => ({ ...m, [t]: v as Severity }))}
                      allowDeselect={false}
                      error={errors[`severityByType.${t}`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {Number.isFinite(h) && h > 0 ? (h >= 24 ? `${h} h (${formatDuration(h * 3_600_000)})` : `${h} h`) : "—"}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </SettingsCard>
    </Stack>
  );
}

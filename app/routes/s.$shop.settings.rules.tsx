// Settings > Assignment rules: the shop's ordered rules (first match wins), what each would take
// among the unassigned orders waiting to ship, and the default service for the rest. Owners add,
// edit, reorder, switch on and off, and delete; everyone else reads.
import { ActionIcon, Button, Group, Paper, Select, Stack, Switch, Table, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { IconArrowDown, IconArrowUp, IconListCheck, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { type EditableRule, RuleEditor } from "../components/carriers/rule-editor";
import { EmptyState } from "../components/page";
import type { SettingsOutcome } from "../components/settings-card";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { assignmentOptions } from "../modules/carriers/assignment-options.server";
import { serviceName } from "../modules/carriers/registry";
import { formFieldOf } from "../modules/carriers/rule-form";
import { describeConditions } from "../modules/carriers/rules";
import { createRule, deleteRule, listRules, moveRule, previewRules, setDefaultService, setRuleEnabled, updateRule } from "../modules/carriers/rules.server";
import { ruleActionSchema } from "../modules/carriers/schemas";
import { parseServiceValue } from "../modules/carriers/service-options";
import { unitSystemFor } from "../modules/carriers/units";
import { getShopSettings } from "../modules/shops/shops.server";

export const meta: MetaFunction = () => [{ title: "Assignment rules · Settings · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  const [rules, preview, dialog, settings] = await Promise.all([
    listRules(ctx.scope),
    previewRules(ctx.scope),
    assignmentOptions(ctx.scope),
    getShopSettings(ctx.scope.db, ctx.shop.id),
  ]);
  const units = unitSystemFor(settings.returnAddress.country);
  return {
    canEdit: ctx.can("settings.edit"),
    slug: ctx.shop.slug,
    units,
    rules: rules.map((r) => ({
      ...r,
      serviceLabel: serviceName(r.carrier, r.service),
      when: describeConditions(r.conditions, units),
      takes: preview.byRule[r.id] ?? 0,
      refused: preview.refusedByRule[r.id] ?? 0,
    })),
    defaultService: dialog.defaultService,
    byDefault: preview.byDefault,
    refusedByDefault: preview.refusedByRule[0] ?? 0,
    unassigned: preview.unassigned,
    services: dialog.services,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const form = formObject(await request.formData());
  const intent = form.intent ?? "";
  const parsed = ruleActionSchema.safeParse(form);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return data<SettingsOutcome>({ intent, ok: false, message: Object.values(errors)[0], errors }, { status: 400 });
  }
  const v = parsed.data;
  const actor = ctx.user.userId;
  try {
    switch (v.intent) {
      case "create":
        await createRule(ctx.scope, actor, v.rule);
        return data<SettingsOutcome>({ intent, ok: true, message: "Rule added." });
      case "update":
        await updateRule(ctx.scope, actor, v.id, v.rule);
        return data<SettingsOutcome>({ intent, ok: true, message: "Rule saved." });
      case "delete":
        await deleteRule(ctx.scope, actor, v.id);
        return data<SettingsOutcome>({ intent, ok: true, message: "Rule deleted." });
      case "move":
        await moveRule(ctx.scope, actor, v.id, v.direction);
        return data<SettingsOutcome>({ intent, ok: true });
      case "toggle":
        await setRuleEnabled(ctx.scope, actor, v.id, v.enabled);
        return data<SettingsOutcome>({ intent, ok: true });
      case "default":
        await setDefaultService(ctx.scope, actor, parseServiceValue(v.service) ?? {});
        return data<SettingsOutcome>({ intent, ok: true, message: "Default service saved." });
    }
  } catch (error) {
    if (error instanceof AppError) {
      const details = (error.details ?? {}) as Record<string, string>;
      const errors = Object.fromEntries(Object.entries(details).map(([path, message]) => [formFieldOf(path), message]));
      return data<SettingsOutcome>({ intent, ok: false, message: error.status === 400 ? "Please fix the highlighted fields." : error.message, errors }, { status: error.status });
    }
    throw error;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export default function RulesSettings() {
  const d = useLoaderData<typeof loader>();
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<EditableRule | null>(null);
  const row = useFetcher<SettingsOutcome>();
  const busy = row.state !== "idle";
  const post = (form: Record<string, string>) => row.submit(form, { method: "post" });
  const onClose = useCallback(() => close(), [close]);
  const edit = (rule: EditableRule | null) => {
    setEditing(rule);
    open();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text size="sm" c="dimmed" maw={620}>
          Rules run top to bottom: the first rule that is on and matches an order chooses its carrier and service; orders no rule
          matches get the default service. Counts are for the {plural(d.unassigned, "unassigned order")} waiting to ship.
        </Text>
        {d.canEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => edit(null)}>
            Add rule
          </Button>
        ) : null}
      </Group>
      {row.data && !row.data.ok && row.state === "idle" ? (
        <Text c="red" size="sm" role="alert">
          {row.data.message}
        </Text>
      ) : null}
      {d.rules.length === 0 ? (
        <EmptyState icon={<IconListCheck size={26} />} title="No rules yet">
          Every order gets the default service, {d.defaultService.name}. Add rules to send heavy parcels, expedited requests or
          international orders elsewhere.
        </EmptyState>
      ) : null}
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" data-testid="rules-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Ships with</Table.Th>
              <Table.Th ta="right">Takes</Table.Th>
              <Table.Th w={70}>On</Table.Th>
              {d.canEdit ? <Table.Th w={150} /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.rules.map((r, i) => (
              <Table.Tr key={r.id} opacity={r.enabled ? 1 : 0.55}>
                <Table.Td>{r.position}</Table.Td>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {r.name}
                  </Text>
                  <Text size="xs" c={r.conditions ? "dimmed" : "red"}>
                    {r.when.length ? `When ${r.when.join(" and ")}` : "Every order"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.serviceLabel}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600}>
                    {r.enabled ? r.takes.toLocaleString("en-US") : "—"}
                  </Text>
                  {r.enabled && r.refused ? (
                    <Tooltip label={`${r.serviceLabel} cannot take ${r.refused} of these (weight, size, PO box or destination): they would be refused, with the reason.`}>
                      <Text size="xs" c="orange.7" style={{ whiteSpace: "nowrap" }}>
                        {r.refused} refused
                      </Text>
                    </Tooltip>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={r.enabled}
                    disabled={!d.canEdit || busy}
                    aria-label={`${r.name} is ${r.enabled ? "on" : "off"}`}
                    onChange={(e) => post({ intent: "toggle", id: String(r.id), enabled: String(e.currentTarget.checked) })}
                  />
                </Table.Td>
                {d.canEdit ? (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={`Move ${r.name} up`} disabled={i === 0 || busy} onClick={() => post({ intent: "move", id: String(r.id), direction: "up" })}>
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" aria-label={`Move ${r.name} down`} disabled={i === d.rules.length - 1 || busy} onClick={() => post({ intent: "move", id: String(r.id), direction: "down" })}>
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" aria-label={`Edit ${r.name}`} onClick={() => edit(r)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Delete ${r.name}`}
                        disabled={busy}
                        onClick={() => {
                          if (window.confirm(`Delete the rule "${r.name}"?`)) post({ intent: "delete", id: String(r.id) });
                        }}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
            <Table.Tr bg="var(--mantine-color-default-hover)">
              <Table.Td />
              <Table.Td>
                <Text fw={600} size="sm">
                  Otherwise: the default service
                </Text>
                <Text size="xs" c="dimmed">
                  Orders no rule takes
                </Text>
              </Table.Td>
              <Table.Td>
                {d.canEdit ? (
                  <Select
                    aria-label="Default service"
                    data={d.services}
                    value={d.defaultService.value}
                    onChange={(v) => v && post({ intent: "default", service: v })}
                    allowDeselect={false}
                    searchable
                    size="xs"
                    w={300}
                    comboboxProps={{ withinPortal: true }}
                  />
                ) : (
                  <Text size="sm">{d.defaultService.name}</Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={600}>
                  {d.byDefault.toLocaleString("en-US")}
                </Text>
                {d.refusedByDefault ? (
                  <Tooltip label={`${d.defaultService.name} cannot take ${d.refusedByDefault} of these: they would be refused, with the reason.`}>
                    <Text size="xs" c="orange.7" style={{ whiteSpace: "nowrap" }}>
                      {d.refusedByDefault} refused
                    </Text>
                  </Tooltip>
                ) : null}
              </Table.Td>
              <Table.Td />
              {d.canEdit ? <Table.Td /> : null}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      {!d.canEdit ? (
        <Text size="sm" c="dimmed">
          Only owners can change assignment rules.
        </Text>
      ) : null}
      <RuleEditor shopSlug={d.slug} opened={opened} onClose={onClose} rule={editing} units={d.units} services={d.services} />
    </Stack>
  );
}

// Settings > Carriers: per carrier, on/off, the account or shipper number, handling time and
// cut-off; the shop's holidays. Owners edit; everyone else sees the values.
import { ActionIcon, Badge, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title, Tooltip, Button, Alert } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IconCalendarOff, IconTrash } from "@tabler/icons-react";
import { SettingsCard, type SettingsOutcome } from "../components/settings-card";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { addHoliday, getCarrierAccounts, listHolidays, removeHoliday, saveCarrierAccount } from "../modules/carriers/accounts.server";
import { addDays, localDay, usFederalHolidays } from "../modules/carriers/business-days";
import { formatDay } from "../modules/carriers/edd";
import { ASSIGNABLE_CARRIERS, CARRIERS } from "../modules/carriers/registry";
import { ACCOUNT_NUMBER_FORMATS, carrierAccountSchema, holidaySchema } from "../modules/carriers/schemas";
import { transitText } from "../modules/carriers/service-options";

export const meta: MetaFunction = () => [{ title: "Carriers · Settings · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  const [accounts, holidays] = await Promise.all([getCarrierAccounts(ctx.scope), listHolidays(ctx.scope)]);
  const today = localDay(new Date(), ctx.shop.timeZone);
  const year = Number(today.slice(0, 4));
  const yearAhead = addDays(today, 365);
  const federal = [...usFederalHolidays(year), ...usFederalHolidays(year + 1)].filter((h) => h.day >= today && h.day <= yearAhead);
  return {
    canEdit: ctx.can("settings.edit"),
    timeZone: ctx.shop.timeZone,
    today,
    carriers: ASSIGNABLE_CARRIERS.map((code) => ({
      ...accounts[code],
      name: CARRIERS[code].name,
      services: CARRIERS[code].services.map((s) => `${s.name} (${transitText(s)})`),
      accountFormat: { label: ACCOUNT_NUMBER_FORMATS[code].label, hint: ACCOUNT_NUMBER_FORMATS[code].hint, usedFor: ACCOUNT_NUMBER_FORMATS[code].usedFor },
    })),
    holidays,
    federal,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const form = formObject(await request.formData());
  const intent = form.intent ?? "";
  const fail = (errors: Record<string, string>) =>
    data<SettingsOutcome>({ intent, ok: false, message: "Please fix the highlighted fields.", errors }, { status: 400 });
  try {
    if (intent.startsWith("account.")) {
      const parsed = carrierAccountSchema.safeParse({ ...form, carrier: intent.slice("account.".length) });
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      await saveCarrierAccount(ctx.scope, ctx.user.userId, parsed.data);
      return data<SettingsOutcome>({ intent, ok: true, message: "Saved." });
    }
    if (intent === "holiday.add") {
      const parsed = holidaySchema.safeParse(form);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      await addHoliday(ctx.scope, ctx.user.userId, parsed.data);
      return data<SettingsOutcome>({ intent, ok: true, message: `Added ${parsed.data.name}.` });
    }
    if (intent === "holiday.remove") {
      await removeHoliday(ctx.scope, ctx.user.userId, form.day);
      return data<SettingsOutcome>({ intent, ok: true, message: "Removed." });
    }
    return data<SettingsOutcome>({ intent, ok: false, message: "Unknown form." }, { status: 400 });
  } catch (error) {
    if (error instanceof AppError) return data<SettingsOutcome>({ intent, ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function CarrierSettings() {
  const { canEdit, timeZone, carriers, holidays, federal, today } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const err = (intent: string, field: string) => (outcome?.intent === intent ? outcome.errors?.[field] : undefined);
  const upcoming = holidays.filter((h) => h.day >= today);
  const past = holidays.length - upcoming.length;
  const adding = navigation.state === "submitting" && navigation.formData?.get("intent") === "holiday.add";
  const holidayOutcome = outcome?.intent?.startsWith("holiday.") ? outcome : null;

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        Handling time and cut-off decide the ship date of each order (cut-off times are in the shop's time zone, {timeZone}); the
        service's transit days, counted in business days, give the delivery estimate. A carrier you turn off is not offered for new
        assignments.
      </Text>
      {carriers.map((c) => {
        const intent = `account.${c.carrier}`;
        return (
          <SettingsCard
            key={c.carrier}
            title={c.name}
            intent={intent}
            canEdit={canEdit}
            outcome={outcome}
            description={c.services.join(" · ")}
          >
            <Group justify="space-between" wrap="wrap">
              <Switch
                name="enabled"
                value="on"
                defaultChecked={c.enabled}
                label={`Offer ${c.name} for assignment`}
                aria-label={`${c.name} enabled`}
              />
              <Badge color={c.enabled ? "teal" : "gray"} variant="light">
                {c.enabled ? "On" : "Off"}
                {c.saved ? "" : " · defaults"}
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                name="accountNumber"
                label={c.accountFormat.label}
                description={`${c.accountFormat.hint}. ${c.accountFormat.usedFor}`}
                defaultValue={c.accountNumber ?? ""}
                placeholder="Not set"
                error={err(intent, "accountNumber")}
                autoComplete="off"
                styles={{ input: { textTransform: "uppercase" } }}
              />
              <NumberInput
                name="handlingDays"
                label="Handling time (business days)"
                description="Days you need before the parcel is handed over."
                defaultValue={c.handlingDays}
                min={0}
                max={30}
                allowDecimal={false}
                error={err(intent, "handlingDays")}
              />
              <TextInput
                name="cutoffTime"
                type="time"
                label="Order cut-off"
                description="Orders after this time count from the next business day."
                defaultValue={c.cutoffTime}
                error={err(intent, "cutoffTime")}
              />
            </SimpleGrid>
          </SettingsCard>
        );
      })}

      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <div>
            <Title order={4}>Holidays</Title>
            <Text size="sm" c="dimmed">
              Days the shop does not ship. Orders due to ship on one move to the next business day; parcels already with a carrier keep
              moving.
            </Text>
          </div>
          {holidayOutcome && !holidayOutcome.ok && holidayOutcome.message ? (
            <Alert color="red" role="alert">
              {holidayOutcome.errors ? Object.values(holidayOutcome.errors).join(" ") : holidayOutcome.message}
            </Alert>
          ) : null}
          {upcoming.length === 0 ? (
            <Group gap="xs" c="dimmed">
              <IconCalendarOff size={18} />
              <Text size="sm">No shop holidays ahead{past ? ` (${past} in the past)` : ""}.</Text>
            </Group>
          ) : (
            <Table withTableBorder striped fz="sm" data-testid="shop-holidays">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Day</Table.Th>
                  <Table.Th>Name</Table.Th>
                  {canEdit ? <Table.Th w={60} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {upcoming.map((h) => (
                  <Table.Tr key={h.day}>
                    <Table.Td>{formatDay(h.day)}, {h.day.slice(0, 4)}</Table.Td>
                    <Table.Td>{h.name}</Table.Td>
                    {canEdit ? (
                      <Table.Td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="holiday.remove" />
                          <input type="hidden" name="day" value={h.day} />
                          <Tooltip label={`Remove ${h.name}`}>
                            <ActionIcon type="submit" variant="subtle" color="red" aria-label={`Remove ${h.name}`}>
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Form>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {canEdit ? (
            <Form method="post">
              <input type="hidden" name="intent" value="holiday.add" />
              <Group align="flex-end" wrap="wrap">
                <TextInput name="day" type="date" label="Day" required min={today} error={err("holiday.add", "day")} />
                <TextInput name="name" label="Name" placeholder="e.g. Stocktake" required maxLength={60} error={err("holiday.add", "name")} style={{ flex: 1, minWidth: 180 }} />
                <Button type="submit" variant="light" loading={adding}>
                  Add holiday
                </Button>
              </Group>
            </Form>
          ) : (
            <Text size="sm" c="dimmed">
              Only owners can change these settings.
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Also skipped, by every carrier estimate: US federal holidays ({federal.map((h) => `${h.name} ${formatDay(h.day)}`).join(", ")}).
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}

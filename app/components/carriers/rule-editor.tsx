// The assignment-rule editor (Settings > Assignment rules): name, carrier and service, the
// conditions in the seller's units, and a live count of the unassigned orders the rule would take
// at its place in the list.
import { Alert, Button, Divider, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import { IconFilter } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { US_STATES } from "../../modules/addresses/regions";
import { type RuleForm, type WeightField, formToRuleInput, ruleToForm, emptyRuleForm } from "../../modules/carriers/rule-form";
import { serviceName } from "../../modules/carriers/registry";
import type { AssignmentRule } from "../../modules/carriers/rules";
import { parseServiceValue, type ServiceOptionGroup } from "../../modules/carriers/service-options";
import type { UnitSystem } from "../../modules/carriers/units";
import type { loader as previewLoader } from "../../routes/s.$shop.api.assign.preview";
import type { SettingsOutcome } from "../settings-card";

/** A rule as the rules page's loader lists it. */
export type EditableRule = AssignmentRule;

/** The live preview route's answer (or its error). */
type PreviewData = SerializeFrom<typeof previewLoader>;

const COUNTRIES = ["US", "CA", "MX", "GB", "AU", "DE", "FR", "JP", "PR"];
const LEVELS = ["standard", "expedited", "economy"];

export function RuleEditor({
  shopSlug,
  opened,
  onClose,
  rule,
  units,
  services,
}: {
  shopSlug: string;
  opened: boolean;
  onClose: () => void;
  /** null: a new rule, added last. */
  rule: EditableRule | null;
  units: UnitSystem;
  services: ServiceOptionGroup[];
}) {
  const [form, setForm] = useState<RuleForm>(() => (rule ? ruleToForm(rule, units) : emptyRuleForm()));
  const save = useFetcher<SettingsOutcome>();
  const preview = useFetcher<typeof previewLoader>();
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    if (opened) {
      setForm(rule ? ruleToForm(rule, units) : emptyRuleForm());
      setSubmitted(false);
    }
  }, [opened, rule, units]);

  const input = useMemo(() => formToRuleInput(form, units), [form, units]);
  const [debounced] = useDebouncedValue(input, 350);
  useEffect(() => {
    if (!opened || !debounced.carrier) return;
    const params = new URLSearchParams({
      ruleId: rule ? String(rule.id) : "",
      carrier: debounced.carrier,
      service: debounced.service,
      conditions: JSON.stringify(debounced.conditions),
    });
    preview.load(`/s/${shopSlug}/api/assign/preview?${params}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, debounced, rule, shopSlug]);

  const outcome = submitted && save.state === "idle" ? save.data : null;
  useEffect(() => {
    if (outcome?.ok) onClose();
  }, [outcome, onClose]);
  const errors = outcome && !outcome.ok ? (outcome.errors ?? {}) : {};
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const choice = parseServiceValue(form.service);

  const onSave = () => {
    setSubmitted(true);
    save.submit(
      { intent: rule ? "update" : "create", ...(rule ? { id: String(rule.id) } : {}), rule: JSON.stringify(input) },
      { method: "post", action: `/s/${shopSlug}/settings/rules` },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={rule ? `Edit rule "${rule.name}"` : "Add an assignment rule"} size="xl">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Rule name" placeholder="e.g. Heavy parcels" value={form.name} onChange={(e) => set("name", e.currentTarget.value)} error={errors.name} data-autofocus required />
          <Select
            label="Then ship with"
            placeholder="Carrier and service"
            data={services}
            value={form.service}
            onChange={(v) => set("service", v)}
            searchable
            error={errors.service}
            required
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Divider label="When the order matches all of these (leave a condition empty to ignore it)" labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <WeightRange units={units} min={form.weightMin} max={form.weightMax} onMin={(w) => set("weightMin", w)} onMax={(w) => set("weightMax", w)} error={errors.weightMin ?? errors.weightMax} />
          <Range
            label={`Longest side (${units === "metric" ? "cm" : "in"})`}
            min={form.sizeMin}
            max={form.sizeMax}
            onMin={(v) => set("sizeMin", v)}
            onMax={(v) => set("sizeMax", v)}
            error={errors.sizeMin ?? errors.sizeMax}
          />
          <Range label="Order value ($)" min={form.valueMin} max={form.valueMax} onMin={(v) => set("valueMin", v)} onMax={(v) => set("valueMax", v)} error={errors.valueMin ?? errors.valueMax} decimals={2} />
          <TagsInput label="Requested service level (as imported)" placeholder="standard, expedited, economy…" data={LEVELS} value={form.serviceLevels} onChange={(v) => set("serviceLevels", v)} error={errors.serviceLevels} clearable />
          <TagsInput label="Destination country" placeholder="Two-letter codes: US, CA…" data={COUNTRIES} value={form.countries} onChange={(v) => set("countries", v.map((c) => c.toUpperCase()))} error={errors.countries} clearable />
          <TagsInput label="Destination state or province" placeholder="Codes: NY, CA, ON…" data={Object.keys(US_STATES)} value={form.states} onChange={(v) => set("states", v.map((c) => c.toUpperCase()))} error={errors.states} clearable />
          <TagsInput label="Any item's SKU" placeholder="Type a SKU and press Enter" value={form.skus} onChange={(v) => set("skus", v)} error={errors.skus} clearable />
          <TagsInput label="Order tag" placeholder="e.g. gift, vip" value={form.tags} onChange={(v) => set("tags", v)} error={errors.tags} clearable />
        </SimpleGrid>
        <PreviewLine data={preview.data} loading={preview.state !== "idle"} hasService={Boolean(choice)} serviceLabel={choice ? serviceName(choice.carrier, choice.service) : ""} isNew={!rule} />
        {outcome && !outcome.ok && outcome.message ? (
          <Alert color="red" role="alert">
            {outcome.message}
          </Alert>
        ) : null}
        <Group justify="space-between">
          <Switch label="Rule is on" checked={form.enabled} onChange={(e) => set("enabled", e.currentTarget.checked)} />
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={onSave} loading={save.state !== "idle"}>
              {rule ? "Save rule" : "Add rule"}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewLine({ data, loading, hasService, serviceLabel, isNew }: { data?: PreviewData; loading: boolean; hasService: boolean; serviceLabel: string; isNew: boolean }) {
  let text: string;
  const error = data && "error" in data ? data.error : null;
  if (!hasService) text = "Choose a service to see which orders this rule would take.";
  else if (error) text = error;
  else if (!data || !("takes" in data)) text = "Counting…";
  else {
    const refused = data.refused ? ` ${data.refused} of them ${serviceLabel} would refuse (limits, PO boxes or destination).` : "";
    text = `Would take ${data.takes.toLocaleString("en-US")} of the ${data.unassigned.toLocaleString("en-US")} unassigned orders waiting to ship${isNew ? " (added last, after the existing rules)" : ""}.${refused}`;
  }
  return (
    <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-default-hover)" aria-live="polite" data-testid="rule-preview">
      <Group gap="xs" wrap="nowrap" opacity={loading ? 0.6 : 1}>
        <IconFilter size={18} />
        <Text size="sm" c={error ? "red" : undefined}>
          {text}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        Orders an earlier rule takes are not counted: the first matching rule wins.
      </Text>
    </Paper>
  );
}

function Range({ label, min, max, onMin, onMax, error, decimals = 1 }: { label: string; min: number | ""; max: number | ""; onMin: (v: number | "") => void; onMax: (v: number | "") => void; error?: string; decimals?: number }) {
  const num = (v: string | number) => (v === "" ? "" : Number(v));
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group grow gap="xs">
        <NumberInput aria-label={`${label}, at least`} placeholder="at least" value={min} onChange={(v) => onMin(num(v))} min={0} decimalScale={decimals} />
        <NumberInput aria-label={`${label}, up to`} placeholder="up to" value={max} onChange={(v) => onMax(num(v))} min={0} decimalScale={decimals} error={Boolean(error)} />
      </Group>
      {error ? (
        <Text size="xs" c="red">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

function WeightRange({ units, min, max, onMin, onMax, error }: { units: UnitSystem; min: WeightField; max: WeightField; onMin: (w: WeightField) => void; onMax: (w: WeightField) => void; error?: string }) {
  const num = (v: string | number) => (v === "" ? "" : Number(v));
  const part = (which: "at least" | "up to", w: WeightField, on: (w: WeightField) => void) =>
    units === "metric" ? (
      <NumberInput aria-label={`Weight ${which} (kg)`} placeholder={`${which} (kg)`} value={w.major} onChange={(v) => on({ ...w, major: num(v) })} min={0} decimalScale={3} />
    ) : (
      <Group gap={4} wrap="nowrap">
        <NumberInput aria-label={`Weight ${which}, pounds`} placeholder={which} rightSection={<Text size="xs">lb</Text>} value={w.major} onChange={(v) => on({ ...w, major: num(v) })} min={0} allowDecimal={false} />
        <NumberInput aria-label={`Weight ${which}, ounces`} placeholder="" rightSection={<Text size="xs">oz</Text>} value={w.minor} onChange={(v) => on({ ...w, minor: num(v) })} min={0} max={15.9} decimalScale={1} w={90} />
      </Group>
    );
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        Parcel weight{units === "metric" ? " (kg)" : ""}
      </Text>
      <Group grow gap="xs" wrap="nowrap">
        {part("at least", min, onMin)}
        {part("up to", max, onMax)}
      </Group>
      {error ? (
        <Text size="xs" c="red">
          {error}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          Orders without a weight count as the default package.
        </Text>
      )}
    </Stack>
  );
}

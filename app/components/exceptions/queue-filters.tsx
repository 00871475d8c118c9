// The queue's filter bar: every control writes its value into the URL (the page reloads its data
// from there), so the view can be bookmarked, shared and saved.
import { Button, Group, Select } from "@mantine/core";
import { IconFilterOff } from "@tabler/icons-react";
import { US_STATES } from "../../modules/addresses/regions";
import { CARRIERS } from "../../modules/carriers/registry";
import { AGE_BUCKETS, activeFilterCount, QUEUE_SORTS, type QueueQuery } from "../../modules/exceptions/queue-query";
import { SLA_STATE_LABELS } from "../../modules/exceptions/sla";
import { CASE_STATES, STATE_LABELS } from "../../modules/exceptions/workflow";

const STATUS_OPTIONS = [
  { value: "unresolved", label: "Unresolved" },
  ...CASE_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] })),
  { value: "all", label: "All cases" },
];

const CARRIER_OPTIONS = Object.values(CARRIERS)
  .filter((c) => c.code !== "other")
  .map((c) => ({ value: c.code, label: c.name }));

const REGION_OPTIONS = Object.entries(US_STATES).map(([code, name]) => ({ value: code, label: `${code} · ${name}` }));

export function QueueFilterBar({
  query,
  assignees,
  onChange,
}: {
  query: QueueQuery;
  assignees: { userId: number; name: string }[];
  onChange: (changes: Partial<Record<keyof QueueQuery, unknown>>) => void;
}) {
  const assigneeOptions = [
    { value: "mine", label: "Assigned to me" },
    { value: "unassigned", label: "Unassigned" },
    ...assignees.map((a) => ({ value: String(a.userId), label: a.name })),
  ];
  const regionOptions =
    query.region && !Object.hasOwn(US_STATES, query.region) ? [{ value: query.region, label: query.region }, ...REGION_OPTIONS] : REGION_OPTIONS;
  const common = { size: "xs" as const, comboboxProps: { withinPortal: true }, allowDeselect: true };
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Filter cases">
      <Select {...common} w={150} label="Status" data={STATUS_OPTIONS} value={query.status} allowDeselect={false} onChange={(v) => onChange({ status: v ?? "unresolved" })} />
      <Select {...common} w={170} label="Assignee" placeholder="Anyone" clearable data={assigneeOptions} value={query.assignee === undefined ? null : String(query.assignee)} onChange={(v) => onChange({ assignee: v ?? undefined })} />
      <Select
        {...common}
        w={130}
        label="SLA"
        placeholder="Any"
        clearable
        data={Object.entries(SLA_STATE_LABELS).map(([value, label]) => ({ value, label }))}
        value={query.sla ?? null}
        onChange={(v) => onChange({ sla: v ?? undefined })}
      />
      <Select {...common} w={140} label="Carrier" placeholder="Any" clearable data={CARRIER_OPTIONS} value={query.carrier ?? null} onChange={(v) => onChange({ carrier: v ?? undefined })} />
      <Select
        {...common}
        w={130}
        label="Age"
        placeholder="Any"
        clearable
        data={Object.entries(AGE_BUCKETS).map(([value, b]) => ({ value, label: b.label }))}
        value={query.age ?? null}
        onChange={(v) => onChange({ age: v ?? undefined })}
      />
      <Select {...common} w={170} label="Destination" placeholder="Any region" clearable searchable data={regionOptions} value={query.region ?? null} onChange={(v) => onChange({ region: v ?? undefined })} />
      <Select
        {...common}
        w={230}
        label="Sort"
        data={Object.entries(QUEUE_SORTS).map(([value, label]) => ({ value, label }))}
        value={query.sort}
        allowDeselect={false}
        onChange={(v) => onChange({ sort: v ?? "sla" })}
      />
      {activeFilterCount(query) > 0 ? (
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconFilterOff size={14} />}
          onClick={() => onChange({ status: "unresolved", assignee: undefined, sla: undefined, carrier: undefined, age: undefined, region: undefined, type: undefined })}
        >
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}

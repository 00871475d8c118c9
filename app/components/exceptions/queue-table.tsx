// The queue table: one row per case, overdue rows tinted red, the keyboard-focused row outlined,
// and a checkbox per row for bulk actions.
import { Anchor, Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { carrierName } from "../../modules/carriers/registry";
import type { QueueRow } from "../../modules/exceptions/queue.server";
import { slaState } from "../../modules/exceptions/sla";
import { resolutionLabel } from "../../modules/exceptions/workflow";
import { SeverityBadge, SlaBadge, StateBadge, TypeBadge } from "./case-badges";
import { ago } from "./format";

/** A row as the queue page's loader sends it (the cursor stays on the server). */
export type QueueTableRow = Omit<QueueRow, "cursor">;

export function QueueTable({
  rows,
  caseHref,
  focusIndex,
  onFocusRow,
  selected,
  onToggle,
  onToggleAll,
  now,
  timeZone,
}: {
  rows: QueueTableRow[];
  caseHref: (id: number) => string;
  focusIndex: number;
  onFocusRow: (index: number) => void;
  selected: Map<number, number>;
  onToggle: (row: QueueTableRow) => void;
  onToggleAll: () => void;
  now: Date;
  timeZone: string;
}) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    bodyRef.current?.querySelectorAll("tr")[focusIndex]?.scrollIntoView({ block: "nearest" });
  }, [focusIndex]);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = rows.some((r) => selected.has(r.id));
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table highlightOnHover verticalSpacing={6} aria-label="Cases" data-testid="queue-table" styles={{ td: { whiteSpace: "nowrap" }, th: { whiteSpace: "nowrap" } }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox aria-label="Select all cases on this page" checked={allSelected} indeterminate={someSelected && !allSelected} onChange={onToggleAll} size="xs" />
            </Table.Th>
            <Table.Th>Case</Table.Th>
            <Table.Th>Order</Table.Th>
            <Table.Th>Shipment</Table.Th>
            <Table.Th>Destination</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Assignee</Table.Th>
            <Table.Th>Opened</Table.Th>
            <Table.Th>SLA</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={bodyRef}>
          {rows.map((row, i) => {
            const resolved = row.state === "resolved";
            const overdue = !resolved && slaState(row.slaDueAt, now, timeZone) === "overdue";
            const focused = i === focusIndex;
            return (
              <Table.Tr
                key={row.id}
                data-case-id={row.id}
                data-overdue={overdue || undefined}
                aria-current={focused ? "true" : undefined}
                aria-selected={selected.has(row.id)}
                onClick={() => onFocusRow(i)}
                style={{
                  backgroundColor: overdue ? "var(--mantine-color-red-light)" : undefined,
                  boxShadow: focused ? "inset 3px 0 0 var(--mantine-color-indigo-6), inset 0 0 0 1px var(--mantine-color-indigo-4)" : undefined,
                }}
              >
                <Table.Td>
                  <Checkbox aria-label={`Select case ${row.id}`} checked={selected.has(row.id)} onChange={() => onToggle(row)} size="xs" />
                </Table.Td>
                <Table.Td miw={250}>
                  <Stack gap={2}>
                    <Group gap={6} wrap="nowrap">
                      <TypeBadge type={row.type} />
                      <SeverityBadge severity={row.severity} />
                      <Anchor component={Link} to={caseHref(row.id)} size="sm" fw={600} prefetch="intent">
                        #{row.id}
                      </Anchor>
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={1} maw={260} title={row.reason} style={{ whiteSpace: "normal" }}>
                      {row.reason}
                      {row.signalCount > 1 ? ` (${row.signalCount} signals)` : ""}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {row.orderExternalId}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.buyerName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{carrierName(row.carrierCode)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {row.trackingNumber}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{[row.destRegion, row.destCountry].filter(Boolean).join(", ") || "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <StateBadge state={row.state} />
                  {resolved && row.resolutionCode ? (
                    <Text size="xs" c="dimmed">
                      {resolutionLabel(row.resolutionCode)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.assigneeName ? undefined : "dimmed"}>
                    {row.assigneeName ?? "Unassigned"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ago(row.openedAt, now)}</Text>
                </Table.Td>
                <Table.Td>
                  <SlaBadge dueAt={row.slaDueAt} now={now} timeZone={timeZone} resolved={resolved} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

// Bulk "Assign carrier" action on the orders table (owned by the carriers issue): choose the
// orders (the selection, or all unassigned orders waiting to ship) and how (the shop's rules, or
// one carrier and service); then the outcome: how many were assigned, and every refused order
// with its reason.
import { Alert, Button, Group, Modal, Progress, Radio, ScrollArea, Select, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useFetcher } from "@remix-run/react";
import { IconAlertTriangle, IconCircleCheck, IconTruck } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { type AssignmentOptions, parseServiceValue } from "../../modules/carriers/service-options";

export interface OrderSelection {
  shopSlug: string;
  /** Internal order ids of the selected rows. */
  orderIds: number[];
  /** True when the user chose "all matching the current filters" rather than a page selection. */
  allMatching: boolean;
  /** The table's current filter query string, for allMatching. */
  query: string;
}

interface AssignOutcome {
  assignedCount?: number;
  refusedCount?: number;
  refused?: { orderId: number | null; externalId: string; reason: string }[];
  error?: string;
  errors?: Record<string, string>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function AssignCarrierAction(props: OrderSelection & { canAssign: boolean }) {
  const { shopSlug, orderIds, allMatching, canAssign } = props;
  const [opened, { open, close }] = useDisclosure(false);
  const info = useFetcher<AssignmentOptions>();
  const submit = useFetcher<AssignOutcome>();
  const selected = orderIds.length;
  const [scope, setScope] = useState<"selected" | "all_unassigned">("selected");
  const [method, setMethod] = useState<"rules" | "service">("rules");
  const [service, setService] = useState<string | null>(null);
  // Whether this opening of the dialog has submitted (the fetcher keeps the last outcome).
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    if (opened && info.state === "idle") info.load(`/s/${shopSlug}/api/assign`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  if (!canAssign) return null;

  const openDialog = () => {
    // "All matching" the table's filters is taken as every unassigned order waiting to ship.
    setScope(allMatching || selected === 0 ? "all_unassigned" : "selected");
    setSubmitted(false);
    open();
  };
  const outcome = submitted && submit.state === "idle" ? (submit.data ?? null) : null;
  const finished = outcome?.assignedCount !== undefined;
  const busy = submit.state !== "idle";
  const unassigned = info.data?.unassigned;
  const count = scope === "selected" ? selected : unassigned;
  const choice = parseServiceValue(service);

  const onSubmit = () => {
    const form: Record<string, string> = { method, scope };
    if (scope === "selected") form.orderIds = orderIds.join(",");
    if (method === "service" && choice) Object.assign(form, choice);
    setSubmitted(true);
    submit.submit(form, { method: "post", action: `/s/${shopSlug}/api/assign` });
  };
  const onClose = () => close();

  return (
    <>
      <Button leftSection={<IconTruck size={16} />} variant="default" onClick={openDialog} data-testid="assign-carrier">
        Assign carrier
      </Button>
      <Modal opened={opened} onClose={onClose} title="Assign carrier" size="lg">
        {finished ? (
          <AssignResult outcome={outcome!} onDone={onClose} />
        ) : (
          <Stack>
            <Radio.Group label="Which orders" value={scope} onChange={(v) => setScope(v as typeof scope)}>
              <Stack gap={6} mt={6}>
                <Radio value="selected" disabled={selected === 0} label={`The ${plural(selected, "selected order")}`} />
                <Radio
                  value="all_unassigned"
                  label={`All unassigned orders waiting to ship${unassigned === undefined ? "" : ` (${unassigned.toLocaleString("en-US")})`}`}
                />
              </Stack>
            </Radio.Group>
            <Radio.Group label="How" value={method} onChange={(v) => setMethod(v as typeof method)}>
              <Stack gap={6} mt={6}>
                <Radio
                  value="rules"
                  label="By the shop's assignment rules"
                  description={
                    info.data
                      ? `${plural(info.data.enabledRules, "rule")} in order, first match wins; otherwise ${info.data.defaultService.name}.`
                      : "First matching rule wins; otherwise the default service."
                  }
                />
                <Radio value="service" label="One carrier and service for all of them" />
              </Stack>
            </Radio.Group>
            {method === "service" ? (
              <Select
                label="Carrier and service"
                placeholder="Choose a service"
                data={info.data?.services ?? []}
                value={service}
                onChange={setService}
                searchable
                nothingFoundMessage="No such service"
                error={outcome?.errors?.service ?? outcome?.errors?.carrier}
                comboboxProps={{ withinPortal: true }}
              />
            ) : null}
            <Text size="sm" c="dimmed">
              Orders a service cannot take (too heavy or large, a PO box, the wrong side of a border, already labelled, cancelled) are
              refused one by one with the reason; nothing is changed for them.
            </Text>
            {outcome?.error ? (
              <Alert color="red" role="alert">
                {outcome.error}
              </Alert>
            ) : null}
            {busy ? (
              <Stack gap={4}>
                <Text size="sm">Assigning {count === undefined ? "" : plural(count, "order")}…</Text>
                <Progress value={100} striped animated aria-label="Assigning" />
              </Stack>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={onSubmit} loading={busy} disabled={(method === "service" && !choice) || count === 0}>
                Assign {count === undefined ? "" : plural(count, "order")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

function AssignResult({ outcome, onDone }: { outcome: AssignOutcome; onDone: () => void }) {
  const assigned = outcome.assignedCount ?? 0;
  const refused = outcome.refusedCount ?? 0;
  const listed = outcome.refused ?? [];
  return (
    <Stack>
      <Alert color={assigned > 0 ? "teal" : "gray"} icon={<IconCircleCheck size={18} />} role="status" data-testid="assign-result">
        Assigned {plural(assigned, "order")}.{refused > 0 ? ` Refused ${plural(refused, "order")}.` : ""}
      </Alert>
      {refused > 0 ? (
        <>
          <Group gap={6}>
            <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" />
            <Text fw={600} size="sm">
              Not assigned, and why
            </Text>
          </Group>
          <ScrollArea.Autosize mah={320} type="auto">
            <Table striped withTableBorder fz="sm" data-testid="assign-refusals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {listed.map((r) => (
                  <Table.Tr key={`${r.orderId}-${r.externalId}`}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{r.externalId || `#${r.orderId}`}</Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {refused > listed.length ? (
            <Text size="xs" c="dimmed">
              And {plural(refused - listed.length, "more order")}; `npm run shipments:assign` lists them all.
            </Text>
          ) : null}
        </>
      ) : null}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}

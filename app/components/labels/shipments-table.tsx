// The shipments table on the Shipments page: search and filters (a GET form, so the URL is the
// state), keyset pages, selection for bulk hand-over, and per-label preview, print, hand-over and void.
import { ActionIcon, Anchor, Button, Checkbox, Group, Menu, Paper, Select, Table, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, useFetcher, useSearchParams } from "@remix-run/react";
import { IconBan, IconDots, IconEye, IconPrinter, IconSearch, IconTruckDelivery } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { ShipmentStatus } from "../../../db/types";
import { formatDay } from "../../modules/carriers/edd";
import { ASSIGNABLE_CARRIERS, carrierName } from "../../modules/carriers/registry";
import { SHIPMENT_STATUSES, STATUS_LABELS } from "../../modules/vocabulary/shipments";
import { EmptyState } from "../page";
import { batchFileUrl, postDownload } from "./label-batch";
import { ShipmentStatusBadge } from "./status";
import { VoidDialog } from "./void-dialog";

const when = (iso: string | Date | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }) : "";
const nowrap = { whiteSpace: "nowrap" } as const;

export interface ShipmentsTableData {
  slug: string;
  canPrint: boolean;
  query: { q?: string; status?: string; carrier?: string; after?: number };
  shipments: {
    rows: {
      id: number;
      orderId: number;
      externalId: string;
      buyerName: string;
      destination: string;
      carrierName: string;
      service: string;
      trackingNumber: string;
      status: ShipmentStatus;
      labelCreatedAt: string | Date | null;
      printedAt: string | Date | null;
      shippedAt: string | Date | null;
      eddCurrent: string | null;
      imported: boolean;
    }[];
    nextAfter: number | null;
  };
}

export function ShipmentsTable({ data, onPreview }: { data: ShipmentsTableData; onPreview: (url: string) => void }) {
  const { slug, canPrint, shipments, query } = data;
  const [params] = useSearchParams();
  const [selected, setSelected] = useState<number[]>([]);
  const [voiding, setVoiding] = useState<{ id: number; trackingNumber: string } | null>(null);
  const act = useFetcher<{ batchId?: number; voided?: unknown; handOver?: unknown; error?: string }>();
  const actionUrl = `/s/${slug}/api/labels/shipments`;
  useEffect(() => {
    if (act.state !== "idle" || !act.data) return;
    if (act.data.batchId) postDownload(batchFileUrl(slug, act.data.batchId));
    if (act.data.voided) setVoiding(null);
    if (act.data.handOver) setSelected([]);
  }, [act.state, act.data, slug]);
  const pageIds = shipments.rows.map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.includes(id));
  const submit = (fields: Record<string, string | string[]>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    act.submit(form, { method: "post", action: actionUrl });
  };
  const nextParams = new URLSearchParams(params);
  if (shipments.nextAfter) nextParams.set("after", String(shipments.nextAfter));

  return (
    <Paper withBorder p="lg" radius="md" aria-labelledby="shipments-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={4} id="shipments-title">
          Shipments
        </Title>
        <Form method="get" role="search">
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput name="q" defaultValue={query.q ?? ""} placeholder="Tracking number or order id" aria-label="Search shipments" leftSection={<IconSearch size={16} />} w={240} />
            <Select
              name="status"
              aria-label="Status"
              placeholder="Any status"
              clearable
              defaultValue={query.status ?? null}
              data={[{ value: "awaiting_handover", label: "Waiting for hand-over" }, ...SHIPMENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
              w={190}
            />
            <Select
              name="carrier"
              aria-label="Carrier"
              placeholder="Any carrier"
              clearable
              defaultValue={query.carrier ?? null}
              data={ASSIGNABLE_CARRIERS.map((c) => ({ value: c, label: carrierName(c) }))}
              w={150}
            />
            <Button type="submit" variant="default">
              Search
            </Button>
          </Group>
        </Form>
      </Group>
      {act.data?.error ? (
        <Text size="sm" c="red" role="alert" mb="xs">
          {act.data.error}
        </Text>
      ) : null}
      {canPrint && selected.length > 0 ? (
        <Group mb="xs" gap="xs">
          <Text size="sm">{selected.length} selected</Text>
          <Button size="xs" leftSection={<IconTruckDelivery size={14} />} loading={act.state !== "idle"} onClick={() => submit({ intent: "handover", shipmentIds: selected.map(String) })}>
            Mark handed over
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setSelected([])}>
            Clear
          </Button>
        </Group>
      ) : null}
      {shipments.rows.length === 0 ? (
        <EmptyState icon={<IconTruckDelivery size={26} />} title={query.q || query.status || query.carrier || query.after ? "No shipments match" : "No shipments yet"}>
          {query.q || query.status || query.carrier
            ? "Try another search or clear the filters."
            : "Shipments appear here when labels are created: assign carriers on the Orders page, then create labels."}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Shipments">
            <Table.Thead>
              <Table.Tr>
                {canPrint ? (
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label="Select all shipments on this page"
                      checked={allOnPage}
                      indeterminate={!allOnPage && selected.length > 0}
                      onChange={() => setSelected(allOnPage ? [] : pageIds)}
                    />
                  </Table.Th>
                ) : null}
                <Table.Th>Tracking number</Table.Th>
                <Table.Th>Order</Table.Th>
                <Table.Th>Ship to</Table.Th>
                <Table.Th>Carrier</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Label</Table.Th>
                <Table.Th>EDD</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shipments.rows.map((s) => (
                <Table.Tr key={s.id}>
                  {canPrint ? (
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${s.trackingNumber}`}
                        checked={selected.includes(s.id)}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setSelected((cur) => (on ? [...cur, s.id] : cur.filter((x) => x !== s.id)));
                        }}
                      />
                    </Table.Td>
                  ) : null}
                  <Table.Td ff="monospace" td={s.status === "voided" ? "line-through" : undefined} style={nowrap}>
                    {s.trackingNumber}
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <Anchor component={Link} to={`/s/${slug}/orders/${s.orderId}`} size="sm">
                      {s.externalId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {s.buyerName}
                    <Text size="xs" c="dimmed">
                      {s.destination}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.carrierName}
                    <Text size="xs" c="dimmed">
                      {s.service}
                    </Text>
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <ShipmentStatusBadge status={s.status} />
                    {s.shippedAt ? (
                      <Text size="xs" c="dimmed">
                        Handed over {when(s.shippedAt)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    {s.imported ? "Imported" : when(s.labelCreatedAt)}
                    {!s.imported ? (
                      <Text size="xs" c="dimmed">
                        {s.printedAt ? `printed ${when(s.printedAt)}` : "not printed"}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={nowrap}>{s.eddCurrent ? formatDay(s.eddCurrent) : ""}</Table.Td>
                  <Table.Td>
                    {canPrint && !s.imported && s.status !== "voided" ? (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={`Actions for ${s.trackingNumber}`}>
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconEye size={16} />} onClick={() => onPreview(`/s/${slug}/api/labels/shipments/${s.id}/preview`)}>
                            Preview label
                          </Menu.Item>
                          <Menu.Item leftSection={<IconPrinter size={16} />} onClick={() => submit({ intent: "reprint", shipmentId: String(s.id) })}>
                            {s.printedAt ? "Reprint label" : "Print label"}
                          </Menu.Item>
                          {!s.shippedAt && (s.status === "pending" || s.status === "info_received") ? (
                            <>
                              <Menu.Item leftSection={<IconTruckDelivery size={16} />} onClick={() => submit({ intent: "handover", shipmentIds: String(s.id) })}>
                                Mark handed over
                              </Menu.Item>
                              <Menu.Item color="red" leftSection={<IconBan size={16} />} onClick={() => setVoiding({ id: s.id, trackingNumber: s.trackingNumber })}>
                                Void label...
                              </Menu.Item>
                            </>
                          ) : null}
                        </Menu.Dropdown>
                      </Menu>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between" mt="sm">
        {query.after ? (
          <Anchor component={Link} to={`?${new URLSearchParams([...params].filter(([k]) => k !== "after"))}`} size="sm">
            First page
          </Anchor>
        ) : (
          <span />
        )}
        {shipments.nextAfter ? (
          <Button component={Link} to={`?${nextParams}`} variant="default" size="xs">
            Next page
          </Button>
        ) : null}
      </Group>
      <VoidDialog target={voiding} onClose={() => setVoiding(null)} busy={act.state !== "idle"} error={act.data?.error} onVoid={(reason) => voiding && submit({ intent: "void", shipmentId: String(voiding.id), reason })} />
    </Paper>
  );
}


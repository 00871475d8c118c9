// The label history of one order: every label it had (voided ones struck through, with who voided
// it and why) and the label events from its history (created, printed, voided, address check).
import { Stack, Table, Text } from "@mantine/core";
import type { OrderLabelView } from "../../modules/labels/order-label.server";
import { ShipmentStatusBadge } from "./status";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "");

export function LabelHistory({ view }: { view: OrderLabelView }) {
  if (view.labels.length === 0 && view.events.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        Label history
      </Text>
      {view.labels.length > 0 ? (
        <Table withTableBorder fz="sm" aria-label="Labels of this order">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tracking number</Table.Th>
              <Table.Th>Service</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.labels.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td ff="monospace" td={l.status === "voided" ? "line-through" : undefined}>
                  {l.trackingNumber}
                </Table.Td>
                <Table.Td>{l.serviceName || l.carrierName}</Table.Td>
                <Table.Td>
                  <ShipmentStatusBadge status={l.status} />
                  {l.status === "voided" && l.voidReason ? (
                    <Text size="xs" c="dimmed">
                      {l.voidedByName ? `${l.voidedByName}: ` : ""}
                      {l.voidReason}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{when(l.labelCreatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {view.events.length > 0 ? (
        <Stack gap={4} component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Label events">
          {view.events.map((e) => (
            <li key={e.id}>
              <Text size="xs">
                <Text span c="dimmed" size="xs">
                  {when(e.at)}
                  {e.actorName ? ` · ${e.actorName}` : ""} ·{" "}
                </Text>
                {e.summary}
              </Text>
            </li>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

// The case page's side cards: order and buyer, shipment and label (with EDD original vs current),
// and the other cases of the same order.
import { Anchor, Badge, Divider, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { IconExternalLink } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { daysBetween } from "../../modules/carriers/business-days";
import { carrierName, serviceName, trackingUrl } from "../../modules/carriers/registry";
import type { CaseView } from "../../modules/exceptions/case-view.server";
import { StateBadge, TypeBadge } from "./case-badges";
import { formatDateTime, formatDay, formatMoney } from "./format";

export function Card({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{title}</Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={92} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0 }}>{children}</div>
    </Group>
  );
}

export function OrderCard({ order, orderHref, timeZone }: { order: CaseView["order"]; orderHref: string; timeZone: string }) {
  return (
    <Card
      title="Order and buyer"
      actions={
        <Anchor component={Link} to={orderHref} size="xs">
          Open order
        </Anchor>
      }
    >
      <Stack gap={6}>
        <Row label="Order">
          <Text size="sm" fw={600}>
            {order.externalId}
          </Text>
          <Text size="xs" c="dimmed">
            {order.source} · {order.status.replace("_", " ")}
            {order.placedAt ? ` · placed ${formatDateTime(order.placedAt, timeZone)}` : ""}
          </Text>
        </Row>
        <Row label="Buyer">
          <Text size="sm">{order.buyerName}</Text>
          {order.buyerEmail ? (
            <Text size="xs" style={{ wordBreak: "break-all" }}>
              {order.buyerEmail}
            </Text>
          ) : (
            <Text size="xs" c="red">
              No email address
            </Text>
          )}
          {order.buyerPhone ? <Text size="xs">{order.buyerPhone}</Text> : null}
        </Row>
        <Row label="Ship to">
          <Text size="sm">
            {order.address1}
            {order.address2 ? `, ${order.address2}` : ""}
          </Text>
          <Text size="sm">
            {order.city}
            {order.region ? `, ${order.region}` : ""} {order.postalCode} · {order.country}
          </Text>
        </Row>
        <Row label="Items">
          {order.items.map((item, i) => (
            <Text key={i} size="sm">
              {item.quantity} × {item.productName ?? item.sku ?? "item"}
              {item.variation ? ` (${item.variation})` : ""}
            </Text>
          ))}
          <Text size="xs" c="dimmed">
            Total {formatMoney(order.totalCents, order.currency)} · {order.serviceLevel} service
          </Text>
        </Row>
        {order.buyerMessage ? (
          <Row label="Buyer note">
            <Text size="sm" fs="italic">
              {order.buyerMessage}
            </Text>
          </Row>
        ) : null}
      </Stack>
    </Card>
  );
}

export function ShipmentCard({ shipment, labelHref, timeZone }: { shipment: CaseView["shipment"]; labelHref: string | null; timeZone: string }) {
  const link = trackingUrl(shipment.carrierCode, shipment.trackingNumber);
  const slip = shipment.eddOriginal && shipment.eddCurrent ? daysBetween(shipment.eddOriginal, shipment.eddCurrent) : 0;
  return (
    <Card title="Shipment and label">
      <Stack gap={6}>
        <Row label="Carrier">
          <Text size="sm">
            {carrierName(shipment.carrierCode)}
            {shipment.serviceCode ? ` · ${serviceName(shipment.carrierCode, shipment.serviceCode)}` : ""}
          </Text>
        </Row>
        <Row label="Tracking">
          <Group gap={4} wrap="nowrap">
            <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
              {shipment.trackingNumber}
            </Text>
            {link ? (
              <Anchor href={link} target="_blank" rel="noopener noreferrer" aria-label="Track on the carrier's site">
                <IconExternalLink size={14} />
              </Anchor>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {shipment.status.replace(/_/g, " ")}
            {shipment.lastScanAt ? ` · last scan ${formatDateTime(shipment.lastScanAt, timeZone)}` : " · no scan yet"}
          </Text>
        </Row>
        <Row label="Label">
          {shipment.voidedAt ? (
            <Text size="sm" c="red">
              Voided {formatDateTime(shipment.voidedAt, timeZone)}
            </Text>
          ) : (
            <Text size="sm">{shipment.labelCreatedAt ? `Created ${formatDateTime(shipment.labelCreatedAt, timeZone)}` : "Imported (no label here)"}</Text>
          )}
          {labelHref && shipment.labelCreatedAt ? (
            <Anchor href={labelHref} target="_blank" rel="noopener" size="xs">
              Preview the label (PDF)
            </Anchor>
          ) : null}
        </Row>
        <Divider my={2} />
        <Row label="EDD">
          {shipment.eddOriginal || shipment.eddCurrent ? (
            <Stack gap={2}>
              <Text size="sm">
                Promised {shipment.eddOriginal ? formatDay(shipment.eddOriginal) : "—"}
                {shipment.eddCurrent && shipment.eddCurrent !== shipment.eddOriginal ? ` · now ${formatDay(shipment.eddCurrent)}` : ""}
              </Text>
              {slip > 0 ? (
                <Badge size="sm" color="orange" variant="light" tt="none">
                  Slipped {slip} day{slip === 1 ? "" : "s"}
                </Badge>
              ) : slip < 0 ? (
                <Badge size="sm" color="teal" variant="light" tt="none">
                  {-slip} day{slip === -1 ? "" : "s"} earlier than promised
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  Unchanged since the label
                </Text>
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              No estimate
            </Text>
          )}
        </Row>
        {shipment.shippedAt ? (
          <Row label="Shipped">
            <Text size="sm">{formatDateTime(shipment.shippedAt, timeZone)}</Text>
          </Row>
        ) : null}
        {shipment.deliveredAt ? (
          <Row label="Delivered">
            <Text size="sm">{formatDateTime(shipment.deliveredAt, timeZone)}</Text>
            {shipment.proofType ? (
              <Text size="xs" c="dimmed">
                Proof: {shipment.proofType}
                {shipment.proofSignedBy ? ` (signed by ${shipment.proofSignedBy})` : ""}
              </Text>
            ) : null}
          </Row>
        ) : null}
      </Stack>
    </Card>
  );
}

export function RelatedCases({ cases, caseHref, timeZone }: { cases: CaseView["relatedCases"]; caseHref: (id: number) => string; timeZone: string }) {
  return (
    <Card title={`Other cases of this order (${cases.length})`}>
      <CasesTable cases={cases} caseHref={caseHref} timeZone={timeZone} emptyText="None: this is the order's only case." />
    </Card>
  );
}

/** A short list of cases (number, type, state, opened), as the case page and the order page show them. */
export function CasesTable({ cases, caseHref, timeZone, emptyText }: { cases: CaseView["relatedCases"]; caseHref: (id: number) => string; timeZone: string; emptyText: string }) {
  if (cases.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} withRowBorders={false}>
      <Table.Tbody>
        {cases.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Anchor component={Link} to={caseHref(c.id)} size="sm">
                #{c.id}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <TypeBadge type={c.type} />
            </Table.Td>
            <Table.Td>
              <StateBadge state={c.state} />
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {formatDateTime(c.openedAt, timeZone)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

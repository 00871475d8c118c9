import { Alert, Anchor, Badge, Grid, Group, Stack, Table, Text, Timeline } from "@mantine/core";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconAlertTriangle, IconArrowLeft, IconHistory, IconMail, IconMapPin, IconMessage, IconPackage, IconRoute, IconTruckDelivery } from "@tabler/icons-react";
import { z } from "zod";
import { CasesTable } from "../components/exceptions/case-cards";
import { ShipmentStatusBadge } from "../components/labels/status";
import { MessagesList } from "../components/notifications/messages-list";
import { OrderCarrierSection } from "../components/orders/carrier-section";
import { OrderLabelSection } from "../components/orders/label-section";
import { PageHeader, Section } from "../components/page";
import { TrackingTimeline } from "../components/tracking/timeline";
import { requireShop } from "../lib/guard.server";
import { orHttpError } from "../lib/http.server";
import { orderHistory } from "../modules/audit/audit.server";
import { carrierName, serviceName, trackingUrl } from "../modules/carriers/registry";
import { casesOfOrder } from "../modules/exceptions/case-view.server";
import { messagesForOrder } from "../modules/notifications/outbox.server";
import { getOrderDetail } from "../modules/orders/detail.server";
import { ORDER_STATUS_COLORS, STATUS_LABELS } from "../modules/orders/filters";
import { shipmentTimeline } from "../modules/tracking/timeline.server";
import { formatDateTime, formatDay, formatMoney } from "../modules/orders/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Order ${data?.order.externalId ?? ""} · Parcel Desk` }];

const orderIdSchema = z.coerce.number().int().positive();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  const id = orderIdSchema.safeParse(params.orderId);
  if (!id.success) throw data({ message: "That order was not found." }, { status: 404 });
  const detail = await orHttpError(getOrderDetail(ctx.scope, id.data));
  const o = detail.order;
  // The parcel the buyer is waiting for: the live shipment, else the latest voided one (shipments come newest first).
  const tracked = detail.shipments.find((s) => s.status !== "voided") ?? detail.shipments[0];
  const [history, timeline, cases, messages] = await Promise.all([
    orderHistory(ctx.scope, id.data),
    tracked ? shipmentTimeline(ctx.scope, tracked.id, { timeZone: ctx.shop.timeZone }) : null,
    casesOfOrder(ctx.scope, id.data),
    messagesForOrder(ctx.scope, id.data),
  ]);
  return {
    slug: ctx.shop.slug,
    timeZone: ctx.shop.timeZone,
    canAssign: ctx.can("shipments.assign"),
    canPrint: ctx.can("labels.print"),
    canAct: ctx.can("cases.act"),
    timeline,
    cases,
    messages,
    order: {
      id: o.id,
      externalId: o.external_id,
      source: o.source,
      status: o.status,
      marketplaceStatus: o.marketplace_status,
      placedAt: o.placed_at,
      buyerName: o.buyer_name,
      buyerEmail: o.buyer_email,
      buyerPhone: o.buyer_phone,
      address: [o.address1, o.address2, [o.city, o.region, o.postal_code].filter(Boolean).join(" "), o.country].filter(Boolean) as string[],
      serviceLevel: o.service_level,
      shippingMethod: o.shipping_method,
      totalCents: o.total_cents,
      currency: o.currency,
      weightGrams: o.weight_grams,
      buyerMessage: o.buyer_message,
      sellerNote: o.seller_note,
      carrierCode: o.carrier_code,
      serviceCode: o.service_code,
      shipDate: o.ship_date,
      eddMin: o.edd_min,
      eddMax: o.edd_max,
      addressProblems: o.address_problems,
      addressOverride: o.address_override,
      importBatchId: o.import_batch_id,
      importFileName: o.importFileName,
      createdAt: o.created_at,
    },
    items: detail.items,
    shipments: detail.shipments.map((s) => ({ ...s, trackingUrl: trackingUrl(s.carrier_code, s.tracking_number) })),
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      action: h.action,
      actor: h.actorName,
      summary: typeof h.details?.summary === "string" ? h.details.summary : h.action,
    })),
  };
}


export default function OrderPage() {
  const { slug, timeZone, canAssign, canPrint, canAct, timeline, cases, messages, order, items, shipments, history } = useLoaderData<typeof loader>();
  const problems = Array.isArray(order.addressProblems) ? order.addressProblems : [];
  const live = shipments.find((s) => s.status !== "voided");
  return (
    <>
      <Anchor component={Link} to={`/s/${slug}/orders`} size="sm" mb="xs" display="inline-flex" style={{ alignItems: "center", gap: 4 }}>
        <IconArrowLeft size={14} /> Orders
      </Anchor>
      <PageHeader
        title={
          <Group gap="sm">
            <span>Order {order.externalId}</span>
            <Badge color={ORDER_STATUS_COLORS[order.status as keyof typeof ORDER_STATUS_COLORS] ?? "gray"} variant="light" size="lg">
              {STATUS_LABELS[order.status as keyof typeof STATUS_LABELS] ?? order.status}
            </Badge>
          </Group>
        }
        description={[
          order.placedAt ? `Placed ${formatDateTime(order.placedAt, timeZone)}` : null,
          order.marketplaceStatus ? `marketplace status "${order.marketplaceStatus}"` : null,
          order.importBatchId ? `imported from ${order.importFileName ?? "a file"} (import #${order.importBatchId})` : `source ${order.source}`,
        ]
          .filter(Boolean)
          .join(" · ")}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Section icon={<IconPackage size={18} />} title="Items">
              <Table fz="sm" data-testid="order-items">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>SKU</Table.Th>
                    <Table.Th ta="right">Qty</Table.Th>
                    <Table.Th ta="right">Unit price</Table.Th>
                    <Table.Th ta="right">Weight</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((it) => (
                    <Table.Tr key={it.id}>
                      <Table.Td>
                        {it.product_name ?? "—"}
                        {it.variation ? (
                          <Text span size="xs" c="dimmed">
                            {" "}
                            · {it.variation}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ff="monospace">{it.sku ?? ""}</Table.Td>
                      <Table.Td ta="right">{it.quantity}</Table.Td>
                      <Table.Td ta="right">{it.unit_price_cents !== null ? formatMoney(it.unit_price_cents, order.currency) : "—"}</Table.Td>
                      <Table.Td ta="right">{it.weight_grams !== null ? `${it.weight_grams} g` : "—"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group justify="flex-end" gap="xl" mt="sm">
                <Text size="sm" c="dimmed">
                  Weight {order.weightGrams} g
                </Text>
                <Text size="sm" fw={600}>
                  Total {formatMoney(order.totalCents, order.currency)}
                </Text>
              </Group>
            </Section>

            <Section icon={<IconTruckDelivery size={18} />} title="Shipments">
              {shipments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No shipment yet: it appears here when a label is created{order.status === "cancelled" ? " (cancelled orders never get one)" : ""}.
                </Text>
              ) : (
                <Table fz="sm" data-testid="order-shipments">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Carrier</Table.Th>
                      <Table.Th>Tracking number</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Shipped</Table.Th>
                      <Table.Th>Delivered</Table.Th>
                      <Table.Th>EDD</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shipments.map((s) => (
                      <Table.Tr key={s.id} opacity={s.status === "voided" ? 0.6 : 1}>
                        <Table.Td>
                          {carrierName(s.carrier_code)}
                          {s.service_code ? (
                            <Text span size="xs" c="dimmed" display="block">
                              {serviceName(s.carrier_code, s.service_code)}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td ff="monospace">
                          {s.trackingUrl ? (
                            <Anchor href={s.trackingUrl} target="_blank" rel="noreferrer">
                              {s.tracking_number}
                            </Anchor>
                          ) : (
                            s.tracking_number
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            <ShipmentStatusBadge status={s.status} />
                            {s.imported ? (
                              <Badge size="sm" variant="outline" color="gray">
                                imported
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td>{s.shipped_at ? formatDateTime(s.shipped_at, timeZone) : "—"}</Table.Td>
                        <Table.Td>{s.delivered_at ? formatDateTime(s.delivered_at, timeZone) : "—"}</Table.Td>
                        <Table.Td>{s.edd_current ? formatDay(s.edd_current) : "—"}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>

            <OrderCarrierSection
              shopSlug={slug}
              order={{
                id: order.id,
                externalId: order.externalId,
                status: order.status,
                // An imported shipped order has no assignment of its own: its shipment says who carries it.
                carrierCode: order.carrierCode ?? live?.carrier_code ?? null,
                serviceCode: order.serviceCode ?? live?.service_code ?? null,
                shipDate: order.shipDate,
                eddMin: order.eddMin,
                eddMax: order.eddMax,
              }}
              canAssign={canAssign}
            />
            <OrderLabelSection shopSlug={slug} orderId={order.id} canPrint={canPrint} />

            {timeline ? (
              <Section
                icon={<IconRoute size={18} />}
                title="Tracking"
                testId="order-tracking"
                aside={
                  <Text size="sm" c="dimmed" ff="monospace">
                    {timeline.shipment.trackingNumber}
                  </Text>
                }
              >
                <TrackingTimeline timeline={timeline} />
              </Section>
            ) : null}
            <Section icon={<IconAlertTriangle size={18} />} title={`Exception cases (${cases.length})`} testId="order-cases">
              <CasesTable cases={cases} caseHref={(caseId) => `/s/${slug}/exceptions/${caseId}`} timeZone={timeZone} emptyText="None: nothing has gone wrong with this order's parcels." />
            </Section>
            <Section icon={<IconMail size={18} />} title="Buyer messages" testId="order-messages">
              <MessagesList messages={messages} shopSlug={slug} timeZone={timeZone} canRetry={canAct} emptyText="No messages to this buyer yet." />
            </Section>

            <Section icon={<IconHistory size={18} />} title="History">
              {history.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {order.importBatchId
                    ? `Imported ${formatDateTime(order.createdAt, timeZone)} from ${order.importFileName ?? "a file"}; nothing has changed since.`
                    : "Nothing has happened to this order yet."}
                </Text>
              ) : (
                <Timeline bulletSize={14} lineWidth={2} data-testid="order-history">
                  {history.map((h) => (
                    <Timeline.Item key={h.id} title={<Text size="sm">{h.summary}</Text>}>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(h.at, timeZone)} · {h.actor ?? "System"}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </Section>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Section icon={<IconMapPin size={18} />} title="Ship to" testId="order-buyer">
              <Text fw={600}>{order.buyerName}</Text>
              {order.address.map((line, i) => (
                <Text key={i} size="sm">
                  {line}
                </Text>
              ))}
              <Stack gap={2} mt="sm">
                <Text size="sm" c="dimmed">
                  Phone: {order.buyerPhone ?? "unknown (masked by the marketplace)"}
                </Text>
                {order.buyerEmail ? (
                  <Text size="sm" c="dimmed">
                    Email: {order.buyerEmail}
                  </Text>
                ) : null}
                <Text size="sm" c="dimmed">
                  Service level: {order.serviceLevel}
                  {order.shippingMethod ? ` (${order.shippingMethod})` : ""}
                </Text>
              </Stack>
              {problems.length ? (
                <Alert mt="md" color={order.addressOverride ? "yellow" : "red"} icon={<IconAlertTriangle size={18} />} title={order.addressOverride ? "Address problem overridden" : "Address problem"}>
                  {problems.map((p, i) => (
                    <Text key={i} size="sm">
                      {p.message}
                    </Text>
                  ))}
                </Alert>
              ) : null}
            </Section>
            {order.buyerMessage || order.sellerNote ? (
              <Section icon={<IconMessage size={18} />} title="Notes">
                {order.buyerMessage ? (
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    <Text span fw={600}>
                      Buyer:{" "}
                    </Text>
                    {order.buyerMessage}
                  </Text>
                ) : null}
                {order.sellerNote ? (
                  <Text size="sm" mt="xs">
                    <Text span fw={600}>
                      Seller:{" "}
                    </Text>
                    {order.sellerNote}
                  </Text>
                ) : null}
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

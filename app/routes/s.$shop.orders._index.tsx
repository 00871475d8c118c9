import { Anchor, Badge, Button, Checkbox, Group, Paper, ScrollArea, Select, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { IconAlertTriangle, IconChevronLeft, IconChevronRight, IconFileImport, IconFilterOff, IconPackage, IconSearch, IconShieldCheck } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { AssignCarrierAction, type OrderSelection } from "../components/orders/assign-action";
import { CreateLabelsAction } from "../components/orders/label-action";
import { EmptyState, PageHeader } from "../components/page";
import { requireShop } from "../lib/guard.server";
import { recentBatchOptions } from "../modules/imports/batches.server";
import { carrierName, serviceName } from "../modules/carriers/registry";
import { COUNT_CAP, filtersToQuery, hasFilters, ORDER_STATUSES, ORDER_STATUS_COLORS, orderPageSchema, parseOrderFilters, STATUS_LABELS } from "../modules/orders/filters";
import { formatDay as formatEdd } from "../modules/carriers/edd";
import { count, formatDate, formatMoney } from "../modules/orders/format";
import { carrierOptions, countOrders, listOrders } from "../modules/orders/orders.server";

export const meta: MetaFunction = () => [{ title: "Orders · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  const url = new URL(request.url);
  const parsed = parseOrderFilters(url.searchParams);
  if (!parsed.ok) throw data({ message: parsed.message }, { status: 400 });
  const page = orderPageSchema.safeParse({ after: url.searchParams.get("after") ?? undefined, before: url.searchParams.get("before") ?? undefined });
  if (!page.success) throw data({ message: `Invalid page: ${page.error.issues[0].path.join(".")} ${page.error.issues[0].message}.` }, { status: 400 });
  const filters = parsed.filters;
  const timeZone = ctx.shop.timeZone;
  const [list, total, carriers, batches] = await Promise.all([
    listOrders(ctx.scope, filters, { timeZone, after: page.data.after, before: page.data.before }),
    countOrders(ctx.scope, filters, timeZone),
    carrierOptions(ctx.scope),
    recentBatchOptions(ctx.scope),
  ]);
  return {
    slug: ctx.shop.slug,
    timeZone,
    filters,
    query: filtersToQuery(filters),
    filtered: hasFilters(filters),
    ...list,
    total,
    carriers,
    batches,
    canAssign: ctx.can("shipments.assign"),
    canPrint: ctx.can("labels.print"),
    canImport: ctx.can("orders.import"),
  };
}


export default function OrdersPage() {
  const d = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  // A new page or new filters start a new selection.
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, [location.search]);

  const base = `/s/${d.slug}/orders`;
  const pageIds = d.orders.map((o) => o.id);
  const pageAll = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const pageSome = pageIds.some((id) => selected.has(id));
  const toggle = (id: number) => {
    setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const togglePage = () => {
    setAllMatching(false);
    setSelected(pageAll ? new Set() : new Set(pageIds));
  };
  const selection: OrderSelection = { shopSlug: d.slug, orderIds: [...selected], allMatching, query: d.query };
  const totalLabel = d.total > COUNT_CAP ? `${count(COUNT_CAP)}+` : count(d.total);
  const link = (extra: Record<string, string | number>) => `${base}?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(d.query)), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) })}`;
  const loading = navigation.state === "loading" && navigation.location?.pathname === base;

  const noOrdersAtAll = !d.filtered && d.orders.length === 0 && d.total === 0;

  return (
    <>
      <PageHeader
        title="Orders"
        description={noOrdersAtAll ? undefined : `${totalLabel} ${d.filtered ? "matching" : "in total"}, newest first`}
        actions={
          d.canImport ? (
            <Button component={Link} to={`/s/${d.slug}/import`} variant="default" leftSection={<IconFileImport size={16} />}>
              Import orders
            </Button>
          ) : null
        }
      />
      {noOrdersAtAll ? (
        <EmptyState icon={<IconPackage size={26} />} title="No orders yet">
          Orders arrive by importing your marketplace's export.{" "}
          {d.canImport ? <Anchor component={Link} to={`/s/${d.slug}/import`}>Import a CSV file</Anchor> : "Ask someone with import access to import one."}
        </EmptyState>
      ) : (
        <>
          <Paper withBorder p="sm" radius="md" mb="sm">
            <Form method="get" role="search" aria-label="Filter orders">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  name="q"
                  label="Search"
                  placeholder="Order id, buyer name or tracking number"
                  defaultValue={d.filters.q ?? ""}
                  leftSection={<IconSearch size={16} />}
                  w={280}
                  data-testid="orders-search"
                />
                <Select
                  name="status"
                  label="Status"
                  placeholder="Any"
                  data={ORDER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
                  defaultValue={d.filters.status ?? null}
                  clearable
                  w={130}
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  name="carrier"
                  label="Carrier"
                  placeholder="Any"
                  data={d.carriers.map((c) => ({ value: c, label: carrierName(c) }))}
                  defaultValue={d.filters.carrier ?? null}
                  clearable
                  w={140}
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  name="batch"
                  label="Import"
                  placeholder="Any"
                  data={[
                    ...(d.filters.batch && !d.batches.some((b) => b.id === d.filters.batch) ? [{ value: String(d.filters.batch), label: `#${d.filters.batch}` }] : []),
                    ...d.batches.map((b) => ({ value: String(b.id), label: b.label })),
                  ]}
                  defaultValue={d.filters.batch ? String(d.filters.batch) : null}
                  clearable
                  searchable
                  w={200}
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput type="date" name="from" label="Placed from" defaultValue={d.filters.from ?? ""} w={145} />
                <TextInput type="date" name="to" label="Placed to" defaultValue={d.filters.to ?? ""} w={145} />
                <Button type="submit" loading={loading}>
                  Apply
                </Button>
                {d.filtered ? (
                  <Button component={Link} to={base} variant="subtle" leftSection={<IconFilterOff size={16} />}>
                    Clear
                  </Button>
                ) : null}
              </Group>
            </Form>
          </Paper>

          <Group justify="space-between" mb="xs" mih={36}>
            <Group gap="sm">
              <Text size="sm" c="dimmed" data-testid="selection-count">
                {allMatching ? `All ${totalLabel} matching orders selected` : selected.size ? `${count(selected.size)} selected` : "Select orders for bulk actions"}
              </Text>
              {pageAll && !allMatching && d.total > pageIds.length ? (
                <Anchor component="button" type="button" size="sm" onClick={() => setAllMatching(true)}>
                  Select all {totalLabel} matching the filters
                </Anchor>
              ) : null}
              {allMatching || selected.size ? (
                <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => (setSelected(new Set()), setAllMatching(false))}>
                  Clear selection
                </Anchor>
              ) : null}
            </Group>
            <Group gap="xs">
              <AssignCarrierAction {...selection} canAssign={d.canAssign} />
              <CreateLabelsAction {...selection} canPrint={d.canPrint} />
            </Group>
          </Group>

          {d.orders.length === 0 ? (
            <EmptyState icon={<IconSearch size={26} />} title="No orders match">
              Nothing matches these filters. <Anchor component={Link} to={base}>Clear the filters</Anchor>
            </EmptyState>
          ) : (
            <Paper withBorder radius="md">
              <ScrollArea>
                <Table striped highlightOnHover miw={1250} verticalSpacing={6} data-testid="orders-table" aria-label="Orders">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={36}>
                        <Checkbox aria-label="Select every order on this page" checked={pageAll} indeterminate={!pageAll && pageSome} onChange={togglePage} />
                      </Table.Th>
                      <Table.Th>Order</Table.Th>
                      <Table.Th>Placed</Table.Th>
                      <Table.Th>Buyer</Table.Th>
                      <Table.Th>Destination</Table.Th>
                      <Table.Th>Items</Table.Th>
                      <Table.Th ta="right">Total</Table.Th>
                      <Table.Th miw={110}>Status</Table.Th>
                      <Table.Th>Carrier / service</Table.Th>
                      <Table.Th>EDD</Table.Th>
                      <Table.Th>Tracking number</Table.Th>
                      <Table.Th w={36} aria-label="Address check" />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.orders.map((o) => (
                      <Table.Tr key={o.id} data-testid="order-row">
                        <Table.Td>
                          <Checkbox aria-label={`Select order ${o.externalId}`} checked={allMatching || selected.has(o.id)} onChange={() => toggle(o.id)} />
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`${base}/${o.id}`} fw={500} size="sm">
                            {o.externalId}
                          </Anchor>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>
                          <Text size="sm">{formatDate(o.placedAt, d.timeZone)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{o.buyerName}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{[o.city, o.region, o.country].filter(Boolean).join(", ")}</Text>
                        </Table.Td>
                        <Table.Td maw={220}>
                          <Tooltip label={o.itemsSummary} disabled={!o.itemsSummary} multiline w={300}>
                            <Text size="sm" truncate="end">
                              {o.items} {o.items === 1 ? "item" : "items"}
                            </Text>
                          </Tooltip>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Text size="sm">{formatMoney(o.totalCents, o.currency)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={ORDER_STATUS_COLORS[o.status as keyof typeof ORDER_STATUS_COLORS] ?? "gray"} variant="light" size="sm" style={{ overflow: "visible" }}>
                            {STATUS_LABELS[o.status as keyof typeof STATUS_LABELS] ?? o.status}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {o.carrierCode ? (
                            <Text size="sm">
                              {carrierName(o.carrierCode)}
                              {o.serviceCode ? (
                                <Text span size="xs" c="dimmed" display="block">
                                  {serviceName(o.carrierCode, o.serviceCode)}
                                </Text>
                              ) : null}
                            </Text>
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{o.edd ? formatEdd(o.edd) : "—"}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" ff="monospace">
                            {o.trackingNumber ?? ""}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {o.addressProblems ? (
                            <Tooltip label={`${o.addressOverridden ? "Overridden: " : ""}${o.addressProblems.map((p) => p.message).join(" ")}`} multiline w={300}>
                              {o.addressOverridden ? (
                                <IconShieldCheck size={18} color="var(--mantine-color-yellow-7)" aria-label="Address problem overridden" />
                              ) : (
                                <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" aria-label="Address problem" />
                              )}
                            </Tooltip>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              <Group justify="space-between" p="sm">
                <Text size="xs" c="dimmed">
                  Showing {d.orders.length} of {totalLabel}
                </Text>
                <Group gap="xs">
                  <Button
                    component={Link}
                    to={d.newerCursor ? link({ before: d.newerCursor }) : "#"}
                    variant="default"
                    size="xs"
                    leftSection={<IconChevronLeft size={14} />}
                    disabled={!d.newerCursor}
                    aria-disabled={!d.newerCursor}
                  >
                    Newer
                  </Button>
                  <Button
                    component={Link}
                    to={d.olderCursor ? link({ after: d.olderCursor }) : "#"}
                    variant="default"
                    size="xs"
                    rightSection={<IconChevronRight size={14} />}
                    disabled={!d.olderCursor}
                    aria-disabled={!d.olderCursor}
                  >
                    Older
                  </Button>
                </Group>
              </Group>
            </Paper>
          )}
        </>
      )}
    </>
  );
}



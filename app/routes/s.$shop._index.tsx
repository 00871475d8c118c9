import { Card, SimpleGrid, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { count, percent } from "../components/analytics/format";
import { PageHeader } from "../components/page";
import { requireShop } from "../lib/guard.server";
import { homeSummary } from "../modules/analytics/home-summary.server";

export const meta: MetaFunction = () => [{ title: "Home · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params);
  return { shop: ctx.shop, user: ctx.user.name, summary: await homeSummary(ctx.scope, { timeZone: ctx.shop.timeZone }) };
}

function Figure({ to, label, value, note, testId, alert }: { to: string; label: string; value: ReactNode; note: ReactNode; testId: string; alert?: boolean }) {
  return (
    <Card withBorder component={Link} to={to} prefetch="intent" aria-label={`${label}: ${value}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId} c={alert ? "red.7" : undefined} style={{ fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Card>
  );
}

export default function Home() {
  const { shop, user, summary } = useLoaderData<typeof loader>();
  const base = `/s/${shop.slug}`;
  const week = summary.lastSevenDays;
  const settled = week.shipped - week.inFlight;
  return (
    <>
      <PageHeader title={`Hello, ${user.split(" ")[0]}`} description={`${shop.name} at a glance`} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
        <Figure
          to={`${base}/orders`}
          label="Orders to ship"
          value={count(summary.toShip)}
          note={summary.dueToday ? `${count(summary.dueToday)} due today or earlier` : "none due yet"}
          testId="orders-to-ship"
        />
        <Figure to={`${base}/shipments`} label="Labels printed today" value={count(summary.labelsToday)} note="since midnight, shop time" testId="labels-today" />
        <Figure to={`${base}/exceptions`} label="Open cases" value={count(summary.openCases)} note="exceptions not yet resolved" testId="open-cases" />
        <Figure
          to={`${base}/exceptions`}
          label="Overdue cases"
          value={count(summary.overdueCases)}
          note="past their SLA"
          testId="overdue-cases"
          alert={summary.overdueCases > 0}
        />
        <Figure
          to={`${base}/analytics?range=7`}
          label="Delivery confirmed, 7 days"
          value={percent(week.deliveryConfirmationRate)}
          note={
            week.shipped === 0
              ? "no parcels shipped this week"
              : `${count(week.delivered)} of ${count(settled)} finished; ${count(week.inFlight)} in flight`
          }
          testId="delivery-rate-7d"
        />
      </SimpleGrid>
    </>
  );
}

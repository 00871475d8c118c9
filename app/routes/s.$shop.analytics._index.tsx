import { Alert, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { IconAlertCircle, IconChartBar, IconHourglass } from "@tabler/icons-react";
import { DeliveryByCarrier, OnTime, WeeklyTrend } from "../components/analytics/delivery-charts";
import { DefinitionsPanel } from "../components/analytics/definitions-panel";
import { FiltersBar } from "../components/analytics/filters-bar";
import { HeadlineStats } from "../components/analytics/headline";
import { CasesPerWeek, ExceptionRates, TransitDistribution, TransitTime } from "../components/analytics/operations-charts";
import { EmptyState, PageHeader } from "../components/page";
import { requireShop } from "../lib/guard.server";
import { analyticsForSearch } from "../modules/analytics/report-query.server";
import { filtersToSearch } from "../modules/analytics/schemas";

export const meta: MetaFunction = () => [{ title: "Analytics · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "analytics.view");
  const { report, filterError } = await analyticsForSearch(ctx.scope, { search: new URL(request.url).searchParams, timeZone: ctx.shop.timeZone });
  return { slug: ctx.shop.slug, report, filterError };
}

export default function AnalyticsPage() {
  const { slug, report, filterError } = useLoaderData<typeof loader>();
  const search = filtersToSearch(report.filters);
  const csv = (chart: string) => `/s/${slug}/api/analytics/${chart}?${search}`;
  const props = { report, csv };
  const nothingShipped = report.total.shipped === 0 && !report.building;
  return (
    <>
      <PageHeader title="Analytics" description="Which carriers deliver, with proof and on time: parcels grouped by the day they shipped." />
      {filterError ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} title="Some filters in the address were not understood" mb="md" role="alert">
          {filterError}. Showing the last 30 days instead.
        </Alert>
      ) : null}
      {report.building ? (
        <Alert color="blue" icon={<IconHourglass size={18} />} title="Analytics are being prepared" mb="md">
          The figures are being computed from all your shipments for the first time. This takes about a minute for a
          million parcels; reload the page shortly.
        </Alert>
      ) : null}
      <FiltersBar filters={report.filters} options={report.options} timeZone={report.timeZone} />
      <Stack gap="lg">
        {nothingShipped ? (
          <EmptyState icon={<IconChartBar size={26} />} title="No parcels shipped in this range">
            Analytics count parcels by the day they left you (handed over or first carrier scan). Try a longer range or clear the
            filters; labels that have not been handed over yet do not count.
          </EmptyState>
        ) : (
          <>
            <HeadlineStats total={report.total} />
            <DeliveryByCarrier {...props} />
            <WeeklyTrend {...props} />
            <OnTime {...props} />
            <TransitTime {...props} />
            <TransitDistribution {...props} />
            <ExceptionRates {...props} />
          </>
        )}
        <CasesPerWeek {...props} />
        <DefinitionsPanel />
      </Stack>
    </>
  );
}

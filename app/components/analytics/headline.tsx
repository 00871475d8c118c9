// The row of headline figures above the charts, for the whole filtered cohort.
import { Paper, SimpleGrid, Text, Tooltip } from "@mantine/core";
import type { CohortSummary } from "../../modules/analytics/report-assembly";
import { count, NONE, percent } from "./format";

function Stat({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <Tooltip label={hint} multiline w={260} withArrow>
      <Paper withBorder p="sm" radius="md" tabIndex={0} aria-label={`${label}: ${value}. ${hint}`}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {label}
        </Text>
        <Text fz={24} fw={700} data-testid={testId} style={{ fontVariantNumeric: "tabular-nums" }}>
          {value}
        </Text>
      </Paper>
    </Tooltip>
  );
}

export function HeadlineStats({ total }: { total: CohortSummary }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mb="lg">
      <Stat label="Shipped" value={count(total.shipped)} hint="Parcels that left you in the range (by ship date)." testId="stat-shipped" />
      <Stat
        label="Delivery confirmed"
        value={percent(total.deliveryConfirmationRate)}
        hint="Delivered ÷ (shipped − in flight): of the parcels whose journey has ended, the share confirmed delivered."
        testId="stat-rate"
      />
      <Stat label="With proof" value={percent(total.proofRate)} hint="Of the delivered parcels, the share with a signature or a photo." testId="stat-proof" />
      <Stat
        label="In flight"
        value={`${count(total.inFlight)} (${percent(total.inFlightShare, 0)})`}
        hint="Still on their way: shown separately, never counted as failures."
        testId="stat-in-flight"
      />
      <Stat label="On time" value={percent(total.onTimeRate)} hint="Delivered by the first EDD promised to the buyer." testId="stat-on-time" />
      <Stat
        label="Transit median / p90"
        value={total.medianTransitDays === null ? NONE : `${total.medianTransitDays} / ${total.p90TransitDays} d`}
        hint="Business days from ship date to delivery: half / 90% of delivered parcels arrived within."
        testId="stat-transit"
      />
    </SimpleGrid>
  );
}

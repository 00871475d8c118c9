// The delivery charts: confirmation per carrier (the headline), its weekly trend, and on-time rate
// per carrier and service.
import { BarChart, LineChart } from "@mantine/charts";
import { Table } from "@mantine/core";
import { Fragment } from "react";
import type { AnalyticsReport } from "../../modules/analytics/report-assembly";
import { ChartCard, Num, NumTh } from "./chart-card";
import { carrierColor, count, NONE, percent, shortDay } from "./format";

type Props = { report: AnalyticsReport; csv: (chart: string) => string };

const pct100 = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 1000) / 10);
const percentTick = (v: number) => `${v}%`;

export function DeliveryByCarrier({ report, csv }: Props) {
  const data = report.carriers.map((c) => ({
    carrier: `${c.carrierName} · ${percent(c.deliveryConfirmationRate, 0)}`,
    "Delivered with proof": c.withProof,
    "Delivered, no proof": c.delivered - c.withProof,
    "Not delivered": c.notDelivered,
    "In flight": c.inFlight,
  }));
  return (
    <ChartCard
      id="delivery"
      title="Delivery confirmation by carrier"
      description="Each bar is one carrier's shipped parcels. The rate next to the name is delivered ÷ (shipped − in flight): parcels still moving are shown in grey and never count as failures."
      csvHref={csv("delivery")}
      empty={report.carriers.length === 0 ? "No parcels shipped in this range." : null}
      chart={
        <BarChart
          h={Math.max(160, 56 * data.length + 70)}
          data={data}
          dataKey="carrier"
          type="percent"
          orientation="vertical"
          yAxisProps={{ width: 140 }}
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          series={[
            { name: "Delivered with proof", color: "teal.7" },
            { name: "Delivered, no proof", color: "teal.3" },
            { name: "Not delivered", color: "red.6" },
            { name: "In flight", color: "gray.4" },
          ]}
        />
      }
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Carrier</Table.Th>
              <NumTh>Shipped</NumTh>
              <NumTh>Delivered</NumTh>
              <NumTh>With proof</NumTh>
              <NumTh>In flight</NumTh>
              <NumTh>Not delivered</NumTh>
              <NumTh>Delivery-confirmation rate</NumTh>
              <NumTh>Proof rate</NumTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.carriers.map((c) => (
              <Table.Tr key={c.carrier}>
                <Table.Td>{c.carrierName}</Table.Td>
                <Num>{count(c.shipped)}</Num>
                <Num>{count(c.delivered)}</Num>
                <Num>{count(c.withProof)}</Num>
                <Num>
                  {count(c.inFlight)} ({percent(c.inFlightShare, 0)})
                </Num>
                <Num>{count(c.notDelivered)}</Num>
                <Num strong>{percent(c.deliveryConfirmationRate)}</Num>
                <Num>{percent(c.proofRate)}</Num>
              </Table.Tr>
            ))}
            {report.carriers.length > 1 ? (
              <Table.Tr fw={600}>
                <Table.Td>All carriers</Table.Td>
                <Num>{count(report.total.shipped)}</Num>
                <Num>{count(report.total.delivered)}</Num>
                <Num>{count(report.total.withProof)}</Num>
                <Num>
                  {count(report.total.inFlight)} ({percent(report.total.inFlightShare, 0)})
                </Num>
                <Num>{count(report.total.notDelivered)}</Num>
                <Num strong>{percent(report.total.deliveryConfirmationRate)}</Num>
                <Num>{percent(report.total.proofRate)}</Num>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </>
      }
    />
  );
}

export function WeeklyTrend({ report, csv }: Props) {
  const data = report.weeks.map((week) => {
    const point: Record<string, string | number | null> = { week: shortDay(week) };
    for (const c of report.carriers) {
      const w = report.weekly.find((x) => x.week === week && x.carrier === c.carrier);
      point[c.carrierName] = pct100(w?.deliveryConfirmationRate ?? null);
    }
    return point;
  });
  return (
    <ChartCard
      id="delivery-weekly"
      title="Weekly trend"
      description="Delivery-confirmation rate of each week's shipped parcels, per carrier. A gap means no parcel of that week has finished its journey yet."
      csvHref={csv("delivery-weekly")}
      empty={report.carriers.length === 0 ? "No parcels shipped in this range." : null}
      chart={
        <LineChart
          h={260}
          data={data}
          dataKey="week"
          series={report.carriers.map((c, i) => ({ name: c.carrierName, color: carrierColor(c.carrier, i) }))}
          connectNulls={false}
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          yAxisProps={{ domain: [0, 100] }}
          valueFormatter={percentTick}
          curveType="linear"
        />
      }
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Week of</Table.Th>
              {report.carriers.map((c) => (
                <NumTh key={c.carrier}>{c.carrierName}</NumTh>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.weeks.map((week) => (
              <Table.Tr key={week}>
                <Table.Td>{shortDay(week)}</Table.Td>
                {report.carriers.map((c) => {
                  const w = report.weekly.find((x) => x.week === week && x.carrier === c.carrier);
                  return (
                    <Num key={c.carrier}>
                      {w && w.shipped > 0 ? (
                        <>
                          {percent(w.deliveryConfirmationRate)} <span style={{ opacity: 0.6 }}>of {count(w.shipped)}</span>
                        </>
                      ) : (
                        NONE
                      )}
                    </Num>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </>
      }
    />
  );
}

export function OnTime({ report, csv }: Props) {
  const withEdd = report.services.filter((s) => s.onTimeKnown > 0);
  const data = withEdd.map((s) => ({ service: s.serviceName, "On-time rate": pct100(s.onTimeRate) }));
  return (
    <ChartCard
      id="on-time"
      title="On-time rate by carrier and service"
      description="Delivered on or before the first estimated delivery date promised to the buyer, of the delivered parcels that had one."
      csvHref={csv("on-time")}
      empty={withEdd.length === 0 ? "No delivered parcels with an estimated delivery date in this range." : null}
      chart={
        <BarChart
          h={Math.max(140, 36 * data.length + 50)}
          data={data}
          dataKey="service"
          orientation="vertical"
          yAxisProps={{ width: 190 }}
          xAxisProps={{ domain: [0, 100] }}
          barChartProps={{ margin: { right: 48 } }}
          valueFormatter={percentTick}
          series={[{ name: "On-time rate", color: "teal.6" }]}
          withBarValueLabel
        />
      }
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Carrier / service</Table.Th>
              <NumTh>Delivered with an EDD</NumTh>
              <NumTh>On time</NumTh>
              <NumTh>On-time rate</NumTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.carriers.map((c) => (
              <Fragment key={c.carrier}>
                <Table.Tr fw={600}>
                  <Table.Td>{c.carrierName} (all services)</Table.Td>
                  <Num>{count(c.onTimeKnown)}</Num>
                  <Num>{count(c.onTime)}</Num>
                  <Num strong>{percent(c.onTimeRate)}</Num>
                </Table.Tr>
                {report.services
                  .filter((s) => s.carrier === c.carrier)
                  .map((s) => (
                    <Table.Tr key={`${s.carrier}-${s.service}`}>
                      <Table.Td pl="xl">{s.serviceName}</Table.Td>
                      <Num>{count(s.onTimeKnown)}</Num>
                      <Num>{count(s.onTime)}</Num>
                      <Num>{percent(s.onTimeRate)}</Num>
                    </Table.Tr>
                  ))}
              </Fragment>
            ))}
          </Table.Tbody>
        </>
      }
    />
  );
}

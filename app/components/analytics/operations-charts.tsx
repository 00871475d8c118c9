// Transit time (median/p90 and the distribution), exception rate by type per carrier, and cases
// opened vs resolved per week.
import { BarChart } from "@mantine/charts";
import { Table } from "@mantine/core";
import { Fragment } from "react";
import type { AnalyticsReport } from "../../modules/analytics/report-assembly";
import { ChartCard, Num, NumTh } from "./chart-card";
import { carrierColor, count, days, exceptionSeries, percent, shortDay } from "./format";

type Props = { report: AnalyticsReport; csv: (chart: string) => string };

export function TransitTime({ report, csv }: Props) {
  const delivered = report.carriers.filter((c) => c.delivered > 0);
  const data = delivered.map((c) => ({ carrier: c.carrierName, Median: c.medianTransitDays, p90: c.p90TransitDays }));
  return (
    <ChartCard
      id="transit"
      title="Transit time"
      description="Business days from the ship date to delivery (weekends, US federal holidays and your holidays skipped). Half of the parcels arrived within the median, 90% within p90."
      csvHref={csv("transit")}
      empty={delivered.length === 0 ? "No delivered parcels in this range yet." : null}
      chart={
        <BarChart
          h={240}
          data={data}
          dataKey="carrier"
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          valueFormatter={(v) => `${v} business ${v === 1 ? "day" : "days"}`}
          yAxisLabel="Business days"
          yAxisProps={{ allowDecimals: false, tickFormatter: (v: number) => String(v) }}
          series={[
            { name: "Median", color: "indigo.5" },
            { name: "p90", color: "indigo.2" },
          ]}
        />
      }
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Carrier / service</Table.Th>
              <NumTh>Delivered</NumTh>
              <NumTh>Median</NumTh>
              <NumTh>p90</NumTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {delivered.map((c) => (
              <Fragment key={c.carrier}>
                <Table.Tr fw={600}>
                  <Table.Td>{c.carrierName} (all services)</Table.Td>
                  <Num>{count(c.delivered)}</Num>
                  <Num strong>{days(c.medianTransitDays)}</Num>
                  <Num strong>{days(c.p90TransitDays)}</Num>
                </Table.Tr>
                {report.services
                  .filter((s) => s.carrier === c.carrier && s.delivered > 0)
                  .map((s) => (
                    <Table.Tr key={`${s.carrier}-${s.service}`}>
                      <Table.Td pl="xl">{s.serviceName}</Table.Td>
                      <Num>{count(s.delivered)}</Num>
                      <Num>{days(s.medianTransitDays)}</Num>
                      <Num>{days(s.p90TransitDays)}</Num>
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

export function TransitDistribution({ report, csv }: Props) {
  const carriers = report.carriers.filter((c) => c.delivered > 0);
  const maxDays = Math.max(0, ...report.transit.map((t) => t.transitDays));
  const parcels = (carrier: string, d: number) => report.transit.find((t) => t.carrier === carrier && t.transitDays === d)?.parcels ?? 0;
  const rows = Array.from({ length: maxDays + 1 }, (_, d) => d);
  const data = rows.map((d) => {
    const point: Record<string, string | number> = { days: String(d) };
    for (const c of carriers) point[c.carrierName] = Math.round((parcels(c.carrier, d) / c.delivered) * 1000) / 10;
    return point;
  });
  return (
    <ChartCard
      id="transit-histogram"
      title="Delivered parcels by business days in transit"
      description="The share of each carrier's delivered parcels that took 0, 1, 2, ... business days."
      csvHref={csv("transit-histogram")}
      empty={carriers.length === 0 ? "No delivered parcels in this range yet." : null}
      chart={
        <BarChart
          h={240}
          data={data}
          dataKey="days"
          xAxisLabel="Business days in transit"
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          valueFormatter={(v) => `${v}%`}
          series={carriers.map((c, i) => ({ name: c.carrierName, color: carrierColor(c.carrier, i) }))}
        />
      }
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Business days</Table.Th>
              {carriers.map((c) => (
                <NumTh key={c.carrier}>{c.carrierName}</NumTh>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d}>
                <Table.Td>{d}</Table.Td>
                {carriers.map((c) => (
                  <Num key={c.carrier}>
                    {count(parcels(c.carrier, d))} <span style={{ opacity: 0.6 }}>({percent(parcels(c.carrier, d) / c.delivered, 0)})</span>
                  </Num>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </>
      }
    />
  );
}

export function ExceptionRates({ report, csv }: Props) {
  const types = report.exceptionTypes;
  const rate = (carrier: string, type: string) => report.exceptions.find((e) => e.carrier === carrier && e.type === type);
  const data = report.carriers.map((c) => {
    const point: Record<string, string | number> = { carrier: c.carrierName };
    for (const t of types) point[exceptionSeries(t).name] = rate(c.carrier, t)?.per100 ?? 0;
    return point;
  });
  return (
    <ChartCard
      id="exceptions"
      title="Exception rate by type"
      description="Exception cases opened on the shipped parcels, per 100 parcels, stacked by type."
      csvHref={csv("exceptions")}
      empty={
        report.carriers.length === 0
          ? "No parcels shipped in this range."
          : types.length === 0
            ? "No exception cases on the parcels shipped in this range."
            : null
      }
      chart={
        <BarChart
          h={Math.max(160, 56 * data.length + 70)}
          data={data}
          dataKey="carrier"
          type="stacked"
          orientation="vertical"
          yAxisProps={{ width: 110 }}
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          valueFormatter={(v) => `${v} per 100`}
          series={types.map(exceptionSeries)}
        />
      }
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Carrier</Table.Th>
              <NumTh>Shipped</NumTh>
              {types.map((t) => (
                <NumTh key={t}>{exceptionSeries(t).name}</NumTh>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.carriers.map((c) => (
              <Table.Tr key={c.carrier}>
                <Table.Td>{c.carrierName}</Table.Td>
                <Num>{count(c.shipped)}</Num>
                {types.map((t) => {
                  const r = rate(c.carrier, t);
                  return (
                    <Num key={t}>
                      {r ? (
                        <>
                          {r.per100} <span style={{ opacity: 0.6 }}>({count(r.cases)})</span>
                        </>
                      ) : (
                        "0"
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

export function CasesPerWeek({ report, csv }: Props) {
  const data = report.casesPerWeek.map((w) => ({ week: shortDay(w.week), Opened: w.opened, Resolved: w.resolved }));
  const any = report.casesPerWeek.some((w) => w.opened > 0 || w.resolved > 0);
  return (
    <ChartCard
      id="cases-weekly"
      title="Exceptions opened vs resolved"
      description="Cases opened and cases resolved in each week, by the day it happened in the shop's time zone."
      csvHref={csv("cases-weekly")}
      empty={any ? null : "No cases were opened or resolved in this range."}
      chart={
        <BarChart
          h={240}
          data={data}
          dataKey="week"
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          yAxisProps={{ allowDecimals: false }}
          series={[
            { name: "Opened", color: "orange.6" },
            { name: "Resolved", color: "teal.6" },
          ]}
        />
      }
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Week of</Table.Th>
              <NumTh>Opened</NumTh>
              <NumTh>Resolved</NumTh>
              <NumTh>Opened − resolved</NumTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.casesPerWeek.map((w) => (
              <Table.Tr key={w.week}>
                <Table.Td>{shortDay(w.week)}</Table.Td>
                <Num>{count(w.opened)}</Num>
                <Num>{count(w.resolved)}</Num>
                <Num>{w.opened > w.resolved ? `+${w.opened - w.resolved}` : w.opened < w.resolved ? `−${w.resolved - w.opened}` : "0"}</Num>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </>
      }
    />
  );
}

// The analytics page's data: refreshes the shop's summaries, then reads them grouped by carrier,
// service and week (plus the case counts by week straight from cases), and assembles the report.
// The page loader, the CSV downloads, the CLI and the benchmark all call `analyticsReport`.
import { type RawBuilder, sql } from "kysely";
import type { ExceptionType } from "../../../db/types";
import type { ShopScope } from "../../lib/tenancy.server";
import { type Day, localDay } from "../carriers/business-days";
import { carrierName, serviceName } from "../carriers/registry";
import { OPENED_DAY_SQL, RESOLVED_DAY_SQL, weekExpression } from "./definitions";
import {
  type AnalyticsReport,
  assembleReport,
  type CaseWeekRow,
  type CohortRow,
  type CohortSummary,
  type FilterOptions,
  summarize,
} from "./report-assembly";
import { type AnalyticsFilters, parseAnalyticsFilters } from "./schemas";
import { refreshAnalytics } from "./refresh.server";

export interface ReportInput {
  filters: AnalyticsFilters;
  /** The shop's time zone (weeks of cases are counted in it). */
  timeZone: string;
  now?: Date;
}

/**
 * The report for the filters in a URL ("last 30 days" means up to today in the shop's time zone).
 * Bad filters do not fail the page: it gets the default view and a message naming the problem.
 */
export async function analyticsForSearch(
  scope: ShopScope,
  input: { search: URLSearchParams; timeZone: string; now?: Date },
): Promise<{ report: AnalyticsReport; filterError: string | null }> {
  const today = localDay(input.now ?? new Date(), input.timeZone);
  const parsed = parseAnalyticsFilters(Object.fromEntries(input.search), today);
  const report = await analyticsReport(scope, { filters: parsed.filters, timeZone: input.timeZone, now: input.now });
  return { report, filterError: parsed.ok ? null : parsed.error };
}

/**
 * Conditions on a summary table (unqualified columns): the destination row to read (a roll-up when
 * there is no destination filter), the range, the carrier and the service.
 */
function summaryConditions(f: AnalyticsFilters): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [
    sql`dest_country = ${f.country ?? "*"}`,
    sql`dest_region = ${f.country && f.region ? f.region.toUpperCase() : "*"}`,
    sql`ship_day between ${f.from}::date and ${f.to}::date`,
  ];
  if (f.carrier) parts.push(sql`carrier_code = ${f.carrier}`);
  if (f.service) parts.push(sql`service_code = ${f.service}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

const SHIP_WEEK = sql.raw(weekExpression("ship_day"));
const sum = (column: string) => sql<number>`coalesce(sum(${sql.ref(column)}), 0)::int8`;

export async function analyticsReport(scope: ShopScope, input: ReportInput): Promise<AnalyticsReport> {
  const refresh = await refreshAnalytics(scope, input.now);
  const f = input.filters;
  const where = summaryConditions(f);

  // Independent reads: on PostgreSQL they run side by side on the pool (PGlite queues them).
  const [cohort, transit, exceptions, cases, options] = await Promise.all([
    scope
      .selectFrom("analytics_daily")
      .select([
        "carrier_code as carrier",
        "service_code as service",
        SHIP_WEEK.as("week"),
        sum("shipped").as("shipped"),
        sum("delivered").as("delivered"),
        sum("with_proof").as("withProof"),
        sum("in_flight").as("inFlight"),
        sum("not_delivered").as("notDelivered"),
        sum("on_time").as("onTime"),
        sum("on_time_known").as("onTimeKnown"),
      ])
      .where(where)
      .groupBy(["carrier_code", "service_code", SHIP_WEEK])
      .execute() as Promise<CohortRow[]>,
    scope
      .selectFrom("analytics_transit_daily")
      .select(["carrier_code as carrier", "service_code as service", "transit_days as transitDays", sum("parcels").as("parcels")])
      .where(where)
      .groupBy(["carrier_code", "service_code", "transit_days"])
      .execute(),
    scope
      .selectFrom("analytics_exception_daily")
      .select(["carrier_code as carrier", "type", sum("cases").as("cases")])
      .where(where)
      .groupBy(["carrier_code", "type"])
      .execute(),
    casesPerWeek(scope, f, input.timeZone),
    filterOptions(scope, f),
  ]);

  return assembleReport({
    filters: f,
    timeZone: input.timeZone,
    cohort,
    transit,
    exceptions: exceptions as { carrier: string; type: ExceptionType; cases: number }[],
    casesPerWeek: cases,
    options,
    building: !refresh.built,
  });
}

/** The cohort figures of a range for the whole shop (the home page's 7-day rate). */
export async function cohortTotals(scope: ShopScope, input: { from: Day; to: Day; now?: Date }): Promise<CohortSummary> {
  await refreshAnalytics(scope, input.now);
  const filters: AnalyticsFilters = { range: "custom", from: input.from, to: input.to, carrier: null, service: null, country: null, region: null };
  const counts = await scope
    .selectFrom("analytics_daily")
    .select([
      sum("shipped").as("shipped"),
      sum("delivered").as("delivered"),
      sum("with_proof").as("withProof"),
      sum("in_flight").as("inFlight"),
      sum("not_delivered").as("notDelivered"),
      sum("on_time").as("onTime"),
      sum("on_time_known").as("onTimeKnown"),
    ])
    .where(summaryConditions(filters))
    .executeTakeFirstOrThrow();
  const transit = await scope
    .selectFrom("analytics_transit_daily")
    .select(["transit_days as transitDays", sum("parcels").as("parcels")])
    .where(summaryConditions(filters))
    .groupBy("transit_days")
    .execute();
  return summarize(counts, new Map(transit.map((t) => [t.transitDays, t.parcels])));
}

/** Cases opened and resolved per week (by when, in the shop's time zone), with the same filters. */
async function casesPerWeek(scope: ShopScope, f: AnalyticsFilters, timeZone: string): Promise<CaseWeekRow[]> {
  const start = sql`(${f.from}::date)::timestamp at time zone ${timeZone}`;
  const end = sql`(${f.to}::date + 1)::timestamp at time zone ${timeZone}`;
  const count = (column: "opened_at" | "resolved_at", daySql: string) => {
    const at = sql.ref(`c.${column}`);
    let q = scope
      .selectFrom("cases as c")
      .select([sql<Day>`${withParams(weekExpression(daySql), { time_zone: timeZone })}`.as("week"), sql<number>`count(*)::int8`.as("n")])
      .where(sql<boolean>`${at} >= ${start} and ${at} < ${end}`);
    if (f.carrier) q = q.where("c.carrier_code", "=", f.carrier);
    if (f.country) q = q.where("c.dest_country", "=", f.country);
    if (f.region) q = q.where(sql<boolean>`upper(c.dest_region) = upper(${f.region})`);
    if (f.service) {
      const ofService = scope.selectFrom("shipments as s").select(sql`1`.as("one")).where("s.service_code", "=", f.service).where(sql<boolean>`s.id = c.shipment_id`);
      q = q.where(({ exists }) => exists(ofService));
    }
    return q.groupBy(sql`1`).execute();
  };
  const [opened, resolved] = await Promise.all([count("opened_at", OPENED_DAY_SQL), count("resolved_at", RESOLVED_DAY_SQL)]);
  const weeks = new Map<Day, CaseWeekRow>();
  for (const r of opened) weeks.set(r.week, { week: r.week, opened: r.n, resolved: 0 });
  for (const r of resolved) weeks.set(r.week, { week: r.week, opened: weeks.get(r.week)?.opened ?? 0, resolved: r.n });
  return [...weeks.values()];
}

/** A definition's SQL with its `:name` placeholders bound as parameters ("::date" casts are left alone). */
function withParams(text: string, params: Record<string, unknown>): RawBuilder<unknown> {
  const parts = text.split(/(?<![:\w]):([a-z_]+)/);
  return sql.join(
    parts.map((part, i) => {
      if (i % 2 === 0) return sql.raw(part);
      if (!(part in params)) throw new Error(`No value for :${part} in ${text}`);
      return sql`${params[part]}`;
    }),
    sql``,
  );
}

/** Carriers and services shipped with in the range, and every destination ever shipped to, for the filter menus. */
async function filterOptions(scope: ShopScope, f: AnalyticsFilters): Promise<FilterOptions> {
  const [services, destinations] = await Promise.all([
    scope
      .selectFrom("analytics_daily")
      .select(["carrier_code", "service_code"])
      .where("dest_country", "=", "*")
      .where("dest_region", "=", "*")
      .where(sql<boolean>`ship_day between ${f.from}::date and ${f.to}::date`)
      .groupBy(["carrier_code", "service_code"])
      .execute(),
    scope.selectFrom("analytics_destinations").select(["dest_country", "dest_region"]).orderBy("dest_country").orderBy("dest_region").execute(),
  ]);
  const carriers = new Set(services.map((r) => r.carrier_code));
  const serviceCarrier = new Map(services.filter((r) => r.service_code).map((r) => [r.service_code, r.carrier_code]));
  const countries = new Set(destinations.map((d) => d.dest_country).filter(Boolean));
  const regions = destinations.filter((d) => d.dest_region).map((d) => ({ value: d.dest_region, country: d.dest_country }));
  // A filter chosen for another range stays selectable even where it has no parcels.
  if (f.carrier) carriers.add(f.carrier);
  if (f.service && !serviceCarrier.has(f.service)) serviceCarrier.set(f.service, f.carrier ?? "");
  if (f.country) countries.add(f.country);
  if (f.country && f.region && !regions.some((r) => r.country === f.country && r.value === f.region)) {
    regions.push({ value: f.region, country: f.country });
  }
  return {
    carriers: [...carriers].sort().map((c) => ({ value: c, label: carrierName(c) })),
    services: [...serviceCarrier.entries()]
      .map(([value, carrier]) => ({ value, carrier, label: serviceName(carrier, value) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    countries: [...countries].sort(),
    regions,
  };
}

// npm run bench:analytics [-- --shipments 1000000 --events-per-shipment 10 --runs 50 --keep]
// Generates a shop with 1,000,000 shipments over the last year (and their orders), 10,000,000
// tracking events and ~6% exception cases on PostgreSQL, in SQL with generate_series, then runs the
// analytics page's loader (analyticsReport, the function the route calls) for the last 90 days
// `--runs` times and prints p50/p95. Target: p95 under 300 ms.
//
// Database: BENCH_DATABASE_URL or DATABASE_URL if set (it must be empty or disposable); otherwise a
// fresh database on postgres://postgres@127.0.0.1:5432, dropped at the end (unless --keep).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase } from "../app/lib/db.server";
import { migrateToLatest } from "../app/lib/migrate.server";
import { forShop } from "../app/lib/tenancy.server";
import { localDay } from "../app/modules/carriers/business-days";
import { analyticsReport } from "../app/modules/analytics/report-query.server";
import { presetFilters } from "../app/modules/analytics/schemas";
import { refreshAnalytics } from "../app/modules/analytics/refresh.server";
import { createShop } from "../app/modules/shops/shops.server";
import { benchDatabase, step } from "./lib/bench-db";

const { values } = parseArgs({
  options: {
    shipments: { type: "string", default: "1000000" },
    "events-per-shipment": { type: "string", default: "10" },
    runs: { type: "string", default: "50" },
    keep: { type: "boolean", default: false },
  },
});
const SHIPMENTS = Number(values.shipments);
const EVENTS_PER = Number(values["events-per-shipment"]);
const RUNS = Number(values.runs);
if (![SHIPMENTS, EVENTS_PER, RUNS].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("--shipments, --events-per-shipment and --runs must be positive whole numbers.");
  process.exit(2);
}

const database = await benchDatabase("analytics");
const started = Date.now();
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const handle = await openDatabase({ url: database.url, poolSize: 10 });
try {
  const db = handle.db;
  await migrateToLatest(db);
  const shop = await createShop(db, { slug: `bench-${randomBytes(3).toString("hex")}`, name: "Analytics bench" });
  const scope = forShop(db, shop.id);
  const timeZone = shop.time_zone;
  const today = localDay(new Date(), timeZone);
  const shopId = shop.id;
  console.log(`PostgreSQL ${handle.location}; shop ${shop.slug} (${timeZone}); today ${today}`);

  // Deterministic pseudo-random numbers from a row id and a salt, so every run builds the same data.
  const roll = (id: string, salt: number, mod: number) => sql.raw(`((abs(hashint8extended(${id}, ${salt})) % ${mod})::int)`);
  const states = sql.raw(
    `array['CA','CA','CA','TX','TX','FL','FL','NY','NY','PA','IL','OH','GA','NC','MI','NJ','VA','WA','AZ','MA','TN','IN','MD','MO','WI','CO','MN','SC','AL','LA','KY','OR','OK','CT','UT','IA','NV','AR','KS','NM','NE','ID','WV','HI','NH','ME','MT','RI','DE','SD','ND','AK','DC','VT','WY','MS']`,
  );

  await step(`orders (${SHIPMENTS.toLocaleString("en-US")})`, () =>
    sql`
      insert into orders (shop_id, external_id, source, status, buyer_name, address1, city, region, postal_code, country, content_hash)
      select ${shopId}, 'BENCH-' || g, 'generic', 'shipped', 'Bench Buyer ' || g, g || ' Main St', 'Benchville',
        case when ${roll("g", 11, 100)} < 3 then (array['ON', 'BC', ''])[1 + ${roll("g", 12, 3)}]
             else (${states})[1 + ${roll("g", 13, 56)}] end,
        lpad((${roll("g", 14, 99999)})::text, 5, '0'),
        case when ${roll("g", 11, 100)} < 3 then (array['CA', 'CA', 'GB'])[1 + ${roll("g", 12, 3)}] else 'US' end,
        'bench'
      from generate_series(1, ${SHIPMENTS}) g`.execute(db),
  );

  // Shipments over the last 365 days, in roughly the order they shipped: carrier mix USPS 40%, UPS 30%, FedEx 25%, DHL 5%; settled
  // parcels mostly delivered (1-6 days), some returned, expired or stuck in an exception; the last
  // days' parcels partly in flight.
  await step(`shipments (${SHIPMENTS.toLocaleString("en-US")})`, () =>
    sql`
      with base as (
        select o.id, o.region, o.country, o.postal_code,
          -- Orders ship in the order they came in (ids grow with time), give or take two days.
          least(${today}::date, ${today}::date - 364 + ((o.id - first.id) * 365 / ${SHIPMENTS})::int + ${roll("o.id", 1, 3)} - 1) as ship_day,
          ${roll("o.id", 2, 100)} as carrier_roll,
          ${roll("o.id", 3, 100)} as service_roll,
          ${roll("o.id", 4, 1000)} as outcome_roll,
          1 + ${roll("o.id", 5, 6)}::int as transit,
          ${roll("o.id", 6, 10)} as proof_roll,
          2 + ${roll("o.id", 7, 5)}::int as promised
        from orders o, (select min(id) as id from orders where shop_id = ${shopId}) first
        where o.shop_id = ${shopId}
      ), carrier as (
        select b.*,
          case when carrier_roll < 40 then 'usps' when carrier_roll < 70 then 'ups' when carrier_roll < 95 then 'fedex' else 'dhl' end as carrier_code,
          b.ship_day + b.transit <= ${today}::date as arrived
        from base b
      ), shaped as (
        select c.*,
          case c.carrier_code
            when 'usps' then case when service_roll < 70 then 'usps_ground_advantage' when service_roll < 95 then 'usps_priority_mail' else 'usps_priority_mail_express' end
            when 'ups' then case when service_roll < 75 then 'ups_ground' when service_roll < 90 then 'ups_2nd_day_air' else 'ups_next_day_air' end
            when 'fedex' then case when service_roll < 50 then 'fedex_ground' when service_roll < 85 then 'fedex_home_delivery' else 'fedex_2day' end
            else 'dhl_express_worldwide' end as service_code,
          case
            when not arrived then case when outcome_roll < 600 then 'in_transit' when outcome_roll < 800 then 'out_for_delivery' when outcome_roll < 900 then 'info_received' else 'attempt_failed' end
            when outcome_roll < 950 then 'delivered'
            when outcome_roll < 965 then 'returned_to_sender'
            when outcome_roll < 975 then 'expired'
            when outcome_roll < 990 then 'exception'
            else 'in_transit' end as status
        from carrier c
      )
      insert into shipments (shop_id, order_id, carrier_code, service_code, tracking_number, status, dest_region, dest_postal_code,
        dest_country, label_created_at, shipped_at, ship_day, delivered_at, delivered_day, edd_original, edd_current, edd_min, edd_max,
        proof_type, last_event_at, last_scan_at, events_count)
      select ${shopId}, s.id, s.carrier_code, s.service_code, 'BT' || lpad(s.id::text, 12, '0'), s.status, nullif(s.region, ''), s.postal_code,
        s.country, (s.ship_day - 1)::timestamp + interval '15 hours', s.ship_day::timestamp + interval '17 hours', s.ship_day,
        case when s.status = 'delivered' then (s.ship_day + s.transit)::timestamp + interval '14 hours' end,
        case when s.status = 'delivered' then s.ship_day + s.transit end,
        s.ship_day + s.promised, s.ship_day + s.promised, s.ship_day + s.promised - 1, s.ship_day + s.promised,
        case when s.status <> 'delivered' then null when s.proof_roll < 3 then 'signature' when s.proof_roll < 7 then 'photo' end,
        s.ship_day::timestamp + interval '17 hours', s.ship_day::timestamp + interval '17 hours', ${EVENTS_PER}
      from shaped s`.execute(db),
  );

  const chunks = 10;
  const t = Date.now();
  const range = await sql<{ lo: number; hi: number }>`select min(id) as lo, max(id) as hi from shipments where shop_id = ${shopId}`.execute(db);
  const { lo, hi } = range.rows[0];
  for (let i = 0; i < chunks; i++) {
    const from = lo + Math.floor(((hi - lo + 1) * i) / chunks);
    const to = lo + Math.floor(((hi - lo + 1) * (i + 1)) / chunks) - 1;
    await sql`
      insert into tracking_events (shop_id, shipment_id, carrier_code, event_id, tracking_number, occurred_at, utc_offset, raw_code,
        description, city, region, country, status, mapping_rule, source)
      select s.shop_id, s.id, s.carrier_code, s.tracking_number || '-' || k, s.tracking_number, s.shipped_at + (k - 1) * interval '7 hours',
        '-05:00', case when k = ${EVENTS_PER} and s.status = 'delivered' then 'DL' else 'IT' end,
        case when k = ${EVENTS_PER} and s.status = 'delivered' then 'Delivered' else 'In transit' end,
        'Hub ' || k, s.dest_region, s.dest_country,
        case when k = ${EVENTS_PER} and s.status = 'delivered' then 'delivered' else 'in_transit' end, 'bench', 'simulator'
      from shipments s cross join generate_series(1, ${EVENTS_PER}) k
      where s.shop_id = ${shopId} and s.id between ${from} and ${to}`.execute(db);
    process.stdout.write(`\rtracking events ${Math.round(((i + 1) / chunks) * 100)}% (${((SHIPMENTS * EVENTS_PER * (i + 1)) / chunks).toLocaleString("en-US")})`);
  }
  console.log(` ... ${elapsed(t)}`);

  // About 6% of parcels get a case; four in five of them resolved a day or three later.
  await step("exception cases", () =>
    sql`
      insert into cases (shop_id, shipment_id, order_id, type, severity, state, rule, reason, opened_at, sla_due_at, last_signal_at,
        resolved_at, resolution_code, carrier_code, dest_region, dest_country)
      select s.shop_id, s.id, s.order_id,
        case when s.status = 'exception' then (array['lost', 'damaged', 'misrouted'])[1 + ${roll("s.id", 21, 3)}]
             when s.status = 'returned_to_sender' then 'returned_to_sender'
             else (array['delayed', 'delayed', 'stalled', 'failed_attempt', 'address_issue', 'not_picked_up'])[1 + ${roll("s.id", 22, 6)}] end,
        'medium',
        case when ${roll("s.id", 23, 5)} < 4 and s.status not in ('exception') then 'resolved' else 'open' end,
        'bench', 'Generated by the analytics benchmark',
        s.shipped_at + interval '2 days', s.shipped_at + interval '3 days', s.shipped_at + interval '2 days',
        case when ${roll("s.id", 23, 5)} < 4 and s.status not in ('exception') then s.shipped_at + interval '2 days' + (1 + ${roll("s.id", 24, 3)}) * interval '1 day' end,
        case when ${roll("s.id", 23, 5)} < 4 and s.status not in ('exception') then 'no_action' end,
        s.carrier_code, s.dest_region, s.dest_country
      from shipments s
      where s.shop_id = ${shopId} and (s.status in ('exception', 'returned_to_sender') or ${roll("s.id", 20, 100)} < 4)`.execute(db),
  );
  await scope
    .insertInto("holidays", [
      { day: `${today.slice(0, 4)}-01-02`, name: "Stocktake" },
      { day: `${today.slice(0, 4)}-08-14`, name: "Summer closing" },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await step("vacuum analyze", () => sql`vacuum analyze`.execute(db));

  const counts = await sql<{ shipments: number; events: number; cases: number }>`
    select (select count(*) from shipments where shop_id = ${shopId}) as shipments,
      (select count(*) from tracking_events where shop_id = ${shopId}) as events,
      (select count(*) from cases where shop_id = ${shopId}) as cases`.execute(db);
  const c = counts.rows[0];
  console.log(`data: ${c.shipments.toLocaleString("en-US")} shipments, ${c.events.toLocaleString("en-US")} tracking events, ${c.cases.toLocaleString("en-US")} cases`);

  const built = await step("first build of the summaries (every ship day)", () => refreshAnalytics(scope));
  if (!built.full) throw new Error("expected a full build");
  await sql`analyze analytics_daily, analytics_transit_daily, analytics_exception_daily`.execute(db);
  const sizes = await sql<{ daily: number; transit: number; exceptions: number }>`
    select (select count(*) from analytics_daily where shop_id = ${shopId}) as daily,
      (select count(*) from analytics_transit_daily where shop_id = ${shopId}) as transit,
      (select count(*) from analytics_exception_daily where shop_id = ${shopId}) as exceptions`.execute(db);
  const z = sizes.rows[0];
  console.log(`summary rows (all days): ${z.daily.toLocaleString("en-US")} daily, ${z.transit.toLocaleString("en-US")} transit, ${z.exceptions.toLocaleString("en-US")} exception`);

  const filters = presetFilters("90", today);
  const loader = () => analyticsReport(scope, { filters, timeZone });
  const check = await loader();
  console.log(
    `90-day report (${filters.from}..${filters.to}): ${check.total.shipped.toLocaleString("en-US")} shipped, rate ${check.total.deliveryConfirmationRate}, ` +
      `${check.carriers.length} carriers, ${check.services.length} services, ${check.weeks.length} weeks`,
  );
  await loader(); // warm-up, as a server would be

  const timings: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await loader();
    timings.push(performance.now() - t0);
  }
  const pct = (list: number[], p: number) => {
    const sorted = [...list].sort((x, y) => x - y);
    return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  };
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`\nanalytics loader, last 90 days, ${RUNS} runs: p50 ${fmt(pct(timings, 50))}, p95 ${fmt(pct(timings, 95))}, max ${fmt(Math.max(...timings))}`);

  const filtered = presetFilters("90", today);
  filtered.carrier = "ups";
  filtered.country = "US";
  filtered.region = "CA";
  const filteredTimings: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 20); i++) {
    const t0 = performance.now();
    await analyticsReport(scope, { filters: filtered, timeZone });
    filteredTimings.push(performance.now() - t0);
  }
  console.log(`with filters (UPS to California), ${filteredTimings.length} runs: p50 ${fmt(pct(filteredTimings, 50))}, p95 ${fmt(pct(filteredTimings, 95))}`);

  // A busy spell of tracking: 5,000 of the last fortnight's parcels change status, then one page load
  // pays for recomputing their ship days.
  await sql`
    update shipments set status = 'delivered', delivered_day = least(ship_day + 2, ${today}::date),
      delivered_at = least(ship_day + 2, ${today}::date)::timestamp + interval '15 hours', proof_type = 'photo'
    where shop_id = ${shopId} and id in (
      select id from shipments where shop_id = ${shopId} and ship_day >= ${today}::date - 14 and status in ('in_transit', 'out_for_delivery')
      order by id limit 5000)`.execute(db);
  const queued = await sql<{ days: number }>`select count(distinct ship_day) as days from analytics_dirty_days where shop_id = ${shopId}`.execute(db);
  const t1 = performance.now();
  await loader();
  console.log(`loader right after 5,000 status changes (${queued.rows[0].days} ship days queued): ${fmt(performance.now() - t1)}`);
  console.log(`\ntotal ${elapsed(started)}`);
  const ok = pct(timings, 95) < 300;
  console.log(ok ? "PASS: p95 under 300 ms" : "MISS: p95 is 300 ms or more");
} finally {
  await handle.close();
  await database.finish({ keep: values.keep });
}

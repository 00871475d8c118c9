// npm run bench:tracking [-- --shipments 100000 --events 1000000 --http-events 100000 --concurrency 2 --keep]
// Tracking ingestion and the exception scan at scale, on PostgreSQL:
//   1. a shop with 100,000 labelled shipments and (events - http-events) tracking events already
//      stored (generated in SQL), about 30% of the parcels still on their way;
//   2. the built app started with scripts/serve.ts on that database, and the remaining events
//      (default 100,000) posted to the real webhook route over loopback, signed, in batches of 100,
//      `--concurrency` requests at a time, continuing the journeys of the parcels in flight;
//   3. one full exception scan of the shop (as the periodic job runs it), timed in-process.
// Targets: at least 2,000 events/s; a full scan under 3 s. Prints the figures (--json for JSON).
//
// Database: BENCH_DATABASE_URL or DATABASE_URL if set (it must be empty or disposable); otherwise a
// fresh database on postgres://postgres@127.0.0.1:5432, dropped at the end (unless --keep). The app
// build is BUILD_DIR (default "build"); it is built first when missing.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase } from "../app/lib/db.server";
import { migrateToLatest } from "../app/lib/migrate.server";
import { forShop } from "../app/lib/tenancy.server";
import { refreshAnalytics } from "../app/modules/analytics/refresh.server";
import { scanShop } from "../app/modules/exceptions/scan.server";
import { createShop } from "../app/modules/shops/shops.server";
import { signatureHeader } from "../app/modules/tracking/signature";
import { benchDatabase, step as benchStep } from "./lib/bench-db";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const { values } = parseArgs({
  options: {
    shipments: { type: "string", default: "100000" },
    events: { type: "string", default: "1000000" },
    "http-events": { type: "string", default: "100000" },
    concurrency: { type: "string", default: "2" },
    batch: { type: "string", default: "100" },
    keep: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const SHIPMENTS = Number(values.shipments);
const EVENTS = Number(values.events);
const HTTP_EVENTS = Number(values["http-events"]);
const CONCURRENCY = Number(values.concurrency);
const BATCH = Number(values.batch);
if (![SHIPMENTS, EVENTS, HTTP_EVENTS, CONCURRENCY, BATCH].every((n) => Number.isInteger(n) && n > 0) || HTTP_EVENTS >= EVENTS) {
  console.error("--shipments, --events, --http-events, --concurrency and --batch must be positive whole numbers, and --http-events below --events.");
  process.exit(2);
}
const log = (...args: unknown[]) => {
  if (!values.json) console.log(...args);
};

const database = await benchDatabase("tracking");
const url = database.url;
const step = <T>(label: string, work: () => Promise<T>) => benchStep(label, work, values.json);

/** Ten steps of a journey per carrier: the codes real carriers send (CARRIER_CODES.md). */
const JOURNEYS: Record<string, { code: string; description: string; status: string }[]> = {
  ups: [
    ["M:MP", "Shipper created a label, UPS has not received the package yet.", "info_received"],
    ["P:PU", "Pickup Scan", "in_transit"],
    ["I:OR", "Origin Scan", "in_transit"],
    ["I:DP", "Departed from Facility", "in_transit"],
    ["I:AR", "Arrived at Facility", "in_transit"],
    ["I:DP", "Departed from Facility", "in_transit"],
    ["I:AR", "Arrived at Facility", "in_transit"],
    ["I:YP", "Processing at UPS Facility", "in_transit"],
    ["I:OT", "Out For Delivery Today", "out_for_delivery"],
    ["D:FS", "DELIVERED", "delivered"],
  ].map(([code, description, status]) => ({ code, description, status })),
  fedex: [
    ["OC", "Shipment information sent to FedEx", "info_received"],
    ["PU", "Picked up", "in_transit"],
    ["DP", "Left FedEx origin facility", "in_transit"],
    ["AR", "Arrived at FedEx hub", "in_transit"],
    ["DP", "Departed FedEx hub", "in_transit"],
    ["AR", "Arrived at FedEx hub", "in_transit"],
    ["DP", "Departed FedEx hub", "in_transit"],
    ["AR", "At local FedEx facility", "in_transit"],
    ["OD", "On FedEx vehicle for delivery", "out_for_delivery"],
    ["DL", "Delivered", "delivered"],
  ].map(([code, description, status]) => ({ code, description, status })),
  usps: [
    ["GX", "Shipping Label Created, USPS Awaiting Item", "info_received"],
    ["03", "USPS in possession of item", "in_transit"],
    ["10", "Arrived at USPS Regional Origin Facility", "in_transit"],
    ["T1", "Departed USPS Regional Facility", "in_transit"],
    ["A1", "Arrived at USPS Regional Facility", "in_transit"],
    ["T1", "Departed USPS Regional Facility", "in_transit"],
    ["A1", "Arrived at USPS Regional Facility", "in_transit"],
    ["07", "Arrived at Post Office", "in_transit"],
    ["OF", "Out for Delivery", "out_for_delivery"],
    ["01", "Delivered, Front Door/Porch", "delivered"],
  ].map(([code, description, status]) => ({ code, description, status })),
};
const CARRIERS = ["ups", "fedex", "usps"];
const SERVICES: Record<string, string[]> = { ups: ["ups_ground", "ups_2nd_day_air"], fedex: ["fedex_ground", "fedex_home_delivery"], usps: ["usps_ground_advantage", "usps_priority_mail"] };
const STATES = ["NY", "CA", "TX", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ", "MA", "TN", "IN", "MO", "MD", "WI", "CO", "MN", "SC", "AL", "LA", "KY", "OR", "OK", "CT", "UT"];
const STEP_HOURS = 7;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(target: string, child: ChildProcess, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The app server exited (code ${child.exitCode}).`);
    try {
      const res = await fetch(target);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app server did not answer ${target} within ${seconds} s.`);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const handle = await openDatabase({ url, poolSize: 4 });
let server: ChildProcess | null = null;
let dataDir: string | null = null;
try {
  await step("Migrating", () => migrateToLatest(handle.db));
  const shop = await createShop(handle.db, { slug: `bench-${randomBytes(2).toString("hex")}`, name: "Tracking benchmark" });
  const shopId = shop.id;
  const now = new Date();
  // Parcels by order id: 70% delivered, 26% moving (the webhook events continue their journeys),
  // 3% stalled for days (the scan flags them stalled, late, some lost), 1% never picked up.
  const KIND_SQL = "case when x.order_id % 100 < 70 then 'delivered' when x.order_id % 100 < 73 then 'stalled' when x.order_id % 100 = 73 then 'unpicked' else 'moving' end";
  const KIND = sql.raw(KIND_SQL);
  const kindOf = (orderId: number) => (orderId % 100 < 70 ? "delivered" : orderId % 100 < 73 ? "stalled" : orderId % 100 === 73 ? "unpicked" : "moving");
  const preloadEvents = EVENTS - HTTP_EVENTS;

  await step(`Creating ${SHIPMENTS.toLocaleString("en-US")} orders and labelled shipments`, async () => {
    await sql`
      insert into orders (shop_id, external_id, source, status, buyer_name, buyer_email, address1, city, region, postal_code, country, content_hash, carrier_code, service_code)
      select ${shopId}, 'B' || lpad(i::text, 8, '0'), 'tiktok', 'to_ship', 'Bench Buyer ' || i, 'buyer' || i || '@bench.test', i || ' Main St', 'City',
        (${STATES}::text[])[1 + i % ${STATES.length}], '10001', 'US', md5(i::text),
        (${CARRIERS}::text[])[1 + i % 3], null
      from generate_series(1, ${SHIPMENTS}) i`.execute(handle.db);
    await sql`
      insert into shipments (shop_id, order_id, carrier_code, service_code, tracking_number, status, dest_region, dest_postal_code, dest_country,
        label_created_at, edd_original, edd_current, edd_min, edd_max, created_at)
      select x.shop_id, x.order_id, x.carrier_code,
        (case x.carrier_code when 'ups' then ${SERVICES.ups}::text[] when 'fedex' then ${SERVICES.fedex}::text[] else ${SERVICES.usps}::text[] end)[1 + (x.order_id % 7 = 0)::int],
        'BENCH' || lpad(x.order_id::text, 10, '0'), 'pending', x.region, x.postal_code, 'US',
        v.label_at, (v.label_at + interval '3 days')::date, (v.label_at + interval '3 days')::date, (v.label_at + interval '1 day')::date,
        (v.label_at + interval '3 days')::date, v.label_at
      from (select o.shop_id, o.id as order_id, o.carrier_code, o.region, o.postal_code from orders o where o.shop_id = ${shopId}) x
      cross join lateral (select ${now}::timestamptz - case ${KIND}
        when 'delivered' then interval '12 days' + (x.order_id % 18) * interval '1 day'
        when 'stalled' then interval '9 days' + (x.order_id % 12) * interval '1 day'
        when 'unpicked' then interval '3 days' + (x.order_id % 7) * interval '1 day'
        else interval '48 hours' + (x.order_id % 96) * interval '1 hour' end as label_at) v`.execute(handle.db);
  });

  // Delivered parcels have their 10 events (plus a few more scans each, to reach the target count);
  // moving and stalled ones their first 3-7, spaced STEP_HOURS apart; unpicked ones the label only.
  const ids = await forShop(handle.db, shopId).selectFrom("shipments").select(["id", "order_id", "carrier_code", "tracking_number", "dest_region"]).orderBy("id").execute();
  const inFlight = ids.filter((s) => kindOf(s.order_id) === "moving");
  const delivered = ids.filter((s) => kindOf(s.order_id) === "delivered").length;
  const prefixOf = (s: { id: number; order_id: number }) => (kindOf(s.order_id) === "unpicked" ? 1 : kindOf(s.order_id) === "delivered" ? 10 : 3 + (s.id % 5));
  const baseTotal = ids.reduce((n, s) => n + prefixOf(s), 0);
  const extra = Math.max(0, (preloadEvents - baseTotal) / Math.max(1, delivered));
  const extraWhole = Math.floor(extra);
  const extraPerMille = Math.round((extra - extraWhole) * 1000);
  const COUNT = sql.raw(`case ${KIND_SQL} when 'delivered' then 10 + ${extraWhole} + (case when (x.id * 7919) % 1000 < ${extraPerMille} then 1 else 0 end) when 'unpicked' then 1 else 3 + (x.id % 5) end`);
  const LAST = sql.raw(`case when x.order_id % 100 < 70 then 10 when x.order_id % 100 = 73 then 1 else 3 + (x.id % 5) end`);
  const codes = (field: "code" | "status") => ({
    ups: JOURNEYS.ups.map((j) => j[field]),
    fedex: JOURNEYS.fedex.map((j) => j[field]),
    usps: JOURNEYS.usps.map((j) => j[field]),
  });
  const c = codes("code");
  const st = codes("status");

  await step(`Storing about ${preloadEvents.toLocaleString("en-US")} earlier tracking events (SQL)`, () => handle.db.transaction().execute(async (trx) => {
    // Generated history is written with triggers off (the analytics triggers compare old and new
    // rows of a statement; one statement over 100,000 shipments is not what they are built for).
    // The measured ingestion below runs with every trigger on.
    await sql`set local session_replication_role = replica`.execute(trx);
    // Steps past the 10th are extra in-transit scans between the early ones.
    await sql`
      insert into tracking_events (shop_id, shipment_id, carrier_code, event_id, tracking_number, occurred_at, utc_offset, raw_code, description,
        city, region, country, status, substatus, mapping_rule, source)
      select x.shop_id, x.id, x.carrier_code, 'p-' || x.id || '-' || k, x.tracking_number,
        case when k <= 10 then x.label_created_at + (k - 1) * ${`${STEP_HOURS} hours`}::interval
          else x.label_created_at + (k - 10) * interval '50 minutes' + interval '8 hours' end,
        '-05:00',
        (case x.carrier_code when 'ups' then ${c.ups}::text[] when 'fedex' then ${c.fedex}::text[] else ${c.usps}::text[] end)[case when k <= 10 then k else 5 end],
        'Bench event', 'City', x.dest_region, 'US',
        (case x.carrier_code when 'ups' then ${st.ups}::text[] when 'fedex' then ${st.fedex}::text[] else ${st.usps}::text[] end)[case when k <= 10 then k else 5 end],
        'bench', x.carrier_code || ':bench', 'file'
      from (select * from shipments where shop_id = ${shopId}) x
      cross join lateral generate_series(1, ${COUNT}) k`.execute(trx);
    // The shipments as ingestion would have left them.
    await sql`
      update shipments s set status = v.status, last_event_at = v.last_at,
        last_scan_at = case when v.status = 'info_received' then null else v.last_at end,
        shipped_at = case when v.status = 'info_received' then null else s.label_created_at + interval '${sql.raw(String(STEP_HOURS))} hours' end,
        ship_day = case when v.status = 'info_received' then null else (s.label_created_at + interval '${sql.raw(String(STEP_HOURS))} hours')::date end,
        delivered_at = case when v.status = 'delivered' then v.last_at end, delivered_day = case when v.status = 'delivered' then v.last_at::date end,
        proof_type = case when v.status = 'delivered' and s.id % 3 > 0 then 'photo' end, last_region = s.dest_region, last_country = 'US',
        events_count = v.n
      from (select x.id, case ${KIND} when 'delivered' then 'delivered' when 'unpicked' then 'info_received' else 'in_transit' end as status,
              ${COUNT} as n, x.label_created_at + (${LAST} - 1) * ${`${STEP_HOURS} hours`}::interval as last_at
            from shipments x where x.shop_id = ${shopId}) v
      where s.shop_id = ${shopId} and s.id = v.id`.execute(trx);
    await sql`update orders o set status = case s.status when 'delivered' then 'delivered' when 'info_received' then 'to_ship' else 'shipped' end
      from shipments s where o.shop_id = ${shopId} and s.shop_id = o.shop_id and s.order_id = o.id`.execute(trx);
  }));
  await sql`analyze`.execute(handle.db);
  // A running app has its analytics summaries built already; build them now so the app's first
  // refresh (a full build over every ship day) does not land in the middle of the measurement.
  await step("Building the analytics summaries (the app's periodic job keeps them current)", () => refreshAnalytics(forShop(handle.db, shopId)));
  const stored = await sql<{ n: number }>`select count(*)::int8 as n from tracking_events where shop_id = ${shopId}`.execute(handle.db);

  // The rest of the journeys of the parcels in flight, as a time-ordered stream over the last hour.
  const stream: { tn: string; carrier: string; k: number; region: string | null }[] = [];
  for (let k = 4; stream.length < HTTP_EVENTS && k <= 10; k++) {
    for (const s of inFlight) {
      if (stream.length >= HTTP_EVENTS) break;
      if (k > prefixOf(s)) stream.push({ tn: s.tracking_number, carrier: s.carrier_code, k, region: s.dest_region });
    }
  }
  const startAt = now.getTime() - 3_600_000;
  const bodies: string[] = [];
  /** Which batches carry status changes buyers hear about (out for delivery, delivered). */
  const notifying: boolean[] = [];
  for (let i = 0; i < stream.length; i += BATCH) {
    notifying.push(stream.slice(i, i + BATCH).some((e) => e.k >= 9));
    bodies.push(
      JSON.stringify(
        stream.slice(i, i + BATCH).map((e, j) => {
          const step = JOURNEYS[e.carrier][e.k - 1];
          const at = new Date(startAt + ((i + j) / stream.length) * 3_500_000);
          return {
            eventId: `h-${e.tn}-${e.k}`,
            trackingNumber: e.tn,
            occurredAt: `${new Date(at.getTime() - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00`,
            code: step.code,
            description: step.description,
            // Scans in the destination's state, as the earlier ones (a parcel on its way, no misroute).
            location: { city: "Springfield", region: e.region, country: "US" },
            ...(step.status === "delivered" ? { proof: { type: "photo", photoUrl: `https://proof.example/${e.tn}.jpg` } } : {}),
          };
        }),
      ),
    );
  }

  // The built app on the bench database.
  const buildDir = process.env.BUILD_DIR ?? "build";
  if (!existsSync(path.join(root, buildDir, "server/index.js"))) {
    await step(`Building the app into ${buildDir}`, async () => {
      const r = spawnSync("npx", ["remix", "vite:build"], { cwd: root, env: { ...process.env, BUILD_DIR: buildDir }, stdio: "ignore" });
      if (r.status !== 0) throw new Error("The app build failed; run `npm run build` to see why.");
    });
  }
  const port = await freePort();
  // The server's own data folder (buyer emails go there as .eml files when no SMTP is configured).
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-bench-tracking-"));
  server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir, PORT: String(port), BUILD_DIR: buildDir, SKIP_DEMO_SEED: "1", NODE_ENV: "production", SESSION_SECRET: "bench-session-secret-0123456789-abcdefghij" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await step(`Starting the app on port ${port}`, () => waitFor(`http://127.0.0.1:${port}/healthz`, server!, 120));
  const target = `http://127.0.0.1:${port}/api/webhooks/tracking/${shop.slug}`;

  // Warm-up (not counted): the first requests load the route modules and fill the pool.
  for (let w = 0; w < 3; w++) {
    const body = JSON.stringify([{ eventId: `warm-${w}`, trackingNumber: "WARMUP0001", occurredAt: now.toISOString(), code: "PU", description: "warm-up" }]);
    await fetch(target, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Parcel-Desk-Signature": signatureHeader(shop.webhook_secret, body) } });
  }

  const latencies: number[] = [];
  const byKind = { plain: [] as number[], notifying: [] as number[] };
  let storedOverHttp = 0;
  let failures = 0;
  let next = 0;
  const t0 = performance.now();
  await step(`Posting ${stream.length.toLocaleString("en-US")} events in ${bodies.length} signed batches (${CONCURRENCY} at a time)`, () =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const index = next++;
          const body = bodies[index];
          const started = performance.now();
          const res = await fetch(target, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Parcel-Desk-Signature": signatureHeader(shop.webhook_secret, body) } });
          const json = (await res.json()) as { stored?: number; error?: string };
          latencies.push(performance.now() - started);
          (notifying[index] ? byKind.notifying : byKind.plain).push(performance.now() - started);
          if (!res.ok) {
            failures++;
            if (failures <= 3) console.error(`  batch answered ${res.status}: ${json.error}`);
          } else storedOverHttp += json.stored ?? 0;
        }
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  server.kill("SIGTERM");
  await new Promise((r) => server!.once("exit", r));
  server = null;

  const scope = forShop(handle.db, shopId);
  const total = await sql<{ n: number }>`select count(*)::int8 as n from tracking_events where shop_id = ${shopId}`.execute(handle.db);
  const scanStart = performance.now();
  const scan = await step("Full exception scan (first run: opens the cases)", () => scanShop(scope, { now: new Date(), wait: true }));
  const scanSeconds = (performance.now() - scanStart) / 1000;
  const againStart = performance.now();
  const again = await step("Full exception scan again (steady state)", () => scanShop(scope, { now: new Date(), wait: true }));
  const againSeconds = (performance.now() - againStart) / 1000;

  latencies.sort((a, b) => a - b);
  const figures = {
    shipments: SHIPMENTS,
    eventsBefore: stored.rows[0].n,
    eventsAfter: total.rows[0].n,
    http: {
      events: stream.length,
      batches: bodies.length,
      batchSize: BATCH,
      concurrency: CONCURRENCY,
      stored: storedOverHttp,
      failures,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(stream.length / seconds),
      batchLatencyMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), max: Math.round(latencies[latencies.length - 1]) },
      // Batches of plain scans vs batches with out-for-delivery/delivered events (buyer notification hooks run per event).
      meanBatchMs: { plainScans: Math.round(mean(byKind.plain)), withNotifications: Math.round(mean(byKind.notifying)), plainBatches: byKind.plain.length, notifyingBatches: byKind.notifying.length },
    },
    scan: {
      seconds: Number(scanSeconds.toFixed(2)),
      shipmentsChecked: scan.shipmentsChecked,
      opened: scan.opened,
      autoResolved: scan.autoResolved,
      expired: scan.expired,
      steadyStateSeconds: Number(againSeconds.toFixed(2)),
      steadyStateOpened: again.opened,
    },
    targets: { eventsPerSecond: 2000, scanSeconds: 3 },
  };
  if (values.json) {
    console.log(JSON.stringify(figures, null, 2));
  } else {
    log("");
    log(`Events stored: ${figures.eventsBefore.toLocaleString("en-US")} before, ${figures.eventsAfter.toLocaleString("en-US")} after (${SHIPMENTS.toLocaleString("en-US")} shipments).`);
    log(`Webhook ingestion: ${figures.http.eventsPerSecond.toLocaleString("en-US")} events/s (${stream.length.toLocaleString("en-US")} events, ${bodies.length} batches of ${BATCH}, ${CONCURRENCY} concurrent, ${figures.http.seconds} s; ${failures} failed)  target >= 2,000: ${figures.http.eventsPerSecond >= 2000 ? "met" : "MISSED"}`);
    log(`  batch latency p50 ${figures.http.batchLatencyMs.p50} ms, p95 ${figures.http.batchLatencyMs.p95} ms, max ${figures.http.batchLatencyMs.max} ms`);
    log(`  mean batch: ${figures.http.meanBatchMs.plainScans} ms for plain scans (${figures.http.meanBatchMs.plainBatches} batches), ${figures.http.meanBatchMs.withNotifications} ms with out-for-delivery/delivered events (${figures.http.meanBatchMs.notifyingBatches} batches)`);
    log(`Full exception scan: ${figures.scan.seconds} s over ${scan.shipmentsChecked.toLocaleString("en-US")} shipments, opened ${JSON.stringify(scan.opened)}  target < 3 s: ${scanSeconds < 3 ? "met" : "MISSED"}`);
    log(`  steady state (nothing new): ${figures.scan.steadyStateSeconds} s`);
  }
} finally {
  server?.kill("SIGTERM");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await handle.close();
  await database.finish({ keep: values.keep, log });
}

// npm run bench:queue [-- --shipments 1000000 --open-cases 50000 --resolved-cases 100000 --requests 100 --keep]
//   (measure again on a kept database: BENCH_DATABASE_URL=postgres://.../pdbench_queue_xxxxxx npm run bench:queue -- --reuse)
// Builds a shop with 1,000,000 orders and shipments and 50,000 open exception cases (plus 100,000
// resolved ones) on PostgreSQL, in SQL with generate_series, then measures the queue page's server
// response: the real route loaders of /s/<shop>/exceptions (the shop layout's, which counts the
// overdue badge, and the queue's) called together with a signed-in Request, as Remix runs them for
// a page or data request, `--requests` times per view, for the default view and three filtered
// ones. Prints p50/p95 per view. Target: p95 under 150 ms. (Rendering to HTML and the network are
// not included: this is the database and loader work, which is what grows with the shop.)
//
// Database: BENCH_DATABASE_URL or DATABASE_URL if set (it must be empty or disposable); otherwise a
// fresh database on postgres://postgres@127.0.0.1:5432, dropped at the end (unless --keep).
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase, useDatabase } from "../app/lib/db.server";
import { migrateToLatest } from "../app/lib/migrate.server";
import { startSession } from "../app/lib/session.server";
import { addMember, createShop, createUser } from "../app/modules/shops/shops.server";
import { benchDatabase, step } from "./lib/bench-db";

const { values } = parseArgs({
  options: {
    shipments: { type: "string", default: "1000000" },
    "open-cases": { type: "string", default: "50000" },
    "resolved-cases": { type: "string", default: "100000" },
    requests: { type: "string", default: "100" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});
const SHIPMENTS = Number(values.shipments);
const OPEN = Number(values["open-cases"]);
const RESOLVED = Number(values["resolved-cases"]);
const REQUESTS = Number(values.requests);
if (![SHIPMENTS, OPEN, REQUESTS].every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(RESOLVED) || RESOLVED < 0) {
  console.error("--shipments, --open-cases, --resolved-cases and --requests must be whole numbers (all but resolved above 0).");
  process.exit(2);
}
if (OPEN + RESOLVED > SHIPMENTS) {
  console.error("--open-cases + --resolved-cases cannot exceed --shipments (one case per shipment here).");
  process.exit(2);
}

// The loaders read the session secret through env(); set one before anything reads it.
process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");

if (values.reuse && !process.env.BENCH_DATABASE_URL && !process.env.DATABASE_URL) {
  console.error("--reuse measures a database kept by an earlier run (--keep): set BENCH_DATABASE_URL to it.");
  process.exit(2);
}
const database = await benchDatabase("queue");

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const handle = await openDatabase({ url: database.url, poolSize: 10 });
let exitCode = 0;
try {
  const db = handle.db;
  await migrateToLatest(db);
  let slug: string;
  let shopId: number;
  const agents: number[] = [];
  if (values.reuse) {
    const existing = await db.selectFrom("shops").select(["id", "slug"]).where("slug", "like", "bench-%").orderBy("id", "desc").executeTakeFirst();
    if (!existing) throw new Error("--reuse: no bench shop in this database.");
    ({ slug, id: shopId } = existing);
    const users = await db.selectFrom("users").select("id").where("email", "like", `agent%@${slug}.test`).orderBy("email").execute();
    agents.push(...users.map((u) => u.id));
    console.log(`PostgreSQL ${handle.location}; reusing shop ${slug}`);
    await step("analyze", () => sql`analyze`.execute(db));
  } else {
    slug = `bench-${randomBytes(3).toString("hex")}`;
    const shop = await createShop(db, { slug, name: "Queue bench" });
    shopId = shop.id;
    console.log(`PostgreSQL ${handle.location}; shop ${slug}`);

    // Ten agents; the first is the one who signs in (so "mine" has ~4% of the open cases).
    await step("users (10 support agents)", async () => {
      for (let i = 0; i < 10; i++) {
        const user = await createUser(db, { email: `agent${i}@${slug}.test`, name: `Agent ${i}`, password: `bench-password-${i}` });
        await addMember(db, shopId, user.id, "support");
        agents.push(user.id);
      }
    });

    // Deterministic pseudo-random numbers from a row id and a salt: every run builds the same data.
    const roll = (id: string, salt: number, mod: number) => sql.raw(`((abs(hashint8extended(${id}, ${salt})) % ${mod})::int)`);
    const states = sql.raw(
      `array['CA','CA','CA','TX','TX','FL','FL','NY','NY','PA','IL','OH','GA','NC','MI','NJ','VA','WA','AZ','MA','TN','IN','MD','MO','WI','CO','MN','SC','AL','LA','KY','OR','OK','CT','UT','IA','NV','AR','KS','NM','NE','ID','WV','HI','NH','ME','MT','RI','DE','SD','ND','AK','DC','VT','WY','MS']`,
    );
    const carriers = sql.raw(`array['usps','usps','usps','ups','ups','ups','fedex','fedex','dhl','ups']`);

    await step(`orders (${SHIPMENTS.toLocaleString("en-US")})`, () =>
      sql`
        insert into orders (shop_id, external_id, source, status, placed_at, buyer_name, buyer_email, address1, city, region,
          postal_code, country, total_cents, weight_grams, carrier_code, service_code, content_hash)
        select ${shopId}, (576000000000000 + g)::text, 'tiktok', 'shipped', now() - (${roll("g", 1, 60 * 24)} * interval '1 hour'),
          'Buyer ' || g, 'buyer' || g || '@example.com', g || ' Main St', 'City ' || (g % 500), (${states})[1 + ${roll("g", 2, 56)}],
          lpad(${roll("g", 3, 99999)}::text, 5, '0'), 'US', 1000 + ${roll("g", 4, 9000)}, 200 + ${roll("g", 5, 3000)},
          (${carriers})[1 + ${roll("g", 6, 10)}], 'standard', md5(g::text)
        from generate_series(1, ${SHIPMENTS}) g`.execute(db),
    );
    await step(`shipments (${SHIPMENTS.toLocaleString("en-US")})`, () =>
      sql`
        insert into shipments (shop_id, order_id, carrier_code, service_code, tracking_number, status, weight_grams, dest_region,
          dest_postal_code, dest_country, label_created_at, shipped_at, edd_original, edd_current, last_scan_at)
        select o.shop_id, o.id, o.carrier_code, o.service_code, upper(o.carrier_code) || lpad(o.id::text, 16, '0'),
          case when ${roll("o.id", 7, 10)} < 7 then 'delivered' else 'in_transit' end, o.weight_grams, o.region, o.postal_code, 'US',
          o.placed_at + interval '20 hours', o.placed_at + interval '1 day', (o.placed_at + interval '5 days')::date,
          (o.placed_at + interval '6 days')::date, o.placed_at + interval '2 days'
        from orders o where o.shop_id = ${shopId}`.execute(db),
    );

    // Cases: a weighted mix of types (severity and due hours from the default settings), assigned to
    // an agent 40% of the time, inserted in random order so ids do not follow time.
    const caseSql = (count: number, resolved: boolean, offset: number) => sql`
      insert into cases (shop_id, shipment_id, order_id, type, severity, state, rule, reason, assignee_id, opened_at, sla_due_at,
        last_signal_at, carrier_code, dest_region, dest_country, resolved_at, resolution_code, resolution_note)
      select x.shop_id, x.id, x.order_id, x.type, x.severity, x.state, x.type || '_rule', 'Bench case: ' || x.type,
        x.assignee, x.opened, x.opened + make_interval(hours => x.hours), x.opened, x.carrier_code, x.dest_region, x.dest_country,
        case when ${resolved} then x.opened + interval '30 hours' end,
        case when ${resolved} then 'delivered_late' end,
        case when ${resolved} then 'Bench resolution.' end
      from (
        select s.*, t.type,
          case t.type when 'lost' then 'critical' when 'damaged' then 'high' when 'address_issue' then 'high'
            when 'not_picked_up' then 'low' else 'medium' end as severity,
          case t.type when 'lost' then 4 when 'damaged' then 8 when 'address_issue' then 8 when 'not_picked_up' then 48 else 24 end as hours,
          case when ${resolved} then 'resolved'
            else (array['open','open','open','open','open','investigating','investigating','waiting_on_carrier','waiting_on_carrier','waiting_on_buyer'])[1 + ${roll("s.id", 11, 10)}] end as state,
          case when ${roll("s.id", 12, 10)} < 4 then (${sql.raw(`array[${agents.join(",")}]::bigint[]`)})[1 + ${roll("s.id", 13, 10)}] end as assignee,
          now() - (power(${roll("s.id", 14, 1000)} / 1000.0, 2) * interval '6 days') - ${resolved ? sql`interval '8 days'` : sql`interval '0'`} as opened
        from shipments s
        cross join lateral (select (array['delayed','delayed','delayed','delayed','delayed','delayed','delayed','stalled','stalled','stalled',
          'failed_attempt','failed_attempt','failed_attempt','not_picked_up','not_picked_up','address_issue','address_issue','misrouted',
          'returned_to_sender','damaged','lost'])[1 + ${roll("s.id", 10, 21)}] as type) t
        where s.shop_id = ${shopId} and s.id % ${Math.floor(SHIPMENTS / (OPEN + RESOLVED))} = ${offset}
        order by random()
        limit ${count}
      ) x`;
    await step(`open cases (${OPEN.toLocaleString("en-US")})`, () => caseSql(OPEN, false, 0).execute(db));
    if (RESOLVED) await step(`resolved cases (${RESOLVED.toLocaleString("en-US")})`, () => caseSql(RESOLVED, true, 1).execute(db));
    await step("vacuum analyze", () => sql`vacuum analyze`.execute(db));
  }
  const counts = await sql<{ shipments: number; open: number; overdue: number; mine: number }>`
    select (select count(*) from shipments where shop_id = ${shopId}) as shipments,
      count(*) filter (where state <> 'resolved') as open,
      count(*) filter (where state <> 'resolved' and sla_due_at < now()) as overdue,
      count(*) filter (where state <> 'resolved' and assignee_id = ${agents[0]}) as mine
    from cases where shop_id = ${shopId}`.execute(db);
  const c = counts.rows[0];
  console.log(`data: ${Number(c.shipments).toLocaleString("en-US")} shipments, ${Number(c.open).toLocaleString("en-US")} open cases (${Number(c.overdue).toLocaleString("en-US")} overdue, ${Number(c.mine).toLocaleString("en-US")} assigned to the signed-in agent)`);

  // The app's own loaders, with the app's database and a real signed-in session.
  useDatabase(handle);
  const { loader: layoutLoader } = await import("../app/routes/s.$shop");
  const { loader: queueLoader } = await import("../app/routes/s.$shop.exceptions._index");
  const cookie = (await startSession(db, agents[0], shopId)).split(";")[0];

  const VIEWS = [
    { name: "default (unresolved, SLA due first)", search: "" },
    { name: "delayed + overdue", search: "?type=delayed&sla=overdue" },
    { name: "mine, by severity", search: "?assignee=mine&sort=severity" },
    { name: "UPS to TX, 1-3 days old, by age", search: "?carrier=ups&region=TX&age=1to3d&sort=age" },
  ];

  async function load(search: string): Promise<{ ms: number; rows: number }> {
    const request = new Request(`http://bench.local/s/${slug}/exceptions${search}`, { headers: { Cookie: cookie } });
    const args = { request, params: { shop: slug }, context: {} };
    const t0 = performance.now();
    const [, page] = await Promise.all([layoutLoader(args), queueLoader(args)]);
    return { ms: performance.now() - t0, rows: page.rows.length };
  }

  const results: { view: string; rows: number; p50: number; p95: number; max: number }[] = [];
  for (const view of VIEWS) {
    for (let i = 0; i < 5; i++) await load(view.search);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await load(view.search);
      times.push(r.ms);
      rows = r.rows;
    }
    times.sort((a, b) => a - b);
    results.push({ view: view.name, rows, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] });
  }

  const loadAverage = loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`\nQueue page server response (both route loaders, signed-in Request), ${REQUESTS} requests per view (load average ${loadAverage} on ${cpus().length} CPUs):`);
  const width = Math.max(...results.map((r) => r.view.length));
  console.log(`${"view".padEnd(width)}  rows   p50 ms   p95 ms   max ms`);
  for (const r of results) {
    console.log(`${r.view.padEnd(width)}  ${String(r.rows).padStart(4)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.max.toFixed(1).padStart(7)}`);
  }
  const worst = Math.max(...results.map((r) => r.p95));
  console.log(`\nTarget p95 < 150 ms: ${worst < 150 ? "met" : "NOT met"} (worst p95 ${worst.toFixed(1)} ms).`);
  if (worst >= 150) exitCode = 1;
} finally {
  useDatabase(undefined);
  await handle.close();
  await database.finish({ keep: values.keep });
}
process.exit(exitCode);

// npm run bench:labels [-- --labels 1000 --keep]
// Renders 1,000 labels into one merged PDF and into one ZPL file and prints labels/s, wall time and
// peak RSS for each. Two measurements, each in its own child process pinned to one core (taskset)
// so its peak RSS is its own:
//   render:  the labels' contents -> one file (layout, barcodes, PDF/ZPL writing): the target,
//            1,000 PDF labels in under 2 s and under 250 MB RSS on one core;
//   batch:   the whole batch on PostgreSQL as the app runs it (address check, tracking numbers from
//            the sequences, 1,000 shipments and history rows, rendering, storing the file); the ZPL
//            batch re-renders the shipments the PDF batch made (same tracking numbers).
// Database: BENCH_DATABASE_URL or DATABASE_URL if set (it must be empty or disposable); otherwise a
// fresh database on postgres://postgres@127.0.0.1:5432, dropped at the end (unless --keep).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase } from "../app/lib/db.server";
import { migrateToLatest } from "../app/lib/migrate.server";
import { forShop } from "../app/lib/tenancy.server";
import { generateLabels } from "../app/modules/labels/batches.server";
import { loadLabelContents } from "../app/modules/labels/label-data.server";
import { renderLabelFile } from "../app/modules/labels/render";
import { createShop, findShopBySlug } from "../app/modules/shops/shops.server";
import { benchDatabase } from "./lib/bench-db";

const { values } = parseArgs({
  options: {
    labels: { type: "string", default: "1000" },
    keep: { type: "boolean", default: false },
    child: { type: "string" },
    url: { type: "string" },
    shop: { type: "string" },
  },
});
const LABELS = Number(values.labels);
if (!Number.isInteger(LABELS) || LABELS < 1 || LABELS > 5000) {
  console.error("--labels must be a whole number from 1 to 5000.");
  process.exit(2);
}

interface Measurement {
  labels: number;
  bytes: number;
  wallMs: number;
  /** CPU time of this process (user + system): on a busy shared machine, closer to the work itself than wall time. */
  cpuMs: number;
  peakRssMb: number;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** One measured run inside a child process; prints its Measurement as JSON. */
async function child(kind: string, url: string, shopSlug: string): Promise<void> {
  const handle = await openDatabase({ url, poolSize: 4 });
  try {
    const shop = await findShopBySlug(handle.db, shopSlug);
    if (!shop) throw new Error(`no shop ${shopSlug}`);
    const scope = forShop(handle.db, shop.id);
    const [mode, format] = kind.split(":") as ["render" | "batch" | "idle", "pdf" | "zpl"];
    let result: Measurement;
    const cpuSince = (start: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000;
    };
    if (mode === "idle") {
      result = { labels: 0, bytes: 0, wallMs: 0, cpuMs: 0, peakRssMb: peakRssMb() };
    } else if (mode === "render") {
      // The contents are read before the clock starts: this measures rendering alone.
      const ids = (await scope.selectFrom("shipments").select("id").where("status", "<>", "voided").orderBy("id").execute()).map((r) => r.id);
      const contents = await loadLabelContents(scope, ids);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const file = renderLabelFile(contents, { format, layout: "4x6", packingSlips: false, title: "Bench" });
      result = { labels: contents.length, bytes: file.bytes.length, wallMs: performance.now() - started, cpuMs: cpuSince(cpu), peakRssMb: peakRssMb() };
    } else {
      const orderIds = format === "zpl" ? await allOrderIds(scope) : undefined;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const batch = await generateLabels(scope, { format, layout: "4x6", packingSlips: false, actorUserId: null, allReady: format === "pdf", orderIds });
      result = { labels: batch.generated.length, bytes: batch.file?.length ?? 0, wallMs: performance.now() - started, cpuMs: cpuSince(cpu), peakRssMb: peakRssMb() };
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await handle.close();
  }
}

async function allOrderIds(scope: ReturnType<typeof forShop>): Promise<number[]> {
  return (await scope.selectFrom("orders").select("id").orderBy("id").execute()).map((r) => r.id);
}

async function seed(url: string): Promise<string> {
  const handle = await openDatabase({ url, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const shop = await createShop(handle.db, { slug: `bench-labels-${randomBytes(3).toString("hex")}`, name: "Labels bench" });
    const scope = forShop(handle.db, shop.id);
    const services = [
      ["ups", "ups_ground"],
      ["usps", "usps_ground_advantage"],
      ["usps", "usps_priority_mail"],
      ["fedex", "fedex_ground"],
      ["fedex", "fedex_2day"],
    ] as const;
    const cities = [
      ["Austin", "TX", "78701"],
      ["Brooklyn", "NY", "11201"],
      ["Seattle", "WA", "98101"],
      ["Miami", "FL", "33130"],
      ["Chicago", "IL", "60601"],
    ] as const;
    const rows = Array.from({ length: LABELS }, (_, i) => {
      const [carrier, service] = services[i % services.length];
      const [city, region, postal] = cities[i % cities.length];
      return {
        external_id: `BENCH-${100000 + i}`,
        source: "generic",
        status: "to_ship" as const,
        buyer_name: `Buyer Number ${i}`,
        address1: `${100 + (i % 9000)} Congress Avenue`,
        address2: i % 3 === 0 ? `Apt ${i % 50}` : null,
        city,
        region,
        postal_code: postal,
        country: "US",
        weight_grams: 300 + (i % 2000),
        content_hash: `bench-${i}`,
        carrier_code: carrier,
        service_code: service,
        assigned_at: new Date(),
        ship_date: "2026-11-23",
        edd_min: "2026-11-25",
        edd_max: "2026-11-28",
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      const ids = await scope.insertInto("orders", rows.slice(i, i + 500)).returning("id").execute();
      await scope
        .insertInto("order_items", ids.map((r) => ({ order_id: r.id, line_no: 1, sku: "TMB-40-SAGE", product_name: "Insulated tumbler 40oz", variation: "Sage", quantity: 1 })))
        .execute();
    }
    return shop.slug;
  } finally {
    await handle.close();
  }
}

function runChild(kind: string, url: string, shop: string): Measurement {
  const script = fileURLToPath(import.meta.url);
  const args = ["tsx", script, "--child", kind, "--url", url, "--shop", shop, "--labels", String(LABELS)];
  const run = spawnSync("taskset", ["-c", "0", "npx", ...args], { encoding: "utf8" });
  const line = run.stdout?.trim().split("\n").pop() ?? "";
  if (run.status !== 0 || !line.startsWith("{")) throw new Error(`bench child ${kind} failed:\n${run.stderr}`);
  return JSON.parse(line) as Measurement;
}

async function main(): Promise<void> {
  const database = await benchDatabase("labels");
  const url = database.url;
  try {
    console.log(`Labels benchmark: ${LABELS} labels, PostgreSQL ${new URL(url).host}${new URL(url).pathname}, each run in its own process on one core.`);
    const shop = await seed(url);
    const report = (name: string, m: Measurement) => {
      const perSecond = m.wallMs > 0 ? Math.round((m.labels / m.wallMs) * 1000) : 0;
      console.log(
        `${name.padEnd(37)} ${String(m.labels).padStart(5)} labels  wall ${(m.wallMs / 1000).toFixed(2).padStart(5)} s  ${String(perSecond).padStart(5)} labels/s  CPU ${(m.cpuMs / 1000).toFixed(2).padStart(5)} s  peak RSS ${String(m.peakRssMb).padStart(4)} MB  file ${(m.bytes / 1024 / 1024).toFixed(2)} MB`,
      );
    };
    const batchPdf = runChild("batch:pdf", url, shop);
    report("batch, PDF 4x6 (new shipments)", batchPdf);
    const batchZpl = runChild("batch:zpl", url, shop);
    report("batch, ZPL (re-render, same numbers)", batchZpl);
    const renderPdf = runChild("render:pdf", url, shop);
    report("render only, merged PDF 4x6", renderPdf);
    const renderZpl = runChild("render:zpl", url, shop);
    report("render only, ZPL", renderZpl);
    const idle = runChild("idle:pdf", url, shop);
    console.log(`(a child that only starts, loads the app modules and connects peaks at ${idle.peakRssMb} MB RSS; load average now ${(await import("node:os")).loadavg()[0].toFixed(1)})`);
    const ok = renderPdf.labels === LABELS && renderPdf.wallMs < 2000 && renderPdf.peakRssMb < 250;
    console.log(`Target (1,000 PDF labels < 2 s, < 250 MB RSS, one core): ${ok ? "met" : "NOT met"} by the render run; the full batch took ${(batchPdf.wallMs / 1000).toFixed(2)} s at ${batchPdf.peakRssMb} MB.`);
  } finally {
    await database.finish({ keep: values.keep });
  }
}

if (values.child) {
  if (!values.url || !values.shop) {
    console.error("--child needs --url and --shop");
    process.exit(2);
  }
  await child(values.child, values.url, values.shop);
} else {
  await main();
}

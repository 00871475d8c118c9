// npm run bench:import -- [--rows 1000000] [--keep]
// Generates an order CSV in the generic template's format (1,000,000 rows by default: orders of one
// to three items, some already shipped with real-format tracking numbers), imports it into a fresh
// PostgreSQL database through importOrdersFromFile (the web and CLI code path), and compares with
// `psql \copy` of the same file into a plain table with the same columns, measured in the same run.
// Database: BENCH_DATABASE_URL, else DATABASE_URL, else a fresh database on
// postgres://postgres@127.0.0.1:5432 that is dropped at the end. The import runs in a child process
// so its peak RSS is its own.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import Papa from "papaparse";
import { openDatabase } from "../app/lib/db.server";
import { migrateToLatest } from "../app/lib/migrate.server";
import { seededRandom } from "../app/lib/random";
import { forShop } from "../app/lib/tenancy.server";
import {
  fedexGroundTrackingNumber,
  PLACEHOLDER_UPS_SHIPPER_ID,
  upsTrackingNumber,
} from "../app/modules/carriers/tracking-numbers";
import { importOrdersFromFile } from "../app/modules/imports/run.server";
import { GENERIC_COLUMNS } from "../app/modules/imports/presets";
import { createShop } from "../app/modules/shops/shops.server";
import { DEMO_CITIES, DEMO_PRODUCTS } from "../db/seed/demo-data";
import { benchDatabase } from "./lib/bench-db";
import { cliArgs, UsageError } from "./lib/cli";

const usage = "npm run bench:import -- [--rows 1000000] [--keep]";
const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

if (process.argv.includes("--child")) {
  await child();
} else {
  await main();
}

async function main() {
  let values: { rows?: string; keep?: boolean };
  try {
    values = cliArgs({ rows: { type: "string" }, keep: { type: "boolean" } }, usage).values;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const rows = values.rows === undefined ? 1_000_000 : Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 20_000_000) {
    console.error("--rows must be a whole number between 1 and 20000000.");
    process.exit(2);
  }

  const database = await benchDatabase("import");
  const url = database.url;
  const file = path.join(tmpdir(), `parcel-desk-bench-import-${randomBytes(4).toString("hex")}.csv`);
  try {
    console.log(`Generating ${rows.toLocaleString("en-US")} rows ...`);
    const orders = await generate(file, rows);
    const mb = statSync(file).size / 1024 / 1024;
    console.log(`  ${file}: ${mb.toFixed(0)} MB, ${orders.toLocaleString("en-US")} orders`);

    const handle = await openDatabase({ url, poolSize: 2 });
    await migrateToLatest(handle.db);
    const shop = await createShop(handle.db, { slug: `bench-${randomBytes(3).toString("hex")}`, name: "Import benchmark" });
    const columns = GENERIC_COLUMNS.map((c) => `"${c}" text`).join(", ");
    await sql.raw(`create table bench_copy (${columns})`).execute(handle.db);
    await handle.close();

    console.log("psql \\copy into a plain table with the same columns ...");
    const copyStart = performance.now();
    const copy = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `\\copy bench_copy from '${file}' with (format csv, header true)`], { encoding: "utf8" });
    const copyMs = performance.now() - copyStart;
    if (copy.status !== 0) throw new Error(`psql \\copy failed: ${copy.stderr || copy.stdout}`);
    console.log(`  ${(copyMs / 1000).toFixed(2)} s`);

    console.log("importOrdersFromFile (child process) ...");
    const result = await runChild(url, shop.id, file);

    // What the database alone needs to put the same rows into the real tables (their indexes,
    // unique and foreign-key checks), from the \copy table, with no parsing or validation at all.
    console.log("Schema floor: INSERT ... SELECT from the \\copy table into orders and order_items ...");
    const floorMs = await schemaFloor(url);
    console.log(`  ${(floorMs / 1000).toFixed(2)} s`);
    const s = result.summary;
    const ratio = result.ms / copyMs;
    const rssMb = result.maxRssKb / 1024;
    console.log(`  records ${s.records.toLocaleString("en-US")}, orders created ${s.orders.created.toLocaleString("en-US")}, rejected ${s.orders.rejected}, errors ${s.errors}`);
    console.log("");
    console.log(`rows:            ${rows.toLocaleString("en-US")} (${mb.toFixed(0)} MB)`);
    console.log(`import wall:     ${(result.ms / 1000).toFixed(2)} s`);
    console.log(`import rows/s:   ${Math.round(rows / (result.ms / 1000)).toLocaleString("en-US")}`);
    console.log(`peak RSS:        ${rssMb.toFixed(0)} MB (target < 300 MB: ${rssMb < 300 ? "met" : "NOT met"})`);
    console.log(`psql \\copy:      ${(copyMs / 1000).toFixed(2)} s (${Math.round(rows / (copyMs / 1000)).toLocaleString("en-US")} rows/s)`);
    console.log(`ratio to \\copy:  ${ratio.toFixed(2)}x (target within 2x: ${ratio <= 2 ? "met" : "NOT met"})`);
    console.log(`schema floor:    ${(floorMs / 1000).toFixed(2)} s (${(floorMs / copyMs).toFixed(1)}x \\copy); the import takes ${(result.ms / floorMs).toFixed(2)}x the floor`);
  } finally {
    if (!values.keep) rmSync(file, { force: true });
    await database.finish();
  }
}

async function schemaFloor(url: string): Promise<number> {
  const handle = await openDatabase({ url, poolSize: 1 });
  try {
    const shop = await createShop(handle.db, { slug: `floor-${randomBytes(3).toString("hex")}`, name: "Schema floor" });
    await sql`analyze bench_copy`.execute(handle.db);
    const start = performance.now();
    await handle.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      await sql`
        insert into orders (shop_id, external_id, source, status, marketplace_status, placed_at, buyer_name, buyer_phone, address1,
          address2, city, region, postal_code, country, service_level, shipping_method, total_cents, currency, weight_grams,
          buyer_message, import_batch_id, content_hash)
        select distinct on (order_id) ${shop.id}::int8, order_id, 'csv', 'to_ship', status, placed_at::timestamptz, recipient, phone,
          address1, nullif(address2, ''), city, state, postal_code, country, 'standard', shipping_method,
          round(order_total::numeric * 100)::int4, currency, 0, nullif(buyer_message, ''), null, md5(order_id)
        from bench_copy`.execute(trx);
      await sql`analyze orders`.execute(trx);
      await sql`
        insert into order_items (shop_id, order_id, line_no, sku, product_name, variation, quantity, unit_price_cents, weight_grams)
        select ${shop.id}::int8, o.id, 1, b.sku, b.product_name, nullif(b.variation, ''), b.quantity::int4,
          round(b.unit_price::numeric * 100)::int4, round(b.weight_kg::numeric * 1000)::int4
        from bench_copy b join orders o on o.shop_id = ${shop.id} and o.external_id = b.order_id`.execute(trx);
    });
    return performance.now() - start;
  } finally {
    await handle.close();
  }
}

/** Writes `rows` rows of the generic template; returns how many orders they make. */
/** A row as a marketplace export writes it (quoted where needed, no formula escaping). */
const csvRow = (values: readonly unknown[]) => `${Papa.unparse([[...values]], { newline: "\r\n" })}\r\n`;

async function generate(file: string, rows: number): Promise<number> {
  const rnd = seededRandom(20261122);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write(csvRow(GENERIC_COLUMNS));
  const first = ["Ava", "Liam", "Olivia", "Noah", "Mia", "Ethan", "Zoë", "José", "Amara", "Priya", "Omar", "Grace"];
  const last = ["Smith", "Johnson", "García", "Kim", "Nguyen", "Okafor", "Müller", "O'Brien", "Patel", "Rossi"];
  const streets = ["Maple Dr", "Oak Ave", "Elm Street", "Main St", "Pine Rd", "Cedar Ln"];
  let written = 0;
  let orders = 0;
  let buffer = "";
  const start = Date.UTC(2026, 9, 1);
  while (written < rows) {
    orders++;
    const id = `BENCH-${String(orders).padStart(8, "0")}`;
    const items = Math.min(rows - written, rnd.weighted({ "1": 60, "2": 30, "3": 10 }) === "1" ? 1 : rnd.chance(0.75) ? 2 : 3);
    const city = rnd.pick(DEMO_CITIES);
    const placed = new Date(start + rnd.int(0, 50 * 86_400) * 1000);
    const shipped = rnd.chance(0.1);
    const tracking = shipped ? (rnd.chance(0.5) ? upsTrackingNumber(PLACEHOLDER_UPS_SHIPPER_ID, "03", orders) : fedexGroundTrackingNumber(orders)) : "";
    const carrier = shipped ? (tracking.startsWith("1Z") ? "UPS" : "FedEx") : "";
    const shippedAt = shipped ? new Date(placed.getTime() + 86_400_000).toISOString() : "";
    const name = `${rnd.pick(first)} ${rnd.pick(last)}`;
    const address1 = `${rnd.int(1, 9999)} ${rnd.pick(streets)}`;
    let total = 0;
    const lines: unknown[][] = [];
    for (let n = 0; n < items; n++) {
      const p = rnd.pick(DEMO_PRODUCTS);
      const qty = rnd.int(1, 3);
      total += p.priceCents * qty;
      lines.push([p.sku, p.name, p.variation ?? "", qty, (p.priceCents / 100).toFixed(2), ((p.weightGrams * qty) / 1000).toFixed(3)]);
    }
    for (const [sku, product, variation, qty, price, weight] of lines) {
      const row: Record<string, unknown> = {
        order_id: id,
        status: shipped ? "Shipped" : "To ship",
        placed_at: placed.toISOString(),
        cancelled_at: "",
        recipient: name,
        email: "",
        phone: `(+1)${rnd.int(200, 999)}*****${rnd.int(10, 99)}`,
        address1,
        address2: rnd.chance(0.3) ? "Apt 4B" : "",
        city: city.city,
        state: city.region,
        postal_code: city.postalCode,
        country: "US",
        sku,
        product_name: product,
        variation,
        quantity: qty,
        unit_price: price,
        weight_kg: weight,
        order_total: (total / 100).toFixed(2),
        currency: "USD",
        shipping_method: rnd.chance(0.2) ? "Expedited" : "Standard",
        buyer_message: rnd.chance(0.02) ? "Please leave at the door, thanks!" : "",
        tracking_number: tracking,
        carrier,
        shipped_at: shippedAt,
        delivered_at: "",
      };
      buffer += csvRow(GENERIC_COLUMNS.map((c) => row[c]));
      written++;
    }
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return orders;
}

interface ChildResult {
  ms: number;
  maxRssKb: number;
  summary: { records: number; orders: { created: number; rejected: number }; errors: number };
}

function runChild(url: string, shopId: number, file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/bench-import.ts"), "--child", url, String(shopId), file], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`the import child exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()!));
      } catch (error) {
        reject(error);
      }
    });
  });
}

async function child() {
  const [url, shopId, file] = process.argv.slice(process.argv.indexOf("--child") + 1);
  const handle = await openDatabase({ url, poolSize: 4 });
  const scope = forShop(handle.db, Number(shopId));
  const start = performance.now();
  const summary = await importOrdersFromFile(scope, { path: file, fileName: "bench.csv", actorUserId: null });
  const ms = performance.now() - start;
  await handle.close();
  const result: ChildResult = {
    ms,
    maxRssKb: process.resourceUsage().maxRSS,
    summary: { records: summary.records, orders: summary.orders, errors: summary.errors.length },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

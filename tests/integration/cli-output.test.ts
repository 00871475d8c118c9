// Ops commands write their whole output before they exit, whatever stdout is. Each command here
// runs for real, its stdout a pipe read by a deliberately slow reader (it pauses after every chunk,
// so the pipe stays full and the writer must wait), and the bytes it receives must parse as JSON.
// `process.exit()` straight after a large write used to cut a piped stdout at 64-128 KiB.
// Runs once, in the PGlite project: the commands are the same on either back end.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { upsTrackingNumber } from "../../app/modules/carriers/tracking-numbers/generate";
import { createCaseFixture } from "../fixtures/cases";
import { createTestShop } from "../fixtures/shops";
import { backend } from "./db";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
let dataDir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  chunks: number;
}

/** Runs an ops command with `stdin` on its standard input, reading its stdout slowly. */
function runSlowly(script: string, args: string[], stdin = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", script), ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      out.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 3);
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), chunks: out.length }));
    child.stdin.end(stdin);
  });
}

describe.skipIf(backend !== "pglite")("ops commands write their whole output into a slow pipe", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "pd-cli-output-"));
    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    const shop = await createTestShop(handle.db, "cli-output");
    // 4,000 open cases: one made by the fixture, the rest copied from it set-based (each on its own
    // order and shipment, as the one-open-case rule needs).
    const first = await createCaseFixture(shop.scope, { externalId: "CLI-0", type: "delayed" });
    await sql`
      with src as (select * from orders where id = ${first.orderId}),
      n as (select g from generate_series(1, 3999) g),
      o as (
        insert into orders (shop_id, external_id, source, status, placed_at, buyer_name, buyer_email, address1, city, region,
                            postal_code, country, weight_grams, carrier_code, service_code, content_hash)
        select s.shop_id, 'CLI-' || n.g, s.source, s.status, s.placed_at, s.buyer_name, s.buyer_email, s.address1, s.city, s.region,
               s.postal_code, s.country, s.weight_grams, s.carrier_code, s.service_code, 'h' || n.g
        from src s cross join n
        returning id, shop_id, external_id
      ),
      sh as (
        insert into shipments (shop_id, order_id, carrier_code, service_code, tracking_number, status, weight_grams, dest_region, dest_postal_code, dest_country)
        select o.shop_id, o.id, 'ups', 'ups_ground', 'CLI' || o.external_id, 'in_transit', 520, 'NC', '28202', 'US' from o
        returning id, shop_id, order_id
      )
      insert into cases (shop_id, shipment_id, order_id, type, severity, state, rule, reason, opened_at, sla_due_at, last_signal_at, carrier_code, dest_region, dest_country)
      select sh.shop_id, sh.id, sh.order_id, c.type, c.severity, c.state, c.rule, c.reason, c.opened_at, c.sla_due_at, c.last_signal_at, c.carrier_code, c.dest_region, c.dest_country
      from sh cross join (select * from cases where id = ${first.caseId}) c
    `.execute(handle.db);
    await handle.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("tracking:check --json - prints every one of 20,000 checks", { timeout: 120_000 }, async () => {
    const numbers = Array.from({ length: 20_000 }, (_, i) => upsTrackingNumber("PD0000", "03", i + 1)).join("\n");
    const run = await runSlowly("tracking-check.ts", ["--json", "-"], `${numbers}\n`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(3_000_000);
    expect(run.chunks).toBeGreaterThan(2); // it really went through the pipe piece by piece
    const checks = JSON.parse(run.stdout) as { valid: boolean; carrier: string }[];
    expect(checks).toHaveLength(20_000);
    expect(checks.every((c) => c.valid && c.carrier === "ups")).toBe(true);
  });

  it("orders:import --json prints a report with every one of its row errors", { timeout: 120_000 }, async () => {
    const file = path.join(dataDir, "bad-orders.csv");
    const header = "order_id,status,placed_at,recipient,address1,city,state,postal_code,country,sku,product_name,quantity,unit_price,weight_kg\n";
    const rows = Array.from({ length: 15_000 }, (_, i) => `BAD-${i},To ship,not a date,Ava Smith,12 Main St,Springfield,MA,01103,US,SKU-${i},Tumbler,lots,1.00,1\n`);
    writeFileSync(file, header + rows.join(""));
    const run = await runSlowly("orders-import.ts", ["--shop", "cli-output", "--file", file, "--preset", "generic", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { orders: { rejected: number }; errors: { line: number }[] };
    expect(report.orders.rejected).toBe(15_000);
    expect(report.errors.length).toBeGreaterThanOrEqual(15_000);
    expect(run.stdout.length).toBeGreaterThan(1_000_000);
  });

  it("exceptions:list --json prints all 4,000 cases", { timeout: 120_000 }, async () => {
    const run = await runSlowly("exceptions-list.ts", ["--shop", "cli-output", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const cases = JSON.parse(run.stdout) as { orderId: string }[];
    expect(cases).toHaveLength(4_000);
    expect(new Set(cases.map((c) => c.orderId)).size).toBe(4_000);
  });

  it("stops quietly when the reader closes early (`... --json | head`)", { timeout: 120_000 }, async () => {
    const numbers = Array.from({ length: 20_000 }, (_, i) => upsTrackingNumber("PD0000", "03", i + 1)).join("\n");
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "tracking-check.ts"), "--json", "-"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
      let err = "";
      child.stdout.once("data", () => child.stdout.destroy());
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr: err }));
      child.stdin.end(`${numbers}\n`);
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

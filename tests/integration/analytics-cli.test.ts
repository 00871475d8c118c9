// npm run analytics:carriers as an operator runs it: JSON shape, figures, text output and exit
// codes, against an embedded database in a temporary folder. Runs once, in the PGlite project: the
// command is the same on either back end.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { forShop } from "../../app/lib/tenancy.server";
import { createShop } from "../../app/modules/shops/shops.server";
import { addParcel } from "../fixtures/analytics";
import { backend } from "./db";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
let dataDir: string;

function run(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/analytics-carriers.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development" },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(backend !== "pglite")("analytics:carriers", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "pd-analytics-cli-"));
    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    const shop = await createShop(handle.db, { slug: "cli-analytics", name: "CLI analytics" });
    const other = await createShop(handle.db, { slug: "cli-other", name: "Other" });
    const scope = forShop(handle.db, shop.id);
    // UPS: delivered Mon 18 -> Wed 20 (2 business days, with signature, on time), delivered Tue 19 ->
    // Fri 22 (3 days, late), one in flight. USPS: one returned.
    await addParcel(scope, "U1", { carrier: "ups", shippedAt: "2026-05-18T14:00:00Z", status: "delivered", deliveredDay: "2026-05-20", proof: "signature", edd: "2026-05-21" });
    await addParcel(scope, "U2", { carrier: "ups", shippedAt: "2026-05-19T14:00:00Z", status: "delivered", deliveredDay: "2026-05-22", edd: "2026-05-21" });
    await addParcel(scope, "U3", { carrier: "ups", shippedAt: "2026-05-20T14:00:00Z", status: "in_transit" });
    await addParcel(scope, "P1", { carrier: "usps", shippedAt: "2026-05-21T14:00:00Z", status: "returned_to_sender" });
    await addParcel(forShop(handle.db, other.id), "X1", { carrier: "ups", shippedAt: "2026-05-18T14:00:00Z", status: "returned_to_sender" });
    await handle.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints one JSON object per carrier with the agreed keys", { timeout: 60_000 }, () => {
    const out = run(["--shop", "cli-analytics", "--from", "2026-05-18", "--to", "2026-05-24", "--json"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([
      // 2 delivered / (3 shipped - 1 in flight) = 1; on time 1 of 2; transit [2, 3]: median 2, p90 3.
      { carrier: "ups", shipped: 3, delivered: 2, withProof: 1, inFlight: 1, deliveryConfirmationRate: 1, onTimeRate: 0.5, medianTransitDays: 2, p90TransitDays: 3 },
      { carrier: "usps", shipped: 1, delivered: 0, withProof: 0, inFlight: 0, deliveryConfirmationRate: 0, onTimeRate: null, medianTransitDays: null, p90TransitDays: null },
    ]);
  });

  it("prints a readable table without --json, and filters like the page", { timeout: 60_000 }, () => {
    const out = run(["--shop", "cli-analytics", "--from", "2026-05-18", "--to", "2026-05-24", "--carrier", "usps"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Parcels shipped 2026-05-18 to 2026-05-24 (cli-analytics, ship days in America/New_York)");
    expect(out.stdout).toMatch(/usps\s+1\s+0\s+0\s+0\s+0\.0%\s+-\s+-\s+-/);
    expect(out.stdout).not.toMatch(/^ups/m);
  });

  it.each([
    [["--shop", "cli-analytics", "--from", "2026-02-30", "--to", "2026-03-01"], /--from is not a calendar day/],
    [["--shop", "cli-analytics", "--from", "2026-05-24", "--to", "2026-05-18"], /--to is before the start date 2026-05-24/],
    [["--shop", "cli-analytics", "--to", "2026-05-18"], /--from and --to are required/],
    [["--shop", "nope", "--from", "2026-05-18", "--to", "2026-05-24"], /No shop with the slug "nope"/],
  ])("exits 2 with a one-line reason for %j", { timeout: 60_000 }, (args, message) => {
    const out = run(args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(message);
  });
});

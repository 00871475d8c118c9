// The carrier CLIs as an operator runs them: shipments:assign (JSON shape, marketplace ids in and
// out, exit codes) against an embedded database in a temporary folder, and tracking:check (args and
// stdin). Runs once, in the PGlite project: the commands are the same on either back end.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { forShop } from "../../app/lib/tenancy.server";
import { createRule } from "../../app/modules/carriers/rules.server";
import { createShop } from "../../app/modules/shops/shops.server";
import { insertOrder } from "../fixtures/carrier-orders";
import { backend } from "./db";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
let dataDir: string;

function run(script: string, args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", script), ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development" },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(backend !== "pglite")("carrier CLIs", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "pd-carriers-cli-"));
    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    const shop = await createShop(handle.db, { slug: "cli-shop", name: "CLI shop" });
    const scope = forShop(handle.db, shop.id);
    await insertOrder(scope, { external_id: "576000300000001" });
    await insertOrder(scope, { external_id: "576000300000002", service_level: "expedited" });
    await insertOrder(scope, { external_id: "576000300000003", address1: "PO Box 12" });
    await insertOrder(scope, { external_id: "576000300000004", status: "cancelled" });
    await createRule(scope, null, { name: "Expedited", carrier: "ups", service: "ups_2nd_day_air", conditions: { serviceLevels: ["expedited"] } });
    await handle.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("shipments:assign prints assigned and refused orders by marketplace id", { timeout: 60_000 }, () => {
    const out = run("shipments-assign.ts", ["--shop", "cli-shop", "--orders", "576000300000001,576000300000002,576000300000004,NOPE", "--json"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(Object.keys(result)).toEqual(["assigned", "refused"]);
    expect(result.assigned.map((a: Record<string, string>) => Object.keys(a))).toEqual([
      ["orderId", "carrier", "service", "edd"],
      ["orderId", "carrier", "service", "edd"],
    ]);
    expect(result.assigned).toEqual([
      { orderId: "576000300000001", carrier: "usps", service: "usps_ground_advantage", edd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      { orderId: "576000300000002", carrier: "ups", service: "ups_2nd_day_air", edd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    expect(result.refused).toEqual([
      { orderId: "576000300000004", reason: "The order is cancelled." },
      { orderId: "NOPE", reason: "There is no order NOPE in this shop." },
    ]);
  });

  it("shipments:assign takes all unassigned orders and an explicit service", { timeout: 60_000 }, () => {
    const out = run("shipments-assign.ts", ["--shop", "cli-shop", "--all-unassigned", "--carrier", "ups", "--service", "ups_ground", "--json"]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      assigned: [],
      refused: [{ orderId: "576000300000003", reason: "The address is a PO box, and UPS Ground does not deliver to PO boxes." }],
    });
  });

  it("shipments:assign answers unusable input with exit code 2 and one line", { timeout: 60_000 }, () => {
    const none = run("shipments-assign.ts", ["--shop", "cli-shop"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Give either --orders <id,...> or --all-unassigned\./);
    const carrier = run("shipments-assign.ts", ["--shop", "cli-shop", "--all-unassigned", "--carrier", "pigeon", "--service", "x"]);
    expect(carrier).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Unknown carrier "pigeon"; use one of usps, ups, fedex, dhl\./) });
    const shop = run("shipments-assign.ts", ["--shop", "nowhere", "--all-unassigned"]);
    expect(shop).toMatchObject({ code: 2, stderr: 'No shop with the slug "nowhere".\n' });
  });

  it("tracking:check reads arguments and stdin and prints the agreed JSON", { timeout: 60_000 }, () => {
    const out = run("tracking-check.ts", ["--json", "1z5r 8939 0357 5671 27", "-"], "986578788855\n\n1Z5R89390357567128\n");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([
      { input: "1z5r 8939 0357 5671 27", valid: true, carrier: "ups", format: "ups_1z", candidates: [{ carrier: "ups", format: "ups_1z" }] },
      { input: "986578788855", valid: true, carrier: "fedex", format: "fedex_express_12", candidates: [{ carrier: "fedex", format: "fedex_express_12" }] },
      { input: "1Z5R89390357567128", valid: false, carrier: null, format: null, candidates: [] },
    ]);
    const text = run("tracking-check.ts", ["287809468872"]);
    expect(text.stdout).toBe("287809468872  valid  FedEx (FedEx Express (12 digits)); could also be Purolator (Purolator (12 digits))\n");
    expect(run("tracking-check.ts", []).code).toBe(2);
  });
});

// npm run labels:generate, run as a process against an embedded database: the JSON it prints, the
// file it writes, and its exit codes. (Once per run: it uses its own PGlite data folder.)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { formatTrackingNumber } from "../../app/modules/labels/label-content";
import { createShop } from "../../app/modules/shops/shops.server";
import { seedLabelOrders } from "../fixtures/labels";
import { backend } from "./db";

const dir = mkdtempSync(path.join(tmpdir(), "pd-labels-cli-"));
const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: "", SESSION_SECRET: "labels-cli-test-secret-0123456789abcdef" };

function cli(...args: string[]) {
  const run = spawnSync("npx", ["tsx", "scripts/labels-generate.ts", ...args], { env, encoding: "utf8", timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.split("\n").filter((l) => l && !l.includes("npm warn")).join("\n") };
}

beforeAll(async () => {
  if (backend !== "pglite") return;
  const handle = await openDatabase({ dataDir: dir });
  await migrateToLatest(handle.db);
  await createShop(handle.db, { slug: "cli-labels", name: "CLI Labels" });
  await seedLabelOrders(handle.db, "cli-labels");
  await handle.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(backend !== "pglite")("labels:generate", () => {
  it("refuses unusable input with one line and exit code 2, before touching anything", () => {
    const out = path.join(dir, "x.pdf");
    expect(cli("--shop", "cli-labels", "--all-ready", "--format", "gif", "--out", out)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^--format: format must be "pdf" or "zpl"\./) });
    expect(cli("--shop", "cli-labels", "--format", "pdf", "--out", out)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Give either --orders <id,...> or --all-ready\./) });
    expect(cli("--shop", "cli-labels", "--all-ready", "--format", "pdf", "--out", "/no/such/folder/x.pdf")).toMatchObject({ code: 2, stderr: expect.stringContaining("does not exist") });
    expect(cli("--shop", "nope", "--all-ready", "--format", "pdf", "--out", out)).toMatchObject({ code: 2, stderr: 'No shop with the slug "nope".' });
    expect(existsSync(out)).toBe(false);
  });

  it("labels orders named by marketplace id, writes the file and prints generated and skipped", () => {
    const out = path.join(dir, "labels.zpl");
    const run = cli("--shop", "cli-labels", "--orders", "E2E-LABEL-3001,E2E-LABEL-3004,NOPE", "--format", "zpl", "--out", out, "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toEqual({
      generated: [{ orderId: "E2E-LABEL-3001", shipmentId: expect.any(Number), carrier: "ups", service: "ups_ground", trackingNumber: expect.stringMatching(/^1Z/), page: 1 }],
      skipped: [
        { orderId: "NOPE", reason: "No such order in this shop." },
        { orderId: "E2E-LABEL-3004", reason: "Address check failed: UPS Ground does not deliver to PO boxes." },
      ],
    });
    const zpl = readFileSync(out, "utf8");
    expect(zpl.startsWith("^XA")).toBe(true);
    expect(zpl).toContain(`^FD${formatTrackingNumber(json.generated[0].trackingNumber, "ups_1z")}^FS`);

    // Every order ready, as a letter PDF: the one labelled above is not "ready" any more; two labels share page 1.
    const pdf = path.join(dir, "labels.pdf");
    const all = cli("--shop", "cli-labels", "--all-ready", "--format", "pdf", "--layout", "letter", "--out", pdf, "--json");
    expect(all.code).toBe(0);
    const again = JSON.parse(all.stdout);
    expect(again.generated.map((g: { orderId: string; page: number }) => [g.orderId, g.page])).toEqual([
      ["E2E-LABEL-3002", 1],
      ["E2E-LABEL-3003", 1],
    ]);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

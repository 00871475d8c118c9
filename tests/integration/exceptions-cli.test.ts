// exceptions:list as an operator runs it: the JSON shape (orders by marketplace id), the filters,
// the table output and the exit codes, against an embedded database in a temporary folder. Runs
// once, in the PGlite project: the command is the same on either back end.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { createCaseFixture } from "../fixtures/cases";
import { createTestShop } from "../fixtures/shops";
import { backend } from "./db";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
let dataDir: string;
const made: Record<string, { caseId: number; externalId: string; trackingNumber: string }> = {};

// Asynchronous, so the test worker stays responsive while the command runs.
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(root, "scripts", "exceptions-list.ts"), ...args],
      { cwd: root, encoding: "utf8", env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development" }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(backend !== "pglite")("exceptions:list", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "pd-exceptions-cli-"));
    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    const a = await createTestShop(handle.db, "cli-cases");
    const other = await createTestShop(handle.db, "cli-other");
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    made.overdue = await createCaseFixture(a.scope, { externalId: "576111000000001", type: "delayed", openedAt: hoursAgo(30), assigneeId: a.users.support.id });
    made.fresh = await createCaseFixture(a.scope, { externalId: "576111000000002", type: "lost", carrier: "fedex", openedAt: hoursAgo(1) });
    made.waiting = await createCaseFixture(a.scope, { externalId: "576111000000003", type: "delayed", state: "waiting_on_buyer", openedAt: hoursAgo(2) });
    made.resolved = await createCaseFixture(a.scope, { externalId: "576111000000004", type: "damaged", state: "resolved", openedAt: hoursAgo(50) });
    await createCaseFixture(other.scope, { externalId: "999", type: "delayed" });
    await handle.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints the shop's unresolved cases as JSON, soonest SLA first, orders by marketplace id", { timeout: 120_000 }, async () => {
    const out = await run(["--shop", "cli-cases", "--json"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const cases = JSON.parse(out.stdout);
    expect(cases.map((c: { orderId: string }) => c.orderId)).toEqual(["576111000000001", "576111000000002", "576111000000003"]);
    expect(cases[0]).toEqual({
      id: made.overdue.caseId,
      type: "delayed",
      state: "open",
      severity: "medium",
      orderId: "576111000000001",
      trackingNumber: made.overdue.trackingNumber,
      carrier: "ups",
      assignee: "support@cli-cases.test",
      openedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      slaDueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      overdue: true,
    });
    expect(cases[1]).toMatchObject({ type: "lost", severity: "critical", carrier: "fedex", assignee: null, overdue: false });
  });

  it("filters by status and type", { timeout: 120_000 }, async () => {
    const open = JSON.parse((await run(["--shop", "cli-cases", "--status", "open", "--type", "delayed", "--json"])).stdout);
    expect(open.map((c: { orderId: string }) => c.orderId)).toEqual(["576111000000001"]);
    const resolved = JSON.parse((await run(["--shop", "cli-cases", "--status", "resolved", "--json"])).stdout);
    expect(resolved).toMatchObject([{ orderId: "576111000000004", state: "resolved", overdue: false }]);
  });

  it("prints a readable table without --json", { timeout: 120_000 }, async () => {
    const out = await run(["--shop", "cli-cases", "--type", "lost"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^case\s+type\s+state\s+severity\s+order/);
    expect(out.stdout).toContain("576111000000002");
    expect(out.stdout).toContain("1 case, 0 overdue.");
  });

  it("refuses bad input with exit code 2 and a message naming it", { timeout: 120_000 }, async () => {
    // Argument errors are found before the database is opened, so these are quick.
    const badStatus = await run(["--shop", "cli-cases", "--status", "closed"]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/^--status: "closed" is not a case status/);
    const badType = await run(["--shop", "cli-cases", "--type", "stolen"]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/--type: "stolen" is not an exception type/);
    const noShop = await run(["--shop", "nowhere"]);
    expect(noShop.code).toBe(2);
    expect(noShop.stderr).toBe('No shop with the slug "nowhere".\n');
    expect((await run([])).stderr).toMatch(/--shop <slug> is required/);
    expect((await run(["--shop", "cli-cases", "--bogus"])).code).toBe(2);
  });
});

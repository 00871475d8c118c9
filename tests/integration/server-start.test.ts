// The server and CLI refuse bad configuration with one clear line, not a stack trace.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backend } from "./db";

const tmp = mkdtempSync(path.join(tmpdir(), "pd-start-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(script: string, env: Record<string, string | undefined>) {
  const clean: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    SESSION_SECRET: undefined,
    NODE_ENV: undefined,
    DATA_DIR: path.join(tmp, "data"),
    PORT: "3999",
    ...env,
  };
  for (const k of Object.keys(clean)) if (clean[k] === undefined) delete clean[k];
  const result = spawnSync("npx", ["tsx", script], { env: clean as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 });
  const stderr = result.stderr.split("\n").filter((l) => l.trim() && !l.includes("npm warn")).join("\n");
  return { status: result.status, stderr };
}

// These start processes, not queries, so they run once (in the PGlite project).
describe.runIf(backend === "pglite")("start-up checks", () => {
  it("refuses to start in production without SESSION_SECRET", () => {
    const { status, stderr } = run("scripts/serve.ts", { NODE_ENV: "production" });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^SESSION_SECRET is not set\. In production/);
    expect(stderr.split("\n")).toHaveLength(1);
  });

  it("names the host of a DATABASE_URL that does not answer, in one line", () => {
    const { status, stderr } = run("scripts/serve.ts", { DATABASE_URL: "postgres://postgres@127.0.0.1:5999/parceldesk" });
    expect(status).toBe(1);
    expect(stderr).toBe("Cannot connect to the database at 127.0.0.1:5999/parceldesk: connection refused.");
  });

  it("rejects a DATABASE_URL that is not a PostgreSQL URL", () => {
    const { status, stderr } = run("scripts/db-migrate.ts", { DATABASE_URL: "mysql://root@localhost/x" });
    expect(status).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL must start with postgres:\/\//);
  });

  it("explains when the embedded database is open in another process", () => {
    const dataDir = path.join(tmp, "locked");
    mkdirSync(dataDir, { recursive: true });
    // This test process is alive, so its pid in the lock file means "in use".
    writeFileSync(path.join(dataDir, "pglite.lock"), String(process.pid));
    const { status, stderr } = run("scripts/db-migrate.ts", { DATA_DIR: dataDir });
    expect(status).toBe(1);
    expect(stderr).toMatch(/in use by another process \(pid \d+\)/);
  });

  it("exits 2 with a usage line for bad CLI arguments", () => {
    const { status, stderr } = run("scripts/shops-create.ts", { });
    expect(status).toBe(2);
    expect(stderr).toMatch(/--slug and --name are required/);
  });
});

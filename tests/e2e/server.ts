// Starts the built app for the e2e suite on a fresh database: PostgreSQL when TEST_DATABASE_URL (or
// a local server) is available, else the embedded one in a throwaway folder. Before serving it
// seeds the demo shop and the fixtures the specs rely on (a second shop and its owner).
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { seedDemo } from "../../db/seed/seed-demo";
import { E2E_FIXTURES, seedE2eFixtures } from "./fixtures-seed";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

async function postgresUrl(): Promise<string | undefined> {
  const server = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `pde2e_${process.env.PORT ?? "3210"}`;
  const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  // One database per e2e port: a run replaces what an earlier run on the same port left behind.
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

const url = process.env.E2E_BACKEND === "pglite" ? undefined : await postgresUrl();
// The data folder (uploads, the email outbox the specs read, the embedded database) is fresh per
// run and port, on either back end: see e2eDataDir() in support.ts.
const dir = path.join(root, `tests/.tmp/e2e-data-${process.env.PORT ?? "3210"}`);
rmSync(dir, { recursive: true, force: true });
process.env.DATA_DIR = dir;
if (url) {
  process.env.DATABASE_URL = url;
} else {
  delete process.env.DATABASE_URL;
}
process.env.SESSION_SECRET ??= "e2e-session-secret-that-is-long-enough-0123456789";

const handle = await openDatabase({ url, dataDir: process.env.DATA_DIR });
await migrateToLatest(handle.db);
await seedDemo(handle.db);
await seedE2eFixtures(handle.db);
await handle.close();
console.log(`e2e database ready (${url ? "PostgreSQL" : "PGlite"}); fixtures: ${Object.keys(E2E_FIXTURES).join(", ")}`);

await import("../../scripts/serve");

// A fresh, migrated database for one test file, on the back end this project runs on
// (TEST_DB_BACKEND=pglite: in-memory PGlite; postgres: a copy of the run's template database).
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { adminQuery, databaseUrl, serverUrl } from "./postgres-setup";

export const backend = process.env.TEST_DB_BACKEND === "postgres" ? "postgres" : "pglite";

export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<DatabaseHandle> {
  if (backend === "postgres") {
    const run = inject("pgRun");
    const name = `${run}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`create database ${name} template ${run}_tpl`);
    const handle = await openDatabase({ url: databaseUrl(serverUrl(), name), poolSize: options.poolSize ?? 10 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    };
  }
  const handle = await openDatabase({ dataDir: "memory" });
  await migrateToLatest(handle.db);
  return handle;
}

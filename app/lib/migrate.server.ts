// Runs db/migrations (frozen, timestamped files listed in db/migrations/index.ts) up to the latest.
// Used at start-up, by `npm run db:migrate` and by the test set-up; the same files serve PGlite and
// PostgreSQL.
import { Migrator } from "kysely/migration";
import { migrations } from "../../db/migrations";
import type { DB } from "./db.server";

export interface MigrationOutcome {
  applied: string[];
}

export async function migrateToLatest(db: DB): Promise<MigrationOutcome> {
  // Several app instances may start at once: Kysely's migrator locks its lock table row, so one
  // migrates while the others wait.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const name = failed?.migrationName ?? "unknown";
    const message = error instanceof Error ? error.message : String(error ?? "failed");
    throw new Error(`Migration ${name} failed: ${message}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

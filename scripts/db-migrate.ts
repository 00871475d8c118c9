// npm run db:migrate: bring the configured database (DATABASE_URL, or the embedded one in DATA_DIR)
// up to the latest migration.
import { DatabaseUnavailableError, openAppDatabase } from "../app/lib/db.server";
import { EnvError } from "../app/lib/env.server";
import { migrateToLatest } from "../app/lib/migrate.server";

try {
  const handle = await openAppDatabase();
  const { applied } = await migrateToLatest(handle.db);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Already up to date.");
  await handle.close();
} catch (error) {
  if (error instanceof DatabaseUnavailableError || error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

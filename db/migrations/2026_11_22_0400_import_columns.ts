// The header row of an imported file, in the file's order, so the error report can give back each
// bad row with its original columns in their original order (jsonb objects do not keep key order,
// and the uploaded file is deleted once its batch completes).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("import_batches").addColumn("columns", "jsonb").execute();
  // Finding the unfinished batch of the same file (to resume it) without scanning the history.
  await sql`create index import_batches_unfinished on import_batches (shop_id, file_sha256) where status <> 'completed'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index import_batches_unfinished`.execute(db);
  await db.schema.alterTable("import_batches").dropColumn("columns").execute();
}

import { sql } from "kysely";
import type { Queryable } from "../../lib/db.server";

export async function databaseReachable(db: Queryable): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

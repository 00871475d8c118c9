// The overdue-case count shown on the navigation badge.
import { sql } from "kysely";
import type { ShopScope } from "../../lib/tenancy.server";

export async function countOverdueCases(scope: ShopScope, now = new Date()): Promise<number> {
  const row = await scope
    .selectFrom("cases")
    .select(sql<number>`count(*)`.as("n"))
    .where("state", "<>", "resolved")
    .where("sla_due_at", "<", now)
    .executeTakeFirstOrThrow();
  return row.n;
}

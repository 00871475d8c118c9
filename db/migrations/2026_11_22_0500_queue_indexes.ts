// Indexes for the exception queue (issue 7), measured with `npm run bench:queue` (1,000,000
// shipments, 50,000 unresolved cases): the severity and age sorts walk their own partial index in
// order instead of sorting every unresolved case, and the tab counts under any filter are read from
// one covering index of the unresolved cases (index-only), never from the table.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The expression must stay identical to SEVERITY_RANK_SQL in app/modules/exceptions/queue.server.ts.
  await sql`create index cases_queue_severity on cases
    (shop_id, (case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end), sla_due_at, id)
    where state <> 'resolved'`.execute(db);
  await sql`create index cases_queue_age on cases (shop_id, opened_at, id) where state <> 'resolved'`.execute(db);
  await sql`create index cases_queue_counts on cases (shop_id, type)
    include (sla_due_at, state, carrier_code, dest_region, assignee_id, opened_at)
    where state <> 'resolved'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["cases_queue_counts", "cases_queue_age", "cases_queue_severity"]) {
    await sql.raw(`drop index if exists ${name}`).execute(db);
  }
}

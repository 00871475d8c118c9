// Notification delivery: the worker claims due messages shop by shop (every query of seller data is
// scoped), including rows whose "sending" lease ran out because a worker died mid-send, so the claim
// index covers both states. The triggers ask "was this shipment's buyer told of X recently?" on every
// status change, so messages are also indexed by shipment. Owners can switch a trigger's email or SMS
// off without losing its text.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index notification_outbox_claim on notification_outbox (shop_id, next_attempt_at, id)
    where status in ('queued', 'sending')`.execute(db);
  await sql`create index notification_outbox_shipment on notification_outbox (shop_id, shipment_id, trigger, created_at)
    where shipment_id is not null`.execute(db);
  await db.schema
    .alterTable("notification_templates")
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notification_templates").dropColumn("enabled").execute();
  await sql`drop index notification_outbox_shipment`.execute(db);
  await sql`drop index notification_outbox_claim`.execute(db);
}

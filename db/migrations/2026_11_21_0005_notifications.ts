// Buyer notifications: the outbox (one row per message), templates per shop and trigger, and buyer
// preferences keyed by contact (email address or phone number).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification_outbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("order_id", "bigint")
    .addColumn("shipment_id", "bigint")
    .addColumn("case_id", "bigint")
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("body", "text", (c) => c.notNull())
    // Makes "one message per status change" a constraint instead of a hope.
    .addColumn("dedupe_key", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("transport_ref", "text")
    .addColumn("created_by", "bigint")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addCheckConstraint("notification_outbox_status", sql`status in ('queued', 'sending', 'sent', 'failed', 'skipped')`)
    .addCheckConstraint("notification_outbox_channel", sql`channel in ('email', 'sms')`)
    .execute();
  await sql`create unique index notification_outbox_dedupe on notification_outbox (shop_id, dedupe_key) where dedupe_key is not null`.execute(db);
  await sql`create index notification_outbox_due on notification_outbox (next_attempt_at, id) where status = 'queued'`.execute(db);
  await sql`create index notification_outbox_order on notification_outbox (shop_id, order_id, created_at) where order_id is not null`.execute(db);
  await sql`create index notification_outbox_case on notification_outbox (shop_id, case_id, created_at) where case_id is not null`.execute(db);

  await db.schema
    .createTable("notification_templates")
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "bigint")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("notification_templates_pk", ["shop_id", "trigger", "channel"])
    .execute();

  await db.schema
    .createTable("buyer_preferences")
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    // Lower-cased email or E.164-ish digits of a phone number.
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("unsubscribed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("triggers_off", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("channels_off", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("buyer_preferences_pk", ["shop_id", "contact"])
    .execute();

  // Rate limits that must hold across app instances (public tracking page, login) count here.
  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("rate_limit_hits_pk", ["bucket", "window_start"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["rate_limit_hits", "buyer_preferences", "notification_templates", "notification_outbox"]) {
    await db.schema.dropTable(t).execute();
  }
}

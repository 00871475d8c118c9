// Tracking events (raw and normalized), per-shop code mapping overrides, exception cases with their
// signals and notes, and saved queue views.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tracking_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    // Null for an orphan: an event whose tracking number matched no shipment of the shop.
    .addColumn("shipment_id", "bigint")
    .addColumn("carrier_code", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("tracking_number", "text", (c) => c.notNull())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
    // The offset the carrier reported ("-05:00"), so the timeline can show the scan's local time.
    .addColumn("utc_offset", "text", (c) => c.notNull())
    .addColumn("raw_code", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text")
    .addColumn("region", "text")
    .addColumn("postal_code", "text")
    .addColumn("country", "text")
    .addColumn("facility", "text")
    .addColumn("proof", "jsonb")
    .addColumn("raw", "jsonb")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("substatus", "text")
    .addColumn("exception_type", "text")
    .addColumn("mapping_rule", "text", (c) => c.notNull())
    .addColumn("unmapped", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("tracking_events_event", ["shop_id", "carrier_code", "event_id"])
    .execute();
  await db.schema
    .createIndex("tracking_events_shipment")
    .on("tracking_events")
    .columns(["shipment_id", "occurred_at"])
    .execute();
  await sql`create index tracking_events_orphans on tracking_events (shop_id, tracking_number) where shipment_id is null`.execute(db);
  await sql`create index tracking_events_unmapped on tracking_events (shop_id, carrier_code, raw_code) where unmapped`.execute(db);

  await db.schema
    .createTable("code_mappings")
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("carrier_code", "text", (c) => c.notNull())
    .addColumn("raw_code", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("exception_type", "text")
    .addColumn("updated_by", "bigint")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("code_mappings_pk", ["shop_id", "carrier_code", "raw_code"])
    .execute();

  await db.schema
    .createTable("cases")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull())
    .addColumn("shipment_id", "bigint", (c) => c.notNull())
    .addColumn("order_id", "bigint", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("assignee_id", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("opened_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sla_due_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_signal_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("signal_count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolution_code", "text")
    .addColumn("resolution_note", "text")
    .addColumn("auto_resolved", "boolean", (c) => c.notNull().defaultTo(false))
    // Copied from the shipment so the queue filters without a join.
    .addColumn("carrier_code", "text", (c) => c.notNull())
    .addColumn("dest_region", "text")
    .addColumn("dest_country", "text")
    // Optimistic concurrency: every change names the version it was made against.
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("cases_shipment", ["shop_id", "shipment_id"], "shipments", ["shop_id", "id"], (c) =>
      c.onDelete("cascade"),
    )
    .addUniqueConstraint("cases_shop_id", ["shop_id", "id"])
    .addCheckConstraint(
      "cases_type",
      sql`type in ('delayed', 'stalled', 'not_picked_up', 'misrouted', 'failed_attempt', 'address_issue',
        'damaged', 'returned_to_sender', 'lost')`,
    )
    .addCheckConstraint(
      "cases_state",
      sql`state in ('open', 'investigating', 'waiting_on_carrier', 'waiting_on_buyer', 'resolved')`,
    )
    .addCheckConstraint("cases_severity", sql`severity in ('low', 'medium', 'high', 'critical')`)
    .execute();
  // One open case per shipment and type: a second signal appends to it.
  await sql`create unique index cases_one_open on cases (shipment_id, type) where state <> 'resolved'`.execute(db);
  await sql`create index cases_queue_due on cases (shop_id, sla_due_at, id) where state <> 'resolved'`.execute(db);
  await sql`create index cases_queue_type on cases (shop_id, type, sla_due_at, id) where state <> 'resolved'`.execute(db);
  await sql`create index cases_queue_assignee on cases (shop_id, assignee_id, sla_due_at, id) where state <> 'resolved'`.execute(db);
  await db.schema.createIndex("cases_shop_id_desc").on("cases").columns(["shop_id", "id desc"]).execute();
  await db.schema.createIndex("cases_order").on("cases").columns(["shop_id", "order_id"]).execute();
  await db.schema.createIndex("cases_opened").on("cases").columns(["shop_id", "opened_at"]).execute();

  await db.schema
    .createTable("case_signals")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull())
    .addColumn("case_id", "bigint", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("event_id", "bigint")
    .addForeignKeyConstraint("case_signals_case", ["shop_id", "case_id"], "cases", ["shop_id", "id"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("case_signals_case").on("case_signals").columns(["case_id", "at"]).execute();

  await db.schema
    .createTable("case_notes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull())
    .addColumn("case_id", "bigint", (c) => c.notNull())
    .addColumn("author_id", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("case_notes_case", ["shop_id", "case_id"], "cases", ["shop_id", "id"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("case_notes_case").on("case_notes").columns(["case_id", "created_at"]).execute();

  await db.schema
    .createTable("saved_views")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("saved_views_name", ["shop_id", "user_id", "name"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["saved_views", "case_notes", "case_signals", "cases", "code_mappings", "tracking_events"]) {
    await db.schema.dropTable(t).execute();
  }
}

// Carrier accounts, holidays, assignment rules, tracking-number sequences, shipments and label batches.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("carrier_accounts")
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("carrier_code", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("account_number", "text")
    .addColumn("handling_days", "integer", (c) => c.notNull().defaultTo(1))
    // Local time in the shop's time zone, "HH:MM": orders after it ship a business day later.
    .addColumn("cutoff_time", "text", (c) => c.notNull().defaultTo("14:00"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("carrier_accounts_pk", ["shop_id", "carrier_code"])
    .addCheckConstraint("carrier_accounts_handling", sql`handling_days between 0 and 30`)
    .execute();

  // Days the shop does not ship (on top of weekends); carrier-observed US holidays are computed in code.
  await db.schema
    .createTable("holidays")
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("holidays_pk", ["shop_id", "day"])
    .execute();

  await db.schema
    .createTable("assignment_rules")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("conditions", "jsonb", (c) => c.notNull())
    .addColumn("carrier_code", "text", (c) => c.notNull())
    .addColumn("service_code", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("assignment_rules_shop").on("assignment_rules").columns(["shop_id", "position"]).execute();

  // Tracking-number serials come from sequences, so parallel label runs never hand out one twice.
  for (const name of ["ups", "usps", "fedex_express", "fedex_ground", "dhl"]) {
    await sql`create sequence ${sql.raw(`tracking_serial_${name}`)} as bigint start with 1000 cache 1`.execute(db);
  }

  await db.schema
    .createTable("shipments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull())
    .addColumn("order_id", "bigint", (c) => c.notNull())
    .addColumn("carrier_code", "text", (c) => c.notNull())
    .addColumn("service_code", "text")
    .addColumn("tracking_number", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("substatus", "text")
    // True for shipments that arrived with an imported order (already shipped elsewhere).
    .addColumn("imported", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("weight_grams", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("package_count", "integer", (c) => c.notNull().defaultTo(1))
    // Destination, copied from the order when the shipment is made (analytics and queue filters).
    .addColumn("dest_region", "text")
    .addColumn("dest_postal_code", "text")
    .addColumn("dest_country", "text")
    .addColumn("label_created_at", "timestamptz")
    .addColumn("label_created_by", "bigint")
    .addColumn("printed_at", "timestamptz")
    .addColumn("voided_at", "timestamptz")
    .addColumn("voided_by", "bigint")
    .addColumn("void_reason", "text")
    // Ship date: the first physical carrier scan (or the import's shipped time).
    .addColumn("shipped_at", "timestamptz")
    .addColumn("ship_day", "date")
    .addColumn("delivered_at", "timestamptz")
    .addColumn("delivered_day", "date")
    .addColumn("edd_original", "date")
    .addColumn("edd_current", "date")
    .addColumn("edd_min", "date")
    .addColumn("edd_max", "date")
    .addColumn("proof_type", "text")
    .addColumn("proof_signed_by", "text")
    .addColumn("proof_photo_url", "text")
    .addColumn("last_event_at", "timestamptz")
    // The last event that shows the parcel physically moving (stall rules ignore EDD notices).
    .addColumn("last_scan_at", "timestamptz")
    .addColumn("last_region", "text")
    .addColumn("last_postal_code", "text")
    .addColumn("last_country", "text")
    .addColumn("events_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint("shipments_order", ["shop_id", "order_id"], "orders", ["shop_id", "id"], (c) =>
      c.onDelete("cascade"),
    )
    .addUniqueConstraint("shipments_shop_id", ["shop_id", "id"])
    .addCheckConstraint(
      "shipments_status",
      sql`status in ('pending', 'info_received', 'in_transit', 'out_for_delivery', 'attempt_failed',
        'available_for_pickup', 'delivered', 'exception', 'returned_to_sender', 'expired', 'voided')`,
    )
    .execute();
  // A carrier never reuses a live tracking number within a shop; one live (not voided) shipment per order.
  await sql`create unique index shipments_tracking on shipments (shop_id, carrier_code, tracking_number)`.execute(db);
  await sql`create index shipments_tracking_lookup on shipments (shop_id, tracking_number)`.execute(db);
  await sql`create unique index shipments_live_per_order on shipments (shop_id, order_id) where status <> 'voided'`.execute(db);
  await db.schema.createIndex("shipments_order").on("shipments").columns(["shop_id", "order_id"]).execute();
  await db.schema.createIndex("shipments_page").on("shipments").columns(["shop_id", "id desc"]).execute();
  await sql`create index shipments_ship_day on shipments (shop_id, ship_day, carrier_code) where ship_day is not null`.execute(db);
  // The time-driven exception scan walks only parcels that are still moving.
  await sql`create index shipments_active on shipments (shop_id, id)
    where status not in ('delivered', 'returned_to_sender', 'voided', 'expired')`.execute(db);

  await db.schema
    .createTable("label_batches")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("created_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("layout", "text", (c) => c.notNull())
    .addColumn("packing_slips", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    // [{orderId, shipmentId, trackingNumber, page}] and [{orderId, reason}]
    .addColumn("generated", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("skipped", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // The merged print file, kept so a reprint returns exactly the same bytes.
    .addColumn("file", "bytea")
    .addColumn("file_name", "text")
    .addColumn("failure", "text")
    .addCheckConstraint("label_batches_status", sql`status in ('running', 'completed', 'failed')`)
    .addUniqueConstraint("label_batches_shop_id", ["shop_id", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["label_batches", "shipments", "assignment_rules", "holidays", "carrier_accounts"]) {
    await db.schema.dropTable(t).execute();
  }
  for (const name of ["ups", "usps", "fedex_express", "fedex_ground", "dhl"]) {
    await sql`drop sequence ${sql.raw(`tracking_serial_${name}`)}`.execute(db);
  }
}

// Orders, their items, import batches, per-row import errors and saved column mappings.
// Every seller table carries shop_id, and children reference their parent by (shop_id, id) so a
// row can never point at another shop's parent.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("import_batches")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("file_bytes", "bigint", (c) => c.notNull())
    // Where the uploaded file is kept until the batch completes, so an interrupted batch can resume.
    .addColumn("stored_path", "text")
    .addColumn("preset", "text", (c) => c.notNull())
    .addColumn("mapping", "jsonb")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("heartbeat_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addColumn("bytes_done", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("records", "integer", (c) => c.notNull().defaultTo(0))
    // Every order whose first record is before this record number is fully committed.
    .addColumn("committed_records", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("orders_created", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("orders_updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("orders_unchanged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("orders_rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("warning_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failure", "text")
    .addCheckConstraint(
      "import_batches_status",
      sql`status in ('running', 'completed', 'interrupted', 'failed')`,
    )
    .addUniqueConstraint("import_batches_shop_id", ["shop_id", "id"])
    .execute();
  await db.schema.createIndex("import_batches_shop").on("import_batches").columns(["shop_id", "id"]).execute();

  await db.schema
    .createTable("import_errors")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull())
    .addColumn("batch_id", "bigint", (c) => c.notNull())
    .addColumn("line", "integer", (c) => c.notNull())
    .addColumn("column_name", "text")
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull().defaultTo("error"))
    .addColumn("order_external_id", "text")
    // The original record as parsed (header -> value), for the downloadable error report.
    .addColumn("raw", "jsonb")
    .addForeignKeyConstraint("import_errors_batch", ["shop_id", "batch_id"], "import_batches", ["shop_id", "id"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("import_errors_batch").on("import_errors").columns(["shop_id", "batch_id", "line"]).execute();

  await db.schema
    .createTable("import_templates")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mapping", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("import_templates_name", ["shop_id", "name"])
    .execute();

  await db.schema
    .createTable("orders")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("marketplace_status", "text")
    .addColumn("placed_at", "timestamptz")
    .addColumn("buyer_name", "text", (c) => c.notNull())
    .addColumn("buyer_email", "text")
    .addColumn("buyer_phone", "text")
    .addColumn("address1", "text", (c) => c.notNull())
    .addColumn("address2", "text")
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("region", "text")
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("service_level", "text", (c) => c.notNull().defaultTo("standard"))
    .addColumn("shipping_method", "text")
    .addColumn("total_cents", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("currency", "text", (c) => c.notNull().defaultTo("USD"))
    .addColumn("weight_grams", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("length_mm", "integer")
    .addColumn("width_mm", "integer")
    .addColumn("height_mm", "integer")
    .addColumn("tags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("buyer_message", "text")
    .addColumn("seller_note", "text")
    // Carrier assignment (before a label exists); the shipment copies these when its label is made.
    .addColumn("carrier_code", "text")
    .addColumn("service_code", "text")
    .addColumn("assigned_at", "timestamptz")
    .addColumn("ship_date", "date")
    .addColumn("edd_min", "date")
    .addColumn("edd_max", "date")
    // Address check: null until checked; a list of problems ({code, field, message}); an override.
    .addColumn("address_problems", "jsonb")
    .addColumn("address_override", "jsonb")
    .addColumn("import_batch_id", "bigint")
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("orders_status", sql`status in ('to_ship', 'shipped', 'delivered', 'cancelled')`)
    .addUniqueConstraint("orders_external", ["shop_id", "external_id"])
    .addUniqueConstraint("orders_shop_id", ["shop_id", "id"])
    .execute();
  // Keyset pagination (newest first) reads the unique (shop_id, id) index backwards; these serve the
  // common filters. Every index here is paid for by each imported order, so none is redundant.
  await db.schema.createIndex("orders_status").on("orders").columns(["shop_id", "status", "id desc"]).execute();
  await db.schema.createIndex("orders_batch").on("orders").columns(["shop_id", "import_batch_id", "id desc"]).execute();
  await sql`create index orders_unassigned on orders (shop_id, id) where status = 'to_ship' and carrier_code is null`.execute(db);
  await sql`create index orders_buyer_name on orders (shop_id, lower(buyer_name) text_pattern_ops)`.execute(db);
  await sql`create index orders_external_prefix on orders (shop_id, external_id text_pattern_ops)`.execute(db);

  await db.schema
    .createTable("order_items")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull())
    .addColumn("order_id", "bigint", (c) => c.notNull())
    .addColumn("line_no", "integer", (c) => c.notNull())
    .addColumn("sku", "text")
    .addColumn("product_name", "text")
    .addColumn("variation", "text")
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("unit_price_cents", "integer")
    .addColumn("weight_grams", "integer")
    .addForeignKeyConstraint("order_items_order", ["shop_id", "order_id"], "orders", ["shop_id", "id"], (c) =>
      c.onDelete("cascade"),
    )
    .addCheckConstraint("order_items_quantity", sql`quantity > 0`)
    .execute();
  await db.schema.createIndex("order_items_order").on("order_items").columns(["order_id", "line_no"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["order_items", "orders", "import_templates", "import_errors", "import_batches"]) {
    await db.schema.dropTable(t).execute();
  }
}

// Analytics pre-aggregation: daily summaries of shipments by ship day (the cohort the charts use),
// the queue of ship days whose summaries are stale, and the indexes the home strip and the
// "opened/resolved per week" chart need.
//
// Why pre-aggregate: with a million shipments a 90-day cohort is about a quarter of a million rows,
// and the page needs them grouped five ways. Each summary row counts one ship day, carrier and
// service, per destination plus roll-ups (per country, and all destinations), so a 90-day read with
// or without a destination filter is about a thousand rows whatever the shop's size. Why triggers feed the queue: every module that changes a
// shipment or a case (labels, tracking, imports, triage) marks its ship days stale without knowing
// analytics exists, in the same transaction, so no change can be missed. The triggers only append
// to a queue (no upsert, no row shared between writers), so parallel tracking updates never wait
// for each other; the refresh (app/modules/analytics/summaries.server.ts) drains it.
import { type Kysely, sql } from "kysely";

const withDimensions = (db: Kysely<any>, table: string) =>
  db.schema
    .createTable(table)
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("ship_day", "date", (c) => c.notNull())
    .addColumn("carrier_code", "text", (c) => c.notNull())
    // '' stands for "none" so the columns can be part of the primary key.
    .addColumn("service_code", "text", (c) => c.notNull())
    // Upper-cased; '*' marks a roll-up row: all destinations, or all regions of one country.
    .addColumn("dest_country", "text", (c) => c.notNull())
    .addColumn("dest_region", "text", (c) => c.notNull());

// Destination first: every read names its destination (the '*' roll-up when there is no filter),
// so a 90-day read is one narrow index range whatever the number of destinations.
const KEY = ["shop_id", "dest_country", "dest_region", "ship_day", "carrier_code", "service_code"];

export async function up(db: Kysely<any>): Promise<void> {
  // One row per shop, ship day, carrier, service and destination (plus roll-ups): the cohort counts.
  await withDimensions(db, "analytics_daily")
    .addColumn("shipped", "integer", (c) => c.notNull())
    .addColumn("delivered", "integer", (c) => c.notNull())
    .addColumn("with_proof", "integer", (c) => c.notNull())
    .addColumn("in_flight", "integer", (c) => c.notNull())
    .addColumn("not_delivered", "integer", (c) => c.notNull())
    .addColumn("on_time", "integer", (c) => c.notNull())
    .addColumn("on_time_known", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("analytics_daily_pk", KEY as any)
    .execute();

  // Delivered parcels by transit time in whole business days: an exact histogram.
  await withDimensions(db, "analytics_transit_daily")
    .addColumn("transit_days", "integer", (c) => c.notNull())
    .addColumn("parcels", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("analytics_transit_daily_pk", [...KEY, "transit_days"] as any)
    .execute();

  // Exception cases by type, counted against the ship day of their shipment.
  await withDimensions(db, "analytics_exception_daily")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("cases", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("analytics_exception_daily_pk", [...KEY, "type"] as any)
    .execute();

  // The refresh replaces whole ship days.
  for (const t of ["analytics_daily", "analytics_transit_daily", "analytics_exception_daily"]) {
    await db.schema.createIndex(`${t}_day`).on(t).columns(["shop_id", "ship_day"]).execute();
  }

  // Every destination the shop has shipped to, for the filter menus.
  await db.schema
    .createTable("analytics_destinations")
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("dest_country", "text", (c) => c.notNull())
    .addColumn("dest_region", "text", (c) => c.notNull())
    .addColumn("last_ship_day", "date", (c) => c.notNull())
    .addPrimaryKeyConstraint("analytics_destinations_pk", ["shop_id", "dest_country", "dest_region"])
    .execute();

  // Append-only queue of stale ship days (duplicates are fine: the refresh takes them distinct).
  // No foreign key on purpose: deleting a shop cascades to its shipments, whose trigger queues rows
  // for the shop being deleted.
  await db.schema
    .createTable("analytics_dirty_days")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull())
    .addColumn("ship_day", "date", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("analytics_dirty_days_shop").on("analytics_dirty_days").columns(["shop_id"]).execute();

  // What the summaries were last built with: a change to the shop's holidays changes transit times.
  await db.schema
    .createTable("analytics_refresh_state")
    .addColumn("shop_id", "bigint", (c) => c.primaryKey().references("shops.id").onDelete("cascade"))
    .addColumn("holidays_key", "text", (c) => c.notNull())
    .addColumn("refreshed_at", "timestamptz", (c) => c.notNull())
    .execute();

  // Statement-level triggers with transition tables: one insert per statement, however many rows.
  const shipmentColumns = "ship_day, status, delivered_day, proof_type, edd_original, carrier_code, service_code, dest_country, dest_region";
  const rowOf = (alias: string) => shipmentColumns.split(", ").map((c) => `${alias}.${c}`).join(", ");
  await sql
    .raw(
      `create function analytics_mark_shipments_inserted() returns trigger language plpgsql as $$
begin
  insert into analytics_dirty_days (shop_id, ship_day)
    select distinct n.shop_id, n.ship_day from analytics_new_rows n where n.ship_day is not null;
  return null;
end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function analytics_mark_shipments_deleted() returns trigger language plpgsql as $$
begin
  insert into analytics_dirty_days (shop_id, ship_day)
    select distinct o.shop_id, o.ship_day from analytics_old_rows o where o.ship_day is not null;
  return null;
end $$`,
    )
    .execute(db);
  // Updates are row-level with a WHEN clause: PostgreSQL checks the columns analytics reads in C and
  // calls the function only for rows where one changed (most tracking scans change none). A
  // statement-level version joining the old and new transition tables has no statistics to plan
  // with and went quadratic on large updates.
  await sql
    .raw(
      `create function analytics_mark_shipment_updated() returns trigger language plpgsql as $$
begin
  if old.ship_day is not null then
    insert into analytics_dirty_days (shop_id, ship_day) values (old.shop_id, old.ship_day);
  end if;
  if new.ship_day is not null and new.ship_day is distinct from old.ship_day then
    insert into analytics_dirty_days (shop_id, ship_day) values (new.shop_id, new.ship_day);
  end if;
  return null;
end $$`,
    )
    .execute(db);
  await sql`create trigger analytics_shipments_inserted after insert on shipments
    referencing new table as analytics_new_rows for each statement execute function analytics_mark_shipments_inserted()`.execute(db);
  await sql
    .raw(
      `create trigger analytics_shipments_updated after update on shipments for each row
    when ((${rowOf("old")}) is distinct from (${rowOf("new")}))
    execute function analytics_mark_shipment_updated()`,
    )
    .execute(db);
  await sql`create trigger analytics_shipments_deleted after delete on shipments
    referencing old table as analytics_old_rows for each statement execute function analytics_mark_shipments_deleted()`.execute(db);

  // Cases count against their shipment's ship day; state changes do not matter, type changes do.
  for (const [event, rows] of [
    ["inserted", "analytics_new_rows"],
    ["deleted", "analytics_old_rows"],
  ] as const) {
    await sql
      .raw(
        `create function analytics_mark_cases_${event}() returns trigger language plpgsql as $$
begin
  insert into analytics_dirty_days (shop_id, ship_day)
    select distinct s.shop_id, s.ship_day
    from ${rows} c
    join shipments s on s.shop_id = c.shop_id and s.id = c.shipment_id
    where s.ship_day is not null;
  return null;
end $$`,
      )
      .execute(db);
  }
  // A case's type and shipment never change in practice; if one did, both ship days are marked.
  await sql
    .raw(
      `create function analytics_mark_case_updated() returns trigger language plpgsql as $$
begin
  insert into analytics_dirty_days (shop_id, ship_day)
    select s.shop_id, s.ship_day from shipments s
    where s.shop_id = new.shop_id and s.id in (old.shipment_id, new.shipment_id) and s.ship_day is not null;
  return null;
end $$`,
    )
    .execute(db);
  await sql`create trigger analytics_cases_inserted after insert on cases
    referencing new table as analytics_new_rows for each statement execute function analytics_mark_cases_inserted()`.execute(db);
  await sql`create trigger analytics_cases_updated after update on cases for each row
    when ((old.type, old.shipment_id) is distinct from (new.type, new.shipment_id))
    execute function analytics_mark_case_updated()`.execute(db);
  await sql`create trigger analytics_cases_deleted after delete on cases
    referencing old table as analytics_old_rows for each statement execute function analytics_mark_cases_deleted()`.execute(db);

  // "Opened/resolved per week" reads cases by those times with its filters from the index alone;
  // the refresh finds a day's cases by shipment; the home strip counts today's labels.
  await sql`create index analytics_cases_opened on cases (shop_id, opened_at)
    include (carrier_code, dest_country, dest_region, shipment_id)`.execute(db);
  await sql`create index analytics_cases_resolved on cases (shop_id, resolved_at)
    include (carrier_code, dest_country, dest_region, shipment_id) where resolved_at is not null`.execute(db);
  await sql`create index analytics_cases_shipment on cases (shop_id, shipment_id)`.execute(db);
  await sql`create index analytics_shipments_labelled on shipments (shop_id, label_created_at) where label_created_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index analytics_shipments_labelled`.execute(db);
  await sql`drop index analytics_cases_shipment`.execute(db);
  await sql`drop index analytics_cases_resolved`.execute(db);
  await sql`drop index analytics_cases_opened`.execute(db);
  for (const t of ["analytics_cases_inserted", "analytics_cases_updated", "analytics_cases_deleted"]) {
    await sql.raw(`drop trigger ${t} on cases`).execute(db);
  }
  for (const t of ["analytics_shipments_inserted", "analytics_shipments_updated", "analytics_shipments_deleted"]) {
    await sql.raw(`drop trigger ${t} on shipments`).execute(db);
  }
  for (const f of ["shipments_inserted", "shipment_updated", "shipments_deleted", "cases_inserted", "case_updated", "cases_deleted"]) {
    await sql.raw(`drop function analytics_mark_${f}()`).execute(db);
  }
  for (const t of [
    "analytics_refresh_state",
    "analytics_dirty_days",
    "analytics_destinations",
    "analytics_exception_daily",
    "analytics_transit_daily",
    "analytics_daily",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

// Writing one slice of an import: its orders (with items and, for orders that arrive shipped, their
// shipments), the rows it reports, and the batch's progress, all in one transaction. A killed
// import therefore leaves every order fully written or absent, and the batch's committed_records
// says exactly where to pick up.
//
// Idempotency: orders are keyed by (shop, external_id) and carry a content hash of everything the
// file says about them. One INSERT ... ON CONFLICT DO UPDATE ... WHERE the hash differs creates new
// orders, updates changed ones and leaves identical ones untouched; the unique constraint (never a
// check-then-insert) is what keeps two overlapping imports running at once from duplicating
// anything. One multi-row statement per table per slice (rows sent as JSON) keeps a million rows fast.
import { sql } from "kysely";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { localDay } from "../carriers/business-days";
import type { AssembledOrder, ReportedIssue } from "./assemble";
import { describeChanges, type OrderSnapshot, snapshotOf } from "./changes";
import { contentHash, importedStatus } from "./content";

export interface SliceContext {
  batchId: number | null;
  actorUserId: number | null;
  fileName: string;
  source: string;
  timeZone: string;
  /** The file's header (made unique), to store each reported row as { column: value }. */
  columns: readonly string[];
  dryRun: boolean;
}

export interface Slice {
  orders: AssembledOrder[];
  issues: ReportedIssue[];
  rejected: number;
  records: number;
  committedRecords: number;
  bytesDone: number;
}

export interface SliceOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: number;
  warnings: number;
  /** Dry runs only: the rows they would report. */
  issues?: ReportedIssue[];
}

export class BatchTakenOverError extends Error {}

const RETRYABLE = new Set(["40P01", "40001"]);

/**
 * Writes a slice in one transaction. `beforeCommit` resolves when the previous slice has committed:
 * slices may be written side by side, but they commit in file order.
 */
export async function writeSlice(scope: ShopScope, ctx: SliceContext, slice: Slice, beforeCommit?: () => Promise<void>): Promise<SliceOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await scope.transaction((tx) => writeSliceOnce(tx, ctx, slice, beforeCommit));
    } catch (error) {
      // Two imports of overlapping files can deadlock on each other's new rows; PostgreSQL aborts
      // one of them, and running that slice again is safe (it is idempotent).
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50 * attempt));
    }
  }
}

async function writeSliceOnce(tx: ShopScope, ctx: SliceContext, slice: Slice, beforeCommit?: () => Promise<void>): Promise<SliceOutcome> {
  if (!ctx.dryRun && ctx.batchId !== null) {
    // A slice's commit need not wait for its WAL to reach the disk: if the database server itself
    // crashes, the last slices are lost whole (never half), together with the batch progress that
    // counted them, and resuming the batch writes them again. An import is fully replayable, so
    // it trades nothing for not waiting on an fsync per slice.
    await sql`set local synchronous_commit = off`.execute(tx.db);
  }
  const outcome: SliceOutcome = { created: 0, updated: 0, unchanged: 0, rejected: slice.rejected, errors: 0, warnings: 0 };
  const orders = slice.orders;
  const hashes = orders.map((o) => contentHash(o, ctx.source));
  const ids = orders.map((o) => o.externalId);

  const existing = ids.length
    ? await tx
        .selectFrom("orders")
        .select(["id", "external_id", "content_hash", "import_batch_id", "status"])
        .where(sql<boolean>`external_id = any(${ids}::text[])`)
        .execute()
    : [];
  const byId = new Map(existing.map((e) => [e.external_id, e]));
  const toWrite: number[] = [];
  const changedIds: number[] = [];
  const issues = [...slice.issues];
  orders.forEach((o, i) => {
    const e = byId.get(o.externalId);
    if (!e) toWrite.push(i);
    else if (e.content_hash !== hashes[i]) {
      toWrite.push(i);
      changedIds.push(e.id);
    } else if (e.import_batch_id === ctx.batchId && ctx.batchId !== null) {
      // This very batch wrote it before it was interrupted: already counted and reported.
      return;
    } else outcome.unchanged++;
    issues.push(...o.warnings);
  });

  if (ctx.dryRun || ctx.batchId === null) {
    await beforeCommit?.();
    for (const i of toWrite) byId.has(orders[i].externalId) ? outcome.updated++ : outcome.created++;
    for (const issue of issues) issue.severity === "error" ? outcome.errors++ : outcome.warnings++;
    return { ...outcome, issues };
  }

  const before = changedIds.length ? await snapshots(tx, changedIds) : new Map<number, OrderSnapshot>();
  const written = toWrite.length ? await upsertOrders(tx, ctx, toWrite.map((i) => orders[i]), toWrite.map((i) => hashes[i])) : [];
  const writtenOrders = written.map((w) => ({ ...w, order: orders[toWrite[w.index]] }));
  const updatedIds = writtenOrders.filter((w) => !w.inserted).map((w) => w.id);
  if (updatedIds.length) {
    await tx.deleteFrom("order_items").where("order_id", "in", updatedIds).execute();
  }
  await insertItems(tx, writtenOrders);
  await writeShipments(tx, ctx, writtenOrders);

  const audits = [];
  for (const w of writtenOrders) {
    if (w.inserted) {
      outcome.created++;
      continue;
    }
    outcome.updated++;
    const old = before.get(w.id);
    const change = old ? describeChanges(old, snapshotOf(w.order, importedStatus(old.status, w.order.status)), ctx.fileName) : null;
    audits.push({
      actorUserId: ctx.actorUserId,
      action: "order.updated_by_import",
      orderId: w.id,
      details: {
        summary: change?.summary ?? `Updated by the import of ${ctx.fileName}.`,
        batchId: ctx.batchId,
        line: w.order.firstLine,
        changes: change?.changes ?? {},
      },
    });
  }
  // Orders another import wrote the same way a moment ago came back unchanged.
  outcome.unchanged += toWrite.length - written.length;
  await recordAudit(tx, audits);

  await insertIssues(tx, ctx, issues);
  for (const issue of issues) issue.severity === "error" ? outcome.errors++ : outcome.warnings++;

  // The batch row is the last thing a slice touches: its lock is held only for the commit.
  await beforeCommit?.();
  const progressed = await tx
    .updateTable("import_batches")
    .set({
      records: slice.records,
      committed_records: slice.committedRecords,
      bytes_done: sql<number>`greatest(bytes_done, ${slice.bytesDone})`,
      orders_created: sql<number>`orders_created + ${outcome.created}`,
      orders_updated: sql<number>`orders_updated + ${outcome.updated}`,
      orders_unchanged: sql<number>`orders_unchanged + ${outcome.unchanged}`,
      orders_rejected: sql<number>`orders_rejected + ${outcome.rejected}`,
      error_count: sql<number>`error_count + ${outcome.errors}`,
      warning_count: sql<number>`warning_count + ${outcome.warnings}`,
      heartbeat_at: sql`now()`,
    })
    .where("id", "=", ctx.batchId)
    .where("status", "=", "running")
    .returning("id")
    .executeTakeFirst();
  if (!progressed) throw new BatchTakenOverError(`Import #${ctx.batchId} is no longer running here (another process resumed it).`);
  return outcome;
}

async function snapshots(tx: ShopScope, orderIds: number[]): Promise<Map<number, OrderSnapshot>> {
  const rows = await tx
    .selectFrom("orders")
    .select([
      "id", "status", "marketplace_status", "placed_at", "buyer_name", "buyer_email", "buyer_phone", "address1", "address2", "city",
      "region", "postal_code", "country", "total_cents", "currency", "weight_grams", "service_level", "shipping_method", "buyer_message",
    ])
    .where("id", "in", orderIds)
    .execute();
  const items = await tx
    .selectFrom("order_items")
    .select(["order_id", "sku", "product_name", "variation", "quantity", "unit_price_cents"])
    .where("order_id", "in", orderIds)
    .orderBy("order_id")
    .orderBy("line_no")
    .execute();
  const out = new Map<number, OrderSnapshot>();
  for (const r of rows) {
    out.set(r.id, {
      status: r.status,
      marketplaceStatus: r.marketplace_status,
      placedAt: r.placed_at ? new Date(r.placed_at).toISOString() : null,
      buyerName: r.buyer_name,
      buyerEmail: r.buyer_email,
      buyerPhone: r.buyer_phone,
      address1: r.address1,
      address2: r.address2,
      city: r.city,
      region: r.region,
      postalCode: r.postal_code,
      country: r.country,
      totalCents: r.total_cents,
      currency: r.currency,
      weightGrams: r.weight_grams,
      serviceLevel: r.service_level,
      shippingMethod: r.shipping_method,
      buyerMessage: r.buyer_message,
      items: [],
    });
  }
  for (const it of items) {
    out.get(it.order_id)?.items.push({ sku: it.sku, productName: it.product_name, variation: it.variation, quantity: it.quantity, unitPriceCents: it.unit_price_cents });
  }
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Rows travel as one JSON parameter read with json_to_recordset: JSON.stringify is native code,
// where turning twenty JS arrays into PostgreSQL array literals is not.
async function upsertOrders(tx: ShopScope, ctx: SliceContext, orders: AssembledOrder[], hashes: string[]) {
  const rows = orders.map((o, i) => {
    const f = o.fields;
    return {
      e: o.externalId, st: o.status, ms: f.marketplaceStatus, pa: iso(f.placedAt), bn: f.buyerName, be: f.buyerEmail, bp: f.buyerPhone,
      a1: f.address1, a2: f.address2, c: f.city, r: f.region, pc: f.postalCode, co: f.country, sl: o.serviceLevel, sm: f.shippingMethod,
      tc: o.totalCents, cu: f.currency, w: o.weightGrams, bm: f.buyerMessage, h: hashes[i],
    };
  });
  const { rows: out } = await sql<{ id: number; external_id: string; inserted: boolean }>`
    insert into orders (
      shop_id, external_id, source, status, marketplace_status, placed_at, buyer_name, buyer_email, buyer_phone,
      address1, address2, city, region, postal_code, country, service_level, shipping_method, total_cents, currency,
      weight_grams, buyer_message, import_batch_id, content_hash)
    select ${tx.shopId}::int8, t.e, ${ctx.source}, t.st, t.ms, t.pa, t.bn, t.be, t.bp, t.a1, t.a2, t.c, t.r, t.pc, t.co, t.sl, t.sm,
      t.tc, t.cu, t.w, t.bm, ${ctx.batchId}::int8, t.h
    from json_to_recordset(${JSON.stringify(rows)}::json) as t(e text, st text, ms text, pa timestamptz, bn text, be text,
      bp text, a1 text, a2 text, c text, r text, pc text, co text, sl text, sm text, tc int4, cu text, w int4, bm text, h text)
    on conflict (shop_id, external_id) do update set
      status = case
        when orders.status = excluded.status then orders.status
        when excluded.status = 'cancelled' then case when orders.status = 'to_ship' then 'cancelled' else orders.status end
        when orders.status in ('cancelled', 'to_ship') then excluded.status
        when orders.status = 'shipped' and excluded.status = 'delivered' then 'delivered'
        else orders.status end,
      marketplace_status = excluded.marketplace_status,
      placed_at = excluded.placed_at,
      buyer_name = excluded.buyer_name,
      buyer_email = excluded.buyer_email,
      buyer_phone = excluded.buyer_phone,
      address1 = excluded.address1,
      address2 = excluded.address2,
      city = excluded.city,
      region = excluded.region,
      postal_code = excluded.postal_code,
      country = excluded.country,
      -- A changed address must be checked again; an override was for the old one.
      address_problems = case when (orders.address1, orders.address2, orders.city, orders.region, orders.postal_code, orders.country)
        is not distinct from (excluded.address1, excluded.address2, excluded.city, excluded.region, excluded.postal_code, excluded.country)
        then orders.address_problems end,
      address_override = case when (orders.address1, orders.address2, orders.city, orders.region, orders.postal_code, orders.country)
        is not distinct from (excluded.address1, excluded.address2, excluded.city, excluded.region, excluded.postal_code, excluded.country)
        then orders.address_override end,
      service_level = excluded.service_level,
      shipping_method = excluded.shipping_method,
      total_cents = excluded.total_cents,
      currency = excluded.currency,
      weight_grams = excluded.weight_grams,
      buyer_message = excluded.buyer_message,
      import_batch_id = excluded.import_batch_id,
      content_hash = excluded.content_hash,
      updated_at = now()
    where orders.content_hash <> excluded.content_hash
    returning id, external_id, (xmax = 0) as inserted`.execute(tx.db);
  const index = new Map(orders.map((o, i) => [o.externalId, i]));
  return out.map((r) => ({ id: Number(r.id), inserted: r.inserted, index: index.get(r.external_id)! }));
}

async function insertItems(tx: ShopScope, written: { id: number; order: AssembledOrder }[]) {
  const rows: { o: number; n: number; s: string | null; p: string | null; v: string | null; q: number; u: number | null; w: number | null }[] = [];
  for (const w of written) {
    w.order.items.forEach((it, n) => {
      rows.push({ o: w.id, n: n + 1, s: it.sku, p: it.productName, v: it.variation, q: it.quantity, u: it.unitPriceCents, w: it.weightGrams });
    });
  }
  if (!rows.length) return;
  await sql`
    insert into order_items (shop_id, order_id, line_no, sku, product_name, variation, quantity, unit_price_cents, weight_grams)
    select ${tx.shopId}::int8, t.o, t.n, t.s, t.p, t.v, t.q, t.u, t.w
    from json_to_recordset(${JSON.stringify(rows)}::json) as t(o int8, n int4, s text, p text, v text, q int4, u int4, w int4)`.execute(tx.db);
}

/**
 * Orders that arrive shipped get their shipment (imported = true: it happened elsewhere, so no
 * buyer notifications for its past). A re-import moves an imported shipment forward (delivered).
 */
async function writeShipments(tx: ShopScope, ctx: SliceContext, written: { id: number; inserted: boolean; order: AssembledOrder }[]) {
  const shipped = written.filter((w) => w.order.shipment && w.order.status !== "cancelled");
  if (!shipped.length) return;
  const day = (d: Date | null) => (d ? localDay(d, ctx.timeZone) : null);
  const col = <T>(fn: (w: (typeof shipped)[number]) => T) => shipped.map(fn);
  const updated = shipped.filter((w) => !w.inserted);
  if (updated.length) {
    const ucol = <T>(fn: (w: (typeof updated)[number]) => T) => updated.map(fn);
    await sql`
      update shipments s set
        status = case when t.delivered_at is not null then 'delivered' when s.status = 'pending' then 'in_transit' else s.status end,
        shipped_at = coalesce(t.shipped_at, s.shipped_at),
        ship_day = coalesce(t.ship_day, s.ship_day),
        delivered_at = coalesce(t.delivered_at, s.delivered_at),
        delivered_day = coalesce(t.delivered_day, s.delivered_day),
        updated_at = now()
      from unnest(${ucol((w) => w.id)}::int8[], ${ucol((w) => w.order.shipment!.trackingNumber)}::text[],
        ${ucol((w) => iso(w.order.fields.shippedAt))}::timestamptz[], ${ucol((w) => day(w.order.fields.shippedAt))}::date[],
        ${ucol((w) => iso(w.order.fields.deliveredAt))}::timestamptz[], ${ucol((w) => day(w.order.fields.deliveredAt))}::date[])
        as t(order_id, tracking_number, shipped_at, ship_day, delivered_at, delivered_day)
      where s.shop_id = ${tx.shopId} and s.order_id = t.order_id and s.tracking_number = t.tracking_number
        and s.imported and s.status <> 'voided'`.execute(tx.db);
  }
  // A live shipment already there (a label made here, or the row above) wins: do nothing.
  await sql`
    insert into shipments (shop_id, order_id, carrier_code, tracking_number, status, imported, weight_grams,
      dest_region, dest_postal_code, dest_country, shipped_at, ship_day, delivered_at, delivered_day, last_event_at)
    select ${tx.shopId}::int8, t.order_id, t.carrier_code, t.tracking_number,
      case when t.delivered_at is not null then 'delivered' else 'in_transit' end, true, t.weight_grams,
      t.dest_region, t.dest_postal_code, t.dest_country, t.shipped_at, t.ship_day, t.delivered_at, t.delivered_day,
      coalesce(t.delivered_at, t.shipped_at)
    from unnest(${col((w) => w.id)}::int8[], ${col((w) => w.order.shipment!.carrier)}::text[], ${col((w) => w.order.shipment!.trackingNumber)}::text[],
      ${col((w) => w.order.weightGrams)}::int4[], ${col((w) => w.order.fields.region)}::text[], ${col((w) => w.order.fields.postalCode)}::text[],
      ${col((w) => w.order.fields.country)}::text[], ${col((w) => iso(w.order.fields.shippedAt))}::timestamptz[], ${col((w) => day(w.order.fields.shippedAt))}::date[],
      ${col((w) => iso(w.order.fields.deliveredAt))}::timestamptz[], ${col((w) => day(w.order.fields.deliveredAt))}::date[])
      as t(order_id, carrier_code, tracking_number, weight_grams, dest_region, dest_postal_code, dest_country, shipped_at, ship_day,
        delivered_at, delivered_day)
    on conflict do nothing`.execute(tx.db);
}

async function insertIssues(tx: ShopScope, ctx: SliceContext, issues: ReportedIssue[]) {
  const raw = (cells: readonly string[]) => {
    const out: Record<string, string> = {};
    ctx.columns.forEach((c, i) => {
      out[c] = cells[i] ?? "";
    });
    return JSON.stringify(out);
  };
  for (let i = 0; i < issues.length; i += 500) {
    const part = issues.slice(i, i + 500);
    await tx
      .insertInto(
        "import_errors",
        part.map((e) => ({
          batch_id: ctx.batchId!,
          line: e.line,
          column_name: e.column,
          code: e.code,
          message: e.message,
          severity: e.severity,
          order_external_id: e.externalId,
          raw: raw(e.cells),
        })),
      )
      .execute();
  }
}

/**
 * Refreshes the planner's statistics of the tables an import fills. Without them PostgreSQL keeps
 * planning the foreign-key checks of order_items as if orders were the tiny table it was when the
 * connection first checked one (a sequential scan per item), and a big import slows down with
 * every slice. Autovacuum fixes this eventually; an import cannot wait for it.
 */
export async function refreshImportStatistics(scope: ShopScope): Promise<void> {
  await sql`analyze orders, order_items, shipments`.execute(scope.db);
}

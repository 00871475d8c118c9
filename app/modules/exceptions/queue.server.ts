// The exception queue: one page of a shop's cases for a view (filters, sort, keyset cursor) with
// the per-type counts shown in the tabs, and the same query as a stream for the ops CLI.
// Every filter is a plain condition on `cases` (the carrier and destination are copied onto the
// case), so the common views walk a partial index on unresolved cases instead of joining first.
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import type { ExceptionType } from "../../../db/types";
import type { ShopScope } from "../../lib/tenancy.server";
import { CASE_COLUMNS } from "./case-columns";
import { AGE_BUCKETS, type Cursor, PAGE_SIZE, type QueueFilters, type QueueQuery, type QueueSort } from "./queue-query";
import { endOfToday } from "./sla";

export interface QueueContext {
  /** The signed-in user, for assignee=mine (null in the CLI). */
  userId: number | null;
  now: Date;
  timeZone: string;
}

/** A queue row: the case's columns (case-columns.ts), who it is assigned to, its order and parcel. */
export type QueueRow = Omit<RawRow, "dueKey" | "openedKey" | "rank"> & { cursor: Cursor };

export interface TypeCount {
  type: ExceptionType;
  total: number;
  overdue: number;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Per exception type, with every filter but the type applied (the tabs). */
  counts: TypeCount[];
  /** Cases matching the whole view (all pages). */
  total: number;
  next: Cursor | null;
  prev: Cursor | null;
}

// The severity ranking as SQL. The partial index cases_queue_severity (migration 0500) is built on
// this exact expression; change both together.
const SEVERITY_RANK_SQL = sql<number>`(case c.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end)`;
const UNRESOLVED = sql<SqlBool>`c.state <> 'resolved'`;

type Condition = RawBuilder<SqlBool>;

function conditions(filters: QueueFilters, ctx: QueueContext, options: { withType: boolean }): Condition[] {
  const out: Condition[] = [];
  if (filters.status === "unresolved") out.push(UNRESOLVED);
  else if (filters.status === "resolved") out.push(sql<SqlBool>`c.state = 'resolved'`);
  else if (filters.status !== "all") out.push(UNRESOLVED, sql<SqlBool>`c.state = ${filters.status}`);
  if (options.withType && filters.type) out.push(sql<SqlBool>`c.type = ${filters.type}`);
  if (filters.carrier) out.push(sql<SqlBool>`c.carrier_code = ${filters.carrier}`);
  if (filters.region) out.push(sql<SqlBool>`c.dest_region = ${filters.region}`);
  if (filters.assignee === "unassigned") out.push(sql<SqlBool>`c.assignee_id is null`);
  else if (filters.assignee === "mine") out.push(ctx.userId ? sql<SqlBool>`c.assignee_id = ${ctx.userId}` : sql<SqlBool>`false`);
  else if (typeof filters.assignee === "number") out.push(sql<SqlBool>`c.assignee_id = ${filters.assignee}`);
  if (filters.sla) {
    // SLA states describe unresolved cases only.
    out.push(UNRESOLVED);
    const endOfDay = endOfToday(ctx.now, ctx.timeZone);
    if (filters.sla === "overdue") out.push(sql<SqlBool>`c.sla_due_at < ${ctx.now}`);
    else if (filters.sla === "due_today") out.push(sql<SqlBool>`c.sla_due_at >= ${ctx.now}`, sql<SqlBool>`c.sla_due_at < ${endOfDay}`);
    else out.push(sql<SqlBool>`c.sla_due_at >= ${endOfDay}`);
  }
  if (filters.age) {
    const bucket = AGE_BUCKETS[filters.age];
    const hoursAgo = (h: number) => new Date(ctx.now.getTime() - h * 3_600_000);
    out.push(sql<SqlBool>`c.opened_at <= ${hoursAgo(bucket.fromHours)}`);
    if (bucket.toHours !== null) out.push(sql<SqlBool>`c.opened_at > ${hoursAgo(bucket.toHours)}`);
  }
  return out;
}

/** The row-value comparison that starts a page after (or ends it before) a cursor. */
function keyset(cursor: Cursor, direction: "after" | "before"): Condition {
  const op = sql.raw(direction === "after" ? ">" : "<");
  switch (cursor.sort) {
    case "sla":
      return sql<SqlBool>`(c.sla_due_at, c.id) ${op} (${cursor.dueAt}::timestamptz, ${cursor.id}::bigint)`;
    case "age":
      return sql<SqlBool>`(c.opened_at, c.id) ${op} (${cursor.openedAt}::timestamptz, ${cursor.id}::bigint)`;
    case "severity":
      return sql<SqlBool>`(${SEVERITY_RANK_SQL}, c.sla_due_at, c.id) ${op} (${cursor.rank}::int, ${cursor.dueAt}::timestamptz, ${cursor.id}::bigint)`;
  }
}

function sortKeys(sort: QueueSort): Expression<unknown>[] {
  if (sort === "sla") return [sql`c.sla_due_at`, sql`c.id`];
  if (sort === "age") return [sql`c.opened_at`, sql`c.id`];
  return [SEVERITY_RANK_SQL, sql`c.sla_due_at`, sql`c.id`];
}

function rowsQuery(scope: ShopScope, where: Condition[], sort: QueueSort, direction: "asc" | "desc", limit: number) {
  let q = scope
    .selectFrom("cases as c")
    .innerJoin("shipments as s", (j) => j.onRef("s.id", "=", "c.shipment_id").onRef("s.shop_id", "=", "c.shop_id"))
    .innerJoin("orders as o", (j) => j.onRef("o.id", "=", "c.order_id").onRef("o.shop_id", "=", "c.shop_id"))
    .leftJoin("users as u", "u.id", "c.assignee_id")
    .select([
      ...CASE_COLUMNS,
      "u.name as assigneeName",
      "u.email as assigneeEmail",
      "o.external_id as orderExternalId",
      "o.buyer_name as buyerName",
      "s.tracking_number as trackingNumber",
      sql<string>`c.sla_due_at::text`.as("dueKey"),
      sql<string>`c.opened_at::text`.as("openedKey"),
      SEVERITY_RANK_SQL.as("rank"),
    ]);
  if (where.length) q = q.where((eb) => eb.and(where));
  for (const key of sortKeys(sort)) q = q.orderBy(key, direction);
  return q.limit(limit);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof rowsQuery>["execute"]>>[number];

function toRow(r: RawRow, sort: QueueSort): QueueRow {
  const { dueKey, openedKey, rank, ...rest } = r;
  const cursor: Cursor =
    sort === "sla"
      ? { sort, dueAt: dueKey, id: r.id }
      : sort === "age"
        ? { sort, openedAt: openedKey, id: r.id }
        : { sort, rank, dueAt: dueKey, id: r.id };
  return { ...rest, cursor };
}

export async function typeCounts(scope: ShopScope, filters: QueueFilters, ctx: QueueContext): Promise<TypeCount[]> {
  const where = conditions(filters, ctx, { withType: false });
  let q = scope
    .selectFrom("cases as c")
    .select([
      "c.type",
      sql<number>`count(*)`.as("total"),
      // Only unresolved cases can be overdue; when the view has no resolved ones, leaving the state
      // out lets the count come from the index alone.
      ((filters.status !== "resolved" && filters.status !== "all") || filters.sla
        ? sql<number>`count(*) filter (where c.sla_due_at < ${ctx.now})`
        : sql<number>`count(*) filter (where c.state <> 'resolved' and c.sla_due_at < ${ctx.now})`
      ).as("overdue"),
    ])
    .groupBy("c.type");
  if (where.length) q = q.where((eb) => eb.and(where));
  return q.execute();
}

/** One page of the queue and its tab counts. */
export async function loadQueue(scope: ShopScope, query: QueueQuery, ctx: QueueContext): Promise<QueuePage> {
  const where = conditions(query, ctx, { withType: true });
  const backwards = Boolean(query.before);
  const cursor = query.after ?? query.before;
  const pageWhere = cursor ? [...where, keyset(cursor, backwards ? "before" : "after")] : where;
  const [raw, counts] = await Promise.all([
    rowsQuery(scope, pageWhere, query.sort, backwards ? "desc" : "asc", PAGE_SIZE + 1).execute(),
    typeCounts(scope, query, ctx),
  ]);
  const more = raw.length > PAGE_SIZE;
  // Paging back onto the start of the list: show the real first page rather than a short one.
  if (backwards && !more) return loadQueue(scope, { ...query, before: undefined }, ctx);
  const page = raw.slice(0, PAGE_SIZE).map((r) => toRow(r, query.sort));
  if (backwards) page.reverse();
  const first = page[0]?.cursor ?? null;
  const last = page[page.length - 1]?.cursor ?? null;
  const total = counts.filter((c) => !query.type || c.type === query.type).reduce((n, c) => n + c.total, 0);
  return {
    rows: page,
    counts,
    total,
    next: backwards || more ? last : null,
    prev: backwards || cursor ? first : null,
  };
}

/** Every case of a view, page by page (for the ops CLI: constant memory however many match). */
export async function* allCases(scope: ShopScope, filters: QueueFilters & { sort?: QueueSort }, ctx: QueueContext, batch = 500): AsyncGenerator<QueueRow> {
  const sort = filters.sort ?? "sla";
  const where = conditions(filters, ctx, { withType: true });
  let after: Cursor | null = null;
  for (;;) {
    const pageWhere: Condition[] = after ? [...where, keyset(after, "after")] : where;
    const raw = await rowsQuery(scope, pageWhere, sort, "asc", batch).execute();
    for (const r of raw) yield toRow(r, sort);
    if (raw.length < batch) return;
    after = toRow(raw[raw.length - 1], sort).cursor;
  }
}

// Turning a stream of validated rows into orders: rows are grouped by marketplace order id (an
// order's items are its rows), an order is accepted only if every one of its rows is valid, and
// its import status follows from the file (cancelled; shipped or delivered with a tracking number
// and carrier; otherwise to ship). Pure apart from the tracking-number review, which is pure too.
//
// Memory stays bounded: an order is complete once WINDOW records have passed since its last row,
// and complete orders leave in the order their first rows appeared (so "every order that starts
// before record N is written" is a single number, the batch's committed_records). A row whose order
// was already complete is reported, never merged into a written order.
import { reviewImportedTrackingNumber } from "../carriers/tracking-numbers";
import type { TrackedCarrierCode } from "../carriers/registry";
import { type ColumnMapping, FIELD_INFO, type ImportField } from "./fields";
import { OrderIdSet } from "./id-set";
import { rawRow } from "./presets";
import { type ItemFields, type OrderFields, type RawRow, type RowSchemas, serviceLevelOf, validateRow } from "./rows";

export const WINDOW_RECORDS = 1000;

export interface ReportedIssue {
  line: number;
  column: string | null;
  code: string;
  message: string;
  severity: "error" | "warning";
  externalId: string | null;
  cells: readonly string[];
}

export type ImportOrderStatus = "to_ship" | "shipped" | "delivered" | "cancelled";

export interface AssembledOrder {
  externalId: string;
  firstRecord: number;
  firstLine: number;
  fields: OrderFields;
  status: ImportOrderStatus;
  serviceLevel: "economy" | "standard" | "expedited";
  totalCents: number;
  weightGrams: number;
  /** Set when the order arrives already shipped: its shipment is created with it. */
  shipment: { carrier: TrackedCarrierCode; trackingNumber: string } | null;
  items: ItemFields[];
  warnings: ReportedIssue[];
}

export interface Completed {
  /** Orders whose rows are all valid. */
  orders: AssembledOrder[];
  /** Orders with at least one bad row, and rows that could not join their order. */
  issues: ReportedIssue[];
  rejected: number;
  /** The record number of the oldest order still open (every order before it is in this or an earlier batch). */
  committedRecords: number;
}

interface OpenRow {
  line: number;
  cells: readonly string[];
  result: ReturnType<typeof validateRow>;
}

interface OpenOrder {
  externalId: string;
  firstRecord: number;
  lastRecord: number;
  /** The first row's order-level cells: later rows that repeat them need only their items checked. */
  orderCells: RawRow;
  rows: OpenRow[];
}

export interface AssemblerOptions {
  mapping: ColumnMapping;
  indexes: Partial<Record<ImportField, number>>;
  schemas: RowSchemas;
  /** Shopify-style files: an order's later rows may leave the order-level columns blank. */
  continuationRows: boolean;
  /** Order ids already written by an earlier run of this batch (their rows are skipped). */
  alreadyWritten?: OrderIdSet;
}

const ORDER_LEVEL: ImportField[] = (Object.keys(FIELD_INFO) as ImportField[]).filter((f) => FIELD_INFO[f].orderLevel && f !== "orderId");

export class OrderAssembler {
  private open = new Map<string, OpenOrder>();
  /** Open orders in the order their first rows appeared. */
  private queue: OpenOrder[] = [];
  private head = 0;
  private done = new OrderIdSet();
  private pendingIssuesList: ReportedIssue[] = [];
  private record = 0;

  constructor(private readonly o: AssemblerOptions) {}

  /** Records seen so far (the next record's number). */
  get records(): number {
    return this.record;
  }

  /** Counts a record of an earlier, committed run without validating it (resuming). */
  skip(cells: readonly string[]): void {
    this.record++;
    const i = this.o.indexes.orderId;
    const id = i === undefined ? "" : (cells[i] ?? "").trim();
    if (id) this.o.alreadyWritten?.add(id);
  }

  /** Adds a record; `problem` is something wrong with the record itself (too many values, say). */
  add(line: number, cells: readonly string[], problem?: { code: string; message: string }): void {
    const record = this.record++;
    const raw = rawRow(cells, this.o.indexes);
    const id = raw.orderId?.trim() ?? "";
    if (id && this.o.alreadyWritten?.has(id)) return;
    if (id && this.done.has(id)) {
      this.pendingIssuesList.push({
        line,
        column: this.o.mapping.columns.orderId ?? null,
        code: "order_rows_apart",
        message: `Order ${id} was already imported from rows more than ${WINDOW_RECORDS} records earlier; keep an order's rows together in the file. This row was not imported.`,
        severity: "error",
        externalId: id,
        cells,
      });
      return;
    }
    let order = id ? this.open.get(id) : undefined;
    // A later row of an open order is checked as a continuation row when it leaves the order-level
    // columns blank (Shopify) or repeats them exactly (TikTok): the first row already checked them.
    const continuation =
      order !== undefined &&
      ((this.o.continuationRows && !raw.buyerName?.trim() && !raw.address1?.trim()) || sameOrderCells(order.orderCells, raw));
    let result = validateRow(this.o.schemas, raw, continuation);
    if (problem) {
      const issues = [{ field: null, ...problem }, ...(result.ok ? [] : result.issues)];
      result = { ok: false, issues };
    }
    if (!id) {
      // Without an id the row cannot belong to any order: it is reported on its own.
      this.pendingIssuesList.push(...rowIssues({ line, cells, result }, null, this.o.mapping));
      return;
    }
    if (!order) {
      order = { externalId: id, firstRecord: record, lastRecord: record, orderCells: raw, rows: [] };
      this.open.set(order.externalId, order);
      this.queue.push(order);
    }
    order.lastRecord = record;
    order.rows.push({ line, cells, result });
  }

  /** How many complete orders wait at the head of the queue (counting stops at `limit`). */
  readyCount(limit: number): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length && n < limit && this.record - this.queue[i].lastRecord > WINDOW_RECORDS; i++) n++;
    return n;
  }

  /** Reported rows waiting to be written (rows that could not join an order). */
  get pendingIssues(): number {
    return this.pendingIssuesList.length;
  }

  /** Orders that are complete (or all of them at the end of the file), oldest first. */
  take(final: boolean, max = Infinity): Completed {
    const out: Completed = { orders: [], issues: this.pendingIssuesList, rejected: 0, committedRecords: 0 };
    this.pendingIssuesList = [];
    while (this.head < this.queue.length && out.orders.length + out.rejected < max) {
      const next = this.queue[this.head];
      if (!final && this.record - next.lastRecord <= WINDOW_RECORDS) break;
      // Let the rows go as soon as the order is built (the queue is compacted only now and then).
      this.queue[this.head++] = undefined as unknown as OpenOrder;
      this.open.delete(next.externalId);
      this.done.add(next.externalId);
      const built = buildOrder(next, this.o.mapping);
      if (built.ok) out.orders.push(built.order);
      else {
        out.rejected++;
        out.issues.push(...built.issues);
      }
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    out.committedRecords = this.head < this.queue.length ? this.queue[this.head].firstRecord : this.record;
    return out;
  }

}

function sameOrderCells(first: RawRow, raw: RawRow): boolean {
  for (const f of ORDER_LEVEL) if ((first[f] ?? "") !== (raw[f] ?? "")) return false;
  return true;
}

function rowIssues(row: OpenRow, externalId: string | null, mapping: ColumnMapping): ReportedIssue[] {
  if (row.result.ok) return [];
  return row.result.issues.map((i) => ({
    line: row.line,
    column: i.field ? (mapping.columns[i.field] ?? null) : null,
    code: i.code,
    message: i.message,
    severity: "error" as const,
    externalId,
    cells: row.cells,
  }));
}

const CANCELLED = /cancel/i;
const MARKETPLACE_SHIPPED = /shipped|in transit|delivered|completed/i;

export function buildOrder(open: OpenOrder, mapping: ColumnMapping): { ok: true; order: AssembledOrder } | { ok: false; issues: ReportedIssue[] } {
  const bad = open.rows.filter((r) => !r.result.ok);
  if (bad.length > 0) {
    const badLines = bad.map((r) => r.line);
    const issues: ReportedIssue[] = [];
    for (const row of open.rows) {
      if (!row.result.ok) issues.push(...rowIssues(row, open.externalId, mapping));
      else {
        issues.push({
          line: row.line,
          column: null,
          code: "order_rejected",
          message: `Not imported because other rows of order ${open.externalId} have errors (line${badLines.length > 1 ? "s" : ""} ${badLines.join(", ")}).`,
          severity: "error",
          externalId: open.externalId,
          cells: row.cells,
        });
      }
    }
    return { ok: false, issues };
  }
  const first = open.rows[0];
  const rows = open.rows.map((r) => r.result as Extract<OpenRow["result"], { ok: true }>);
  const fields = rows.find((r) => r.order)!.order!;
  const items = rows.map((r) => r.item);
  const warnings: ReportedIssue[] = [];
  const warn = (field: ImportField, code: string, message: string) =>
    warnings.push({ line: first.line, column: mapping.columns[field] ?? null, code, message, severity: "warning", externalId: open.externalId, cells: first.cells });

  const cancelled = CANCELLED.test(fields.marketplaceStatus ?? "") || fields.cancelledAt !== null;
  let shipment: AssembledOrder["shipment"] = null;
  if (fields.trackingNumber && !cancelled) {
    const review = reviewImportedTrackingNumber(fields.trackingNumber, fields.carrierName);
    if (review.warning) warn("trackingNumber", review.check.valid ? "carrier_mismatch" : "tracking_invalid", review.warning);
    if (review.carrier) shipment = { carrier: review.carrier, trackingNumber: fields.trackingNumber };
    else {
      warn(
        "carrier",
        "carrier_unknown",
        `Tracking ID "${fields.trackingNumber}" has no carrier we recognise${fields.carrierName ? ` ("${fields.carrierName}")` : ""}, so the order was imported as to ship.`,
      );
    }
  }
  const status: ImportOrderStatus = cancelled ? "cancelled" : shipment ? (fields.deliveredAt ? "delivered" : "shipped") : "to_ship";
  if (status === "to_ship" && !fields.trackingNumber && MARKETPLACE_SHIPPED.test(fields.marketplaceStatus ?? "")) {
    warn(
      "orderStatus",
      "shipped_without_tracking",
      `The marketplace says "${fields.marketplaceStatus}" but the row has no tracking number, so the order was imported as to ship.`,
    );
  }
  const itemsTotal = items.reduce((sum, it) => sum + (it.unitPriceCents ?? 0) * it.quantity, 0);
  return {
    ok: true,
    order: {
      externalId: open.externalId,
      firstRecord: open.firstRecord,
      firstLine: first.line,
      fields,
      status,
      serviceLevel: serviceLevelOf(fields.shippingMethod),
      totalCents: fields.orderTotalCents ?? itemsTotal,
      weightGrams: items.reduce((sum, it) => sum + (it.weightGrams ?? 0), 0),
      shipment,
      items,
      warnings,
    },
  };
}

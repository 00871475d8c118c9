// Writing exception cases: the write side of detection. Ingestion and the periodic scan work a
// CaseBook out in memory and hand it to `writeCaseBook`, which writes it in a few set-based
// statements (new cases and their signals, appended signals, auto-resolutions, the audit log, the
// buyer notifications of new cases). Callers hold the shipment rows locked (SELECT ... FOR UPDATE,
// in id order) while cases of those shipments change, so ingestion and scans on several instances
// never interleave on one parcel.
import { sql } from "kysely";
import type { ExceptionType } from "../../../db/types";
import { anyId, chunks } from "../../lib/db.server";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit, type AuditEntry } from "../audit/audit.server";
import { onCasesOpened } from "../notifications/hooks.server";
import type { ShopSettings } from "../shops/settings";
import { exceptionTypeWord } from "../vocabulary/shipments";
import type { CaseBook, ExistingCase, PlannedSignal } from "./case-book";
import { RULES } from "./rules";
import { severityForType, slaDueAt } from "./sla";

/** What a case copies from its shipment (the queue filters without a join). */
export interface CaseShipment {
  id: number;
  orderId: number;
  carrierCode: string;
  destRegion: string | null;
  destCountry: string | null;
}

/** Rules the periodic scan fires; an open case opened by another rule may get each of these once. */
const SCAN_RULES = [RULES.pastEdd, RULES.stalled, RULES.lostByAge, RULES.notPickedUp, RULES.movedAway];

/**
 * The open cases of some shipments (or, with null, of the whole shop). With `withSignalRules`, also
 * which scan rules already signalled each case, so a scan appends a rule to a case once, not every
 * run; only cases opened by another rule can have those, so only they are looked up.
 */
export async function loadOpenCases(scope: ShopScope, shipmentIds: readonly number[] | null, options: { withSignalRules?: boolean } = {}): Promise<ExistingCase[]> {
  if (shipmentIds && shipmentIds.length === 0) return [];
  let q = scope.selectFrom("cases").select(["id", "shipment_id", "type", "rule", "opened_at", "last_signal_at"]).where("state", "<>", "resolved");
  if (shipmentIds) q = q.where("shipment_id", "=", anyId(shipmentIds));
  const rows = await q.execute();
  const rules = new Map<number, string[]>();
  const lookUp = rows.filter((r) => !SCAN_RULES.includes(r.rule as never)).map((r) => r.id);
  if (options.withSignalRules && lookUp.length) {
    for (const ids of chunks(lookUp, 5000)) {
      const signals = await scope
        .selectFrom("case_signals")
        .select(["case_id", "rule"])
        .where("case_id", "=", anyId(ids))
        .where("rule", "in", SCAN_RULES)
        .groupBy(["case_id", "rule"])
        .execute();
      for (const x of signals) rules.set(x.case_id, [...(rules.get(x.case_id) ?? []), x.rule]);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    shipmentId: r.shipment_id,
    type: r.type,
    rule: r.rule,
    openedAt: r.opened_at,
    lastSignalAt: r.last_signal_at,
    signalRules: rules.get(r.id),
  }));
}

export interface WrittenCases {
  opened: { id: number; shipmentId: number; orderId: number; type: ExceptionType; stillOpen: boolean }[];
  /** Existing open cases that received new signals. */
  appended: number;
  resolved: number;
}

/**
 * Writes what a CaseBook worked out: new cases (with their first signals; a case opened and cleared
 * within one batch is stored resolved), signals appended to open cases (signal_count and
 * last_signal_at move, version does not), and auto-resolutions (version + 1, with a note). Writes the
 * audit log and tells the notifications module of the cases still open (onCasesOpened). Run inside
 * the caller's transaction.
 */
export async function writeCaseBook<R>(
  tx: ShopScope,
  book: CaseBook<R>,
  ctx: {
    shipments: ReadonlyMap<number, CaseShipment>;
    sla: ShopSettings["sla"];
    /** The stored event id behind a signal, once events are inserted. */
    eventId?: (ref: R) => number | null | undefined;
    actorUserId?: number | null;
    /** The caller's clock: audit entries and bookkeeping use the time its decisions used. */
    now: Date;
  },
): Promise<WrittenCases> {
  const result: WrittenCases = { opened: [], appended: 0, resolved: 0 };
  if (book.isEmpty) return result;
  const audit: AuditEntry[] = [];
  const eventIdOf = (s: PlannedSignal<R>) => (s.ref !== undefined && ctx.eventId ? (ctx.eventId(s.ref) ?? null) : null);
  const appended = new Map(book.appended);

  // 1. New cases.
  const fresh = book.created.filter((c) => ctx.shipments.has(c.shipmentId));
  const inserted = new Map<string, number>();
  if (fresh.length) {
    const rows = fresh.map((c) => {
      const s = ctx.shipments.get(c.shipmentId)!;
      const severity = severityForType(c.type, ctx.sla);
      const lastSignalAt = c.signals.reduce((m, x) => (x.at > m ? x.at : m), c.openedAt);
      return {
        shipment_id: c.shipmentId,
        order_id: s.orderId,
        type: c.type,
        severity,
        state: c.resolved ? ("resolved" as const) : ("open" as const),
        rule: c.rule,
        reason: c.reason.slice(0, 1000),
        opened_at: c.openedAt,
        sla_due_at: slaDueAt(c.openedAt, severity, ctx.sla),
        last_signal_at: lastSignalAt,
        signal_count: c.signals.length,
        resolved_at: c.resolved?.at ?? null,
        resolution_code: c.resolved?.clearing.code ?? null,
        resolution_note: c.resolved?.clearing.note ?? null,
        auto_resolved: Boolean(c.resolved),
        carrier_code: s.carrierCode,
        dest_region: s.destRegion,
        dest_country: s.destCountry,
        version: c.resolved ? 2 : 1,
      };
    });
    // In chunks: a statement takes at most 65,535 parameters (a first scan may open thousands).
    for (const chunk of chunks(rows, 1000)) {
      const returned = await tx
        .insertInto("cases", chunk)
        // The partial unique index (one open case per shipment and type); its predicate must be a literal.
        .onConflict((oc) => oc.columns(["shipment_id", "type"]).where(sql<boolean>`state <> 'resolved'`).doNothing())
        .returning(["id", "shipment_id", "type", "state", "opened_at"])
        .execute();
      for (const r of returned) inserted.set(caseKey(r.shipment_id, r.type, r.state === "resolved", r.opened_at), r.id);
    }

    // Someone else (another instance's scan, a concurrent batch) opened the same case first: append.
    const lost = fresh.filter((c) => !inserted.has(caseKey(c.shipmentId, c.type, Boolean(c.resolved), c.openedAt)));
    if (lost.length) {
      const open = await loadOpenCases(tx, [...new Set(lost.map((c) => c.shipmentId))]);
      for (const c of lost) {
        const existing = open.find((o) => o.shipmentId === c.shipmentId && o.type === c.type);
        if (existing) appended.set(existing.id, [...(appended.get(existing.id) ?? []), ...c.signals]);
      }
    }
  }

  // 2. Signals of new cases and appended signals.
  const signalRows: { case_id: number; at: Date; rule: string; reason: string; event_id: number | null }[] = [];
  for (const c of fresh) {
    const id = inserted.get(caseKey(c.shipmentId, c.type, Boolean(c.resolved), c.openedAt));
    if (!id) continue;
    const s = ctx.shipments.get(c.shipmentId)!;
    for (const sig of c.signals) signalRows.push({ case_id: id, at: sig.at, rule: sig.rule, reason: sig.reason.slice(0, 1000), event_id: eventIdOf(sig) });
    result.opened.push({ id, shipmentId: c.shipmentId, orderId: s.orderId, type: c.type, stillOpen: !c.resolved });
    audit.push({
      actorUserId: ctx.actorUserId ?? null,
      action: "case.opened",
      orderId: s.orderId,
      shipmentId: c.shipmentId,
      caseId: id,
      details: { summary: `Opened a ${exceptionTypeWord(c.type)} case: ${c.reason}`, type: c.type, rule: c.rule, reason: c.reason, openedAt: c.openedAt.toISOString() },
    });
    if (c.resolved) {
      audit.push({
        actorUserId: null,
        action: "case.auto_resolved",
        orderId: s.orderId,
        shipmentId: c.shipmentId,
        caseId: id,
        details: { summary: `${c.resolved.clearing.note} (${exceptionTypeWord(c.type)} case)`, type: c.type, resolutionCode: c.resolved.clearing.code, resolvedAt: c.resolved.at.toISOString() },
      });
    }
  }
  for (const [caseId, signals] of appended) {
    for (const sig of signals) signalRows.push({ case_id: caseId, at: sig.at, rule: sig.rule, reason: sig.reason.slice(0, 1000), event_id: eventIdOf(sig) });
  }
  for (const chunk of chunks(signalRows, 5000)) await tx.insertInto("case_signals", chunk).execute();

  // 3. Appended cases: count and last signal move; the version does not (no state change).
  if (appended.size) {
    const ids = [...appended.keys()];
    const counts = ids.map((id) => appended.get(id)!.length);
    const lasts = ids.map((id) => appended.get(id)!.reduce((m, s) => (s.at > m ? s.at : m), new Date(0)));
    await sql`
      update cases c set signal_count = c.signal_count + v.n, last_signal_at = greatest(c.last_signal_at, v.at)
      from unnest(${ids}::int8[], ${counts}::int4[], ${lasts}::timestamptz[]) as v(id, n, at)
      where c.shop_id = ${tx.shopId} and c.id = v.id`.execute(tx.db);
    result.appended = ids.length;
  }

  // 4. Auto-resolutions of cases that were open before.
  if (book.resolutions.length) {
    const r = book.resolutions;
    const rows = await sql<{ id: number; shipment_id: number; order_id: number; type: ExceptionType }>`
      update cases c set state = 'resolved', resolved_at = v.at, resolution_code = v.code, resolution_note = v.note,
        auto_resolved = true, version = c.version + 1, updated_at = ${ctx.now}
      from unnest(${r.map((x) => x.caseId)}::int8[], ${r.map((x) => x.at)}::timestamptz[], ${r.map((x) => x.clearing.code)}::text[],
        ${r.map((x) => x.clearing.note)}::text[]) as v(id, at, code, note)
      where c.shop_id = ${tx.shopId} and c.id = v.id and c.state <> 'resolved'
      returning c.id, c.shipment_id, c.order_id, c.type`.execute(tx.db);
    for (const row of rows.rows) {
      const res = r.find((x) => x.caseId === row.id)!;
      audit.push({
        actorUserId: null,
        action: "case.auto_resolved",
        orderId: row.order_id,
        shipmentId: row.shipment_id,
        caseId: row.id,
        details: { summary: `${res.clearing.note} (${exceptionTypeWord(row.type)} case)`, type: row.type, resolutionCode: res.clearing.code, resolvedAt: res.at.toISOString() },
      });
    }
    result.resolved = rows.rows.length;
  }

  await recordAudit(tx, audit.map((e) => ({ at: ctx.now, ...e })));
  await onCasesOpened(
    tx,
    result.opened.filter((c) => c.stillOpen).map((c) => ({ caseId: c.id, shipmentId: c.shipmentId, orderId: c.orderId, type: c.type })),
    ctx.now,
  );
  return result;
}

function caseKey(shipmentId: number, type: string, resolved: boolean, openedAt: Date): string {
  return `${shipmentId}:${type}:${resolved ? "r" : "o"}:${openedAt.getTime()}`;
}

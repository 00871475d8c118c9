// The periodic exception scan: time-driven rules (delayed, stalled, not picked up, lost by age,
// expired labels) and a geographic re-check of recently moved parcels, plus auto-resolution of
// cases whose condition cleared. Safe on several instances: one scan per shop at a time (a
// transaction-scoped advisory lock), and the shipments it acts on are locked in id order (as
// ingestion locks them) before their cases change.
//
// Two passes: find candidates without locks (one indexed read of the shop's active shipments and its
// open cases), then lock just the shipments that need a change, re-read them and decide again, so
// a parcel scanned by a concurrent ingestion batch is judged on its fresh state.
import { sql } from "kysely";
import type { ExceptionType } from "../../../db/types";
import { anyId, chunks, type DB } from "../../lib/db.server";
import type { PeriodicJob } from "../../lib/jobs.server";
import { forShop, type ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { onParcelNews } from "../notifications/hooks.server";
import { parseShopSettings } from "../shops/settings";
import { normalizeLocation } from "../tracking/status";
import { CaseBook, type ExistingCase } from "./case-book";
import { loadOpenCases, writeCaseBook } from "./case-writer.server";
import { caseShipment, type FactRow, factsOf, readFacts } from "./facts.server";
import { misrouteReason, misroutesInSequence, placeOf, type SequenceScan } from "./geography";
import { clearingFor, destinationOf, isExpired, RULES, type ScanContext, timeSignals } from "./rules";

/** Advisory lock namespace for the scan (the second key is the shop id). */
const SCAN_LOCK = 61_061;
/**
 * Parcels scanned this recently get their whole route re-judged (at most this many per run, the
 * most recent first). Ingestion judges every new scan as it arrives; this catches scans that
 * arrived out of order, a few runs of the job after they came in.
 */
const GEOGRAPHY_LOOKBACK_HOURS = 2;
const GEOGRAPHY_MAX_SHIPMENTS = 2000;

export interface ScanResult {
  opened: Partial<Record<ExceptionType, number>>;
  /** Open cases that received a new signal. */
  updated: number;
  autoResolved: number;
  /** Labels that became `expired` (no scan at all for the threshold). */
  expired: number;
  shipmentsChecked: number;
  /** Another scan of this shop was running (only without `wait`). */
  skipped: boolean;
}

interface Plan {
  book: CaseBook<never>;
  expired: FactRow[];
  touched: Set<number>;
}

/** Decides, for the given shipments and their open cases, what the scan would change. */
function plan(rows: readonly FactRow[], open: readonly ExistingCase[], geo: ReadonlyMap<number, { at: Date; reason: string }>, ctx: ScanContext): Plan {
  const book = new CaseBook<never>(open);
  const expired: FactRow[] = [];
  const touched = new Set<number>();
  for (const row of rows) {
    const facts = factsOf(row);
    for (const c of book.openCases(row.id)) {
      const clearing = clearingFor(c, facts, ctx);
      if (clearing && book.resolve(row.id, c.type, ctx.now, clearing)) touched.add(row.id);
    }
    const signals = timeSignals(facts, ctx);
    const g = geo.get(row.id);
    if (g) signals.push({ type: "misrouted", rule: RULES.movedAway, reason: g.reason, at: ctx.now });
    for (const s of signals) if (book.signal(row.id, s, { oncePerRule: true }) !== "unchanged") touched.add(row.id);
    if (isExpired(facts, ctx)) {
      expired.push(row);
      touched.add(row.id);
    }
  }
  return { book, expired, touched };
}

/** Recently scanned parcels whose whole scan sequence shows a move away from the destination. */
async function geographyFindings(tx: ShopScope, rows: readonly FactRow[], open: readonly ExistingCase[], now: Date): Promise<Map<number, { at: Date; reason: string }>> {
  const since = now.getTime() - GEOGRAPHY_LOOKBACK_HOURS * 3_600_000;
  const openMisroute = new Set(open.filter((c) => c.type === "misrouted").map((c) => c.shipmentId));
  const candidates = rows
    .filter((r) => r.last_scan_at && r.last_scan_at.getTime() >= since && !openMisroute.has(r.id) && r.status !== "returned_to_sender")
    .filter((r) => {
      const here = placeOf({ region: r.last_region, postalCode: r.last_postal_code, country: r.last_country });
      const dest = placeOf(destinationOf(factsOf(r)));
      return here && dest && here.key !== dest.key;
    })
    .sort((a, b) => b.last_scan_at!.getTime() - a.last_scan_at!.getTime())
    .slice(0, GEOGRAPHY_MAX_SHIPMENTS);
  const found = new Map<number, { at: Date; reason: string }>();
  if (!candidates.length) return found;
  const ids = candidates.map((r) => r.id);
  const events = await tx
    .selectFrom("tracking_events")
    .select(["shipment_id", "occurred_at", "city", "region", "postal_code", "country", "status"])
    .where("shipment_id", "=", anyId(ids))
    .where("status", "not in", ["info_received", "voided"])
    .where((eb) => eb.or([eb("substatus", "is", null), eb("substatus", "not in", ["edd_notice", "in_transit_to_next_facility"])]))
    .where((eb) => eb.or([eb("region", "is not", null), eb("postal_code", "is not", null), eb("country", "is not", null)]))
    .orderBy("shipment_id")
    .orderBy("occurred_at")
    .execute();
  const previous = await tx
    .selectFrom("cases")
    .select(["shipment_id", sql<Date>`max(last_signal_at)`.as("last")])
    .where("type", "=", "misrouted")
    .where("shipment_id", "=", anyId(ids))
    .groupBy("shipment_id")
    .execute();
  const judgedUntil = new Map(previous.map((p) => [p.shipment_id, new Date(p.last)]));
  const byShipment = new Map<number, SequenceScan[]>();
  const returning = new Set<number>();
  for (const e of events) {
    if (e.shipment_id === null || returning.has(e.shipment_id)) continue;
    // The return leg moves away from the buyer by design: stop judging there.
    if (e.status === "returned_to_sender") {
      returning.add(e.shipment_id);
      continue;
    }
    const list = byShipment.get(e.shipment_id) ?? [];
    const loc = normalizeLocation({ region: e.region, country: e.country });
    list.push({ at: e.occurred_at, city: e.city, region: loc.region, postalCode: e.postal_code, country: loc.country });
    byShipment.set(e.shipment_id, list);
  }
  for (const row of candidates) {
    const scans = byShipment.get(row.id) ?? [];
    const moves = misroutesInSequence(row.carrier_code, scans, destinationOf(factsOf(row)));
    const last = moves[moves.length - 1];
    if (!last) continue;
    const at = scans[last.index].at;
    const until = judgedUntil.get(row.id);
    if (until && until.getTime() >= at.getTime()) continue;
    const dest = placeOf(destinationOf(factsOf(row)));
    found.set(row.id, { at, reason: misrouteReason(last.verdict, dest?.key ?? "?") });
  }
  return found;
}

/**
 * One scan of one shop at `now`. Without `wait`, returns `skipped` when another instance is scanning
 * this shop; with it, waits for that scan to finish and then runs (the CLI does).
 */
export async function scanShop(scope: ShopScope, options: { now?: Date; wait?: boolean } = {}): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const result: ScanResult = { opened: {}, updated: 0, autoResolved: 0, expired: 0, shipmentsChecked: 0, skipped: false };
  return scope.transaction(async (tx) => {
    if (options.wait) {
      await sql`select pg_advisory_xact_lock(${SCAN_LOCK}::int4, ${tx.shopId}::int4)`.execute(tx.db);
    } else {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SCAN_LOCK}::int4, ${tx.shopId}::int4) as ok`.execute(tx.db);
      if (!got.rows[0]?.ok) return { ...result, skipped: true };
    }
    const shop = await tx.db.selectFrom("shops").select(["time_zone", "settings"]).where("id", "=", tx.shopId).executeTakeFirstOrThrow();
    const settings = parseShopSettings(shop.settings);
    const holidays = await tx.selectFrom("holidays").select("day").execute();
    const ctx: ScanContext = { now, timeZone: shop.time_zone, thresholds: settings.exceptions, shopHolidays: holidays.map((h) => h.day) };

    // Pass 1, no row locks: active parcels, plus finished ones that still have open cases.
    const active = await readFacts(tx, null, false);
    const open = await loadOpenCases(tx, null, { withSignalRules: true });
    const activeIds = new Set(active.map((r) => r.id));
    // Finished parcels whose open cases could still clear (damage and returns never clear by themselves).
    const others = [...new Set(open.filter((c) => !activeIds.has(c.shipmentId) && c.type !== "damaged" && c.type !== "returned_to_sender").map((c) => c.shipmentId))];
    const rows = others.length ? [...active, ...(await readFacts(tx, others, false))] : active;
    result.shipmentsChecked = rows.length;
    const geo = await geographyFindings(tx, rows, open, now);
    const first = plan(rows, open, geo, ctx);
    if (first.touched.size === 0) return result;

    // Pass 2: lock what changes, re-read, decide again on the fresh state.
    const ids = [...first.touched].sort((a, b) => a - b);
    const locked = await readFacts(tx, ids, true);
    const fresh = plan(locked, await loadOpenCases(tx, ids, { withSignalRules: true }), geo, ctx);

    if (fresh.expired.length) {
      const expiredIds = fresh.expired.map((r) => r.id);
      await tx.updateTable("shipments").set({ status: "expired", substatus: "no_scan", updated_at: now }).where("id", "=", anyId(expiredIds)).execute();
      for (const part of chunks(fresh.expired, 5000)) {
        await recordAudit(
          tx,
          part.map((r) => ({
            actorUserId: null,
            action: "shipment.expired",
            orderId: r.order_id,
            shipmentId: r.id,
            details: { summary: `No carrier scan ${settings.exceptions.expiredAfterDays} days after the label: marked expired.`, from: r.status, to: "expired" },
          })),
        );
      }
      await onParcelNews(
        tx,
        fresh.expired.map((r) => ({ shipmentId: r.id, orderId: r.order_id, statuses: [{ from: r.status, to: "expired" as const, at: now }] })),
        now,
      );
      result.expired = fresh.expired.length;
    }
    const written = await writeCaseBook(tx, fresh.book, { shipments: new Map(locked.map((r) => [r.id, caseShipment(r)])), sla: settings.sla, now });
    for (const c of written.opened) result.opened[c.type] = (result.opened[c.type] ?? 0) + 1;
    result.updated = written.appended;
    result.autoResolved = written.resolved;
    return result;
  });
}

/** Every shop, one after the other; a shop another instance is scanning is skipped this round. */
export async function scanAllShops(db: DB, now: Date = new Date()): Promise<void> {
  const shops = await db.selectFrom("shops").select("id").orderBy("id").execute();
  for (const shop of shops) await scanShop(forShop(db, shop.id), { now, wait: false });
}

export const exceptionScanJob: PeriodicJob = {
  name: "exceptions-scan",
  everyMs: 10 * 60_000,
  run: (db) => scanAllShops(db),
};

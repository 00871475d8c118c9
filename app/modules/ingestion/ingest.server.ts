// Ingestion: the one code path for tracking events, whether they come from the webhook, a file of
// scans or the simulator. One transaction per batch, set-based SQL (a handful of statements per
// batch whatever its size), idempotent by (shop, carrier, eventId):
//   1. lock the shop's shipments with these tracking numbers (FOR UPDATE, in id order: concurrent
//      batches for one parcel queue up instead of interleaving, and never deadlock);
//   2. drop events already stored; detect the carrier of events that name none (batch.ts);
//   3. fold each shipment's new events in occurred-at order (status, scans, EDD, proof) and run the
//      event-driven exception rules and auto-resolutions on the way, on a CaseBook (batch.ts);
//   4. insert the events (ON CONFLICT DO NOTHING), update shipments and orders (store.server.ts),
//      write cases, the audit log and the notification hooks (history.ts says what they read).
// Orphans (no shipment with that tracking number) are stored with shipment_id null and reported.
import { sql } from "kysely";
import type { ExceptionType, ShipmentStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import type { ExistingCase } from "../exceptions/case-book";
import { writeCaseBook } from "../exceptions/case-writer.server";
import { caseShipment } from "../exceptions/facts.server";
import { onParcelNews } from "../notifications/hooks.server";
import { parseShopSettings } from "../shops/settings";
import { overrideKey, type Overrides } from "../tracking/mapping";
import type { TrackingEvent } from "../tracking/schemas";
import { type EventSource, eventKey, foldBatch, type Prepared, prepareEvents, SHIPMENT_COLUMNS, type ShipmentRow } from "./batch";
import { auditEntry, newsOf } from "./history";
import { insertEvents, updateOrders, updateShipments } from "./store.server";

export type { EventSource } from "./batch";

export interface IngestOptions {
  source: EventSource;
  /** The time rules compare against (tests, the simulator); default: now. */
  now?: Date;
  /** The shop's row when the caller already read it (the webhook did, to check the signature). */
  shop?: { time_zone: string; settings: unknown };
}

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  /** Tracking numbers of events that matched no shipment of the shop (stored, shipment unknown). */
  orphans: string[];
}

export async function ingestEvents(scope: ShopScope, events: readonly TrackingEvent[], options: IngestOptions): Promise<IngestResult> {
  const now = options.now ?? new Date();
  const result: IngestResult = { received: events.length, stored: 0, duplicates: 0, orphans: [] };
  if (events.length === 0) return result;

  return scope.transaction(async (tx) => {
    const shop = options.shop ?? (await tx.db.selectFrom("shops").select(["time_zone", "settings"]).where("id", "=", tx.shopId).executeTakeFirstOrThrow());
    const settings = parseShopSettings(shop.settings);
    const timeZone = shop.time_zone;

    // 1-2. The shipments, locked, with their open cases; each event's carrier and shipment.
    const { shipments, openCases } = await lockShipments(tx, events);
    const { prepared, orphans } = prepareEvents(events, shipments);
    result.orphans = orphans;
    const { stored, overrides } = await storedEventsAndMappings(tx, prepared);
    const fresh = prepared.filter((p) => !stored.has(p.key));
    if (fresh.length === 0) {
      result.duplicates = result.received;
      return result;
    }

    // 3. Fold each shipment's new events; detection runs along the way.
    const { touched, outcomes, book } = foldBatch(shipments, openCases, fresh, overrides, { now, timeZone, thresholds: settings.exceptions });

    // 4. Store. Sorted so concurrent batches sharing orphan events take index locks in one order.
    fresh.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const inserted = await insertEvents(tx, fresh, options.source);
    const idOf = new Map(inserted.map((r) => [eventKey(r.carrier_code, r.event_id), r.id]));
    if (fresh.some((p) => p.shipmentId !== null && !idOf.has(p.key))) {
      // Matched shipments are locked, so only a racing delivery of the same event under another
      // tracking number can get here; the sender retries and then sees a plain duplicate.
      throw new AppError(409, "Another delivery stored some of these events at the same moment; send the batch again.");
    }
    result.stored = inserted.length;
    result.duplicates = result.received - result.stored;

    if (outcomes.length) await updateShipments(tx, outcomes, timeZone, now);
    await updateOrders(tx, outcomes, now);
    await recordAudit(tx, outcomes.flatMap((o) => auditEntry(o, options.source)));
    await writeCaseBook(tx, book, {
      shipments: new Map(touched.map((r) => [r.id, caseShipment(r)])),
      sla: settings.sla,
      eventId: (p) => idOf.get(p.key),
      now,
    });
    await onParcelNews(tx, outcomes.map(newsOf), now);
    return result;
  });
}

/** The shop's shipments with these tracking numbers, locked in id order, with their open cases. */
async function lockShipments(tx: ShopScope, events: readonly TrackingEvent[]): Promise<{ shipments: ShipmentRow[]; openCases: ExistingCase[] }> {
  const numbers = [...new Set(events.map((e) => e.trackingNumber))];
  const locked = await sql<ShipmentRow & { open_cases: { id: number; type: ExceptionType; rule: string; opened_at: string; last_signal_at: string }[] }>`
    select ${sql.join(SHIPMENT_COLUMNS.map((c) => sql.ref(`s.${c}`)))},
      (select coalesce(json_agg(json_build_object('id', c.id, 'type', c.type, 'rule', c.rule, 'opened_at', c.opened_at, 'last_signal_at', c.last_signal_at)), '[]'::json)
        from cases c where c.shop_id = s.shop_id and c.shipment_id = s.id and c.state <> 'resolved') as open_cases
    from shipments s
    where s.shop_id = ${tx.shopId} and s.tracking_number = any(${numbers}::text[])
    order by s.id
    for update of s`.execute(tx.db);
  return {
    shipments: locked.rows,
    openCases: locked.rows.flatMap((r) =>
      r.open_cases.map((c) => ({ id: c.id, shipmentId: r.id, type: c.type, rule: c.rule, openedAt: new Date(c.opened_at), lastSignalAt: new Date(c.last_signal_at) })),
    ),
  };
}

/** Which of these events are already stored, and the shop's own code mappings: one round trip. */
async function storedEventsAndMappings(tx: ShopScope, prepared: readonly Prepared[]): Promise<{ stored: Set<string>; overrides: Overrides }> {
  const carriers = [...new Set(prepared.map((p) => p.carrier))];
  const known = await sql<{ kind: "event" | "mapping"; carrier_code: string; code: string; status: ShipmentStatus | null; exception_type: ExceptionType | null }>`
    select 'event' as kind, e.carrier_code, e.event_id as code, null::text as status, null::text as exception_type
    from tracking_events e
    where e.shop_id = ${tx.shopId}
      and (e.carrier_code, e.event_id) in (select * from unnest(${prepared.map((p) => p.carrier)}::text[], ${prepared.map((p) => p.eventId)}::text[]))
    union all
    select 'mapping', m.carrier_code, m.raw_code, m.status, m.exception_type
    from code_mappings m
    where m.shop_id = ${tx.shopId} and m.carrier_code = any(${carriers}::text[])`.execute(tx.db);
  return {
    stored: new Set(known.rows.filter((r) => r.kind === "event").map((r) => eventKey(r.carrier_code, r.code))),
    // Per-shop overrides win over the built-in tables.
    overrides: new Map(
      known.rows.filter((r) => r.kind === "mapping").map((o) => [overrideKey(o.carrier_code, o.code), { status: o.status!, exceptionType: o.exception_type ?? null }]),
    ),
  };
}

// Ingestion: the one code path for tracking events, whether they come from the webhook, a file of
// scans or the simulator. One transaction per batch, set-based SQL (a handful of statements per
// batch whatever its size), idempotent by (shop, carrier, eventId):
//   1. lock the shop's shipments with these tracking numbers (FOR UPDATE, in id order: concurrent
//      batches for one parcel queue up instead of interleaving, and never deadlock);
//   2. drop events already stored; detect the carrier of events that name none;
//   3. fold each shipment's new events in occurred-at order (status, scans, EDD, proof) and run the
//      event-driven exception rules and auto-resolutions on the way (a CaseBook);
//   4. insert the events (ON CONFLICT DO NOTHING), update shipments and orders, write cases, the
//      audit log and the notification hooks.
// Orphans (no shipment with that tracking number) are stored with shipment_id null and reported.
import { sql } from "kysely";
import type { ExceptionType, ShipmentStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { type AuditEntry, recordAudit } from "../audit/audit.server";
import { localDay } from "../carriers/business-days";
import { carrierName } from "../carriers/registry";
import { detectCarrier } from "../carriers/tracking-numbers";
import { CaseBook, type ExistingCase } from "../exceptions/case-book";
import { type CaseShipment, writeCaseBook } from "../exceptions/cases.server";
import { detectEventExceptions } from "../exceptions/detect.server";
import { onParcelNews, type ParcelNews } from "../notifications/hooks.server";
import { parseShopSettings } from "../shops/settings";
import { STATUS_LABELS } from "../vocabulary/shipments";
import { type MappingContext, type NormalizedEvent, normalizeEvent, overrideKey, type Overrides } from "../tracking/mapping";
import type { TrackingEvent } from "../tracking/schemas";
import { type Effect, foldEvents, type TrackingState } from "../tracking/status";

export type EventSource = "webhook" | "file" | "simulator";

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

const SHIPMENT_COLUMNS = [
  "id",
  "order_id",
  "carrier_code",
  "service_code",
  "tracking_number",
  "status",
  "substatus",
  "dest_region",
  "dest_postal_code",
  "dest_country",
  "label_created_at",
  "created_at",
  "shipped_at",
  "delivered_at",
  "edd_current",
  "proof_type",
  "proof_signed_by",
  "proof_photo_url",
  "last_event_at",
  "last_scan_at",
  "last_region",
  "last_postal_code",
  "last_country",
  "events_count",
] as const;

interface Prepared {
  key: string;
  eventId: string;
  carrier: string;
  trackingNumber: string;
  shipmentId: number | null;
  occurredAt: Date;
  utcOffset: string;
  code: string;
  description: string;
  location: TrackingEvent["location"];
  proof: TrackingEvent["proof"];
  normalized?: NormalizedEvent;
}

const eventKey = (carrier: string, eventId: string) => `${carrier}\u0000${eventId}`;

type ShipmentRow = {
  id: number;
  order_id: number;
  carrier_code: string;
  service_code: string | null;
  tracking_number: string;
  status: ShipmentStatus;
  substatus: string | null;
  dest_region: string | null;
  dest_postal_code: string | null;
  dest_country: string | null;
  label_created_at: Date | null;
  created_at: Date;
  shipped_at: Date | null;
  delivered_at: Date | null;
  edd_current: string | null;
  proof_type: "signature" | "photo" | null;
  proof_signed_by: string | null;
  proof_photo_url: string | null;
  last_event_at: Date | null;
  last_scan_at: Date | null;
  last_region: string | null;
  last_postal_code: string | null;
  last_country: string | null;
  events_count: number;
};

function stateOf(row: ShipmentRow): TrackingState {
  return {
    status: row.status,
    substatus: row.substatus,
    lastEventAt: row.last_event_at,
    lastScanAt: row.last_scan_at,
    lastRegion: row.last_region,
    lastPostalCode: row.last_postal_code,
    lastCountry: row.last_country,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    eddCurrent: row.edd_current,
    proof: row.proof_type ? { type: row.proof_type, signedBy: row.proof_signed_by, photoUrl: row.proof_photo_url } : null,
    eventsCount: row.events_count,
  };
}

interface ShipmentOutcome {
  row: ShipmentRow;
  state: TrackingState;
  effects: Effect[];
  last: Prepared;
  added: number;
}

export async function ingestEvents(scope: ShopScope, events: readonly TrackingEvent[], options: IngestOptions): Promise<IngestResult> {
  const now = options.now ?? new Date();
  const result: IngestResult = { received: events.length, stored: 0, duplicates: 0, orphans: [] };
  if (events.length === 0) return result;

  return scope.transaction(async (tx) => {
    const shop = options.shop ?? (await tx.db.selectFrom("shops").select(["time_zone", "settings"]).where("id", "=", tx.shopId).executeTakeFirstOrThrow());
    const settings = parseShopSettings(shop.settings);
    const timeZone = shop.time_zone;

    // 1. The shipments these events are about, locked, with their open cases.
    const numbers = [...new Set(events.map((e) => e.trackingNumber))];
    const locked = await sql<ShipmentRow & { open_cases: { id: number; type: ExceptionType; rule: string; opened_at: string; last_signal_at: string }[] }>`
      select ${sql.join(SHIPMENT_COLUMNS.map((c) => sql.ref(`s.${c}`)))},
        (select coalesce(json_agg(json_build_object('id', c.id, 'type', c.type, 'rule', c.rule, 'opened_at', c.opened_at, 'last_signal_at', c.last_signal_at)), '[]'::json)
          from cases c where c.shop_id = s.shop_id and c.shipment_id = s.id and c.state <> 'resolved') as open_cases
      from shipments s
      where s.shop_id = ${tx.shopId} and s.tracking_number = any(${numbers}::text[])
      order by s.id
      for update of s`.execute(tx.db);
    const shipments: ShipmentRow[] = locked.rows;
    const openCases: ExistingCase[] = locked.rows.flatMap((r) =>
      r.open_cases.map((c) => ({ id: c.id, shipmentId: r.id, type: c.type, rule: c.rule, openedAt: new Date(c.opened_at), lastSignalAt: new Date(c.last_signal_at) })),
    );
    const byNumber = new Map<string, ShipmentRow[]>();
    for (const s of shipments) byNumber.set(s.tracking_number, [...(byNumber.get(s.tracking_number) ?? []), s]);

    // 2. Carrier and shipment of each event; one copy of each (carrier, eventId).
    const prepared: Prepared[] = [];
    const seen = new Set<string>();
    const orphans = new Set<string>();
    for (const e of events) {
      const candidates = byNumber.get(e.trackingNumber) ?? [];
      const shipment = e.carrier ? candidates.find((s) => s.carrier_code === e.carrier) : (candidates.find((s) => s.status !== "voided") ?? candidates[0]);
      const carrier = e.carrier ?? shipment?.carrier_code ?? detectCarrier(e.trackingNumber);
      if (!shipment) orphans.add(e.trackingNumber);
      const key = eventKey(carrier, e.eventId);
      if (seen.has(key)) continue;
      seen.add(key);
      prepared.push({
        key,
        eventId: e.eventId,
        carrier,
        trackingNumber: e.trackingNumber,
        shipmentId: shipment?.id ?? null,
        occurredAt: e.occurredAt.at,
        utcOffset: e.occurredAt.offset,
        code: e.code,
        description: e.description,
        location: e.location,
        proof: e.proof,
      });
    }
    result.orphans = [...orphans];

    // 2b. Which of these events are already stored, and the shop's own code mappings: one round trip.
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
    const already = new Set(known.rows.filter((r) => r.kind === "event").map((r) => eventKey(r.carrier_code, r.code)));
    const fresh = prepared.filter((p) => !already.has(p.key));
    if (fresh.length === 0) {
      result.duplicates = result.received;
      return result;
    }
    // Per-shop overrides win over the built-in tables.
    const overrides: Overrides = new Map(
      known.rows.filter((r) => r.kind === "mapping").map((o) => [overrideKey(o.carrier_code, o.code), { status: o.status!, exceptionType: o.exception_type ?? null }]),
    );
    const normalize = (p: Prepared, context: MappingContext) =>
      normalizeEvent(
        { carrier: p.carrier, code: p.code, description: p.description, hasLocation: Boolean(p.location.city || p.location.region || p.location.postalCode || p.location.facility) },
        context,
        overrides,
      );

    // 3. Fold each shipment's new events; detection runs along the way.
    const touched = shipments.filter((s) => fresh.some((p) => p.shipmentId === s.id));
    const book = new CaseBook<Prepared>(openCases.filter((c) => touched.some((t) => t.id === c.shipmentId)));
    const outcomes: ShipmentOutcome[] = [];
    for (const row of touched) {
      const mine = fresh.filter((p) => p.shipmentId === row.id);
      const { state, steps } = foldEvents(stateOf(row), mine, normalize);
      for (const step of steps) step.event.normalized = step.normalized;
      detectEventExceptions(
        book,
        {
          id: row.id,
          carrierCode: row.carrier_code,
          serviceCode: row.service_code,
          destRegion: row.dest_region,
          destPostalCode: row.dest_postal_code,
          destCountry: row.dest_country,
          labelCreatedAt: row.label_created_at ?? row.created_at,
        },
        steps,
        { now, timeZone, thresholds: settings.exceptions },
      );
      outcomes.push({ row, state, effects: steps.flatMap((s) => s.effects), last: steps[steps.length - 1].event, added: mine.length });
    }
    for (const p of fresh) if (!p.normalized) p.normalized = normalize(p, { returning: false });

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

    if (outcomes.length) await updateShipments(tx, outcomes, timeZone);
    await updateOrders(tx, outcomes);
    await recordAudit(tx, outcomes.flatMap((o) => auditEntry(o, options.source)));
    await writeCaseBook(tx, book, {
      shipments: new Map(touched.map((r) => [r.id, caseShipmentOf(r)] as [number, CaseShipment])),
      sla: settings.sla,
      eventId: (p) => idOf.get(p.key),
    });
    await onParcelNews(tx, outcomes.map(newsOf));
    return result;
  });
}

function caseShipmentOf(r: ShipmentRow): CaseShipment {
  return { id: r.id, orderId: r.order_id, carrierCode: r.carrier_code, destRegion: r.dest_region, destCountry: r.dest_country };
}

async function insertEvents(tx: ShopScope, rows: readonly Prepared[], source: EventSource) {
  const col = <T>(f: (p: Prepared) => T) => rows.map(f);
  const result = await sql<{ id: number; carrier_code: string; event_id: string }>`
    insert into tracking_events (shop_id, shipment_id, carrier_code, event_id, tracking_number, occurred_at, utc_offset, raw_code,
      description, city, region, postal_code, country, facility, proof, status, substatus, exception_type, mapping_rule, unmapped, source)
    select ${tx.shopId}, v.shipment_id, v.carrier_code, v.event_id, v.tracking_number, v.occurred_at, v.utc_offset, v.raw_code,
      v.description, v.city, v.region, v.postal_code, v.country, v.facility, v.proof::jsonb, v.status, v.substatus, v.exception_type,
      v.mapping_rule, v.unmapped, ${source}
    from unnest(${col((p) => p.shipmentId)}::int8[], ${col((p) => p.carrier)}::text[], ${col((p) => p.eventId)}::text[],
      ${col((p) => p.trackingNumber)}::text[], ${col((p) => p.occurredAt)}::timestamptz[], ${col((p) => p.utcOffset)}::text[],
      ${col((p) => p.code)}::text[], ${col((p) => p.description)}::text[], ${col((p) => p.location.city)}::text[],
      ${col((p) => p.location.region)}::text[], ${col((p) => p.location.postalCode)}::text[], ${col((p) => p.location.country)}::text[],
      ${col((p) => p.location.facility)}::text[], ${col((p) => (p.proof ? JSON.stringify(p.proof) : null))}::text[],
      ${col((p) => p.normalized!.status)}::text[], ${col((p) => p.normalized!.substatus)}::text[],
      ${col((p) => p.normalized!.exceptions[0] ?? null)}::text[], ${col((p) => p.normalized!.rule)}::text[],
      ${col((p) => p.normalized!.unmapped)}::bool[])
      as v(shipment_id, carrier_code, event_id, tracking_number, occurred_at, utc_offset, raw_code, description, city, region,
        postal_code, country, facility, proof, status, substatus, exception_type, mapping_rule, unmapped)
    on conflict (shop_id, carrier_code, event_id) do nothing
    returning id, carrier_code, event_id`.execute(tx.db);
  return result.rows;
}

async function updateShipments(tx: ShopScope, outcomes: readonly ShipmentOutcome[], timeZone: string): Promise<void> {
  const col = <T>(f: (o: ShipmentOutcome) => T) => outcomes.map(f);
  const voidedAt = (o: ShipmentOutcome) => o.effects.find((e) => e.kind === "voided")?.at ?? null;
  await sql`
    update shipments s set status = v.status, substatus = v.substatus, shipped_at = v.shipped_at, ship_day = v.ship_day,
      delivered_at = v.delivered_at, delivered_day = v.delivered_day, edd_current = v.edd_current, proof_type = v.proof_type,
      proof_signed_by = v.proof_signed_by, proof_photo_url = v.proof_photo_url, last_event_at = v.last_event_at,
      last_scan_at = v.last_scan_at, last_region = v.last_region, last_postal_code = v.last_postal_code,
      last_country = v.last_country, events_count = v.events_count, voided_at = coalesce(s.voided_at, v.voided_at),
      void_reason = coalesce(s.void_reason, v.void_reason), updated_at = now()
    from unnest(${col((o) => o.row.id)}::int8[], ${col((o) => o.state.status)}::text[], ${col((o) => o.state.substatus)}::text[],
      ${col((o) => o.state.shippedAt)}::timestamptz[], ${col((o) => (o.state.shippedAt ? localDay(o.state.shippedAt, timeZone) : null))}::date[],
      ${col((o) => o.state.deliveredAt)}::timestamptz[], ${col((o) => (o.state.deliveredAt ? localDay(o.state.deliveredAt, timeZone) : null))}::date[],
      ${col((o) => o.state.eddCurrent)}::date[], ${col((o) => o.state.proof?.type ?? null)}::text[],
      ${col((o) => o.state.proof?.signedBy ?? null)}::text[], ${col((o) => o.state.proof?.photoUrl ?? null)}::text[],
      ${col((o) => o.state.lastEventAt)}::timestamptz[], ${col((o) => o.state.lastScanAt)}::timestamptz[],
      ${col((o) => o.state.lastRegion)}::text[], ${col((o) => o.state.lastPostalCode)}::text[], ${col((o) => o.state.lastCountry)}::text[],
      ${col((o) => o.state.eventsCount)}::int4[], ${col(voidedAt)}::timestamptz[],
      ${col((o) => (voidedAt(o) ? `Voided by the carrier (${carrierName(o.row.carrier_code)} ${o.last.code})` : null))}::text[])
      as v(id, status, substatus, shipped_at, ship_day, delivered_at, delivered_day, edd_current, proof_type, proof_signed_by,
        proof_photo_url, last_event_at, last_scan_at, last_region, last_postal_code, last_country, events_count, voided_at, void_reason)
    where s.shop_id = ${tx.shopId} and s.id = v.id`.execute(tx.db);
}

/** The order follows its parcel: shipped at the first scan, delivered at delivery. */
async function updateOrders(tx: ShopScope, outcomes: readonly ShipmentOutcome[]): Promise<void> {
  const shipped = outcomes.filter((o) => o.effects.some((e) => e.kind === "shipped")).map((o) => o.row.order_id);
  const delivered = outcomes.filter((o) => o.state.status === "delivered").map((o) => o.row.order_id);
  if (!shipped.length && !delivered.length) return;
  // One statement: to_ship -> shipped at the first scan; to_ship or shipped -> delivered.
  await sql`
    update orders set status = case when id = any(${delivered}::int8[]) then 'delivered' else 'shipped' end, updated_at = now()
    where shop_id = ${tx.shopId} and id = any(${[...shipped, ...delivered]}::int8[])
      and (status = 'to_ship' or (status = 'shipped' and id = any(${delivered}::int8[])))`.execute(tx.db);
}

function auditEntry(o: ShipmentOutcome, source: EventSource): AuditEntry[] {
  const changes = o.effects.filter((e): e is Extract<Effect, { kind: "status" }> => e.kind === "status");
  const edd = o.state.eddCurrent !== o.row.edd_current ? { from: o.row.edd_current, to: o.state.eddCurrent } : null;
  if (!changes.length && !edd) return [];
  const path = changes.length ? [changes[0].from, ...changes.map((c) => c.to)].map((s) => STATUS_LABELS[s]).join(" → ") : null;
  const place = [o.last.location.city, o.last.location.region].filter(Boolean).join(", ");
  const lastCode = `${carrierName(o.row.carrier_code)} ${o.last.code || o.last.description}`.trim();
  const parts = [
    path ? `Tracking: ${path} (${lastCode}${place ? `, ${place}` : ""})` : null,
    edd ? `EDD ${edd.from ? `moved from ${edd.from} to ${edd.to}` : `set to ${edd.to}`}` : null,
  ].filter(Boolean);
  return [
    {
      actorUserId: null,
      action: changes.length ? "shipment.status_changed" : "shipment.edd_revised",
      orderId: o.row.order_id,
      shipmentId: o.row.id,
      details: {
        summary: `${parts.join("; ")}.`,
        from: o.row.status,
        to: o.state.status,
        eddFrom: edd?.from ?? null,
        eddTo: edd?.to ?? null,
        events: o.added,
        source,
      },
    },
  ];
}

/** What the batch did to one parcel, for the buyer notifications. */
function newsOf(o: ShipmentOutcome): ParcelNews {
  const shipped = o.effects.find((e) => e.kind === "shipped");
  const from = o.row.edd_current;
  const to = o.state.eddCurrent;
  return {
    shipmentId: o.row.id,
    orderId: o.row.order_id,
    shippedAt: shipped?.at,
    statuses: o.effects.filter((e): e is Extract<Effect, { kind: "status" }> => e.kind === "status"),
    eddSlip: from && to && to > from ? { from, to } : undefined,
  };
}

// One batch of tracking events, worked out in memory before anything is written (pure): which
// shipment and carrier each event belongs to, one copy of each (carrier, eventId), then each
// shipment's new events folded in occurred-at order (status, scans, EDD, proof), with the
// event-driven exception rules run along the way on a CaseBook.
import type { ShipmentStatus } from "../../../db/types";
import { detectCarrier } from "../carriers/tracking-numbers";
import { CaseBook, type ExistingCase } from "../exceptions/case-book";
import { detectEventExceptions } from "../exceptions/detect";
import type { ScanContext } from "../exceptions/rules";
import { type MappingContext, type NormalizedEvent, normalizeEvent, type Overrides } from "../tracking/mapping";
import type { TrackingEvent } from "../tracking/schemas";
import { type Effect, foldEvents, type TrackingState } from "../tracking/status";

/** Where a batch came from (stored on each event). */
export type EventSource = "webhook" | "file" | "simulator";

/** The shipment columns ingestion locks and folds events into. */
export const SHIPMENT_COLUMNS = [
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

export type ShipmentRow = {
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

export interface Prepared {
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

export const eventKey = (carrier: string, eventId: string) => `${carrier}\u0000${eventId}`;

/**
 * The carrier and shipment of each event, one copy of each (carrier, eventId): a named carrier picks
 * that carrier's shipment; otherwise the live shipment with that number, else the carrier its format
 * says. Tracking numbers that match no shipment of the shop are the orphans (stored all the same).
 */
export function prepareEvents(events: readonly TrackingEvent[], shipments: readonly ShipmentRow[]): { prepared: Prepared[]; orphans: string[] } {
  const byNumber = new Map<string, ShipmentRow[]>();
  for (const s of shipments) byNumber.set(s.tracking_number, [...(byNumber.get(s.tracking_number) ?? []), s]);
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
  return { prepared, orphans: [...orphans] };
}

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

export interface ShipmentOutcome {
  row: ShipmentRow;
  state: TrackingState;
  effects: Effect[];
  last: Prepared;
  added: number;
}

export interface FoldedBatch {
  /** The shipments that received new events. */
  touched: ShipmentRow[];
  outcomes: ShipmentOutcome[];
  /** Cases to open, append to and resolve, with the event behind each signal. */
  book: CaseBook<Prepared>;
}

/**
 * Folds each shipment's new events into its state and runs detection along the way. Sets every
 * fresh event's `normalized` (events of unknown shipments are normalized on their own).
 */
export function foldBatch(
  shipments: readonly ShipmentRow[],
  openCases: readonly ExistingCase[],
  fresh: readonly Prepared[],
  overrides: Overrides,
  ctx: Pick<ScanContext, "now" | "timeZone" | "thresholds">,
): FoldedBatch {
  const normalize = (p: Prepared, context: MappingContext) =>
    normalizeEvent(
      { carrier: p.carrier, code: p.code, description: p.description, hasLocation: Boolean(p.location.city || p.location.region || p.location.postalCode || p.location.facility) },
      context,
      overrides,
    );
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
      ctx,
    );
    outcomes.push({ row, state, effects: steps.flatMap((s) => s.effects), last: steps[steps.length - 1].event, added: mine.length });
  }
  for (const p of fresh) if (!p.normalized) p.normalized = normalize(p, { returning: false });
  return { touched, outcomes, book };
}

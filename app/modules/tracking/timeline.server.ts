// A shipment's timeline as the pages show it (case view, order page, buyer page): every stored event
// newest first with its local time, normalized status, raw code, location and the mapping rule, and
// the exception rules that fired on it (case signals), plus the shipment's summary. Plain JSON.
import type { ExceptionType, ShipmentStatus } from "../../../db/types";
import { notFound } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { carrierName, serviceName, trackingUrl } from "../carriers/registry";
import { STATUS_LABELS } from "../vocabulary/shipments";
import { formatScanTime, scanIso } from "./scan-time";

export interface TimelineSignal {
  caseId: number;
  type: ExceptionType;
  rule: string;
  reason: string;
  at: string;
  /** "Mar 4, 4:35 PM" in the shop's time zone. */
  atLabel: string;
  eventId: number | null;
}

export interface TimelineEvent {
  id: number;
  occurredAt: string;
  /** ISO 8601 in the scan's own offset. */
  localIso: string;
  /** "Fri, Nov 20, 2:12 PM (UTC−05:00)". */
  localTime: string;
  status: ShipmentStatus;
  statusLabel: string;
  substatus: string | null;
  rawCode: string;
  description: string;
  place: string;
  location: { city: string | null; region: string | null; postalCode: string | null; country: string | null; facility: string | null };
  mappingRule: string;
  unmapped: boolean;
  exceptionType: string | null;
  proof: { type: string; signedBy?: string | null; photoUrl?: string | null } | null;
  source: string;
  signals: TimelineSignal[];
}

export interface ShipmentTimeline {
  shipment: {
    id: number;
    orderId: number;
    trackingNumber: string;
    carrierCode: string;
    carrierName: string;
    serviceName: string;
    trackingUrl: string | null;
    status: ShipmentStatus;
    statusLabel: string;
    substatus: string | null;
    eddOriginal: string | null;
    eddCurrent: string | null;
    shippedAt: string | null;
    deliveredAt: string | null;
    lastScanAt: string | null;
    proof: { type: string; signedBy: string | null; photoUrl: string | null } | null;
    eventsCount: number;
  };
  events: TimelineEvent[];
  /** Rule firings not tied to an event (time-driven rules: stalled, delayed, not picked up). */
  ruleSignals: TimelineSignal[];
}

export function placeOfEvent(loc: { city: string | null; region: string | null; country: string | null; facility?: string | null }): string {
  const parts = [loc.city, loc.region, loc.country && loc.country !== "US" ? loc.country : null].filter(Boolean);
  return parts.join(", ") || loc.facility || "";
}

/**
 * The timeline of one shipment of the scope's shop (404 for another shop's). `timeZone` (the shop's)
 * formats the times of rule firings; scans are shown in their own local time.
 */
export async function shipmentTimeline(scope: ShopScope, shipmentId: number, options: { limit?: number; timeZone?: string } = {}): Promise<ShipmentTimeline> {
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone: options.timeZone ?? "UTC", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
  const s = await scope
    .selectFrom("shipments")
    .select([
      "id",
      "order_id",
      "tracking_number",
      "carrier_code",
      "service_code",
      "status",
      "substatus",
      "edd_original",
      "edd_current",
      "shipped_at",
      "delivered_at",
      "last_scan_at",
      "proof_type",
      "proof_signed_by",
      "proof_photo_url",
      "events_count",
    ])
    .where("id", "=", shipmentId)
    .executeTakeFirst();
  if (!s) throw notFound("That shipment");
  const events = await scope
    .selectFrom("tracking_events")
    .select([
      "id",
      "occurred_at",
      "utc_offset",
      "status",
      "substatus",
      "raw_code",
      "description",
      "city",
      "region",
      "postal_code",
      "country",
      "facility",
      "mapping_rule",
      "unmapped",
      "exception_type",
      "proof",
      "source",
    ])
    .where("shipment_id", "=", shipmentId)
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit ?? 500)
    .execute();
  const signals = await scope
    .selectFrom("case_signals")
    .innerJoin("cases", (j) => j.onRef("cases.id", "=", "case_signals.case_id").onRef("cases.shop_id", "=", "case_signals.shop_id"))
    .select(["case_signals.case_id", "cases.type", "case_signals.rule", "case_signals.reason", "case_signals.at", "case_signals.event_id"])
    .where("cases.shipment_id", "=", shipmentId)
    .orderBy("case_signals.at", "desc")
    .execute();
  const toSignal = (x: (typeof signals)[number]): TimelineSignal => ({
    caseId: x.case_id,
    type: x.type,
    rule: x.rule,
    reason: x.reason,
    at: x.at.toISOString(),
    atLabel: fmt.format(x.at),
    eventId: x.event_id,
  });
  const byEvent = new Map<number, TimelineSignal[]>();
  const ruleSignals: TimelineSignal[] = [];
  for (const x of signals) {
    if (x.event_id === null) ruleSignals.push(toSignal(x));
    else byEvent.set(x.event_id, [...(byEvent.get(x.event_id) ?? []), toSignal(x)]);
  }
  return {
    shipment: {
      id: s.id,
      orderId: s.order_id,
      trackingNumber: s.tracking_number,
      carrierCode: s.carrier_code,
      carrierName: carrierName(s.carrier_code),
      serviceName: serviceName(s.carrier_code, s.service_code),
      trackingUrl: trackingUrl(s.carrier_code, s.tracking_number),
      status: s.status,
      statusLabel: STATUS_LABELS[s.status],
      substatus: s.substatus,
      eddOriginal: s.edd_original,
      eddCurrent: s.edd_current,
      shippedAt: s.shipped_at?.toISOString() ?? null,
      deliveredAt: s.delivered_at?.toISOString() ?? null,
      lastScanAt: s.last_scan_at?.toISOString() ?? null,
      proof: s.proof_type ? { type: s.proof_type, signedBy: s.proof_signed_by, photoUrl: s.proof_photo_url } : null,
      eventsCount: s.events_count,
    },
    events: events.map((e) => {
      const location = { city: e.city, region: e.region, postalCode: e.postal_code, country: e.country, facility: e.facility };
      return {
        id: e.id,
        occurredAt: e.occurred_at.toISOString(),
        localIso: scanIso(e.occurred_at, e.utc_offset),
        localTime: formatScanTime(e.occurred_at, e.utc_offset),
        status: e.status,
        statusLabel: STATUS_LABELS[e.status],
        substatus: e.substatus,
        rawCode: e.raw_code,
        description: e.description,
        place: placeOfEvent(location),
        location,
        mappingRule: e.mapping_rule,
        unmapped: e.unmapped,
        exceptionType: e.exception_type,
        proof: e.proof,
        source: e.source,
        signals: byEvent.get(e.id) ?? [],
      };
    }),
    ruleSignals,
  };
}

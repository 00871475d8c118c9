// What an ingested batch tells people: one line in each order's history per parcel whose status or
// EDD moved ("Tracking: In transit → Delivered (UPS KB, Austin, TX)"), and the parcel news the
// notifications module turns into buyer messages. Pure.
import type { AuditEntry } from "../audit/audit.server";
import { carrierName } from "../carriers/registry";
import type { ParcelNews } from "../notifications/hooks.server";
import type { Effect } from "../tracking/status";
import { STATUS_LABELS } from "../vocabulary/shipments";
import type { EventSource, ShipmentOutcome } from "./batch";

export function auditEntry(o: ShipmentOutcome, source: EventSource): AuditEntry[] {
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
export function newsOf(o: ShipmentOutcome): ParcelNews {
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

// Writing an ingested batch, set-based (one statement each whatever the batch size): the events
// (ON CONFLICT DO NOTHING on (shop, carrier, eventId)), the shipments' new state, and the orders
// that follow their parcels. Run inside ingestion's transaction, shipments already locked.
import { sql } from "kysely";
import type { ShopScope } from "../../lib/tenancy.server";
import { localDay } from "../carriers/business-days";
import { carrierName } from "../carriers/registry";
import type { EventSource, Prepared, ShipmentOutcome } from "./batch";

export async function insertEvents(tx: ShopScope, rows: readonly Prepared[], source: EventSource) {
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

export async function updateShipments(tx: ShopScope, outcomes: readonly ShipmentOutcome[], timeZone: string, now: Date): Promise<void> {
  const col = <T>(f: (o: ShipmentOutcome) => T) => outcomes.map(f);
  const voidedAt = (o: ShipmentOutcome) => o.effects.find((e) => e.kind === "voided")?.at ?? null;
  await sql`
    update shipments s set status = v.status, substatus = v.substatus, shipped_at = v.shipped_at, ship_day = v.ship_day,
      delivered_at = v.delivered_at, delivered_day = v.delivered_day, edd_current = v.edd_current, proof_type = v.proof_type,
      proof_signed_by = v.proof_signed_by, proof_photo_url = v.proof_photo_url, last_event_at = v.last_event_at,
      last_scan_at = v.last_scan_at, last_region = v.last_region, last_postal_code = v.last_postal_code,
      last_country = v.last_country, events_count = v.events_count, voided_at = coalesce(s.voided_at, v.voided_at),
      void_reason = coalesce(s.void_reason, v.void_reason), updated_at = ${now}
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
export async function updateOrders(tx: ShopScope, outcomes: readonly ShipmentOutcome[], now: Date): Promise<void> {
  const shipped = outcomes.filter((o) => o.effects.some((e) => e.kind === "shipped")).map((o) => o.row.order_id);
  const delivered = outcomes.filter((o) => o.state.status === "delivered").map((o) => o.row.order_id);
  if (!shipped.length && !delivered.length) return;
  // One statement: to_ship -> shipped at the first scan; to_ship or shipped -> delivered.
  await sql`
    update orders set status = case when id = any(${delivered}::int8[]) then 'delivered' else 'shipped' end, updated_at = ${now}
    where shop_id = ${tx.shopId} and id = any(${[...shipped, ...delivered]}::int8[])
      and (status = 'to_ship' or (status = 'shipped' and id = any(${delivered}::int8[])))`.execute(tx.db);
}


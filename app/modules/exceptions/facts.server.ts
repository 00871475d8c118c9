// The shipment facts the exception rules judge (status, scans, dates, destination and last place),
// read from the shipments table: by id (optionally locked, in id order, as ingestion locks them) or
// every parcel still in flight (the scan).
import type { ShipmentStatus } from "../../../db/types";
import { anyId } from "../../lib/db.server";
import type { ShopScope } from "../../lib/tenancy.server";
import type { CaseShipment } from "./case-writer.server";
import type { ShipmentFacts } from "./rules";

const FACT_COLUMNS = [
  "id",
  "order_id",
  "status",
  "substatus",
  "carrier_code",
  "service_code",
  "dest_region",
  "dest_postal_code",
  "dest_country",
  "label_created_at",
  "created_at",
  "last_scan_at",
  "shipped_at",
  "delivered_at",
  "edd_current",
  "last_region",
  "last_postal_code",
  "last_country",
] as const;

export interface FactRow {
  id: number;
  order_id: number;
  status: ShipmentStatus;
  substatus: string | null;
  carrier_code: string;
  service_code: string | null;
  dest_region: string | null;
  dest_postal_code: string | null;
  dest_country: string | null;
  label_created_at: Date | null;
  created_at: Date;
  last_scan_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  edd_current: string | null;
  last_region: string | null;
  last_postal_code: string | null;
  last_country: string | null;
}

export function factsOf(row: FactRow): ShipmentFacts {
  return {
    carrierCode: row.carrier_code,
    serviceCode: row.service_code,
    destRegion: row.dest_region,
    destPostalCode: row.dest_postal_code,
    destCountry: row.dest_country,
    status: row.status,
    substatus: row.substatus,
    labelCreatedAt: row.label_created_at ?? row.created_at,
    lastScanAt: row.last_scan_at,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    eddCurrent: row.edd_current,
  };
}

/** What a case copies from its shipment row. */
export function caseShipment(row: Pick<FactRow, "id" | "order_id" | "carrier_code" | "dest_region" | "dest_country">): CaseShipment {
  return { id: row.id, orderId: row.order_id, carrierCode: row.carrier_code, destRegion: row.dest_region, destCountry: row.dest_country };
}

export async function readFacts(scope: ShopScope, ids: readonly number[] | null, lock: boolean): Promise<FactRow[]> {
  let q = scope.selectFrom("shipments").select(FACT_COLUMNS);
  q = ids ? q.where("id", "=", anyId(ids)) : q.where("status", "not in", ["delivered", "returned_to_sender", "voided", "expired"]);
  if (lock) q = q.orderBy("id").forUpdate();
  return (await q.execute()) as FactRow[];
}

// The public tracking page's data for one located parcel (locate.server.ts decides which parcel a
// buyer means); everything here reads through that parcel's shop's ShopScope.
//
// Privacy model (README has the long form):
// - Without verification the page shows only what the carrier's own tracking site shows for the
//   number: carrier, service, status, EDD and the scans at city level. No shop, order, name,
//   street, postal code, signer or photo.
// - An unknown number, a voided label's number and a known number the carrier has not scanned yet
//   all get the same "no tracking information yet" answer, byte for byte apart from the number.
// - The buyer's name, street, the order and how to reach the seller appear only after the buyer
//   types the destination postal code (checked in locate.server.ts, remembered in a short-lived signed cookie for
//   that one tracking number).
import type { ShipmentStatus, TrackingProof } from "../../../db/types";
import type { Queryable } from "../../lib/db.server";
import { httpUrlOrNull } from "../../lib/safe-url";
import { forShop } from "../../lib/tenancy.server";
import { localDay } from "../carriers/business-days";
import { carrierName, serviceName, trackingUrl } from "../carriers/registry";
import { formatDay } from "../notifications/templates";
import { getShop } from "../shops/shops.server";
import { parseShopSettings } from "../shops/settings";
import type { LocatedShipment } from "./locate.server";
import {
  buyerIssue,
  type Guidance,
  GUIDANCE,
  locationLine,
  type Progress,
  progressOf,
  publicScanWords,
  scanLocalTime,
  STATUS_LABELS,
  statusHeadline,
  type Tone,
} from "./presentation";

export interface PublicEvent {
  day: string;
  time: string;
  /** ISO instant, for re-rendering in the browser's time zone. */
  at: string;
  description: string;
  statusLabel: string;
  location: string;
  problem: boolean;
}

export interface PrivateDetails {
  orderId: string;
  shopName: string;
  supportEmail: string | null;
  buyerName: string;
  addressLines: string[];
  signedBy: string | null;
  photoUrl: string | null;
}

export type PublicTracking =
  | { kind: "none"; trackingNumber: string }
  | {
      kind: "tracking";
      trackingNumber: string;
      carrier: string;
      service: string;
      carrierUrl: string | null;
      status: ShipmentStatus;
      headline: string;
      tone: Tone;
      progress: Progress;
      /** Formatted days; `originalEdd` only when the EDD slipped. */
      edd: string | null;
      originalEdd: string | null;
      deliveredOn: string | null;
      proof: TrackingProof["type"] | null;
      issue: (Guidance & { kind: string }) | null;
      events: PublicEvent[];
      verified: boolean;
      details: PrivateDetails | null;
    };

const EVENT_LIMIT = 200;

/** The page for a located shipment; `verified` decides whether personal details are included. */
export async function publicTracking(
  db: Queryable,
  trackingNumber: string,
  located: LocatedShipment | null,
  options: { verified: boolean; now?: Date },
): Promise<PublicTracking> {
  const none = { kind: "none" as const, trackingNumber };
  if (!located) return none;
  const scope = forShop(db, located.shopId);
  const shipment = await scope
    .selectFrom("shipments")
    .innerJoin("orders", (j) => j.onRef("orders.id", "=", "shipments.order_id").onRef("orders.shop_id", "=", "shipments.shop_id"))
    .select([
      "shipments.carrier_code",
      "shipments.service_code",
      "shipments.status",
      "shipments.edd_original",
      "shipments.edd_current",
      "shipments.delivered_at",
      "shipments.delivered_day",
      "shipments.proof_type",
      "shipments.proof_signed_by",
      "shipments.proof_photo_url",
      "shipments.dest_country",
      "orders.external_id",
      "orders.buyer_name",
      "orders.address1",
      "orders.address2",
      "orders.city",
      "orders.region",
      "orders.postal_code",
      "orders.country",
    ])
    .where("shipments.id", "=", located.shipmentId)
    .where("shipments.tracking_number", "=", trackingNumber)
    .where("shipments.status", "<>", "voided")
    .executeTakeFirst();
  if (!shipment) return none;
  const events = await scope
    .selectFrom("tracking_events")
    .select(["occurred_at", "utc_offset", "description", "status", "substatus", "exception_type", "city", "region", "country"])
    .where("shipment_id", "=", located.shipmentId)
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(EVENT_LIMIT)
    .execute();
  if (!options.verified && events.length === 0) return none;

  const shop = await getShop(db, located.shopId);
  const settings = parseShopSettings(shop.settings);
  const destinationCountry = shipment.dest_country ?? shipment.country;
  const late = !shipment.delivered_at && Boolean(shipment.edd_current) && localDay(options.now ?? new Date(), shop.time_zone) > shipment.edd_current!;
  const headline = statusHeadline(shipment.status, late);
  const issueKind = buyerIssue({
    status: shipment.status,
    latestExceptionType: events.find((e) => e.exception_type)?.exception_type ?? null,
    eddCurrent: shipment.edd_current,
    today: localDay(options.now ?? new Date(), shop.time_zone),
  });
  const slipped = Boolean(shipment.edd_original && shipment.edd_current && shipment.edd_current > shipment.edd_original);
  const details: PrivateDetails | null = options.verified
    ? {
        orderId: shipment.external_id,
        shopName: shop.name,
        supportEmail: settings.notifications.supportEmail.trim() || null,
        buyerName: shipment.buyer_name,
        addressLines: [
          shipment.address1,
          shipment.address2,
          [shipment.city, [shipment.region, shipment.postal_code].filter(Boolean).join(" ")].filter(Boolean).join(", "),
          shipment.country,
        ].filter((l): l is string => Boolean(l && l.trim())),
        signedBy: shipment.proof_type === "signature" ? shipment.proof_signed_by : null,
        photoUrl: shipment.proof_type === "photo" ? httpUrlOrNull(shipment.proof_photo_url) : null,
      }
    : null;
  return {
    kind: "tracking",
    trackingNumber,
    carrier: carrierName(shipment.carrier_code),
    service: serviceName(shipment.carrier_code, shipment.service_code),
    carrierUrl: trackingUrl(shipment.carrier_code, trackingNumber),
    status: shipment.status,
    headline: headline.title,
    tone: headline.tone,
    progress: progressOf(
      shipment.status,
      events.map((e) => e.status),
    ),
    edd: shipment.delivered_at ? null : formatDay(shipment.edd_current) || null,
    originalEdd: !shipment.delivered_at && slipped ? formatDay(shipment.edd_original) : null,
    deliveredOn: shipment.delivered_day ? formatDay(shipment.delivered_day) : null,
    proof: shipment.status === "delivered" ? shipment.proof_type : null,
    issue: issueKind ? { kind: issueKind, ...GUIDANCE[issueKind] } : null,
    events: events.map((e) => ({
      ...scanLocalTime(e.occurred_at, e.utc_offset),
      at: e.occurred_at.toISOString(),
      // The carrier's own text only for a buyer who proved the destination (it can name the signer).
      description: options.verified ? e.description || STATUS_LABELS[e.status] : publicScanWords({ status: e.status, substatus: e.substatus, exceptionType: e.exception_type }),
      statusLabel: STATUS_LABELS[e.status],
      location: locationLine(e, destinationCountry),
      problem: ["exception", "attempt_failed", "returned_to_sender"].includes(e.status),
    })),
    verified: options.verified,
    details,
  };
}

// The boundary between Parcel Desk and a carrier's label API: "buy a label (a tracking number)
// for this parcel from this carrier". Everything above it (label creation, printing, tracking)
// only sees PurchasedLabel, so replacing the simulated adapter with a real carrier API changes
// nothing else. See adapters/index.server.ts for where a real adapter plugs in.
import type { Queryable } from "../../../lib/db.server";
import type { CarrierCode } from "../registry";

export interface LabelAddress {
  name: string;
  company?: string | null;
  address1: string;
  address2?: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  phone?: string | null;
}

export interface LabelPurchaseRequest {
  carrier: CarrierCode;
  serviceCode: string;
  /** The shop's account with the carrier (UPS shipper number, USPS Mailer ID, ...), if entered. */
  accountNumber: string | null;
  shipFrom: LabelAddress;
  shipTo: LabelAddress;
  parcel: { weightGrams: number; lengthMm: number; widthMm: number; heightMm: number };
  /** The marketplace order id, printed as the label's reference. */
  reference: string;
}

export interface PurchasedLabel {
  trackingNumber: string;
  carrier: CarrierCode;
  serviceCode: string;
  /** "simulated": a real-format number from our own sequences; "carrier": returned by the carrier's API. */
  source: "simulated" | "carrier";
}

export interface CarrierLabelAdapter {
  /** For logs and the label's history ("simulated", "ups-api", ...). */
  readonly name: string;
  /**
   * Buys one label. `db` is the caller's connection or transaction: the simulated adapter draws
   * its serial from a database sequence; a real adapter would call the carrier over HTTPS instead
   * (and should then be called outside long transactions).
   */
  purchaseLabel(db: Queryable, request: LabelPurchaseRequest): Promise<PurchasedLabel>;
  /** Buys many labels at once (bulk label runs), in the order of `requests`. */
  purchaseLabels(db: Queryable, requests: LabelPurchaseRequest[]): Promise<PurchasedLabel[]>;
}

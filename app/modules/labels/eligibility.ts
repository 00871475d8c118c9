// Whether an order gets a label now, and which kind: a new shipment, a re-render of its live one
// (same tracking number, any format or layout), or a skip with the reason the seller sees in the
// batch. Skips are never silent. Pure, no I/O.
import type { AddressOverride, AddressProblem, OrderStatus } from "../../../db/types";
import { normalizeCountry } from "../addresses/regions";
import { carrierName, findService, type ServiceDefinition } from "../carriers/registry";
import { describeProblems } from "./address-check";

export interface LabelCandidate {
  status: OrderStatus;
  carrierCode: string | null;
  serviceCode: string | null;
  country: string;
  postalCode: string;
  /** The order's live (not voided) shipment, if any. */
  liveShipment: { id: number; imported: boolean; destPostalCode: string | null; destCountry: string | null } | null;
  /** The address check's result for this order, now. */
  problems: readonly AddressProblem[];
  override: AddressOverride | null;
  /** False when the shop switched the carrier off in Settings > Carriers. */
  carrierEnabled: boolean;
  /** The return address's country: a domestic service ships only within it. */
  shipFromCountry: string;
}

export type LabelDecision =
  | { kind: "rerender"; shipmentId: number }
  | { kind: "create"; service: ServiceDefinition; addressOverridden: boolean }
  | { kind: "skip"; reason: string };

const samePostal = (a: string | null, b: string | null) =>
  (a ?? "").replace(/\s+/g, "").toUpperCase() === (b ?? "").replace(/\s+/g, "").toUpperCase();

export function decideLabel(c: LabelCandidate): LabelDecision {
  if (c.status === "cancelled") return { kind: "skip", reason: "The order is cancelled; cancelled orders never get labels." };
  if (c.liveShipment) {
    if (c.liveShipment.imported) {
      return { kind: "skip", reason: "The order shipped outside Parcel Desk (its tracking number came with the import); there is no label to print." };
    }
    const country = normalizeCountry(c.country) ?? c.country;
    if (!samePostal(c.liveShipment.destPostalCode, c.postalCode) || (c.liveShipment.destCountry ?? country) !== country) {
      return { kind: "skip", reason: "The address changed after the label was created; void the label and create a new one." };
    }
    return { kind: "rerender", shipmentId: c.liveShipment.id };
  }
  if (c.status !== "to_ship") return { kind: "skip", reason: `The order is already ${c.status}; only orders to ship get new labels.` };
  if (!c.carrierCode || !c.serviceCode) return { kind: "skip", reason: "No carrier assigned; assign a carrier and service first." };
  const service = findService(c.carrierCode, c.serviceCode);
  if (!service) return { kind: "skip", reason: `Unknown service "${c.serviceCode}" for carrier "${c.carrierCode}"; assign the carrier again.` };
  if (!c.carrierEnabled) {
    return { kind: "skip", reason: `${carrierName(c.carrierCode)} is switched off for this shop (Settings > Carriers); assign another carrier or switch it on.` };
  }
  const destination = normalizeCountry(c.country);
  if (destination) {
    const international = destination !== c.shipFromCountry;
    if (international && !service.international) return { kind: "skip", reason: `${service.name} only ships within ${c.shipFromCountry}; this order goes to ${destination}.` };
    if (!international && !service.domestic) return { kind: "skip", reason: `${service.name} is for international parcels only; this order stays in ${destination}.` };
  }
  if (c.problems.length > 0 && !c.override) return { kind: "skip", reason: describeProblems(c.problems) };
  return { kind: "create", service, addressOverridden: c.problems.length > 0 };
}

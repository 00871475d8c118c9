// The simulated carrier: hands out tracking numbers in the carrier's real format with a valid
// check digit, from our own PostgreSQL sequences (tracking-numbers/allocate.server.ts). It stands
// in for every carrier's label API, none of which is reachable from here.
import type { Queryable } from "../../../lib/db.server";
import { allocateTrackingNumber, allocateTrackingNumbers } from "../tracking-numbers/allocate.server";
import type { CarrierLabelAdapter, LabelPurchaseRequest, PurchasedLabel } from "./types";

/** Only UPS and USPS print the shop's account inside the number; FedEx and DHL numbers are pure serials. */
function shipperIdOf(request: LabelPurchaseRequest): string | null {
  return request.carrier === "ups" || request.carrier === "usps" ? request.accountNumber : null;
}

export const simulatedCarrier: CarrierLabelAdapter = {
  name: "simulated",
  async purchaseLabel(db: Queryable, request: LabelPurchaseRequest): Promise<PurchasedLabel> {
    const trackingNumber = await allocateTrackingNumber(db, { carrier: request.carrier, serviceCode: request.serviceCode, shipperId: shipperIdOf(request) });
    return { trackingNumber, carrier: request.carrier, serviceCode: request.serviceCode, source: "simulated" };
  },
  async purchaseLabels(db: Queryable, requests: LabelPurchaseRequest[]): Promise<PurchasedLabel[]> {
    // One sequence round trip per (carrier, service, account) instead of one per label.
    const groups = new Map<string, number[]>();
    requests.forEach((r, i) => {
      const key = `${r.carrier}|${r.serviceCode}|${shipperIdOf(r) ?? ""}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const out: PurchasedLabel[] = new Array(requests.length);
    for (const indexes of groups.values()) {
      const first = requests[indexes[0]];
      const numbers = await allocateTrackingNumbers(db, { carrier: first.carrier, serviceCode: first.serviceCode, shipperId: shipperIdOf(first) }, indexes.length);
      indexes.forEach((index, n) => {
        out[index] = { trackingNumber: numbers[n], carrier: first.carrier, serviceCode: first.serviceCode, source: "simulated" };
      });
    }
    return out;
  },
};

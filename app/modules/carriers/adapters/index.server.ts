// Which adapter buys labels for which carrier, and the one call label creation makes.
//
// Where a real carrier API plugs in: write an adapter implementing CarrierLabelAdapter (types.ts)
// next to simulated.server.ts, e.g. ups.server.ts that POSTs the request to UPS's Shipping API
// with the shop's credentials and returns the 1Z number from the response, and return it from
// adapterFor() for that carrier (typically when the shop has API credentials configured):
//
//   case "ups": return shopHasUpsCredentials ? upsApi : simulatedCarrier;
//
// Nothing else changes: labels, printing and tracking only ever see PurchasedLabel.
import { AppError } from "../../../lib/errors";
import type { ShopScope } from "../../../lib/tenancy.server";
import { getCarrierAccounts } from "../accounts.server";
import { type CarrierCode, CARRIERS, findService } from "../registry";
import { simulatedCarrier } from "./simulated.server";
import type { CarrierLabelAdapter, LabelPurchaseRequest, PurchasedLabel } from "./types";

export type { CarrierLabelAdapter, LabelAddress, LabelPurchaseRequest, PurchasedLabel } from "./types";

export function adapterFor(carrier: CarrierCode): CarrierLabelAdapter {
  switch (carrier) {
    case "ups":
    case "usps":
    case "fedex":
    case "dhl":
      return simulatedCarrier;
  }
}

export type LabelOrder = Omit<LabelPurchaseRequest, "accountNumber">;

/**
 * Buys a label (a tracking number) for a shop's parcel: checks that the carrier is on for the
 * shop and the service exists, fills in the shop's account number, and asks the carrier's adapter.
 * Call it inside the label's transaction (`scope` may be a transaction scope).
 */
export async function purchaseLabel(scope: ShopScope, request: LabelOrder): Promise<PurchasedLabel> {
  return (await purchaseLabels(scope, [request]))[0];
}

/** The bulk form of purchaseLabel: one adapter call per carrier, results in the order given. */
export async function purchaseLabels(scope: ShopScope, requests: LabelOrder[]): Promise<PurchasedLabel[]> {
  const accounts = await getCarrierAccounts(scope);
  for (const r of requests) {
    if (!findService(r.carrier, r.serviceCode)) throw new AppError(400, `Unknown service "${r.serviceCode}" for carrier "${r.carrier}".`);
    if (!accounts[r.carrier].enabled) throw new AppError(409, `${CARRIERS[r.carrier].name} is turned off for this shop (Settings > Carriers).`);
  }
  const out: PurchasedLabel[] = new Array(requests.length);
  const byCarrier = new Map<CarrierCode, number[]>();
  requests.forEach((r, i) => byCarrier.set(r.carrier, [...(byCarrier.get(r.carrier) ?? []), i]));
  for (const [carrier, indexes] of byCarrier) {
    const bought = await adapterFor(carrier).purchaseLabels(
      scope.db,
      indexes.map((i) => ({ ...requests[i], accountNumber: accounts[carrier].accountNumber })),
    );
    indexes.forEach((index, n) => (out[index] = bought[n]));
  }
  return out;
}

// Whether a service may take an order, and if not, why, in one sentence the seller can act on.
// Checked for every order on every assignment (by rules, by hand, from the CLI), so an order a
// service cannot carry is refused with its reason, never silently assigned. Pure.
import { carrierName, findService, type ServiceDefinition } from "./registry";
import { largestDimension, type OrderFacts } from "./rules";
import { formatLength, formatWeight, type UnitSystem } from "./units";

export interface AssignmentContext {
  /** Where parcels ship from (the shop's return address country). */
  originCountry: string;
  units: UnitSystem;
  /** Carrier codes the shop has switched off in Settings > Carriers. */
  disabledCarriers: ReadonlySet<string>;
}

/** US territories and military post: domestic for US carriers. */
const US_DOMESTIC = new Set(["US", "PR", "VI", "GU", "AS", "MP", "UM", "FM", "MH", "PW"]);

export function isDomestic(originCountry: string, destinationCountry: string): boolean {
  const o = originCountry.toUpperCase();
  const d = destinationCountry.toUpperCase();
  if (o === d) return true;
  return o === "US" && US_DOMESTIC.has(d);
}

/** Length plus girth: the longest side plus twice each of the other two. */
export function lengthPlusGirth(p: { lengthMm: number; widthMm: number; heightMm: number }): number {
  const sides = [p.lengthMm, p.widthMm, p.heightMm].sort((a, b) => b - a);
  return sides[0] + 2 * (sides[1] + sides[2]);
}

/** Why the order cannot be assigned at all, whatever the service (null when it can). */
export function orderRefusal(o: OrderFacts): string | null {
  if (o.status === "cancelled") return "The order is cancelled.";
  if (o.status === "shipped" || o.status === "delivered") return `The order has already ${o.status === "shipped" ? "shipped" : "been delivered"}.`;
  if (o.liveTrackingNumber) return `The order already has a label (tracking ${o.liveTrackingNumber}); void it before changing the carrier.`;
  return null;
}

/** Why this service cannot take this order (null when it can). */
export function serviceRefusal(o: OrderFacts, carrier: string, serviceCode: string, ctx: AssignmentContext): string | null {
  const service: ServiceDefinition | undefined = findService(carrier, serviceCode);
  if (!service) return `Unknown service "${serviceCode}" for carrier "${carrier}".`;
  if (ctx.disabledCarriers.has(carrier)) return `${carrierName(carrier)} is turned off for this shop (Settings > Carriers).`;
  const p = o.parcel;
  const units = ctx.units;
  if (p.weightGrams > service.maxWeightGrams) {
    return `Overweight: the parcel weighs ${formatWeight(p.weightGrams, units)} and ${service.name} takes at most ${formatWeight(service.maxWeightGrams, units)}.`;
  }
  const longest = largestDimension(p);
  if (longest > service.maxLengthMm) {
    return `Oversize: the longest side is ${formatLength(longest, units)} and ${service.name} takes at most ${formatLength(service.maxLengthMm, units)}.`;
  }
  const girth = lengthPlusGirth(p);
  if (girth > service.maxLengthPlusGirthMm) {
    return `Oversize: length plus girth is ${formatLength(girth, units)} and ${service.name} takes at most ${formatLength(service.maxLengthPlusGirthMm, units)}.`;
  }
  if (o.poBox && !service.deliversToPoBox) return `The address is a PO box, and ${service.name} does not deliver to PO boxes.`;
  const domestic = isDomestic(ctx.originCountry, o.country);
  if (!domestic && !service.international) {
    return `The order goes abroad (${o.country}), and ${service.name} is for domestic shipments only.`;
  }
  if (domestic && !service.domestic) {
    return `The order stays in ${o.country}, and ${service.name} is for international shipments only.`;
  }
  return null;
}

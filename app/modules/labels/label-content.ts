// What goes on a label, independent of how it is drawn: the addresses, carrier and service, the
// tracking number, weight and packages, routing, order reference, dates and (for the packing slip)
// the items. Built from database rows by labels.server.ts; drawn by layout.ts. Pure functions.
import { normalizeCountry, normalizeUsState } from "../addresses/regions";
import { carrierName, findService, type TrackingFormat } from "../carriers/registry";
import { labelText } from "./text";

export interface LabelAddress {
  name: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

export interface PackingSlipItem {
  quantity: number;
  sku: string | null;
  name: string;
}

export interface LabelContent {
  shopName: string;
  /** The marketplace order id. */
  orderRef: string;
  trackingNumber: string;
  trackingFormat: TrackingFormat | null;
  carrierCode: string;
  carrierName: string;
  serviceCode: string | null;
  serviceName: string;
  shipFrom: LabelAddress;
  shipTo: LabelAddress;
  weightGrams: number;
  packageCount: number;
  /** The label's date in the shop's time zone ("YYYY-MM-DD"). */
  labelDay: string;
  /** When the label was created: the print files' metadata dates come from here, so re-renders match byte for byte. */
  createdAt: Date;
  /** The delivery date promised to the buyer, if known. */
  edd: string | null;
  items: PackingSlipItem[];
}

export interface LabelSource {
  shopName: string;
  order: {
    externalId: string;
    buyerName: string;
    buyerPhone: string | null;
    address1: string;
    address2: string | null;
    city: string;
    region: string | null;
    postalCode: string;
    country: string;
  };
  shipment: {
    trackingNumber: string;
    carrierCode: string;
    serviceCode: string | null;
    weightGrams: number;
    packageCount: number;
    eddCurrent: string | null;
    labelCreatedAt: Date;
    labelDay: string;
  };
  returnAddress: {
    name: string;
    company: string;
    address1: string;
    address2: string;
    city: string;
    region: string;
    postalCode: string;
    country: string;
    phone: string;
  };
  items: { quantity: number; sku: string | null; productName: string | null; variation: string | null }[];
}

export function labelContent(source: LabelSource): LabelContent {
  const { order, shipment, returnAddress } = source;
  const service = shipment.serviceCode ? findService(shipment.carrierCode, shipment.serviceCode) : undefined;
  return {
    shopName: labelText(source.shopName),
    orderRef: labelText(order.externalId),
    trackingNumber: shipment.trackingNumber,
    trackingFormat: service?.trackingFormat ?? null,
    carrierCode: shipment.carrierCode,
    carrierName: carrierName(shipment.carrierCode),
    serviceCode: shipment.serviceCode,
    serviceName: service?.name ?? shipment.serviceCode ?? carrierName(shipment.carrierCode),
    shipFrom: {
      name: labelText(returnAddress.name),
      company: labelText(returnAddress.company),
      address1: labelText(returnAddress.address1),
      address2: labelText(returnAddress.address2),
      city: labelText(returnAddress.city),
      region: labelText(returnAddress.region),
      postalCode: labelText(returnAddress.postalCode),
      country: labelText(returnAddress.country).toUpperCase(),
      phone: labelText(returnAddress.phone),
    },
    shipTo: {
      name: labelText(order.buyerName),
      company: "",
      address1: labelText(order.address1),
      address2: labelText(order.address2),
      city: labelText(order.city),
      region: labelText(printedRegion(order.region, order.country)),
      postalCode: labelText(order.postalCode).toUpperCase(),
      country: normalizeCountry(order.country) ?? labelText(order.country).toUpperCase(),
      phone: labelText(order.buyerPhone),
    },
    weightGrams: shipment.weightGrams,
    packageCount: shipment.packageCount,
    labelDay: shipment.labelDay,
    createdAt: shipment.labelCreatedAt,
    edd: shipment.eddCurrent,
    items: source.items.map((it) => ({
      quantity: it.quantity,
      sku: it.sku ? labelText(it.sku) : null,
      name: labelText([it.productName, it.variation].filter(Boolean).join(" - ")) || "(no name)",
    })),
  };
}

/** US states print as their two-letter code ("Texas" -> "TX"); other regions as written. */
export function printedRegion(region: string | null | undefined, country: string | null | undefined): string {
  const value = region?.trim() ?? "";
  if (!value) return "";
  if (normalizeCountry(country) === "US") return normalizeUsState(value) ?? value;
  return value;
}

/** "CITY, ST 12345" (or "CITY 12345" where there is no region). */
export function cityLine(a: Pick<LabelAddress, "city" | "region" | "postalCode">): string {
  const cityRegion = a.region ? `${a.city}, ${a.region}` : a.city;
  return [cityRegion, a.postalCode].filter(Boolean).join(" ");
}

const COUNTRY_NAMES: Record<string, string> = {
  US: "UNITED STATES", CA: "CANADA", GB: "UNITED KINGDOM", MX: "MEXICO", DE: "GERMANY", FR: "FRANCE", ES: "SPAIN",
  IT: "ITALY", NL: "NETHERLANDS", AU: "AUSTRALIA", JP: "JAPAN", PR: "PUERTO RICO", IE: "IRELAND",
};

/** The printed lines of an address, blank ones left out; the country only when it differs from `home`. */
export function addressLines(a: LabelAddress, home: string | null): string[] {
  const lines = [a.name, a.company, a.address1, a.address2, cityLine(a)];
  if (a.country && a.country !== home) lines.push(COUNTRY_NAMES[a.country] ?? a.country);
  return lines.filter((l) => l.trim().length > 0);
}

/**
 * The routing line: destination state and 3-digit ZIP prefix (the USPS sectional centre facility
 * the parcel sorts to) for the US; country and the first three postal characters elsewhere.
 */
export function routingCode(shipTo: Pick<LabelAddress, "country" | "region" | "postalCode">): string {
  const postal = shipTo.postalCode.replace(/[^A-Z0-9]/gi, "").toUpperCase();
  if (shipTo.country === "US" || shipTo.country === "PR") return `${shipTo.region || shipTo.country} ${postal.slice(0, 3)}`.trim();
  return `${shipTo.country} ${postal.slice(0, 3)}`.trim();
}

const GRAMS_PER_LB = 453.59237;

/** "2.4 LB" (rounded up to the next tenth, as carriers bill) and "1.09 KG". */
export function weightText(grams: number): { lb: string; kg: string } {
  const lb = Math.max(0.1, Math.ceil((grams / GRAMS_PER_LB) * 10) / 10);
  return { lb: `${lb.toFixed(1)} LB`, kg: `${(grams / 1000).toFixed(2)} KG` };
}

/** The tracking number grouped the way the carrier prints it (spaces only; the barcode has none). */
export function formatTrackingNumber(trackingNumber: string, format: TrackingFormat | null): string {
  const groups = (sizes: number[]) => {
    const out: string[] = [];
    let i = 0;
    for (const size of sizes) {
      if (i >= trackingNumber.length) break;
      out.push(trackingNumber.slice(i, i + size));
      i += size;
    }
    if (i < trackingNumber.length) out.push(trackingNumber.slice(i));
    return out.join(" ");
  };
  if (format === "ups_1z" && trackingNumber.length === 18) return groups([2, 3, 3, 2, 4, 4]);
  if (format === "dhl_express_10" && trackingNumber.length === 10) return groups([2, 4, 4]);
  return trackingNumber.replace(/(.{4})(?=.)/g, "$1 ");
}

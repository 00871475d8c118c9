// The carrier registry: every carrier and service Parcel Desk can assign, with transit times, size
// and weight limits, PO-box and destination rules, and tracking URLs. Pure data plus lookups.
// Limits are the carriers' published retail limits (USPS Domestic Mail Manual 601, UPS and FedEx
// service guides, DHL Express's piece limits), converted to grams and millimetres.

export type CarrierCode = "usps" | "ups" | "fedex" | "dhl";
/** Carriers we only track (revealed by imported tracking numbers); no services to assign. */
export type TrackedCarrierCode = CarrierCode | "dhl_ecommerce" | "amazon" | "ontrac" | "lasership" | "canada_post" | "other";

export type ServiceLevel = "economy" | "standard" | "expedited";

/** How a service's tracking numbers are built (see app/modules/carriers/tracking-numbers). */
export type TrackingFormat = "ups_1z" | "usps_impb" | "fedex_express_12" | "fedex_ground_15" | "dhl_express_10";

export interface ServiceDefinition {
  code: string;
  carrier: CarrierCode;
  name: string;
  level: ServiceLevel;
  /** Business days in transit after the ship date. */
  minTransitDays: number;
  maxTransitDays: number;
  maxWeightGrams: number;
  /** Longest side. */
  maxLengthMm: number;
  /** Length + girth (2 x width + 2 x height). */
  maxLengthPlusGirthMm: number;
  deliversToPoBox: boolean;
  domestic: boolean;
  international: boolean;
  trackingFormat: TrackingFormat;
  /** The two-digit service indicator inside a UPS 1Z number. */
  upsServiceCode?: string;
  /** The three-digit USPS service type code inside an IMpb number. */
  uspsServiceTypeCode?: string;
}

export interface CarrierDefinition {
  code: TrackedCarrierCode;
  name: string;
  /** `%s` is replaced by the tracking number. */
  trackingUrl: string;
  services: ServiceDefinition[];
}

const LB = 453.59237;
const IN = 25.4;
const g = (lb: number) => Math.round(lb * LB);
const mm = (inches: number) => Math.round(inches * IN);

const service = (s: ServiceDefinition) => s;

export const CARRIERS: Record<TrackedCarrierCode, CarrierDefinition> = {
  usps: {
    code: "usps",
    name: "USPS",
    trackingUrl: "https://tools.usps.com/go/TrackConfirmAction?tLabels=%s",
    services: [
      service({ code: "usps_ground_advantage", carrier: "usps", name: "USPS Ground Advantage", level: "standard", minTransitDays: 2, maxTransitDays: 5, maxWeightGrams: g(70), maxLengthMm: mm(130), maxLengthPlusGirthMm: mm(130), deliversToPoBox: true, domestic: true, international: false, trackingFormat: "usps_impb", uspsServiceTypeCode: "001" }),
      service({ code: "usps_priority_mail", carrier: "usps", name: "USPS Priority Mail", level: "expedited", minTransitDays: 1, maxTransitDays: 3, maxWeightGrams: g(70), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(108), deliversToPoBox: true, domestic: true, international: false, trackingFormat: "usps_impb", uspsServiceTypeCode: "055" }),
      service({ code: "usps_priority_mail_express", carrier: "usps", name: "USPS Priority Mail Express", level: "expedited", minTransitDays: 1, maxTransitDays: 2, maxWeightGrams: g(70), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(108), deliversToPoBox: true, domestic: true, international: false, trackingFormat: "usps_impb", uspsServiceTypeCode: "701" }),
    ],
  },
  ups: {
    code: "ups",
    name: "UPS",
    trackingUrl: "https://www.ups.com/track?tracknum=%s",
    services: [
      service({ code: "ups_ground", carrier: "ups", name: "UPS Ground", level: "standard", minTransitDays: 1, maxTransitDays: 5, maxWeightGrams: g(150), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: true, international: false, trackingFormat: "ups_1z", upsServiceCode: "03" }),
      service({ code: "ups_2nd_day_air", carrier: "ups", name: "UPS 2nd Day Air", level: "expedited", minTransitDays: 2, maxTransitDays: 2, maxWeightGrams: g(150), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: true, international: false, trackingFormat: "ups_1z", upsServiceCode: "02" }),
      service({ code: "ups_next_day_air", carrier: "ups", name: "UPS Next Day Air", level: "expedited", minTransitDays: 1, maxTransitDays: 1, maxWeightGrams: g(150), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: true, international: false, trackingFormat: "ups_1z", upsServiceCode: "01" }),
      service({ code: "ups_worldwide_expedited", carrier: "ups", name: "UPS Worldwide Expedited", level: "standard", minTransitDays: 2, maxTransitDays: 5, maxWeightGrams: g(150), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: false, international: true, trackingFormat: "ups_1z", upsServiceCode: "08" }),
    ],
  },
  fedex: {
    code: "fedex",
    name: "FedEx",
    trackingUrl: "https://www.fedex.com/fedextrack/?trknbr=%s",
    services: [
      service({ code: "fedex_ground", carrier: "fedex", name: "FedEx Ground", level: "standard", minTransitDays: 1, maxTransitDays: 5, maxWeightGrams: g(150), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: true, international: false, trackingFormat: "fedex_ground_15" }),
      service({ code: "fedex_home_delivery", carrier: "fedex", name: "FedEx Home Delivery", level: "standard", minTransitDays: 1, maxTransitDays: 5, maxWeightGrams: g(70), maxLengthMm: mm(108), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: true, international: false, trackingFormat: "fedex_ground_15" }),
      service({ code: "fedex_2day", carrier: "fedex", name: "FedEx 2Day", level: "expedited", minTransitDays: 2, maxTransitDays: 2, maxWeightGrams: g(150), maxLengthMm: mm(119), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: true, international: false, trackingFormat: "fedex_express_12" }),
      service({ code: "fedex_standard_overnight", carrier: "fedex", name: "FedEx Standard Overnight", level: "expedited", minTransitDays: 1, maxTransitDays: 1, maxWeightGrams: g(150), maxLengthMm: mm(119), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: true, international: false, trackingFormat: "fedex_express_12" }),
      service({ code: "fedex_international_priority", carrier: "fedex", name: "FedEx International Priority", level: "expedited", minTransitDays: 1, maxTransitDays: 3, maxWeightGrams: g(150), maxLengthMm: mm(119), maxLengthPlusGirthMm: mm(165), deliversToPoBox: false, domestic: false, international: true, trackingFormat: "fedex_express_12" }),
    ],
  },
  dhl: {
    code: "dhl",
    name: "DHL Express",
    trackingUrl: "https://www.dhl.com/us-en/home/tracking/tracking-express.html?tracking-id=%s",
    services: [
      service({ code: "dhl_express_worldwide", carrier: "dhl", name: "DHL Express Worldwide", level: "expedited", minTransitDays: 2, maxTransitDays: 5, maxWeightGrams: 70_000, maxLengthMm: 1200, maxLengthPlusGirthMm: 3000, deliversToPoBox: false, domestic: false, international: true, trackingFormat: "dhl_express_10" }),
    ],
  },
  dhl_ecommerce: { code: "dhl_ecommerce", name: "DHL eCommerce", trackingUrl: "https://webtrack.dhlecs.com/?trackingnumber=%s", services: [] },
  amazon: { code: "amazon", name: "Amazon Logistics", trackingUrl: "https://track.amazon.com/tracking/%s", services: [] },
  ontrac: { code: "ontrac", name: "OnTrac", trackingUrl: "https://www.ontrac.com/tracking/?number=%s", services: [] },
  lasership: { code: "lasership", name: "LaserShip", trackingUrl: "https://www.lasership.com/track/%s", services: [] },
  canada_post: { code: "canada_post", name: "Canada Post", trackingUrl: "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=%s", services: [] },
  other: { code: "other", name: "Other carrier", trackingUrl: "", services: [] },
};

/** Carriers a shop can assign (they have services). */
export const ASSIGNABLE_CARRIERS: CarrierCode[] = ["usps", "ups", "fedex", "dhl"];

export const ALL_SERVICES: ServiceDefinition[] = ASSIGNABLE_CARRIERS.flatMap((c) => CARRIERS[c].services);

export function isCarrierCode(code: string): code is CarrierCode {
  return (ASSIGNABLE_CARRIERS as string[]).includes(code);
}

export function findService(carrier: string, serviceCode: string): ServiceDefinition | undefined {
  return isCarrierCode(carrier) ? CARRIERS[carrier].services.find((s) => s.code === serviceCode) : undefined;
}

/** Carriers that tracking-number detection recognises (tracking-numbers/formats.ts) beyond CARRIERS. */
const DETECTED_CARRIER_NAMES: Record<string, string> = {
  s10: "International post (UPU S10)",
  canpar: "Canpar",
  dpd: "DPD",
  gofo: "GOFO Express",
  landmark: "Landmark Global",
  old_dominion: "Old Dominion",
  purolator: "Purolator",
  speedee: "Spee-Dee Delivery",
  yodel: "Yodel",
  yunexpress: "YunExpress",
};

export function carrierName(code: string): string {
  return (CARRIERS as Record<string, CarrierDefinition>)[code]?.name ?? DETECTED_CARRIER_NAMES[code] ?? code.toUpperCase();
}

export function serviceName(carrier: string, serviceCode: string | null | undefined): string {
  if (!serviceCode) return "";
  return findService(carrier, serviceCode)?.name ?? serviceCode;
}

export function trackingUrl(carrier: string, trackingNumber: string): string | null {
  const template = (CARRIERS as Record<string, CarrierDefinition>)[carrier]?.trackingUrl;
  return template ? template.replace("%s", encodeURIComponent(trackingNumber)) : null;
}

/** Expedited services stall sooner (PRODUCT.md: 48 hours instead of 72). */
export function isExpedited(carrier: string, serviceCode: string | null | undefined): boolean {
  return serviceCode ? findService(carrier, serviceCode)?.level === "expedited" : false;
}

const NAME_ALIASES: [RegExp, TrackedCarrierCode][] = [
  [/^usps|united states postal|u\.s\. postal/i, "usps"],
  [/^ups\b|united parcel/i, "ups"],
  [/^fed\s*ex/i, "fedex"],
  [/^dhl\s*(e-?commerce|ecs|global mail|parcel)/i, "dhl_ecommerce"],
  [/^dhl/i, "dhl"],
  [/^amazon|^amzl/i, "amazon"],
  [/^ontrac/i, "ontrac"],
  [/^laser\s*ship|^lso\b/i, "lasership"],
  [/^canada\s*post|postes canada/i, "canada_post"],
];

/** The carrier a marketplace's "Shipping Provider Name" means ("FedEx", "DHL eCommerce", ...). */
export function carrierFromName(name: string | null | undefined): TrackedCarrierCode | null {
  const n = name?.trim();
  if (!n) return null;
  return NAME_ALIASES.find(([re]) => re.test(n))?.[1] ?? null;
}

// Building tracking numbers in each carrier's real format with a correct check digit, from a serial
// handed out by a database sequence (allocate.server.ts). These stand in for the numbers a carrier
// API returns when a label is bought; every one validates with detectTrackingNumber.
//
// Serial space per format (a serial beyond it wraps, so numbers repeat only after that many labels
// on one sequence): UPS 10^7 per shipper number, USPS 10^10 (6-digit Mailer ID) or 10^7 (9-digit),
// FedEx Express 10^10, FedEx Ground 10^13, DHL Express 9 x 10^8.
import type { ServiceDefinition, TrackingFormat } from "../registry";
import { mod10CheckDigit, mod7CheckDigit, weightedSumCheckDigit } from "./check-digits";

/** Used when a shop has not entered its UPS shipper number (Settings > Carriers). */
export const PLACEHOLDER_UPS_SHIPPER_ID = "PD0000";
/** Used when a shop has not entered its USPS Mailer ID. */
export const PLACEHOLDER_USPS_MAILER_ID = "600000";

const FEDEX_EXPRESS_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1] as const;

function assertSerial(serial: number): void {
  if (!Number.isSafeInteger(serial) || serial < 0) throw new Error(`Tracking serial must be a non-negative integer, got ${serial}.`);
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function isUpsShipperId(value: string): boolean {
  return /^[0-9A-Z]{6}$/.test(value);
}

/** A USPS Mailer ID: 9 digits starting with 9, or 6 digits starting with 0-8. */
export function isUspsMailerId(value: string): boolean {
  return /^(9\d{8}|[0-8]\d{5})$/.test(value);
}

/** 1Z + shipper number (6) + service code (2) + package number (7) + mod-10 check digit (weights 1,2). */
export function upsTrackingNumber(shipperId: string, serviceCode: string, serial: number): string {
  assertSerial(serial);
  const shipper = shipperId.toUpperCase();
  if (!isUpsShipperId(shipper)) throw new Error(`A UPS shipper number is 6 letters or digits, got "${shipperId}".`);
  if (!/^[0-9A-Z]{2}$/.test(serviceCode)) throw new Error(`A UPS service code is 2 characters, got "${serviceCode}".`);
  const body = `${shipper}${serviceCode}${pad(serial % 10_000_000, 7)}`;
  return `1Z${body}${mod10CheckDigit(body, { weights: [1, 2] })}`;
}

/**
 * USPS IMpb, 22 digits: 94 (label bought online) + service type code (3) + Mailer ID + package
 * serial (10 digits after a 6-digit Mailer ID, 7 after a 9-digit one) + mod-10 check (weights 3,1
 * counted from the right).
 */
export function uspsImpbTrackingNumber(serviceTypeCode: string, mailerId: string, serial: number): string {
  assertSerial(serial);
  if (!/^\d{3}$/.test(serviceTypeCode)) throw new Error(`A USPS service type code is 3 digits, got "${serviceTypeCode}".`);
  if (!isUspsMailerId(mailerId)) throw new Error(`A USPS Mailer ID is 6 digits, or 9 digits starting with 9; got "${mailerId}".`);
  const width = mailerId.length === 9 ? 7 : 10;
  const body = `94${serviceTypeCode}${mailerId}${pad(serial % 10 ** width, width)}`;
  return `${body}${mod10CheckDigit(body, { weights: [3, 1], fromRight: true })}`;
}

/** FedEx Express, 12 digits: 11-digit serial (starting with 7) + check (weights 3,1,7; mod 11, mod 10). */
export function fedexExpressTrackingNumber(serial: number): string {
  assertSerial(serial);
  const body = `7${pad(serial % 10_000_000_000, 10)}`;
  return `${body}${weightedSumCheckDigit(body, FEDEX_EXPRESS_WEIGHTS, 11, 10)}`;
}

/** FedEx Ground / Home Delivery, 15 digits: 14-digit serial (starting with 6) + mod-10 check (weights 1,3). */
export function fedexGroundTrackingNumber(serial: number): string {
  assertSerial(serial);
  const body = `6${pad(serial % 10_000_000_000_000, 13)}`;
  return `${body}${mod10CheckDigit(body, { weights: [1, 3] })}`;
}

/** DHL Express waybill, 10 digits: 9-digit serial (no leading zero) + the serial mod 7. */
export function dhlExpressTrackingNumber(serial: number): string {
  assertSerial(serial);
  const body = String(100_000_000 + (serial % 900_000_000));
  return `${body}${mod7CheckDigit(body)}`;
}

export interface GenerateInput {
  service: ServiceDefinition;
  /** The next value of the format's sequence. */
  serial: number;
  /** UPS shipper number or USPS Mailer ID from the shop's carrier account; placeholders when absent. */
  shipperId: string | null;
}

export function generateTrackingNumber({ service, serial, shipperId }: GenerateInput): string {
  const format: TrackingFormat = service.trackingFormat;
  switch (format) {
    case "ups_1z":
      return upsTrackingNumber(shipperId || PLACEHOLDER_UPS_SHIPPER_ID, service.upsServiceCode ?? "03", serial);
    case "usps_impb":
      return uspsImpbTrackingNumber(service.uspsServiceTypeCode ?? "001", shipperId || PLACEHOLDER_USPS_MAILER_ID, serial);
    case "fedex_express_12":
      return fedexExpressTrackingNumber(serial);
    case "fedex_ground_15":
      return fedexGroundTrackingNumber(serial);
    case "dhl_express_10":
      return dhlExpressTrackingNumber(serial);
  }
}

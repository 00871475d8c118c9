// The vocabulary of the carrier code tables: what one raw code means in Parcel Desk's status model.
import type { ExceptionType, ShipmentStatus } from "../../../../db/types";

/** How an event moves the current EDD (see status.ts). */
export type EddEffect =
  /** The carrier delays the parcel: push the EDD one business day (at most once per day). */
  | "push"
  /** Delivery cannot happen today any more (attempt failed, rescheduled): at least the next business day. */
  | "next_day"
  /** This event never moves the EDD, whatever its status says. */
  | "none";

export interface CodeRule {
  status: ShipmentStatus;
  /** A short machine-readable detail ("arrival_scan", "customer_not_available"). */
  substatus: string;
  /** What a person should look at; the first one is stored on the event. */
  exceptions?: ExceptionType[];
  /** Exception types this event clears (e.g. UPS AH "address corrected" clears address_issue). */
  clears?: ExceptionType[];
  /**
   * Whether the event shows the parcel physically handled. Label-created messages, EDD notices and
   * system-generated "in transit" lines are not scans: they do not ship the parcel, and they do not
   * reset the stall timer. Default: true, except for info_received and voided.
   */
  physical?: boolean;
  edd?: EddEffect;
  /** A plain-language meaning, shown beside the raw code. */
  meaning: string;
}

export interface KeywordRule {
  /** Tested against the description (case-insensitive). */
  pattern: RegExp;
  name: string;
  rule: CodeRule;
}

export interface NormalizedEvent {
  status: ShipmentStatus;
  substatus: string;
  exceptions: ExceptionType[];
  clears: ExceptionType[];
  physical: boolean;
  edd: EddEffect | null;
  /** Which mapping rule fired, e.g. "ups:movement:OR", "fedex:DE+08", "shop_override:usps:X9". */
  rule: string;
  meaning: string;
  unmapped: boolean;
}

export interface MappingInput {
  carrier: string;
  code: string;
  description: string;
  /** Whether the event came with any location (unknown codes count as scans only with one). */
  hasLocation: boolean;
}

export interface MappingContext {
  /** The parcel is already on its way back to the shipper (a return-to-sender event came first). */
  returning: boolean;
}

export interface CodeOverride {
  status: ShipmentStatus;
  exceptionType: ExceptionType | null;
}

export type Overrides = ReadonlyMap<string, CodeOverride>;

export function overrideKey(carrier: string, rawCode: string): string {
  return `${carrier}\u0000${rawCode}`;
}

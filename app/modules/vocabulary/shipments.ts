// The shipment vocabulary: every parcel status, exception type and case severity, the words a seller
// reads for each and the colour that marks it, in one place. Tracking, exceptions, notifications,
// analytics, the shop settings and every page import from here, so a new status or type is added
// once (and the Record types below make the compiler list every place that must name it).
// Imports nothing but the database types: any module may depend on it.
import type { ExceptionType, Severity, ShipmentStatus } from "../../../db/types";

export const SHIPMENT_STATUSES = [
  "pending",
  "info_received",
  "in_transit",
  "out_for_delivery",
  "attempt_failed",
  "available_for_pickup",
  "delivered",
  "exception",
  "returned_to_sender",
  "expired",
  "voided",
] as const satisfies readonly ShipmentStatus[];

export const STATUS_LABELS: Record<ShipmentStatus, string> = {
  pending: "Label created",
  info_received: "Info received",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  attempt_failed: "Attempt failed",
  available_for_pickup: "Ready for pickup",
  delivered: "Delivered",
  exception: "Exception",
  returned_to_sender: "Returned to sender",
  expired: "Expired",
  voided: "Voided",
};

/** Mantine colour names of the status badges (timeline, shipments table, queue). */
export const STATUS_COLORS: Record<ShipmentStatus, string> = {
  pending: "gray",
  info_received: "gray",
  in_transit: "blue",
  out_for_delivery: "cyan",
  attempt_failed: "orange",
  available_for_pickup: "grape",
  delivered: "green",
  exception: "red",
  returned_to_sender: "pink",
  expired: "dark",
  voided: "dark",
};

export const EXCEPTION_TYPES = [
  "delayed",
  "stalled",
  "not_picked_up",
  "misrouted",
  "failed_attempt",
  "address_issue",
  "damaged",
  "returned_to_sender",
  "lost",
] as const satisfies readonly ExceptionType[];

export const EXCEPTION_TYPE_LABELS: Record<ExceptionType, string> = {
  delayed: "Delayed",
  stalled: "Stalled",
  not_picked_up: "Not picked up",
  misrouted: "Misrouted",
  failed_attempt: "Failed attempt",
  address_issue: "Address issue",
  damaged: "Damaged",
  returned_to_sender: "Returned to sender",
  lost: "Lost",
};

/** The type inside a sentence: "a failed attempt case", "opens a not picked up case". */
export function exceptionTypeWord(type: ExceptionType): string {
  return EXCEPTION_TYPE_LABELS[type].toLowerCase();
}

export function isExceptionType(value: string): value is ExceptionType {
  return (EXCEPTION_TYPES as readonly string[]).includes(value);
}

/** Mantine colour names, one per type: the case badges and the analytics charts use the same. */
export const EXCEPTION_TYPE_COLORS: Record<ExceptionType, string> = {
  delayed: "orange",
  stalled: "yellow",
  not_picked_up: "gray",
  misrouted: "grape",
  failed_attempt: "cyan",
  address_issue: "pink",
  damaged: "red",
  returned_to_sender: "violet",
  lost: "dark",
};

/** Most urgent first. */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const satisfies readonly Severity[];

export const SEVERITY_LABELS: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

/** 0 is the most urgent; the queue's severity sort and its index use the same ranking. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const SEVERITY_COLORS: Record<Severity, string> = { critical: "red", high: "orange", medium: "yellow", low: "gray" };

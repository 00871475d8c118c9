// How the normalized statuses read to people, and their badge colours (timeline, shipments, queue).
import type { ExceptionType, ShipmentStatus } from "../../../db/types";

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

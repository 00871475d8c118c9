// Shipment status as a coloured badge, in the seller's words.
import { Badge } from "@mantine/core";
import type { ShipmentStatus } from "../../../db/types";

const LOOK: Record<ShipmentStatus, { label: string; color: string }> = {
  pending: { label: "Label created", color: "gray" },
  info_received: { label: "Info received", color: "blue" },
  in_transit: { label: "In transit", color: "blue" },
  out_for_delivery: { label: "Out for delivery", color: "indigo" },
  attempt_failed: { label: "Attempt failed", color: "orange" },
  available_for_pickup: { label: "Ready for pickup", color: "grape" },
  delivered: { label: "Delivered", color: "teal" },
  exception: { label: "Exception", color: "red" },
  returned_to_sender: { label: "Returned", color: "red" },
  expired: { label: "Expired", color: "gray" },
  voided: { label: "Voided", color: "dark" },
};

export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, string> = Object.fromEntries(
  Object.entries(LOOK).map(([k, v]) => [k, v.label]),
) as Record<ShipmentStatus, string>;

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  const look = LOOK[status] ?? { label: status, color: "gray" };
  return (
    <Badge
      color={look.color}
      variant={status === "voided" ? "outline" : "light"}
      tt="none"
      // Mantine truncates badge text; in a table cell it should keep its full width instead.
      styles={{ root: { overflow: "visible", maxWidth: "none" }, label: { overflow: "visible", textOverflow: "clip" } }}
    >
      {look.label}
    </Badge>
  );
}

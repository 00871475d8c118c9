// Shipment status as a coloured badge, in the seller's words (the wording and colours of
// app/modules/vocabulary/shipments.ts, shared with the timeline and the queue).
import { Badge } from "@mantine/core";
import type { ShipmentStatus } from "../../../db/types";
import { STATUS_COLORS, STATUS_LABELS } from "../../modules/vocabulary/shipments";

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  return (
    <Badge
      color={STATUS_COLORS[status] ?? "gray"}
      variant={status === "voided" ? "outline" : "light"}
      tt="none"
      // Mantine truncates badge text; in a table cell it should keep its full width instead.
      styles={{ root: { overflow: "visible", maxWidth: "none" }, label: { overflow: "visible", textOverflow: "clip" } }}
    >
      {STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

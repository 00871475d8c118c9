// When a label is bought for an address that failed the check and was overridden, support should
// watch that parcel: an address_issue case is opened (or the open one appended to) through the
// exceptions module's case lifecycle, inside the label's transaction.
import type { ShopScope } from "../../lib/tenancy.server";
import { openOrAppendCase } from "../exceptions/on-demand.server";

export async function openAddressOverrideCase(
  scope: ShopScope,
  input: { shipmentId: number; reason: string; at: Date; actorUserId: number | null },
): Promise<void> {
  await openOrAppendCase(scope, {
    shipmentId: input.shipmentId,
    type: "address_issue",
    rule: "address_check_overridden",
    reason: input.reason,
    at: input.at,
    actorUserId: input.actorUserId,
  });
}

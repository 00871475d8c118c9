// The address check on one order: running it and storing the problems on the order, and the
// override that lets a label be made anyway, recording who overrode it and why.
import type { AddressOverride, AddressProblem } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { findService } from "../carriers/registry";
import { checkAddress } from "./address-check";

async function orderForCheck(scope: ShopScope, orderId: number) {
  const order = await scope
    .selectFrom("orders")
    .select(["id", "external_id", "status", "buyer_name", "address1", "address2", "city", "region", "postal_code", "country", "carrier_code", "service_code", "address_problems", "address_override"])
    .where("id", "=", orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw new AppError(404, "Order was not found.");
  return order;
}

/** The check's result for an order now (with its assigned service's PO-box rule). */
export function problemsFor(order: {
  buyer_name: string;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  carrier_code: string | null;
  service_code: string | null;
}): AddressProblem[] {
  const service = order.carrier_code && order.service_code ? findService(order.carrier_code, order.service_code) : undefined;
  return checkAddress(
    { buyerName: order.buyer_name, address1: order.address1, address2: order.address2, city: order.city, region: order.region, postalCode: order.postal_code, country: order.country },
    service,
  );
}

/** Runs the check and stores the result on the order (history only when it changed). */
export async function recheckAddress(scope: ShopScope, input: { orderId: number; actorUserId: number | null }): Promise<AddressProblem[]> {
  return scope.transaction(async (tx) => {
    const order = await orderForCheck(tx, input.orderId);
    const problems = problemsFor(order);
    if (JSON.stringify(order.address_problems) !== JSON.stringify(problems)) {
      await tx.updateTable("orders").set({ address_problems: JSON.stringify(problems), updated_at: new Date() }).where("id", "=", order.id).execute();
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: "order.address_checked",
        orderId: order.id,
        details: {
          summary: problems.length === 0 ? "Address check passed." : `Address check found: ${problems.map((p) => p.message).join(" ")}`,
          problems,
        },
      });
    }
    return problems;
  });
}

/** Lets a label be made although the check failed; the seller says why, and the override is kept with who did it. */
export async function overrideAddressCheck(
  scope: ShopScope,
  input: { orderId: number; actorUserId: number; reason: string; now?: Date },
): Promise<AddressOverride> {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError(400, "Say why the address is fine as it is (at least 3 characters).");
  if (reason.length > 500) throw new AppError(400, "Keep the reason under 500 characters.");
  const user = await scope.db.selectFrom("users").select("name").where("id", "=", input.actorUserId).executeTakeFirst();
  if (!user) throw new AppError(400, "Unknown user.");
  const now = input.now ?? new Date();
  return scope.transaction(async (tx) => {
    const order = await orderForCheck(tx, input.orderId);
    if (order.status !== "to_ship") throw new AppError(409, `The order is ${order.status}; the address check only matters before the label.`);
    const problems = problemsFor(order);
    if (problems.length === 0) throw new AppError(409, "The address passes the check; there is nothing to override.");
    const override: AddressOverride = { by: input.actorUserId, byName: user.name, reason, at: now.toISOString() };
    await tx
      .updateTable("orders")
      .set({ address_override: JSON.stringify(override), address_problems: JSON.stringify(problems), updated_at: now })
      .where("id", "=", order.id)
      .execute();
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "order.address_overridden",
      orderId: order.id,
      at: now,
      details: {
        summary: `Address check overridden by ${user.name}: ${reason}`,
        reason,
        problems,
      },
    });
    return override;
  });
}

export async function clearAddressOverride(scope: ShopScope, input: { orderId: number; actorUserId: number | null }): Promise<void> {
  await scope.transaction(async (tx) => {
    const order = await orderForCheck(tx, input.orderId);
    if (!order.address_override) throw new AppError(409, "The address check is not overridden.");
    await tx.updateTable("orders").set({ address_override: null, updated_at: new Date() }).where("id", "=", order.id).execute();
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "order.address_override_removed",
      orderId: order.id,
      details: { summary: "Address check override removed; the check applies again." },
    });
  });
}

// Bulk carrier assignment from the orders table. GET: what the "Assign carrier" dialog shows
// (unassigned count, rules, default service, services). POST: assign a selection or all unassigned
// orders, by rules or one service; answers with the assigned count and each refusal's reason.
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { assignCarriers } from "../modules/carriers/assign.server";
import { assignmentOptions } from "../modules/carriers/assignment-options.server";
import { assignRequestSchema } from "../modules/carriers/schemas";

/** Refusals beyond this are counted but not listed (the CLI lists them all). */
const REFUSALS_SHOWN = 500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  try {
    return json(await assignmentOptions(ctx.scope), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorJson(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "shipments.assign");
  const parsed = assignRequestSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return json({ error: Object.values(errors)[0], errors }, { status: 400 });
  }
  const v = parsed.data;
  try {
    const result = await assignCarriers(ctx.scope, {
      actorUserId: ctx.user.userId,
      target: v.scope === "all_unassigned" ? { allUnassigned: true } : { orderIds: v.orderIds },
      method: v.method === "rules" ? { by: "rules" } : { by: "service", carrier: v.carrier!, service: v.service! },
      via: "web",
    });
    return json({
      assignedCount: result.assigned.length,
      refusedCount: result.refused.length,
      refused: result.refused.slice(0, REFUSALS_SHOWN).map((r) => ({ orderId: r.orderId, externalId: r.externalId, reason: r.reason })),
    });
  } catch (error) {
    return errorJson(error);
  }
}

// The order page's "Change carrier": assign another carrier and service to one order, or remove
// its carrier. Refusals come back as a 409 with the reason.
import { type ActionFunctionArgs } from "@remix-run/node";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { changeOrderCarrier, clearOrderCarrier } from "../modules/carriers/assign.server";
import { carrierChangeSchema, orderIdParamSchema } from "../modules/carriers/schemas";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "shipments.assign");
  const id = orderIdParamSchema.safeParse(params.orderId);
  if (!id.success) return json({ error: id.error.issues[0].message }, { status: 400 });
  const parsed = carrierChangeSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return json({ error: Object.values(fieldErrors(parsed.error))[0] }, { status: 400 });
  try {
    if (parsed.data.intent === "clear") {
      await clearOrderCarrier(ctx.scope, { actorUserId: ctx.user.userId, orderId: id.data });
      return json({ ok: true as const, assigned: null });
    }
    const assigned = await changeOrderCarrier(ctx.scope, { actorUserId: ctx.user.userId, orderId: id.data, carrier: parsed.data.carrier, service: parsed.data.service });
    return json({ ok: true as const, assigned });
  } catch (error) {
    return errorJson(error);
  }
}

// The label card of the order page: its data (address check, labels, label history) and its
// address actions (re-check, override with a reason, remove the override).
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { clearAddressOverride, overrideAddressCheck, recheckAddress } from "../modules/labels/address.server";
import { orderLabelView } from "../modules/labels/order-label.server";
import { idParam, overrideSchema } from "../modules/labels/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  const id = idParam("Order").safeParse(params.orderId);
  if (!id.success) return json({ error: id.error.issues[0].message }, { status: 400 });
  try {
    return Response.json({ view: await orderLabelView(ctx.scope, id.data), canPrint: ctx.can("labels.print") }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorJson(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const id = idParam("Order").safeParse(params.orderId);
  if (!id.success) return json({ error: id.error.issues[0].message }, { status: 400 });
  const form = formObject(await request.formData());
  try {
    switch (form.intent) {
      case "override": {
        const parsed = overrideSchema.safeParse(form);
        if (!parsed.success) return json({ error: Object.values(fieldErrors(parsed.error))[0] }, { status: 400 });
        await overrideAddressCheck(ctx.scope, { orderId: id.data, actorUserId: ctx.user.userId, reason: parsed.data.reason });
        return json({ ok: true });
      }
      case "clearOverride":
        await clearAddressOverride(ctx.scope, { orderId: id.data, actorUserId: ctx.user.userId });
        return json({ ok: true });
      case "recheck":
        return json({ ok: true, problems: await recheckAddress(ctx.scope, { orderId: id.data, actorUserId: ctx.user.userId }) });
      default:
        return json({ error: "Unknown action: choose override, clearOverride or recheck." }, { status: 400 });
    }
  } catch (error) {
    return errorJson(error);
  }
}

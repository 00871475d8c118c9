// Actions on labels that exist: void (with a reason), mark handed over (one, several, or every
// label waiting), and reprint (answers with the batch whose file is the label's, to download).
import { type ActionFunctionArgs } from "@remix-run/node";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { handOverSchema, idParam, voidLabelSchema } from "../modules/labels/schemas";
import { markHandedOver, shipmentLabelBatch, voidLabel } from "../modules/labels/shipments.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const form = await request.formData();
  const intent = form.get("intent");
  const invalid = (error: import("zod").ZodError) => {
    const errors = fieldErrors(error);
    return json({ error: Object.values(errors)[0], errors }, { status: 400 });
  };
  try {
    if (intent === "void") {
      const parsed = voidLabelSchema.safeParse(formObject(form));
      if (!parsed.success) return invalid(parsed.error);
      const voided = await voidLabel(ctx.scope, { ...parsed.data, actorUserId: ctx.user.userId });
      return json({ voided });
    }
    if (intent === "handover") {
      const parsed = handOverSchema.safeParse({ shipmentIds: form.getAll("shipmentIds").map(String), allPending: form.get("allPending") });
      if (!parsed.success) return invalid(parsed.error);
      const result = await markHandedOver(ctx.scope, { ...parsed.data, actorUserId: ctx.user.userId });
      return json({ handOver: result });
    }
    if (intent === "reprint") {
      const id = idParam("Shipment").safeParse(form.get("shipmentId"));
      if (!id.success) return invalid(id.error);
      return json({ batchId: await shipmentLabelBatch(ctx.scope, { shipmentId: id.data, actorUserId: ctx.user.userId }) });
    }
    return json({ error: "Unknown action: choose void, handover or reprint." }, { status: 400 });
  } catch (error) {
    return errorJson(error);
  }
}

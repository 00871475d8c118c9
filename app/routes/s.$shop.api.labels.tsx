// Starts a label batch (orders toolbar, Shipments page, order page) and answers with its id at once;
// the batch runs in the background while the browser polls its progress.
import { type ActionFunctionArgs } from "@remix-run/node";
import { fieldErrors } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { runLabelBatch, startLabelBatch } from "../modules/labels/batches.server";
import { createLabelsSchema } from "../modules/labels/schemas";
import { parseOrderFilters } from "../modules/orders/filters";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const form = await request.formData();
  const parsed = createLabelsSchema.safeParse({
    format: form.get("format"),
    layout: form.get("layout"),
    packingSlips: form.get("packingSlips"),
    orderIds: form.getAll("orderIds").map(String),
    allReady: form.get("allReady"),
    matching: form.get("matching") ?? undefined,
  });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return json({ error: Object.values(errors)[0], errors }, { status: 400 });
  }
  const { matching, ...choice } = parsed.data;
  const filters = matching === undefined ? null : parseOrderFilters(new URLSearchParams(matching));
  if (filters && !filters.ok) return json({ error: filters.message }, { status: 400 });
  try {
    const { batchId, orderIds } = await startLabelBatch(ctx.scope, {
      ...choice,
      matching: filters?.ok ? { filters: filters.filters, timeZone: ctx.shop.timeZone } : undefined,
      actorUserId: ctx.user.userId,
    });
    // Not awaited: the batch records its own failure, which the progress poll shows.
    runLabelBatch(ctx.scope, batchId, orderIds, { actorUserId: ctx.user.userId }).catch((error) => {
      console.error(`[labels] batch ${batchId} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return json({ batchId });
  } catch (error) {
    return errorJson(error);
  }
}

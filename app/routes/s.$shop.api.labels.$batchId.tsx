// A label batch's progress and outcome, polled by the browser while it runs.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { labelBatch } from "../modules/labels/batches.server";
import { idParam } from "../modules/labels/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const id = idParam("Batch").safeParse(params.batchId);
  if (!id.success) return json({ error: id.error.issues[0].message }, { status: 400 });
  try {
    const batch = await labelBatch(ctx.scope, id.data);
    return Response.json({ batch }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorJson(error);
  }
}

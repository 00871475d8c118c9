// An import's progress and outcome, polled by the import page while the batch runs.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AppError } from "../lib/errors";
import { requireShop } from "../lib/guard.server";
import { getBatch } from "../modules/imports/batches.server";
import { listIssues } from "../modules/imports/report.server";
import { batchIdSchema } from "../modules/imports/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  try {
    const id = batchIdSchema.safeParse(params.batchId);
    if (!id.success) throw new AppError(404, "That import was not found.");
    const batch = await getBatch(ctx.scope, id.data);
    const finished = batch.status !== "running";
    const issues = finished ? await listIssues(ctx.scope, id.data, { limit: 20 }) : [];
    return Response.json({ batch, issues }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message, code: error.code }, { status: error.status });
    throw error;
  }
}

// The error report of an import: every reported row as it was in the file, after columns saying
// what was wrong (formula-safe CSV, streamed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AppError } from "../lib/errors";
import { requireShop } from "../lib/guard.server";
import { orHttpError } from "../lib/http.server";
import { errorReport } from "../modules/imports/report.server";
import { batchIdSchema } from "../modules/imports/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  const id = batchIdSchema.safeParse(params.batchId);
  const report = await orHttpError(id.success ? errorReport(ctx.scope, id.data) : Promise.reject(new AppError(404, "That import was not found.")));
  return new Response(report.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${report.fileName.replace(/[^\w.-]+/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}

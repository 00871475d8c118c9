// A batch's print file, byte for byte as generated (so a reprint is identical). Downloading it is
// printing and goes into each order's history; ?preview=1 shows it inline without recording.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "../lib/guard.server";
import { orHttpError } from "../lib/http.server";
import { labelBatchFile } from "../modules/labels/batches.server";
import { labelFileResponse } from "../modules/labels/http";
import { idParam } from "../modules/labels/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const id = idParam("Batch").safeParse(params.batchId);
  if (!id.success) throw new Response(id.error.issues[0].message, { status: 400 });
  const preview = new URL(request.url).searchParams.get("preview") === "1";
  const file = await orHttpError(labelBatchFile(ctx.scope, id.data, { actorUserId: ctx.user.userId, preview }));
  return labelFileResponse(file, preview ? "inline" : "attachment");
}

// A batch's print file, byte for byte as generated (so a reprint is identical). GET only reads it
// (a download, or ?preview=1 inline) and changes nothing, so a link from another site cannot mark
// labels printed; printing is a POST (the Download buttons post), recorded in each order's history.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "../lib/guard.server";
import { orHttpError } from "../lib/http.server";
import { labelBatchFile } from "../modules/labels/batches.server";
import { labelFileResponse } from "../modules/labels/http";
import { idParam } from "../modules/labels/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const id = idParam("Batch").safeParse(params.batchId);
  if (!id.success) throw new Response(id.error.issues[0].message, { status: 400 });
  const inline = new URL(request.url).searchParams.get("preview") === "1";
  // `preview: true` reads the stored bytes without recording a print.
  const file = await orHttpError(labelBatchFile(ctx.scope, id.data, { actorUserId: ctx.user.userId, preview: true }));
  return labelFileResponse(file, inline ? "inline" : "attachment");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const id = idParam("Batch").safeParse(params.batchId);
  if (!id.success) throw new Response(id.error.issues[0].message, { status: 400 });
  const file = await orHttpError(labelBatchFile(ctx.scope, id.data, { actorUserId: ctx.user.userId }));
  return labelFileResponse(file, "attachment");
}

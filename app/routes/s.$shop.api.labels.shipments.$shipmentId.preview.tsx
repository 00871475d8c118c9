// One label as a 4x6 PDF shown in the browser before printing (not recorded as a print).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "../lib/guard.server";
import { orHttpError } from "../lib/http.server";
import { labelFileResponse } from "../modules/labels/http";
import { idParam } from "../modules/labels/schemas";
import { previewLabel } from "../modules/labels/shipments.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const id = idParam("Shipment").safeParse(params.shipmentId);
  if (!id.success) throw new Response(id.error.issues[0].message, { status: 400 });
  const file = await orHttpError(previewLabel(ctx.scope, id.data));
  return labelFileResponse(file, "inline");
}

// The shop's label defaults (format, layout, packing slips) and how many orders are ready for a
// label, for the "Create labels" dialogs.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "../lib/guard.server";
import { countReadyOrders } from "../modules/labels/batches.server";
import { shopLabelContext } from "../modules/labels/label-data.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "labels.print");
  const [shop, counts] = await Promise.all([shopLabelContext(ctx.scope), countReadyOrders(ctx.scope)]);
  return Response.json({ defaults: shop.settings.labels, ...counts }, { headers: { "Cache-Control": "no-store" } });
}

// The generic import template: its columns and two example orders (one with two items, one already
// shipped), so a seller exporting from anywhere knows exactly what to produce.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "../lib/csv";
import { requireShop } from "../lib/guard.server";
import { genericTemplateCsv } from "../modules/imports/template";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireShop(request, params, "orders.view");
  return csvResponse("parcel-desk-import-template.csv", genericTemplateCsv());
}

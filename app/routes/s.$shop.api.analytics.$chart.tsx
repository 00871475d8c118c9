// CSV download of one analytics chart's data, for the same filters as the page (?range=...).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv, csvResponse } from "../lib/csv";
import { AppError } from "../lib/errors";
import { requireShop } from "../lib/guard.server";
import { httpError } from "../lib/http.server";
import { chartCsv, chartIdSchema } from "../modules/analytics/exports";
import { analyticsForSearch } from "../modules/analytics/report-query.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "analytics.view");
  const chart = chartIdSchema.safeParse(params.chart);
  if (!chart.success) throw httpError(new AppError(404, `No chart "${params.chart}": the chart ${chart.error.issues[0].message}.`));
  const { report, filterError } = await analyticsForSearch(ctx.scope, { search: new URL(request.url).searchParams, timeZone: ctx.shop.timeZone });
  if (filterError) throw httpError(new AppError(400, `Bad filters: ${filterError}.`));
  const file = chartCsv(report, chart.data);
  return csvResponse(file.fileName, toCsv(file.header, file.rows));
}

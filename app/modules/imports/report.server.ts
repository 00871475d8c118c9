// What an import reported: the rows it could not import (errors) or imported with a doubt
// (warnings), for the summary, the CLI and the downloadable error report. The report gives back
// each row as it was in the file, after columns saying what was wrong with it, written through
// app/lib/csv.ts so a buyer message such as =HYPERLINK(...) stays text in a spreadsheet.
import { csvRow } from "../../lib/csv";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";

export interface ListedIssue {
  id: number;
  line: number;
  column: string | null;
  code: string;
  message: string;
  severity: "error" | "warning";
  externalId: string | null;
}

export async function listIssues(
  scope: ShopScope,
  batchId: number,
  options: { severity?: "error" | "warning"; limit?: number } = {},
): Promise<ListedIssue[]> {
  let q = scope
    .selectFrom("import_errors")
    .select(["id", "line", "column_name as column", "code", "message", "severity", "order_external_id as externalId"])
    .where("batch_id", "=", batchId)
    .orderBy("line")
    .orderBy("id");
  if (options.severity) q = q.where("severity", "=", options.severity);
  if (options.limit) q = q.limit(options.limit);
  return q.execute();
}

const REPORT_COLUMNS = ["Line", "Severity", "Problem column", "Code", "Problem"];
const PAGE = 2000;

/** The error report as a CSV stream (it can be long: pages of rows, never the whole file in memory). */
export async function errorReport(scope: ShopScope, batchId: number): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const batch = await scope.selectFrom("import_batches").select(["file_name", "columns"]).where("id", "=", batchId).executeTakeFirst();
  if (!batch) throw new AppError(404, "That import was not found.");
  let columns: string[] | null = Array.isArray(batch.columns) ? batch.columns : null;
  const encoder = new TextEncoder();
  let after: { line: number; id: number } | null = null;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let q = scope
        .selectFrom("import_errors")
        .select(["id", "line", "column_name", "code", "message", "severity", "raw"])
        .where("batch_id", "=", batchId)
        .orderBy("line")
        .orderBy("id")
        .limit(PAGE);
      if (after) {
        const a = after;
        q = q.where((eb) => eb.or([eb("line", ">", a.line), eb.and([eb("line", "=", a.line), eb("id", ">", a.id)])]));
      }
      const rows = await q.execute();
      let out = "";
      if (!started) {
        started = true;
        columns ??= rows[0]?.raw ? Object.keys(rows[0].raw) : [];
        // Excel reads UTF-8 accents right only with a byte-order mark.
        out += `\uFEFF${csvRow([...REPORT_COLUMNS, ...columns])}`;
      }
      for (const r of rows) {
        const raw = (r.raw ?? {}) as Record<string, string>;
        out += csvRow([r.line, r.severity, r.column_name ?? "", r.code, r.message, ...columns!.map((c) => raw[c] ?? "")]);
      }
      if (out) controller.enqueue(encoder.encode(out));
      if (rows.length < PAGE) controller.close();
      else after = { line: rows[rows.length - 1].line, id: rows[rows.length - 1].id };
    },
  });
  const base = batch.file_name.replace(/\.[^.]*$/, "");
  return { fileName: `${base}-import-${batchId}-errors.csv`, body };
}

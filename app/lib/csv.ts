// Writing CSV that a spreadsheet opens safely: every file the app exports goes through here, written
// by papaparse's `unparse` with `escapeFormulae`: a text cell that a spreadsheet would run as a
// formula (starting with =, +, -, @, tab or carriage return) is prefixed with a single quote
// (OWASP's CSV injection advice), while numbers stay numbers (-5 is written -5). Dates are written
// as ISO 8601, null and undefined as empty cells, rows end with CRLF.
import Papa from "papaparse";

const OPTIONS: Papa.UnparseConfig = { escapeFormulae: true, newline: "\r\n" };

export function csvRow(values: readonly unknown[]): string {
  return `${Papa.unparse([[...values]], OPTIONS)}\r\n`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const data = Array.from(rows, (r) => [...r]);
  return csvRow(header) + (data.length ? `${Papa.unparse(data, OPTIONS)}\r\n` : "");
}

/** A download response for CSV text, with a UTF-8 BOM so Excel reads accents right. */
export function csvResponse(fileName: string, body: string): Response {
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]+/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}

// Writing CSV that a spreadsheet opens safely: every file the app exports goes through here.
// Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
// return) are prefixed with a single quote (OWASP's CSV injection advice).

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let out = csvRow(header);
  for (const row of rows) out += csvRow(row);
  return out;
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

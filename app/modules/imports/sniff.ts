// Looking at the start of a file before importing it: is it text, which delimiter, what header.
// Pure (the browser sniffs the same way for the mapping step).

/** The delimiter the header line uses most (comma, semicolon, tab or pipe). */
export function sniffDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t", "|"]) {
    const count = headerLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** The first physical line (the header, unless a header cell is quoted across lines). */
export function firstLine(text: string): string {
  const end = text.search(/\r\n|\n|\r/);
  return (end === -1 ? text : text.slice(0, end)).replace(/^\uFEFF/, "");
}

/** Binary files (spreadsheets saved as .xlsx, images) contain NUL bytes early on. */
export function looksBinary(sample: Uint8Array): boolean {
  const n = Math.min(sample.length, 8192);
  for (let i = 0; i < n; i++) if (sample[i] === 0) return true;
  // An .xlsx (zip) starts with "PK".
  return sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04;
}

/** Header cells cleaned up, with repeated names made unique ("Billing Province (2)"). */
export function uniqueColumns(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const name = (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim() || `Column ${i + 1}`;
    const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/** Line breaks inside a record's fields: each adds a physical line to the record. */
export function lineBreaksIn(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.length === 0 || (c.indexOf("\n") === -1 && c.indexOf("\r") === -1)) continue;
    for (let i = 0; i < c.length; i++) {
      const ch = c.charCodeAt(i);
      if (ch === 10) n++;
      else if (ch === 13) {
        n++;
        if (c.charCodeAt(i + 1) === 10) i++;
      }
    }
  }
  return n;
}

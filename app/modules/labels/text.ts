// What can be printed on a label. The PDF labels use the standard Helvetica fonts, which only know
// the WinAnsi (Windows-1252) character set, and thermal printers' built-in fonts are no wider. So
// label text is transliterated first (accents stripped by Unicode NFD decomposition, a few letters
// without a decomposition spelled out), and whatever is still outside WinAnsi is reported by the
// address check and printed as "?". Pure functions, no I/O.

/** Windows-1252 bytes 0x80-0x9F that are not C1 controls, by Unicode code point (the rest map 1:1). */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Letters that NFD does not decompose into a base letter plus marks. */
const SPELLED_OUT: Record<string, string> = {
  Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", ı: "i", Ŧ: "T", ŧ: "t", Ŀ: "L", ŀ: "l",
  "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "...",
  "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
};

/** The WinAnsi byte for a character, or null when the standard fonts cannot print it. */
export function winAnsiByte(ch: string): number | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp <= 0x7e) return cp;
  if (cp >= 0xa0 && cp <= 0xff) return cp;
  return CP1252_HIGH[cp] ?? null;
}

export interface PrintableText {
  /** The text as it will print (unprintable characters replaced by "?"). */
  text: string;
  /** Characters that could not be printed, in order of first appearance. */
  unprintable: string[];
}

/**
 * Label text for a value: accents removed, typographic quotes and dashes made plain, whitespace
 * collapsed, and anything the label fonts cannot draw replaced by "?" (and listed). Letters that
 * WinAnsi has without accents' help (ß, Æ, Ø) stay; thermal labels print the same text as UTF-8.
 */
export function printable(value: string | null | undefined): PrintableText {
  if (!value) return { text: "", unprintable: [] };
  const unprintable: string[] = [];
  let out = "";
  for (const ch of value.normalize("NFD")) {
    const cp = ch.codePointAt(0) ?? 0;
    // Combining marks left over from NFD (U+0300-U+036F) are the accents we drop.
    if (cp >= 0x300 && cp <= 0x36f) continue;
    const spelled = SPELLED_OUT[ch];
    if (spelled !== undefined) {
      out += spelled;
      continue;
    }
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      out += " ";
      continue;
    }
    if (winAnsiByte(ch) !== null) {
      out += ch;
      continue;
    }
    if (!unprintable.includes(ch)) unprintable.push(ch);
    out += "?";
  }
  return { text: out.replace(/\s+/g, " ").trim(), unprintable };
}

/** Shorthand for the printed text only. */
export function labelText(value: string | null | undefined): string {
  return printable(value).text;
}

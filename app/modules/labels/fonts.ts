// Text measurement for label layout: advance widths of the standard Helvetica and Helvetica-Bold
// fonts (their Adobe font metrics, as shipped with pdf-lib) for every WinAnsi character, read once
// into two lookup tables so laying out thousands of labels never touches pdf-lib again.
import { StandardFontEmbedder, StandardFonts } from "pdf-lib";
import { winAnsiByte } from "./text";

export type FontWeight = "regular" | "bold";

/** PostScript names, as the PDF writer references them. */
export const FONT_NAMES: Record<FontWeight, string> = { regular: "Helvetica", bold: "Helvetica-Bold" };

function widthTable(font: StandardFonts): Map<number, number> {
  // pdf-lib's StandardFonts enum holds the same strings as the embedder's FontNames type.
  const embedder = StandardFontEmbedder.for(font as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
  const table = new Map<number, number>();
  const add = (cp: number) => {
    const ch = String.fromCodePoint(cp);
    if (winAnsiByte(ch) === null) return;
    try {
      table.set(cp, embedder.widthOfTextAtSize(ch, 1000));
    } catch {
      // A WinAnsi slot without a glyph in this font: measured as "?" below.
    }
  };
  for (let cp = 0x20; cp <= 0x7e; cp++) add(cp);
  for (let cp = 0xa0; cp <= 0xff; cp++) add(cp);
  for (const cp of [0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178]) {
    add(cp);
  }
  return table;
}

const TABLES: Record<FontWeight, Map<number, number>> = {
  regular: widthTable(StandardFonts.Helvetica),
  bold: widthTable(StandardFonts.HelveticaBold),
};

/** Width in points of `text` set in `weight` at `size` points (text already made printable). */
export function textWidth(text: string, size: number, weight: FontWeight = "regular"): number {
  const table = TABLES[weight];
  const fallback = table.get(0x3f) ?? 556;
  let units = 0;
  for (const ch of text) units += table.get(ch.codePointAt(0) ?? 0x3f) ?? fallback;
  return (units * size) / 1000;
}

/** The largest size from `max` down to `min` (in `step`s) at which `text` fits `width`, or null. */
export function sizeToFit(text: string, width: number, weight: FontWeight, max: number, min: number, step = 0.5): number | null {
  for (let size = max; size >= min - 1e-9; size -= step) {
    if (textWidth(text, size, weight) <= width) return size;
  }
  return null;
}

/** `text` cut to fit `width` (with "..." when cut). */
export function truncateToFit(text: string, width: number, size: number, weight: FontWeight): string {
  if (textWidth(text, size, weight) <= width) return text;
  let cut = text;
  while (cut.length > 0 && textWidth(`${cut}...`, size, weight) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}...`;
}

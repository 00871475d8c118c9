// One print file from a list of labels: lays them out (with packing slips when asked) and writes
// PDF (4x6 pages or two per letter page) or ZPL, and says on which page each label landed. The
// file is a pure function of its labels: the PDF's dates come from the newest label's creation
// time, so rendering the same labels again gives the same bytes. Pure, no I/O.
import type { LabelContent } from "./label-content";
import { layoutPanels } from "./layout";
import { renderPdf } from "./pdf";
import { renderZpl } from "./zpl";

export type LabelFormat = "pdf" | "zpl";
export type LabelLayout = "4x6" | "letter";

export interface RenderOptions {
  format: LabelFormat;
  /** Only for PDF; ZPL is always one 4x6 label per format. */
  layout: LabelLayout;
  packingSlips: boolean;
  title: string;
}

export interface RenderedFile {
  bytes: Buffer;
  contentType: string;
  extension: "pdf" | "zpl";
  /** Page (PDF) or label number (ZPL, 1-based) of each label, in input order. */
  pages: number[];
}

export function renderLabelFile(labels: readonly LabelContent[], options: RenderOptions): RenderedFile {
  if (labels.length === 0) throw new Error("There are no labels to print.");
  const panels = layoutPanels(labels, options.packingSlips);
  const step = options.packingSlips ? 2 : 1;
  if (options.format === "zpl") {
    return { bytes: renderZpl(panels), contentType: "text/plain; charset=utf-8", extension: "zpl", pages: labels.map((_, i) => i * step + 1) };
  }
  const perPage = options.layout === "letter" ? 2 : 1;
  const createdAt = new Date(Math.max(...labels.map((l) => l.createdAt.getTime())));
  return {
    bytes: renderPdf(panels, options.layout, { title: options.title, createdAt }),
    contentType: "application/pdf",
    extension: "pdf",
    pages: labels.map((_, i) => Math.floor((i * step) / perPage) + 1),
  };
}

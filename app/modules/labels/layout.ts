// The 4 x 6 inch label and packing slip, laid out once as a list of drawing operations that both
// renderers replay: the PDF writer in points, the ZPL writer in printer dots (203 dpi). Positions
// are in points from the panel's top-left corner, text `y` is the baseline. The barcode is placed
// in whole printer dots so every bar is an exact number of dots at 203 dpi. Pure functions.
import { encodeCode128, QUIET_ZONE_MODULES, type Code128Symbol } from "./code128";
import { type FontWeight, sizeToFit, textWidth, truncateToFit } from "./fonts";
import { addressLines, formatTrackingNumber, type LabelContent, routingCode, weightText } from "./label-content";

/** 4 x 6 in at 72 pt per inch. */
export const PANEL_WIDTH = 288;
export const PANEL_HEIGHT = 432;
/** Thermal label printers' resolution: 812 x 1218 dots per 4 x 6 in label. */
export const DPI = 203;
export const PANEL_DOTS = { width: 812, height: 1218 } as const;
export const ptToDots = (pt: number) => Math.round((pt * DPI) / 72);
export const dotsToPt = (dots: number) => (dots * 72) / DPI;

export type Align = "left" | "center" | "right";

export type DrawOp =
  /** Text inside the box [x, x + width], aligned there; it always fits at `size`. `inverse`: white on black. */
  | { kind: "text"; x: number; y: number; width: number; align: Align; size: number; weight: FontWeight; text: string; inverse?: boolean }
  /** A filled black rectangle (rules are thin ones). */
  | { kind: "box"; x: number; y: number; w: number; h: number }
  /** A Code 128 symbol, positioned and sized in printer dots. */
  | { kind: "barcode"; xDots: number; yDots: number; moduleDots: number; heightDots: number; symbol: Code128Symbol };

export interface Panel {
  kind: "label" | "packing_slip";
  ops: DrawOp[];
}

const M = 10;
const INNER = PANEL_WIDTH - 2 * M;
/** Widest module that still reads well; narrower only when a long number needs it. */
const MAX_MODULE_DOTS = 3;
/** Below this (0.0099 in) a 203 dpi printer's bars are too thin to scan reliably. */
export const MIN_MODULE_DOTS = 2;
const BARCODE_HEIGHT_DOTS = 170;
/** Ship-to type: as large as fits, never smaller than this. */
export const SHIP_TO_MAX_SIZE = 14;
export const SHIP_TO_MIN_SIZE = 10;
export const SHIP_TO_WIDTH = INNER - 8;

export class LabelLayoutError extends Error {}

function text(x: number, y: number, width: number, value: string, size: number, weight: FontWeight, align: Align = "left"): DrawOp {
  return { kind: "text", x, y, width, align, size, weight, text: truncateToFit(value, width, size, weight) };
}

function rule(y: number, thickness = 1.5): DrawOp {
  return { kind: "box", x: 0, y, w: PANEL_WIDTH, h: thickness };
}

/** Module width (in dots) and position for a symbol centred on the panel, or an error when it cannot scan. */
export function placeBarcode(symbol: Code128Symbol, yDots: number): Extract<DrawOp, { kind: "barcode" }> {
  const usable = PANEL_DOTS.width - 2 * ptToDots(4);
  const total = symbol.modules + 2 * QUIET_ZONE_MODULES;
  const moduleDots = Math.min(MAX_MODULE_DOTS, Math.floor(usable / total));
  if (moduleDots < MIN_MODULE_DOTS) {
    throw new LabelLayoutError(`The tracking number ${symbol.data} is too long for a scannable barcode on a 4x6 label.`);
  }
  const xDots = Math.floor((PANEL_DOTS.width - symbol.modules * moduleDots) / 2);
  return { kind: "barcode", xDots, yDots, moduleDots, heightDots: BARCODE_HEIGHT_DOTS, symbol };
}

/** The shipping label. */
export function layoutLabel(c: LabelContent): Panel {
  const ops: DrawOp[] = [];
  const right = PANEL_WIDTH - M;

  // Ship-from, top left; date, weight and package count, top right.
  ops.push(text(M, 14, 40, "FROM:", 6.5, "bold"));
  const from = addressLines(c.shipFrom, c.shipFrom.country);
  if (c.shipFrom.phone) from.push(c.shipFrom.phone);
  from.slice(0, 6).forEach((line, i) => ops.push(text(M, 24 + i * 9, 176, line, 7.5, i === 0 ? "bold" : "regular")));
  const weight = weightText(c.weightGrams);
  ops.push(text(190, 14, right - 190, c.labelDay, 7.5, "regular", "right"));
  ops.push(text(190, 30, right - 190, `WT ${weight.lb}`, 10, "bold", "right"));
  ops.push(text(190, 40, right - 190, weight.kg, 7, "regular", "right"));
  ops.push(text(190, 56, right - 190, `PKG 1 OF ${c.packageCount}`, 10, "bold", "right"));
  ops.push(rule(78));

  // Ship-to in large type: one size for all lines, the largest at which every line fits.
  ops.push(text(M, 92, 60, "SHIP TO:", 7, "bold"));
  const to = addressLines(c.shipTo, c.shipFrom.country).slice(0, 6);
  let size = SHIP_TO_MAX_SIZE;
  while (size > SHIP_TO_MIN_SIZE && to.some((l) => textWidth(l, size, "bold") > SHIP_TO_WIDTH)) size -= 0.5;
  const lineHeight = Math.min(size * 1.2, (196 - 100) / Math.max(1, to.length));
  to.forEach((line, i) => ops.push(text(M + 8, 100 + size * 0.9 + i * lineHeight, SHIP_TO_WIDTH, line, size, "bold")));
  ops.push(rule(202));

  // Routing (destination state + 3-digit ZIP) and the carrier's name: text, never a logo.
  ops.push(text(M, 213, 80, "ROUTE", 6, "bold"));
  ops.push(text(M, 246, 164, routingCode(c.shipTo), sizeToFit(routingCode(c.shipTo), 164, "bold", 30, 12) ?? 12, "bold"));
  if (c.edd) ops.push(text(M, 258, 164, `EST. DELIVERY ${c.edd}`, 6.5, "regular"));
  ops.push({ kind: "box", x: 180, y: 202, w: 1.5, h: 60 });
  ops.push(text(186, 213, 80, "CARRIER", 6, "bold"));
  const carrier = c.carrierName.toUpperCase();
  ops.push(text(186, 246, right - 186, carrier, sizeToFit(carrier, right - 186, "bold", 26, 10) ?? 10, "bold", "center"));

  // Service banner: white on black across the label.
  ops.push({ kind: "box", x: 0, y: 262, w: PANEL_WIDTH, h: 30 });
  const banner = c.serviceName.toUpperCase();
  const bannerSize = sizeToFit(banner, INNER, "bold", 18, 9) ?? 9;
  ops.push({ ...(text(M, 283, INNER, banner, bannerSize, "bold", "center") as Extract<DrawOp, { kind: "text" }>), inverse: true });

  // Tracking number: barcode and human-readable form.
  ops.push(text(M, 304, 80, "TRACKING #", 6.5, "bold"));
  ops.push(placeBarcode(encodeCode128(c.trackingNumber), ptToDots(310)));
  const human = formatTrackingNumber(c.trackingNumber, c.trackingFormat);
  ops.push(text(M, 387, INNER, human, sizeToFit(human, INNER, "bold", 13, 8) ?? 8, "bold", "center"));
  ops.push(rule(394));

  // Order reference and the mark that this label was generated here.
  ops.push(text(M, 409, 60, "ORDER", 6.5, "bold"));
  ops.push(text(M + 30, 409, 160, c.orderRef, 9, "bold"));
  ops.push(text(200, 409, right - 200, c.shopName, 6.5, "regular", "right"));
  ops.push(text(M, 424, INNER, "Generated by Parcel Desk", 6, "regular", "center"));
  return { kind: "label", ops };
}

/** Lines of items that fit on one packing slip; the rest are summarised in one line. */
export const SLIP_MAX_LINES = 22;

/** The packing slip that follows a label: items and quantities. */
export function layoutPackingSlip(c: LabelContent): Panel {
  const ops: DrawOp[] = [];
  const right = PANEL_WIDTH - M;
  ops.push(text(M, 28, 180, "PACKING SLIP", 16, "bold"));
  ops.push(text(190, 28, right - 190, c.labelDay, 8, "regular", "right"));
  ops.push(text(M, 46, INNER, `Order ${c.orderRef}`, 10, "bold"));
  ops.push(text(M, 58, INNER, `Ship to: ${[c.shipTo.name, c.shipTo.city, c.shipTo.region].filter(Boolean).join(", ")}`, 8, "regular"));
  ops.push(text(M, 70, INNER, `${c.serviceName} - ${formatTrackingNumber(c.trackingNumber, c.trackingFormat)}`, 8, "regular"));
  ops.push(rule(78, 1));
  ops.push(text(M, 92, 24, "QTY", 7, "bold", "right"));
  ops.push(text(M + 32, 92, 70, "SKU", 7, "bold"));
  ops.push(text(M + 108, 92, INNER - 108, "ITEM", 7, "bold"));
  ops.push({ kind: "box", x: M, y: 96, w: INNER, h: 0.5 });
  const shown = c.items.length > SLIP_MAX_LINES ? c.items.slice(0, SLIP_MAX_LINES - 1) : c.items;
  shown.forEach((item, i) => {
    const y = 109 + i * 13;
    ops.push(text(M, y, 24, String(item.quantity), 9, "bold", "right"));
    ops.push(text(M + 32, y, 70, item.sku ?? "", 7.5, "regular"));
    ops.push(text(M + 108, y, INNER - 108, item.name, 8, "regular"));
  });
  if (shown.length < c.items.length) {
    const rest = c.items.slice(shown.length);
    const units = rest.reduce((s, it) => s + it.quantity, 0);
    ops.push(text(M + 108, 109 + shown.length * 13, INNER - 108, `+ ${rest.length} more lines (${units} units)`, 8, "bold"));
  }
  const units = c.items.reduce((s, it) => s + it.quantity, 0);
  ops.push(rule(400, 1));
  ops.push(text(M, 413, INNER, `${units} ${units === 1 ? "unit" : "units"} in ${c.items.length} ${c.items.length === 1 ? "line" : "lines"}`, 8, "bold"));
  ops.push(text(M, 425, INNER, "Generated by Parcel Desk", 6, "regular", "center"));
  return { kind: "packing_slip", ops };
}

/** The panels of a print file in order: each label, followed by its packing slip when asked. */
export function layoutPanels(contents: readonly LabelContent[], packingSlips: boolean): Panel[] {
  const panels: Panel[] = [];
  for (const c of contents) {
    panels.push(layoutLabel(c));
    if (packingSlips) panels.push(layoutPackingSlip(c));
  }
  return panels;
}

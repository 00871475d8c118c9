// ZPL II for 203 dpi thermal printers (Zebra and compatibles): one ^XA ... ^XZ format per 4 x 6
// panel (812 x 1218 dots), replaying the same layout as the PDF. Text uses the scalable font 0
// with UTF-8 field data (^CI28); centred and right-aligned text uses a one-line field block (^FB)
// so the printer aligns it with its own font metrics. The barcode is ^BC with the code sets our
// own encoder chose, spelled out with ZPL's invocation codes (>: start B, >; start C, >5 to C,
// >6 to B), so the printer draws the very symbol the PDF draws. Pure, no I/O.
import { type DrawOp, PANEL_DOTS, type Panel, ptToDots } from "./layout";

/** ^FH hex escapes for the characters that would end or redirect a field (^ and ~), and the escape itself. */
function fieldText(text: string): string {
  return text.replace(/[\^~_]/g, (ch) => `_${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** ^BC field data for our code-set plan. A literal ">" in data is written ">0". */
export function barcodeFieldData(op: Extract<DrawOp, { kind: "barcode" }>): string {
  return op.symbol.runs
    .map((run, i) => {
      const code = i === 0 ? (run.set === "C" ? ">;" : ">:") : run.set === "C" ? ">5" : ">6";
      return code + run.text.replace(/>/g, ">0");
    })
    .join("");
}

function opToZpl(op: DrawOp): string {
  if (op.kind === "box") {
    const w = Math.max(1, ptToDots(op.w));
    const h = Math.max(1, ptToDots(op.h));
    // A filled box is a ^GB whose border is as thick as its smaller side.
    return `^FO${ptToDots(op.x)},${ptToDots(op.y)}^GB${w},${h},${Math.min(w, h)},B,0^FS`;
  }
  if (op.kind === "barcode") {
    // ^BY sets the narrow bar (module) width in dots; ^BC: normal orientation, height, no
    // interpretation line (the layout prints its own), no UCC check digit, no automatic mode.
    return `^FO${op.xDots},${op.yDots}^BY${op.moduleDots}^BCN,${op.heightDots},N,N,N,N^FD${barcodeFieldData(op)}^FS`;
  }
  const height = ptToDots(op.size);
  // ^FO is the top-left of the text cell; the layout gives the baseline, about 0.8 em below it.
  const top = Math.max(0, ptToDots(op.y - op.size * 0.8));
  const align = op.align === "center" ? "C" : op.align === "right" ? "R" : "L";
  const reverse = op.inverse ? "^FR" : "";
  return `^FO${ptToDots(op.x)},${top}^A0N,${height},${height}^FB${ptToDots(op.width)},1,0,${align},0${reverse}^FH_^FD${fieldText(op.text)}^FS`;
}

/** One label format: ^XA, UTF-8, the label's size and home position, the drawing, ^XZ. */
export function panelToZpl(panel: Panel): string {
  const lines = ["^XA", "^CI28", `^PW${PANEL_DOTS.width}`, `^LL${PANEL_DOTS.height}`, "^LH0,0", ...panel.ops.map(opToZpl), "^XZ"];
  return lines.join("\n");
}

/** The print file: the formats one after another, in panel order. */
export function renderZpl(panels: readonly Panel[]): Buffer {
  return Buffer.from(`${panels.map(panelToZpl).join("\n")}\n`, "utf8");
}

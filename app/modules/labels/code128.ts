// Code 128 barcodes, encoded here rather than by a library so the label renderers (PDF and ZPL) draw
// exactly the symbol we test. Supports code sets B (printable ASCII) and C (digit pairs), which
// cover every tracking number format we print; code set A (control characters) is not needed.
// The symbol values, bar patterns, start/stop characters and the modulo-103 check character are
// those of ISO/IEC 15417 (Code 128 bar code symbology specification), table 1 and section 4.7.
// Pure functions, no I/O.

/**
 * Bar/space widths (in modules) of symbol values 0..106: three bars and three spaces each, bar
 * first, 11 modules in total; 103-105 are START A/B/C and 106 is STOP (seven elements, 13 modules).
 */
const PATTERNS = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
] as const;

export const START_B = 104;
export const START_C = 105;
/** In code set B, switches to C; in code set C, value 100 switches to B. */
export const CODE_C = 99;
export const CODE_B = 100;
export const STOP = 106;

/** Quiet zone each side of the symbol, in modules (ISO/IEC 15417 asks for at least 10). */
export const QUIET_ZONE_MODULES = 10;

export type CodeSet = "B" | "C";

/** A run of data encoded in one code set, in order; the renderers for ZPL replay these. */
export interface CodeSetRun {
  set: CodeSet;
  text: string;
}

export interface Code128Symbol {
  data: string;
  /** Symbol values, start character first, then data, check character, stop. */
  values: number[];
  checkValue: number;
  runs: CodeSetRun[];
  /** Alternating bar, space, bar, ... widths in modules, starting and ending with a bar; no quiet zones. */
  widths: number[];
  /** Sum of `widths`. */
  modules: number;
}

export class Code128Error extends Error {}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/**
 * Chooses code sets so the symbol has as few characters as possible: a small dynamic programme over
 * (position, code set). Staying in code set C costs one symbol per digit pair, B one per
 * character, and each switch one more; ties keep the current set so the plan switches rarely.
 * This reproduces the rules of thumb (start in C for a leading run of 4+ digits, switch to C for
 * a run of 4+ digits at the end or 6+ in the middle, keep an odd digit in B) without special cases.
 */
export function planCodeSets(data: string): CodeSetRun[] {
  if (data.length === 0) throw new Code128Error("Nothing to encode: the barcode text is empty.");
  for (const ch of data) {
    const code = ch.charCodeAt(0);
    if (code < 32 || code > 126) {
      throw new Code128Error(`Cannot encode "${ch}" (U+${code.toString(16).toUpperCase().padStart(4, "0")}) in Code 128 set B or C.`);
    }
  }
  const n = data.length;
  // cost[i][s]: symbols needed for data[i..] when the current code set is s (0 = B, 1 = C).
  const cost: [number, number][] = Array.from({ length: n + 1 }, () => [0, 0]);
  const canPair = (i: number) => isDigit(data[i]) && isDigit(data[i + 1]);
  for (let i = n - 1; i >= 0; i--) {
    const inB = 1 + cost[i + 1][0];
    const pairC = canPair(i) ? 1 + cost[i + 2][1] : Infinity;
    cost[i][0] = Math.min(inB, 1 + pairC);
    cost[i][1] = Math.min(pairC, 1 + inB);
  }
  const startCost = { B: cost[0][0], C: canPair(0) ? cost[0][1] : Infinity };
  let set: CodeSet = startCost.C < startCost.B ? "C" : "B";
  const runs: CodeSetRun[] = [{ set, text: "" }];
  let i = 0;
  while (i < n) {
    const here = set === "B" ? 0 : 1;
    const stay = set === "B" ? 1 + cost[i + 1][0] : canPair(i) ? 1 + cost[i + 2][1] : Infinity;
    if (stay > cost[i][here]) {
      set = set === "B" ? "C" : "B";
      runs.push({ set, text: "" });
      continue;
    }
    const take = set === "B" ? 1 : 2;
    runs[runs.length - 1].text += data.slice(i, i + take);
    i += take;
  }
  return runs;
}

/** The modulo-103 check character: (start value + sum of position x value) mod 103, positions from 1. */
export function checkCharacter(valuesAfterStart: readonly number[], start: number): number {
  let sum = start;
  valuesAfterStart.forEach((v, index) => {
    sum += (index + 1) * v;
  });
  return sum % 103;
}

export function encodeCode128(data: string): Code128Symbol {
  const runs = planCodeSets(data);
  const start = runs[0].set === "C" ? START_C : START_B;
  const body: number[] = [];
  runs.forEach((run, index) => {
    if (index > 0) body.push(run.set === "C" ? CODE_C : CODE_B);
    if (run.set === "C") {
      for (let k = 0; k < run.text.length; k += 2) body.push(Number(run.text.slice(k, k + 2)));
    } else {
      for (const ch of run.text) body.push(ch.charCodeAt(0) - 32);
    }
  });
  const checkValue = checkCharacter(body, start);
  const values = [start, ...body, checkValue, STOP];
  const widths: number[] = [];
  for (const v of values) for (const w of PATTERNS[v]) widths.push(Number(w));
  const modules = widths.reduce((s, w) => s + w, 0);
  return { data, values, checkValue, runs, widths, modules };
}

/** The bar/space widths of one symbol value (for tests and the ZPL preview). */
export function patternOf(value: number): string {
  const p = PATTERNS[value];
  if (p === undefined) throw new Code128Error(`No Code 128 symbol value ${value}.`);
  return p;
}

/** Bars as [offset, width] pairs in modules from the symbol's left edge (spaces left out). */
export function barsOf(symbol: Code128Symbol): [number, number][] {
  const bars: [number, number][] = [];
  let x = 0;
  symbol.widths.forEach((w, index) => {
    if (index % 2 === 0) bars.push([x, w]);
    x += w;
  });
  return bars;
}

export const PATTERN_COUNT = PATTERNS.length;

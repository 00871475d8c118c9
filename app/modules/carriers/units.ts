// Weights and sizes at the edges: we store grams and millimetres, and show US sellers pounds,
// ounces and inches (everyone else kilograms and centimetres). Pure.

export type UnitSystem = "imperial" | "metric";

export const GRAMS_PER_POUND = 453.59237;
export const GRAMS_PER_OUNCE = GRAMS_PER_POUND / 16;
export const MM_PER_INCH = 25.4;

/** US sellers think in pounds and inches; the shop's ship-from country decides. */
export function unitSystemFor(originCountry: string): UnitSystem {
  return ["US", "LR", "MM"].includes(originCountry.toUpperCase()) ? "imperial" : "metric";
}

/** Whole pounds and ounces (ounces to one decimal). */
export function gramsToPoundsOunces(grams: number): { lb: number; oz: number } {
  const totalOz = Math.round((grams / GRAMS_PER_OUNCE) * 10) / 10;
  const lb = Math.floor(totalOz / 16);
  const oz = Math.round((totalOz - lb * 16) * 10) / 10;
  return { lb, oz };
}

export function poundsOuncesToGrams(lb: number, oz: number): number {
  return Math.round(lb * GRAMS_PER_POUND + oz * GRAMS_PER_OUNCE);
}

export function formatWeight(grams: number, units: UnitSystem): string {
  if (units === "metric") return grams < 1000 ? `${grams} g` : `${trim(grams / 1000, 2)} kg`;
  const { lb, oz } = gramsToPoundsOunces(grams);
  if (lb === 0) return `${trim(oz, 1)} oz`;
  return oz === 0 ? `${lb} lb` : `${lb} lb ${trim(oz, 1)} oz`;
}

export function formatLength(mm: number, units: UnitSystem): string {
  return units === "metric" ? `${trim(mm / 10, 1)} cm` : `${trim(mm / MM_PER_INCH, 1)} in`;
}

/** A length typed in the seller's units (inches or centimetres) to millimetres. */
export function lengthToMm(value: number, units: UnitSystem): number {
  return Math.round(units === "metric" ? value * 10 : value * MM_PER_INCH);
}

/** Millimetres to the seller's units (inches or centimetres), one decimal. */
export function mmToLength(mm: number, units: UnitSystem): number {
  return trimNumber(units === "metric" ? mm / 10 : mm / MM_PER_INCH, 1);
}

export function formatMoney(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

function trimNumber(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function trim(value: number, decimals: number): string {
  return String(trimNumber(value, decimals));
}

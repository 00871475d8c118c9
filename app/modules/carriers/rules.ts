// Assignment rules: which carrier and service an order gets. Rules are ordered; the first enabled
// rule whose conditions all hold wins, and the shop's default service takes the rest. Pure; the
// rules and the orders' facts come from rules.server.ts and facts.server.ts.
import { carrierName, serviceName } from "./registry";
import type { RuleConditions } from "./schemas";
import { formatLength, formatMoney, formatWeight, type UnitSystem } from "./units";

export interface ParcelFacts {
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

/** What assignment needs to know about an order. */
export interface OrderFacts {
  id: number;
  externalId: string;
  status: string;
  country: string;
  region: string | null;
  serviceLevel: string;
  totalCents: number;
  skus: string[];
  tags: string[];
  /** The address is a PO box (some services refuse them). */
  poBox: boolean;
  parcel: ParcelFacts;
  /** The tracking number of the order's live (not voided) label, if it has one. */
  liveTrackingNumber: string | null;
  /** What it is assigned to now. */
  carrierCode: string | null;
  serviceCode: string | null;
}

export interface AssignmentRule {
  id: number;
  name: string;
  enabled: boolean;
  carrier: string;
  service: string;
  /** null when the stored conditions no longer parse: such a rule never matches. */
  conditions: RuleConditions | null;
}

export interface ServiceChoice {
  carrier: string;
  service: string;
}

/**
 * The parcel an order makes: its own weight and dimensions where it has them, else the shop's
 * default package (imports often carry no dimensions, and some no weight).
 */
export function parcelOf(
  order: { weight_grams: number; length_mm: number | null; width_mm: number | null; height_mm: number | null },
  defaults: ParcelFacts,
): ParcelFacts {
  const hasDims = order.length_mm != null && order.width_mm != null && order.height_mm != null;
  return {
    weightGrams: order.weight_grams > 0 ? order.weight_grams : defaults.weightGrams,
    lengthMm: hasDims ? order.length_mm! : defaults.lengthMm,
    widthMm: hasDims ? order.width_mm! : defaults.widthMm,
    heightMm: hasDims ? order.height_mm! : defaults.heightMm,
  };
}

export function largestDimension(p: ParcelFacts): number {
  return Math.max(p.lengthMm, p.widthMm, p.heightMm);
}

function inRange(value: number, r: { min?: number | null; max?: number | null } | undefined): boolean {
  if (!r) return true;
  if (r.min != null && value < r.min) return false;
  if (r.max != null && value > r.max) return false;
  return true;
}

function anyOf(values: string[], wanted: string[] | undefined, fold: (s: string) => string): boolean {
  if (!wanted || wanted.length === 0) return true;
  for (const v of values) {
    const f = fold(v);
    if (wanted.some((w) => fold(w) === f)) return true;
  }
  return false;
}

const upper = (s: string) => s.trim().toUpperCase();
const lower = (s: string) => s.trim().toLowerCase();

export function ruleMatches(c: RuleConditions, o: OrderFacts): boolean {
  if (!inRange(o.parcel.weightGrams, c.weightGrams ?? undefined)) return false;
  if (!inRange(largestDimension(o.parcel), c.largestDimensionMm ?? undefined)) return false;
  if (!inRange(o.totalCents, c.orderValueCents ?? undefined)) return false;
  if (!anyOf([o.country], c.countries, upper)) return false;
  if (c.states && c.states.length > 0 && !(o.region && anyOf([o.region], c.states, upper))) return false;
  if (!anyOf([o.serviceLevel], c.serviceLevels, lower)) return false;
  if (c.skus && c.skus.length > 0 && !anyOf(o.skus, c.skus, upper)) return false;
  if (c.tags && c.tags.length > 0 && !anyOf(o.tags, c.tags, lower)) return false;
  return true;
}

/** The first enabled rule that matches, or null (then the default service applies). */
export function firstMatchingRule(rules: readonly AssignmentRule[], o: OrderFacts): AssignmentRule | null {
  for (const rule of rules) {
    if (rule.enabled && rule.conditions && ruleMatches(rule.conditions, o)) return rule;
  }
  return null;
}

export function chooseService(
  rules: readonly AssignmentRule[],
  fallback: ServiceChoice,
  o: OrderFacts,
): ServiceChoice & { rule: AssignmentRule | null } {
  const rule = firstMatchingRule(rules, o);
  return rule ? { carrier: rule.carrier, service: rule.service, rule } : { ...fallback, rule: null };
}

/** Whether the conditions test the order's SKUs (then items must be loaded). */
export function usesSkus(rules: readonly AssignmentRule[]): boolean {
  return rules.some((r) => (r.conditions?.skus?.length ?? 0) > 0);
}

function describeRange(r: { min?: number | null; max?: number | null } | undefined, show: (n: number) => string): string | null {
  if (!r || (r.min == null && r.max == null)) return null;
  if (r.min != null && r.max != null) return r.min === r.max ? show(r.min) : `${show(r.min)} to ${show(r.max)}`;
  if (r.min != null) return `${show(r.min)} or more`;
  return `up to ${show(r.max!)}`;
}

function describeList(values: string[] | undefined, max = 6): string | null {
  if (!values || values.length === 0) return null;
  return values.length <= max ? values.join(", ") : `${values.slice(0, max).join(", ")} and ${values.length - max} more`;
}

/** The conditions in words, one phrase each ("weight up to 1 lb", "state NY, NJ"). */
export function describeConditions(c: RuleConditions | null, units: UnitSystem): string[] {
  if (!c) return ["conditions cannot be read; this rule never matches"];
  const out: string[] = [];
  const weight = describeRange(c.weightGrams ?? undefined, (g) => formatWeight(g, units));
  if (weight) out.push(`weight ${weight}`);
  const size = describeRange(c.largestDimensionMm ?? undefined, (mm) => formatLength(mm, units));
  if (size) out.push(`longest side ${size}`);
  const countries = describeList(c.countries);
  if (countries) out.push(`${c.countries!.length === 1 ? "country" : "countries"} ${countries}`);
  const states = describeList(c.states);
  if (states) out.push(`${c.states!.length === 1 ? "state" : "states"} ${states}`);
  const levels = describeList(c.serviceLevels);
  if (levels) out.push(`requested ${levels}`);
  const value = describeRange(c.orderValueCents ?? undefined, (cents) => formatMoney(cents));
  if (value) out.push(`order value ${value}`);
  const skus = describeList(c.skus, 4);
  if (skus) out.push(`SKU ${skus}`);
  const tags = describeList(c.tags);
  if (tags) out.push(`tagged ${tags}`);
  return out;
}

export function describeRule(rule: Pick<AssignmentRule, "carrier" | "service" | "conditions">, units: UnitSystem): string {
  const when = describeConditions(rule.conditions, units);
  const then = `${serviceName(rule.carrier, rule.service) || carrierName(rule.carrier)}`;
  return when.length ? `When ${when.join(" and ")}: ${then}` : `Every order: ${then}`;
}

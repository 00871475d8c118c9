// The rule editor's form: what the seller types (pounds and ounces or kilograms, inches or
// centimetres, dollars) to and from a rule's stored conditions (grams, millimetres, cents). Pure,
// used in the browser; the server validates the result with ruleSchema.
import type { RuleConditions } from "./schemas";
import { parseServiceValue, serviceValue } from "./service-options";
import { GRAMS_PER_OUNCE, GRAMS_PER_POUND, lengthToMm, mmToLength, type UnitSystem } from "./units";

export type NumberField = number | "";

/** Pounds and ounces (imperial) or kilograms in `major` (metric, `minor` unused). */
export interface WeightField {
  major: NumberField;
  minor: NumberField;
}

export interface RuleForm {
  name: string;
  enabled: boolean;
  /** "carrier:service" */
  service: string | null;
  weightMin: WeightField;
  weightMax: WeightField;
  /** Longest side, in inches or centimetres. */
  sizeMin: NumberField;
  sizeMax: NumberField;
  /** Order value, in dollars. */
  valueMin: NumberField;
  valueMax: NumberField;
  countries: string[];
  states: string[];
  serviceLevels: string[];
  skus: string[];
  tags: string[];
}

export function emptyRuleForm(): RuleForm {
  const blank: WeightField = { major: "", minor: "" };
  return {
    name: "",
    enabled: true,
    service: null,
    weightMin: { ...blank },
    weightMax: { ...blank },
    sizeMin: "",
    sizeMax: "",
    valueMin: "",
    valueMax: "",
    countries: [],
    states: [],
    serviceLevels: [],
    skus: [],
    tags: [],
  };
}

const num = (v: NumberField) => (v === "" ? 0 : v);

function weightToGrams(w: WeightField, units: UnitSystem): number | null {
  if (w.major === "" && w.minor === "") return null;
  if (units === "metric") return Math.round(num(w.major) * 1000);
  return Math.round(num(w.major) * GRAMS_PER_POUND + num(w.minor) * GRAMS_PER_OUNCE);
}

function gramsToWeight(grams: number | null | undefined, units: UnitSystem): WeightField {
  if (grams == null) return { major: "", minor: "" };
  if (units === "metric") return { major: Math.round(grams) / 1000, minor: "" };
  const totalOz = Math.round((grams / GRAMS_PER_OUNCE) * 10) / 10;
  const lb = Math.floor(totalOz / 16);
  return { major: lb, minor: Math.round((totalOz - lb * 16) * 10) / 10 };
}

function range(min: number | null, max: number | null) {
  return min == null && max == null ? undefined : { min, max };
}

const cleanList = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

export interface RuleFormInput {
  name: string;
  enabled: boolean;
  carrier: string;
  service: string;
  conditions: RuleConditions;
}

export function formToRuleInput(form: RuleForm, units: UnitSystem): RuleFormInput {
  const choice = parseServiceValue(form.service);
  const lists: Partial<RuleConditions> = {};
  if (cleanList(form.countries).length) lists.countries = cleanList(form.countries).map((c) => c.toUpperCase());
  if (cleanList(form.states).length) lists.states = cleanList(form.states).map((c) => c.toUpperCase());
  if (cleanList(form.serviceLevels).length) lists.serviceLevels = cleanList(form.serviceLevels).map((c) => c.toLowerCase());
  if (cleanList(form.skus).length) lists.skus = cleanList(form.skus);
  if (cleanList(form.tags).length) lists.tags = cleanList(form.tags).map((c) => c.toLowerCase());
  const conditions: RuleConditions = {
    weightGrams: range(weightToGrams(form.weightMin, units), weightToGrams(form.weightMax, units)),
    largestDimensionMm: range(form.sizeMin === "" ? null : lengthToMm(form.sizeMin, units), form.sizeMax === "" ? null : lengthToMm(form.sizeMax, units)),
    orderValueCents: range(form.valueMin === "" ? null : Math.round(form.valueMin * 100), form.valueMax === "" ? null : Math.round(form.valueMax * 100)),
    ...lists,
  };
  for (const key of Object.keys(conditions) as (keyof RuleConditions)[]) if (conditions[key] === undefined) delete conditions[key];
  return { name: form.name.trim(), enabled: form.enabled, carrier: choice?.carrier ?? "", service: choice?.service ?? "", conditions };
}

export function ruleToForm(
  rule: { name: string; enabled: boolean; carrier: string; service: string; conditions: RuleConditions | null },
  units: UnitSystem,
): RuleForm {
  const c = rule.conditions ?? {};
  const size = (mm: number | null | undefined): NumberField => (mm == null ? "" : mmToLength(mm, units));
  const money = (cents: number | null | undefined): NumberField => (cents == null ? "" : cents / 100);
  return {
    name: rule.name,
    enabled: rule.enabled,
    service: serviceValue(rule.carrier, rule.service),
    weightMin: gramsToWeight(c.weightGrams?.min, units),
    weightMax: gramsToWeight(c.weightGrams?.max, units),
    sizeMin: size(c.largestDimensionMm?.min),
    sizeMax: size(c.largestDimensionMm?.max),
    valueMin: money(c.orderValueCents?.min),
    valueMax: money(c.orderValueCents?.max),
    countries: c.countries ?? [],
    states: c.states ?? [],
    serviceLevels: c.serviceLevels ?? [],
    skus: c.skus ?? [],
    tags: c.tags ?? [],
  };
}

/** Which form field a server-side error path belongs to ("conditions.weightGrams.max" -> "weightMax"). */
export function formFieldOf(path: string): string {
  const map: Record<string, string> = {
    carrier: "service",
    service: "service",
    "conditions.weightGrams.min": "weightMin",
    "conditions.weightGrams.max": "weightMax",
    "conditions.largestDimensionMm.min": "sizeMin",
    "conditions.largestDimensionMm.max": "sizeMax",
    "conditions.orderValueCents.min": "valueMin",
    "conditions.orderValueCents.max": "valueMax",
  };
  if (map[path]) return map[path];
  const list = /^conditions\.(countries|states|serviceLevels|skus|tags)/.exec(path);
  return list ? list[1] : path;
}

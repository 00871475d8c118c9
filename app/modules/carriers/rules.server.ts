// A shop's assignment rules: listing, adding, editing, deleting, reordering, switching on and
// off (Settings > Assignment rules), the default service, and the live preview of which
// unassigned orders each rule would take.
import type { Selectable } from "kysely";
import type { AssignmentRulesTable } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { getShopSettings, updateShopSettings } from "../shops/shops.server";
import { factsFor, unassignedOrderPages } from "./facts.server";
import { serviceRefusal } from "./limits";
import { serviceName } from "./registry";
import { type AssignmentRule, chooseService, describeRule, ruleMatches, usesSkus } from "./rules";
import { type RuleConditions, ruleConditionsSchema, ruleSchema, serviceChoiceSchema } from "./schemas";
import { unitSystemFor } from "./units";
import { assignmentContext } from "./context.server";

export interface StoredRule extends AssignmentRule {
  position: number;
}

function toRule(row: Selectable<AssignmentRulesTable>): StoredRule {
  const parsed = ruleConditionsSchema.safeParse(row.conditions);
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    carrier: row.carrier_code,
    service: row.service_code,
    conditions: parsed.success ? parsed.data : null,
    position: row.position,
  };
}

export async function listRules(scope: ShopScope): Promise<StoredRule[]> {
  const rows = await scope.selectFrom("assignment_rules").selectAll().orderBy("position").orderBy("id").execute();
  return rows.map(toRule);
}

function invalid(error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  return new AppError(400, error.issues.map((i) => i.message).join("; "), {
    details: Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "form", i.message])),
  });
}

/** Drops empty lists and open ranges, so stored conditions say only what the rule tests. */
function compact(c: RuleConditions): RuleConditions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (v == null) continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = v;
    } else if (typeof v === "object") {
      const r = v as { min?: number | null; max?: number | null };
      if (r.min != null || r.max != null) out[k] = { ...(r.min != null ? { min: r.min } : {}), ...(r.max != null ? { max: r.max } : {}) };
    }
  }
  return out as RuleConditions;
}

async function ruleById(scope: ShopScope, id: number): Promise<StoredRule> {
  const row = await scope.selectFrom("assignment_rules").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError(404, "That rule does not exist (it may have been deleted).");
  return toRule(row);
}

async function unitsOf(scope: ShopScope) {
  return unitSystemFor((await getShopSettings(scope.db, scope.shopId)).returnAddress.country);
}

export async function createRule(scope: ShopScope, actorUserId: number | null, input: unknown): Promise<StoredRule> {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const v = parsed.data;
  const units = await unitsOf(scope);
  return scope.transaction(async (tx) => {
    // Lock the shop's rules so two people adding at once still get distinct positions.
    const existing = await tx.selectFrom("assignment_rules").select("position").forUpdate().execute();
    const position = existing.reduce((m, r) => Math.max(m, r.position), 0) + 1;
    const row = await tx
      .insertInto("assignment_rules", {
        position,
        name: v.name,
        enabled: v.enabled,
        conditions: JSON.stringify(compact(v.conditions)),
        carrier_code: v.carrier,
        service_code: v.service,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const rule = toRule(row);
    await recordAudit(tx, {
      actorUserId,
      action: "assignment_rule.created",
      details: { summary: `Added assignment rule "${rule.name}" (#${position}): ${describeRule(rule, units)}.`, ruleId: rule.id },
    });
    return rule;
  });
}

export async function updateRule(scope: ShopScope, actorUserId: number | null, id: number, input: unknown): Promise<StoredRule> {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const v = parsed.data;
  const units = await unitsOf(scope);
  return scope.transaction(async (tx) => {
    const before = await ruleById(tx, id);
    const row = await tx
      .updateTable("assignment_rules")
      .set({
        name: v.name,
        enabled: v.enabled,
        conditions: JSON.stringify(compact(v.conditions)),
        carrier_code: v.carrier,
        service_code: v.service,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const rule = toRule(row);
    await recordAudit(tx, {
      actorUserId,
      action: "assignment_rule.updated",
      details: {
        summary: `Changed assignment rule "${rule.name}": ${describeRule(rule, units)}${rule.enabled ? "" : " (off)"}.`,
        ruleId: id,
        before: { name: before.name, enabled: before.enabled, carrier: before.carrier, service: before.service, conditions: before.conditions },
      },
    });
    return rule;
  });
}

export async function setRuleEnabled(scope: ShopScope, actorUserId: number | null, id: number, enabled: boolean): Promise<void> {
  await scope.transaction(async (tx) => {
    const rule = await ruleById(tx, id);
    if (rule.enabled === enabled) return;
    await tx.updateTable("assignment_rules").set({ enabled, updated_at: new Date() }).where("id", "=", id).execute();
    await recordAudit(tx, {
      actorUserId,
      action: "assignment_rule.updated",
      details: { summary: `Turned assignment rule "${rule.name}" ${enabled ? "on" : "off"}.`, ruleId: id, enabled },
    });
  });
}

/** Rewrites positions 1..n in the given order. */
async function renumber(tx: ShopScope, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i++) {
    await tx.updateTable("assignment_rules").set({ position: i + 1 }).where("id", "=", ids[i]).execute();
  }
}

export async function deleteRule(scope: ShopScope, actorUserId: number | null, id: number): Promise<void> {
  await scope.transaction(async (tx) => {
    const rule = await ruleById(tx, id);
    await tx.deleteFrom("assignment_rules").where("id", "=", id).execute();
    const rest = await tx.selectFrom("assignment_rules").select("id").forUpdate().orderBy("position").orderBy("id").execute();
    await renumber(tx, rest.map((r) => r.id));
    await recordAudit(tx, {
      actorUserId,
      action: "assignment_rule.deleted",
      details: { summary: `Deleted assignment rule "${rule.name}" (${serviceName(rule.carrier, rule.service)}).`, ruleId: id },
    });
  });
}

export async function moveRule(scope: ShopScope, actorUserId: number | null, id: number, direction: "up" | "down"): Promise<void> {
  await scope.transaction(async (tx) => {
    const rules = await tx.selectFrom("assignment_rules").select(["id", "name"]).forUpdate().orderBy("position").orderBy("id").execute();
    const from = rules.findIndex((r) => r.id === id);
    if (from < 0) throw new AppError(404, "That rule does not exist (it may have been deleted).");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= rules.length) return;
    const ids = rules.map((r) => r.id);
    [ids[from], ids[to]] = [ids[to], ids[from]];
    await renumber(tx, ids);
    await recordAudit(tx, {
      actorUserId,
      action: "assignment_rule.moved",
      details: { summary: `Moved assignment rule "${rules[from].name}" ${direction} to position ${to + 1}.`, ruleId: id, position: to + 1 },
    });
  });
}

export async function setDefaultService(scope: ShopScope, actorUserId: number | null, input: unknown): Promise<void> {
  const parsed = serviceChoiceSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  await scope.transaction(async (tx) => {
    const before = (await getShopSettings(tx.db, tx.shopId)).defaultService;
    await updateShopSettings(tx.db, tx.shopId, "defaultService", parsed.data);
    await recordAudit(tx, {
      actorUserId,
      action: "shop.default_service_changed",
      details: {
        summary: `Changed the default service (when no rule matches) from ${serviceName(before.carrier, before.service)} to ${serviceName(parsed.data.carrier, parsed.data.service)}.`,
        before,
        after: parsed.data,
      },
    });
  });
}

export interface RulesPreview {
  /** Unassigned orders waiting to ship. */
  unassigned: number;
  /** Orders each rule would take (rule id -> count), respecting earlier rules. */
  byRule: Record<number, number>;
  /** Orders no rule matches (the default service takes them). */
  byDefault: number;
  /** Of each rule's (and the default's, key 0) orders, how many its service would refuse. */
  refusedByRule: Record<number, number>;
  /** For a draft being edited: how many it would take at its position, and how many of those its service would refuse. */
  draft: { takes: number; refused: number } | null;
}

export interface RuleDraft {
  /** The rule being edited (null for a new rule, which goes last). */
  ruleId: number | null;
  carrier: string;
  service: string;
  conditions: unknown;
}

/**
 * Counts, among the shop's unassigned orders waiting to ship, which rule would take each one
 * (first enabled match wins), and for a draft rule, how many it would take at its place in the
 * order: orders an earlier rule already takes do not count.
 */
export async function previewRules(scope: ShopScope, draftInput: RuleDraft | null = null): Promise<RulesPreview> {
  const [rules, ctx] = await Promise.all([listRules(scope), assignmentContext(scope)]);
  let draft: { index: number; rule: AssignmentRule } | null = null;
  if (draftInput) {
    const conditions = ruleConditionsSchema.safeParse(draftInput.conditions ?? {});
    if (!conditions.success) throw invalid(conditions.error);
    const index = draftInput.ruleId == null ? rules.length : rules.findIndex((r) => r.id === draftInput.ruleId);
    if (index < 0) throw new AppError(404, "That rule does not exist (it may have been deleted).");
    draft = { index, rule: { id: -1, name: "draft", enabled: true, carrier: draftInput.carrier, service: draftInput.service, conditions: conditions.data } };
  }
  const earlier = draft ? rules.slice(0, draft.index) : [];
  const preview: RulesPreview = { unassigned: 0, byRule: {}, byDefault: 0, refusedByRule: {}, draft: draft ? { takes: 0, refused: 0 } : null };
  for (const r of rules) {
    preview.byRule[r.id] = 0;
    preview.refusedByRule[r.id] = 0;
  }
  preview.refusedByRule[0] = 0;
  const needSkus = usesSkus(rules) || Boolean(draft && usesSkus([draft.rule]));
  const fallback = ctx.settings.defaultService;
  for await (const page of unassignedOrderPages(scope)) {
    for (const { facts } of await factsFor(scope, page, ctx.settings, { skus: needSkus, labels: false })) {
      preview.unassigned++;
      const choice = chooseService(rules, fallback, facts);
      const key = choice.rule?.id ?? 0;
      if (choice.rule) preview.byRule[key]++;
      else preview.byDefault++;
      if (serviceRefusal(facts, choice.carrier, choice.service, ctx.limits)) preview.refusedByRule[key]++;
      if (draft && preview.draft && !earlier.some((r) => r.enabled && r.conditions && ruleMatches(r.conditions, facts))) {
        if (ruleMatches(draft.rule.conditions!, facts)) {
          preview.draft.takes++;
          if (serviceRefusal(facts, draft.rule.carrier, draft.rule.service, ctx.limits)) preview.draft.refused++;
        }
      }
    }
  }
  return preview;
}

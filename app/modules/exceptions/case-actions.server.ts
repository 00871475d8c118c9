// What support agents do to a case: assign / reassign / take, change state, resolve with a code and
// a note, reopen, add an internal note, message the buyer from a template, and the bulk versions
// of assign and resolve. Every change names the version it was made against and is applied with
// `update ... where id = ? and version = ?` in a transaction; a stale one is refused (409) with the
// changes since. Every action writes the audit log (case_id set) with a one-sentence summary.
import { sql, type UpdateObject } from "kysely";
import type { CaseState, Database, Role } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { can } from "../auth/permissions";
import { CASE_MESSAGE_TEMPLATES, type CaseMessageTemplate, queueTemplateMessage } from "../notifications/outbox.server";
import { getShopSettings } from "../shops/shops.server";
import { type CaseForChange, isVersionConflict, readCaseForChange, versionConflict } from "./version-check.server";
import { conflictReason, type FieldChanges } from "./conflict-message";
import { formatDuration, slaDueAt } from "./sla";
import { exceptionTypeWord } from "../vocabulary/shipments";
import { type ResolutionCode, RESOLUTION_LABELS, STATE_LABELS, transitionProblem } from "./workflow";

export interface Actor {
  userId: number;
  role: Role;
}

/** A change as the agent made it: which case, and the version they were looking at. */
export interface CaseRef {
  caseId: number;
  version: number;
}

export interface CaseChangeResult {
  caseId: number;
  version: number;
  summary: string;
}

export interface BulkResult {
  done: { caseId: number; orderExternalId: string; summary: string }[];
  refused: { caseId: number; orderExternalId: string | null; reason: string }[];
}

export const BULK_LIMIT = 200;

type Plan =
  | {
      /** Columns to change; version and updated_at are handled here. */
      set?: UpdateObject<Database, "cases">;
      /** Notes and messages do not change state, assignee or resolution, so keep the version. */
      keepVersion?: boolean;
      action: string;
      summary: string;
      changes?: FieldChanges;
      details?: Record<string, unknown>;
      /** Work that belongs to the same transaction, after the case row is updated; may add audit details. */
      after?: (tx: ShopScope) => Promise<Record<string, unknown> | void>;
    }
  | { refusal: string; status?: number };

type Planner = (tx: ShopScope, current: CaseForChange) => Promise<Plan> | Plan;

const NOTE_MAX = 4000;

function requireCaseWorker(actor: Actor): void {
  if (!can(actor.role, "cases.act")) {
    throw new AppError(403, "Your role in this shop can view cases but not act on them. Ask the shop owner if you need access.");
  }
}

function caseName(c: CaseForChange): string {
  return `the ${exceptionTypeWord(c.type)} case of order ${c.orderExternalId}`;
}

function quote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

function cleanNote(text: string, what: string): string {
  const note = text.trim();
  if (!note) throw new AppError(400, `${what} cannot be empty.`);
  if (note.length > NOTE_MAX) throw new AppError(400, `${what} is too long (${note.length} characters; at most ${NOTE_MAX}).`);
  return note;
}

/** Applies a plan against the version the agent saw; null when that version is no longer current. */
async function apply(tx: ShopScope, actor: Actor, current: CaseForChange, seenVersion: number, plan: Exclude<Plan, { refusal: string }>) {
  const guarded = tx
    .updateTable("cases")
    .set({
      ...plan.set,
      ...(plan.keepVersion ? {} : { version: sql<number>`version + 1` }),
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", current.id)
    .where("version", "=", seenVersion);
  const result = await guarded.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const version = plan.keepVersion ? seenVersion : seenVersion + 1;
  const extra = (await plan.after?.(tx)) ?? {};
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: plan.action,
    caseId: current.id,
    orderId: current.orderId,
    shipmentId: current.shipmentId,
    details: {
      summary: plan.summary,
      ...(plan.keepVersion ? {} : { fromVersion: seenVersion, toVersion: version }),
      ...(plan.changes ? { changes: plan.changes } : {}),
      ...plan.details,
      ...extra,
    },
  });
  return { caseId: current.id, version, summary: plan.summary };
}

/** Two open cases for one shipment and exception (a reopen racing with detection) hit this index. */
function isSecondOpenCase(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === "23505" && e.constraint === "cases_one_open";
}

async function runOne(scope: ShopScope, actor: Actor, ref: CaseRef, planner: Planner): Promise<CaseChangeResult> {
  requireCaseWorker(actor);
  try {
    return await scope.transaction(async (tx) => {
      const current = await readCaseForChange(tx, ref.caseId);
      if (!current) throw new AppError(404, "Case not found.");
      if (current.version !== ref.version) throw await versionConflict(tx, current, ref.version);
      const plan = await planner(tx, current);
      if ("refusal" in plan) throw new AppError(plan.status ?? 400, plan.refusal);
      const done = await apply(tx, actor, current, ref.version, plan);
      // Someone committed a change between our read and our update.
      if (!done) throw await versionConflict(tx, (await readCaseForChange(tx, ref.caseId)) ?? current, ref.version);
      return done;
    });
  } catch (error) {
    if (isSecondOpenCase(error)) {
      throw new AppError(409, "Another open case already tracks this exception for the same shipment, so this one cannot be reopened. Work on that case instead.");
    }
    throw error;
  }
}

async function runMany(scope: ShopScope, actor: Actor, refs: CaseRef[], planner: Planner): Promise<BulkResult> {
  requireCaseWorker(actor);
  if (refs.length === 0) throw new AppError(400, "Select at least one case.");
  if (refs.length > BULK_LIMIT) throw new AppError(400, `Select at most ${BULK_LIMIT} cases at a time (you selected ${refs.length}).`);
  const unique = [...new Map(refs.map((r) => [r.caseId, r])).values()];
  return scope.transaction(async (tx) => {
    const result: BulkResult = { done: [], refused: [] };
    for (const ref of unique) {
      const current = await readCaseForChange(tx, ref.caseId);
      if (!current) {
        result.refused.push({ caseId: ref.caseId, orderExternalId: null, reason: "case not found" });
        continue;
      }
      const refuse = (reason: string) => result.refused.push({ caseId: current.id, orderExternalId: current.orderExternalId, reason });
      if (current.version !== ref.version) {
        const conflict = await versionConflict(tx, current, ref.version);
        refuse(isVersionConflict(conflict) ? conflictReason(conflict.details) : conflict.message);
        continue;
      }
      const plan = await planner(tx, current);
      if ("refusal" in plan) {
        refuse(plan.refusal.replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase()));
        continue;
      }
      const done = await apply(tx, actor, current, ref.version, { ...plan, details: { ...plan.details, bulk: true } });
      if (!done) refuse("changed by someone else at the same moment; reload and try again");
      else result.done.push({ caseId: current.id, orderExternalId: current.orderExternalId, summary: done.summary });
    }
    return result;
  });
}

// --- Assign ---------------------------------------------------------------------------------

async function assignee(tx: ShopScope, userId: number): Promise<{ id: number; name: string } | string> {
  const member = await tx.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "memberships.role"])
    .where("memberships.shop_id", "=", tx.shopId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  if (!member) return "That person is not a member of this shop.";
  if (!can(member.role, "cases.act")) return `${member.name} cannot work cases (their role is ${member.role}); assign a support agent or an owner.`;
  return { id: member.id, name: member.name };
}

function assignPlanner(actor: Actor, assigneeId: number | null): Planner {
  return async (tx, current) => {
    if (current.state === "resolved") return { refusal: "The case is resolved; reopen it before assigning it." };
    if (assigneeId === null) {
      if (current.assigneeId === null) return { refusal: "The case is already unassigned." };
      return {
        set: { assignee_id: null },
        action: "case.unassigned",
        summary: `Unassigned ${caseName(current)} (was ${current.assigneeName}).`,
        changes: { assignee: { from: current.assigneeName, to: null } },
      };
    }
    const who = await assignee(tx, assigneeId);
    if (typeof who === "string") return { refusal: who };
    if (current.assigneeId === who.id) {
      return { refusal: who.id === actor.userId ? "The case is already assigned to you." : `The case is already assigned to ${who.name}.` };
    }
    const summary =
      who.id === actor.userId
        ? `Took ${caseName(current)}${current.assigneeName ? ` from ${current.assigneeName}` : ""}.`
        : current.assigneeName
          ? `Reassigned ${caseName(current)} from ${current.assigneeName} to ${who.name}.`
          : `Assigned ${caseName(current)} to ${who.name}.`;
    return {
      set: { assignee_id: who.id },
      action: "case.assigned",
      summary,
      changes: { assignee: { from: current.assigneeName, to: who.name } },
    };
  };
}

/** Assign, reassign, take (assigneeId = the actor) or unassign (null). */
export async function assignCase(scope: ShopScope, actor: Actor, input: CaseRef & { assigneeId: number | null }) {
  return runOne(scope, actor, input, assignPlanner(actor, input.assigneeId));
}

export async function bulkAssign(scope: ShopScope, actor: Actor, input: { cases: CaseRef[]; assigneeId: number | null }) {
  return runMany(scope, actor, input.cases, assignPlanner(actor, input.assigneeId));
}

// --- State, resolve, reopen ---------------------------------------------------------------------

function resolvePlanner(code: ResolutionCode, note: string): Planner {
  return (_tx, current): Plan => {
    if (current.state === "resolved") return { refusal: "The case is already resolved." };
    const problem = transitionProblem(current.state, "resolved");
    if (problem) return { refusal: problem };
    return {
      set: { state: "resolved", resolved_at: sql<Date>`now()`, resolution_code: code, resolution_note: note, auto_resolved: false },
      action: "case.resolved",
      summary: `Resolved ${caseName(current)}: ${RESOLUTION_LABELS[code]}. ${quote(note)}`,
      changes: { state: { from: current.state, to: "resolved" }, resolution: { from: null, to: code } },
      details: { resolutionCode: code },
    };
  };
}

export async function resolveCase(scope: ShopScope, actor: Actor, input: CaseRef & { code: ResolutionCode; note: string }) {
  const note = cleanNote(input.note, "The resolution note");
  return runOne(scope, actor, input, resolvePlanner(input.code, note));
}

export async function bulkResolve(scope: ShopScope, actor: Actor, input: { cases: CaseRef[]; code: ResolutionCode; note: string }) {
  const note = cleanNote(input.note, "The resolution note");
  return runMany(scope, actor, input.cases, resolvePlanner(input.code, note));
}

function reopenPlanner(reason: string | null): Planner {
  return async (tx, current) => {
    if (current.state !== "resolved") return { refusal: `The case is not resolved (it is ${STATE_LABELS[current.state].toLowerCase()}), so there is nothing to reopen.` };
    const duplicate = await tx
      .selectFrom("cases")
      .select("id")
      .where("shipment_id", "=", current.shipmentId)
      .where("type", "=", current.type)
      .where("state", "<>", "resolved")
      .executeTakeFirst();
    if (duplicate) {
      return { refusal: `Case #${duplicate.id} is already open for this shipment's ${exceptionTypeWord(current.type)} exception; work on that one instead.`, status: 409 };
    }
    // A reopened case is new work: its SLA clock restarts from now.
    const { sla } = await getShopSettings(tx.db, tx.shopId);
    const now = new Date();
    const dueAt = slaDueAt(now, current.severity, sla);
    return {
      set: { state: "open", resolved_at: null, resolution_code: null, resolution_note: null, auto_resolved: false, sla_due_at: dueAt },
      action: "case.reopened",
      summary: `Reopened ${caseName(current)}${current.resolutionCode ? ` (was resolved: ${RESOLUTION_LABELS[current.resolutionCode as ResolutionCode] ?? current.resolutionCode})` : ""}; due again in ${formatDuration(dueAt.getTime() - now.getTime())}.${reason ? ` ${quote(reason)}` : ""}`,
      changes: { state: { from: "resolved", to: "open" }, resolution: { from: current.resolutionCode, to: null } },
      details: reason ? { reason } : undefined,
    };
  };
}

export async function reopenCase(scope: ShopScope, actor: Actor, input: CaseRef & { reason?: string | null }) {
  const reason = input.reason?.trim() ? cleanNote(input.reason, "The reason") : null;
  return runOne(scope, actor, input, reopenPlanner(reason));
}

/** Moves a case between the unresolved states (resolving needs a code: resolveCase). */
export async function changeCaseState(scope: ShopScope, actor: Actor, input: CaseRef & { state: CaseState }) {
  if (input.state === "resolved") throw new AppError(400, "Resolving needs a resolution code and a note: use Resolve.");
  return runOne(scope, actor, input, async (tx, current) => {
    if (current.state === "resolved" && input.state === "open") return reopenPlanner(null)(tx, current);
    const problem = transitionProblem(current.state, input.state);
    if (problem) return { refusal: problem };
    return {
      set: { state: input.state },
      action: "case.state_changed",
      summary: `Moved ${caseName(current)} from ${STATE_LABELS[current.state]} to ${STATE_LABELS[input.state]}.`,
      changes: { state: { from: current.state, to: input.state } },
    };
  });
}

// --- Notes and buyer messages -------------------------------------------------------------------

export async function addCaseNote(scope: ShopScope, actor: Actor, input: CaseRef & { body: string }) {
  const body = cleanNote(input.body, "The note");
  return runOne(scope, actor, input, (_tx, current) => ({
    keepVersion: true,
    action: "case.note_added",
    summary: `Added an internal note to ${caseName(current)}: ${quote(body)}`,
    after: async (tx) => {
      await tx.insertInto("case_notes", { case_id: current.id, author_id: actor.userId, body }).execute();
    },
  }));
}

export async function messageBuyer(scope: ShopScope, actor: Actor, input: CaseRef & { template: string }) {
  if (!Object.hasOwn(CASE_MESSAGE_TEMPLATES, input.template)) throw new AppError(400, `Unknown message template "${input.template}".`);
  const key = input.template as CaseMessageTemplate;
  const template = CASE_MESSAGE_TEMPLATES[key];
  return runOne(scope, actor, input, async (tx, current) => {
    const order = await tx.selectFrom("orders").select(["buyer_email"]).where("id", "=", current.orderId).executeTakeFirst();
    if (!order?.buyer_email) return { refusal: `Order ${current.orderExternalId} has no buyer email address to write to.` };
    return {
      keepVersion: true,
      action: "case.buyer_messaged",
      summary: `Queued the “${template.label}” message to the buyer of order ${current.orderExternalId} (${order.buyer_email}) about ${caseName(current)}.`,
      details: { template: key },
      after: async (tx2) => {
        const { outboxIds } = await queueTemplateMessage(tx2, {
          template: key,
          orderId: current.orderId,
          shipmentId: current.shipmentId,
          caseId: current.id,
          actorUserId: actor.userId,
        });
        return { outboxIds };
      },
    };
  });
}

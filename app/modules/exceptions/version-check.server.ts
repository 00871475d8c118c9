// Optimistic concurrency for cases: reading the case a change is about, and, when the version the
// agent saw is no longer current, finding what changed since, who changed it and when (from the
// audit entries the changes wrote), so nothing is overwritten silently. The shapes are in conflict-message.ts.
import { sql } from "kysely";
import type { CaseState, ExceptionType, Severity } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { CASE_COLUMNS } from "./case-columns";
import { CONFLICT_MESSAGE, type ConflictChange, describeFields, type FieldChanges, type VersionConflict } from "./conflict-message";
import { resolutionLabel, STATE_LABELS } from "./workflow";

// Actions that never change the version: they are not "changes since" anything.
const NON_VERSION_ACTIONS = ["case.opened", "case.signal", "case.signal_added", "case.note_added", "case.buyer_messaged"];


/** The case as a change sees it: what the checks need and what the summaries name. */
export interface CaseForChange {
  id: number;
  version: number;
  type: ExceptionType;
  state: CaseState;
  severity: Severity;
  assigneeId: number | null;
  assigneeName: string | null;
  resolutionCode: string | null;
  orderId: number;
  orderExternalId: string;
  shipmentId: number;
  openedAt: Date;
}

export async function readCaseForChange(tx: ShopScope, caseId: number): Promise<CaseForChange | undefined> {
  return tx
    .selectFrom("cases as c")
    .innerJoin("orders as o", (j) => j.onRef("o.id", "=", "c.order_id").onRef("o.shop_id", "=", "c.shop_id"))
    .leftJoin("users as u", "u.id", "c.assignee_id")
    .select([
      ...CASE_COLUMNS,
      "u.name as assigneeName",
      "o.external_id as orderExternalId",
    ])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
}

/** The changes made to a case after the version an agent saw, oldest first. */
export async function changesSince(tx: ShopScope, current: CaseForChange, seenVersion: number): Promise<VersionConflict> {
  const versionOf = sql<number | null>`case when jsonb_typeof(a.details->'toVersion') = 'number' then (a.details->>'toVersion')::int end`;
  const entries = await tx
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .select(["a.id", "a.at", "a.action", "a.details", "u.name as actorName", versionOf.as("toVersion")])
    .where("a.case_id", "=", current.id)
    .where("a.action", "not in", NON_VERSION_ACTIONS)
    .orderBy("a.id")
    .execute();
  // Entries tagged with the version they produced place themselves; an untagged change (written by
  // code that does not record versions, such as an automatic resolve) counts when it comes after
  // the entry that produced the version the agent saw.
  const baseline = entries.findLastIndex((e) => e.toVersion !== null && e.toVersion <= seenVersion);
  const relevant = entries.filter((e, i) => {
    if (e.toVersion !== null) return e.toVersion > seenVersion;
    if (!e.action.startsWith("case.")) return false;
    return seenVersion === 1 || (baseline >= 0 && i > baseline);
  });
  const changes: ConflictChange[] = relevant.map((e) => ({
    at: new Date(e.at).toISOString(),
    actor: e.actorName ?? "Parcel Desk (automatic)",
    summary: typeof e.details.summary === "string" ? e.details.summary : e.action,
    fields: describeFields(e.details.changes as FieldChanges | undefined),
  }));
  return {
    seenVersion,
    currentVersion: current.version,
    changes,
    now: {
      state: STATE_LABELS[current.state],
      assignee: current.assigneeName ?? "Unassigned",
      resolution: resolutionLabel(current.resolutionCode),
    },
  };
}

export async function versionConflict(tx: ShopScope, current: CaseForChange, seenVersion: number): Promise<AppError> {
  const details = await changesSince(tx, current, seenVersion);
  return new AppError(409, CONFLICT_MESSAGE, { code: "version_conflict", details });
}

export function isVersionConflict(error: unknown): error is AppError & { details: VersionConflict } {
  return error instanceof AppError && error.code === "version_conflict";
}

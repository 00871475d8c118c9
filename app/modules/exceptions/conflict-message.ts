// What a version conflict on a case tells the agent: the changes since the version they saw, field
// by field, who and when, and where the case stands now. Pure shapes and wording, shared by the
// server (which fills them) and the pages (which show them).
import type { CaseState } from "../../../db/types";
import { resolutionLabel, STATE_LABELS } from "./workflow";

/** What an audit entry of a case change records under details.changes (raw values). */
export interface FieldChanges {
  state?: { from: CaseState; to: CaseState };
  assignee?: { from: string | null; to: string | null };
  resolution?: { from: string | null; to: string | null };
}

export interface ConflictField {
  field: "State" | "Assignee" | "Resolution";
  from: string;
  to: string;
}

export interface ConflictChange {
  at: string;
  actor: string;
  summary: string;
  fields: ConflictField[];
}

export interface VersionConflict {
  seenVersion: number;
  currentVersion: number;
  changes: ConflictChange[];
  now: { state: string; assignee: string; resolution: string | null };
}

export const CONFLICT_MESSAGE =
  "Someone else changed this case after you opened it, so your change was not saved. Check what changed below; what you typed is still in the form, so you can submit it again.";

export function describeFields(changes: FieldChanges | undefined): ConflictField[] {
  const out: ConflictField[] = [];
  if (!changes) return out;
  if (changes.state) out.push({ field: "State", from: STATE_LABELS[changes.state.from] ?? changes.state.from, to: STATE_LABELS[changes.state.to] ?? changes.state.to });
  if (changes.assignee) out.push({ field: "Assignee", from: changes.assignee.from ?? "Unassigned", to: changes.assignee.to ?? "Unassigned" });
  if (changes.resolution) out.push({ field: "Resolution", from: resolutionLabel(changes.resolution.from) ?? "None", to: resolutionLabel(changes.resolution.to) ?? "None" });
  return out;
}

/** One line for a bulk result: what changed since the agent loaded the queue. */
export function conflictReason(conflict: VersionConflict): string {
  const parts = conflict.changes.map((c) => {
    const fields = c.fields.map((f) => `${f.field.toLowerCase()} ${f.from} → ${f.to}`).join(", ");
    return `${c.actor}${fields ? `: ${fields}` : `: ${c.summary}`}`;
  });
  const what = parts.length ? parts.join("; ") : `now ${conflict.now.state.toLowerCase()}, ${conflict.now.assignee}`;
  return `changed since you loaded the queue (${what})`;
}


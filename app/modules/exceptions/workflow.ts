// The case workflow as data: the states a case moves through, which moves are allowed, the
// resolution codes, and the names people see for states and resolutions (types and severities are
// in the shipment vocabulary, modules/vocabulary). Pure: the action module (case-actions.server.ts)
// enforces it, the UI offers only the moves it allows.
import type { CaseState } from "../../../db/types";

export const CASE_STATES = ["open", "investigating", "waiting_on_carrier", "waiting_on_buyer", "resolved"] as const satisfies readonly CaseState[];
export const ACTIVE_STATES = ["open", "investigating", "waiting_on_carrier", "waiting_on_buyer"] as const satisfies readonly CaseState[];

export const STATE_LABELS: Record<CaseState, string> = {
  open: "Open",
  investigating: "Investigating",
  waiting_on_carrier: "Waiting on carrier",
  waiting_on_buyer: "Waiting on buyer",
  resolved: "Resolved",
};

/**
 * Allowed moves (PRODUCT.md, case workflow): a case is looked into before it waits on someone, the
 * two waiting states hand over to each other or back to investigating, any unresolved case can be
 * resolved (the resolve action asks for a code), and a resolved case can only be reopened.
 */
export const TRANSITIONS: Record<CaseState, readonly CaseState[]> = {
  open: ["investigating", "resolved"],
  investigating: ["waiting_on_carrier", "waiting_on_buyer", "resolved"],
  waiting_on_carrier: ["investigating", "waiting_on_buyer", "resolved"],
  waiting_on_buyer: ["investigating", "waiting_on_carrier", "resolved"],
  resolved: ["open"],
};

export function isCaseState(value: string): value is CaseState {
  return (CASE_STATES as readonly string[]).includes(value);
}

/** Null when the move is allowed, else a sentence saying why not and what is possible instead. */
export function transitionProblem(from: CaseState, to: CaseState): string | null {
  if (from === to) return `The case is already ${STATE_LABELS[to].toLowerCase()}.`;
  if (TRANSITIONS[from].includes(to)) return null;
  if (from === "resolved") return `A resolved case can only be reopened (moved back to Open), not moved to ${STATE_LABELS[to]}.`;
  const allowed = TRANSITIONS[from].map((s) => STATE_LABELS[s]).join(", ");
  if (to === "open") return `A case that is ${STATE_LABELS[from].toLowerCase()} cannot go back to Open. From ${STATE_LABELS[from]} it can go to: ${allowed}.`;
  return `A case cannot go from ${STATE_LABELS[from]} to ${STATE_LABELS[to]}. From ${STATE_LABELS[from]} it can go to: ${allowed}.`;
}

/** The states offered in the "change state" menu (resolving has its own dialog, reopening its own button). */
export function nextStates(from: CaseState): CaseState[] {
  return TRANSITIONS[from].filter((s) => s !== "resolved" && !(from === "resolved" && s === "open"));
}

export const RESOLUTION_CODES = [
  "reshipped",
  "refunded",
  "address_corrected",
  "redelivery_scheduled",
  "claim_filed",
  "delivered_late",
  "no_action_needed",
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const RESOLUTION_LABELS: Record<ResolutionCode, string> = {
  reshipped: "Reshipped",
  refunded: "Refunded",
  address_corrected: "Address corrected",
  redelivery_scheduled: "Redelivery scheduled",
  claim_filed: "Claim filed",
  delivered_late: "Delivered late",
  no_action_needed: "No action needed",
};

export function resolutionLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return RESOLUTION_LABELS[code as ResolutionCode] ?? code;
}

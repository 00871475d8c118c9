// Badges for a case's type, state, severity and SLA, used by the queue and the case page.
import { Badge, Tooltip } from "@mantine/core";
import type { CaseState, ExceptionType, Severity } from "../../../db/types";
import { describeDue, slaState } from "../../modules/exceptions/sla";
import { STATE_LABELS } from "../../modules/exceptions/workflow";
import { EXCEPTION_TYPE_COLORS, EXCEPTION_TYPE_LABELS, SEVERITY_COLORS, SEVERITY_LABELS } from "../../modules/vocabulary/shipments";
import { formatDateTime } from "./format";

const STATE_COLORS: Record<CaseState, string> = {
  open: "blue",
  investigating: "indigo",
  waiting_on_carrier: "yellow",
  waiting_on_buyer: "orange",
  resolved: "teal",
};

export function TypeBadge({ type }: { type: ExceptionType }) {
  return (
    <Badge color={EXCEPTION_TYPE_COLORS[type]} variant="light" tt="none" style={{ flexShrink: 0, minWidth: "max-content" }}>
      {EXCEPTION_TYPE_LABELS[type]}
    </Badge>
  );
}

export function StateBadge({ state }: { state: CaseState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant={state === "resolved" ? "light" : "outline"} tt="none" style={{ flexShrink: 0, minWidth: "max-content" }}>
      {STATE_LABELS[state]}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant={severity === "critical" ? "filled" : "dot"} tt="none" style={{ flexShrink: 0, minWidth: "max-content" }}>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

/** Overdue in red, due today in orange, later as a plain date. */
export function SlaBadge({ dueAt, now, timeZone, resolved }: { dueAt: Date | string; now: Date | string; timeZone: string; resolved?: boolean }) {
  const due = new Date(dueAt);
  const when = formatDateTime(due, timeZone);
  if (resolved) {
    return (
      <Badge color="gray" variant="light" tt="none">
        Was due {when}
      </Badge>
    );
  }
  const state = slaState(due, new Date(now), timeZone);
  const text = describeDue(due, new Date(now));
  return (
    <Tooltip label={`Due ${when}`}>
      <Badge color={state === "overdue" ? "red" : state === "due_today" ? "orange" : "gray"} variant={state === "overdue" ? "filled" : "light"} data-sla={state} tt="none" style={{ flexShrink: 0, minWidth: "max-content" }}>
        {state === "ok" ? `Due ${when}` : text}
      </Badge>
    </Tooltip>
  );
}

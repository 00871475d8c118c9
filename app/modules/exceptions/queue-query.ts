// The queue's view as a URL: filters, sort and page cursor read from (and written back to) the query
// string, so a view can be bookmarked, shared and saved. Pure. A value that does not fit is dropped
// with a message naming the parameter, and the rest of the view still loads.
import type { CaseState, ExceptionType } from "../../../db/types";
import { CARRIERS } from "../carriers/registry";
import type { SlaState } from "./sla";
import { EXCEPTION_TYPES, isExceptionType } from "../vocabulary/shipments";
import { CASE_STATES, isCaseState } from "./workflow";

export const QUEUE_STATUSES = ["unresolved", ...CASE_STATES, "all"] as const;
export type QueueStatus = "unresolved" | CaseState | "all";

export const SLA_FILTERS = ["overdue", "due_today", "ok"] as const satisfies readonly SlaState[];

/** Age buckets by hours since the case opened: [from, to). */
export const AGE_BUCKETS = {
  lt1d: { label: "Under 1 day", fromHours: 0, toHours: 24 },
  "1to3d": { label: "1 to 3 days", fromHours: 24, toHours: 72 },
  "3to7d": { label: "3 to 7 days", fromHours: 72, toHours: 168 },
  gt7d: { label: "Over 7 days", fromHours: 168, toHours: null },
} as const;
export type AgeBucket = keyof typeof AGE_BUCKETS;

export const QUEUE_SORTS = {
  sla: "SLA due (soonest first)",
  age: "Age (oldest first)",
  severity: "Severity (most urgent first)",
} as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

export type AssigneeFilter = "mine" | "unassigned" | number;

export interface QueueFilters {
  type?: ExceptionType;
  status: QueueStatus;
  carrier?: string;
  assignee?: AssigneeFilter;
  sla?: SlaState;
  age?: AgeBucket;
  region?: string;
}

/** Where a page starts or ends: the sort's key values of a row, then its id. */
export type Cursor =
  | { sort: "sla"; dueAt: string; id: number }
  | { sort: "age"; openedAt: string; id: number }
  | { sort: "severity"; rank: number; dueAt: string; id: number };

export interface QueueQuery extends QueueFilters {
  sort: QueueSort;
  after?: Cursor;
  before?: Cursor;
}

export const DEFAULT_QUEUE_QUERY: QueueQuery = { status: "unresolved", sort: "sla" };

export const PAGE_SIZE = 50;

const oneOf = (list: readonly string[]) => list.map((v) => `"${v}"`).join(", ");

export function parseQueueQuery(params: URLSearchParams): { query: QueueQuery; problems: string[] } {
  const problems: string[] = [];
  const query: QueueQuery = { ...DEFAULT_QUEUE_QUERY };
  const get = (name: string) => {
    const value = params.get(name)?.trim();
    return value ? value : undefined;
  };

  const type = get("type");
  if (type) {
    if (isExceptionType(type)) query.type = type;
    else problems.push(`type: "${type}" is not an exception type (one of ${oneOf(EXCEPTION_TYPES)}).`);
  }
  const status = get("status");
  if (status) {
    if ((QUEUE_STATUSES as readonly string[]).includes(status)) query.status = status as QueueStatus;
    else problems.push(`status: "${status}" is not a case status (one of ${oneOf(QUEUE_STATUSES)}).`);
  }
  const carrier = get("carrier");
  if (carrier) {
    if (Object.hasOwn(CARRIERS, carrier)) query.carrier = carrier;
    else problems.push(`carrier: "${carrier}" is not a carrier code (one of ${oneOf(Object.keys(CARRIERS))}).`);
  }
  const assignee = get("assignee");
  if (assignee) {
    if (assignee === "mine" || assignee === "unassigned") query.assignee = assignee;
    else if (/^[1-9]\d{0,15}$/.test(assignee)) query.assignee = Number(assignee);
    else problems.push(`assignee: "${assignee}" should be "mine", "unassigned" or a user id.`);
  }
  const sla = get("sla");
  if (sla) {
    if ((SLA_FILTERS as readonly string[]).includes(sla)) query.sla = sla as SlaState;
    else problems.push(`sla: "${sla}" is not an SLA state (one of ${oneOf(SLA_FILTERS)}).`);
  }
  const age = get("age");
  if (age) {
    if (Object.hasOwn(AGE_BUCKETS, age)) query.age = age as AgeBucket;
    else problems.push(`age: "${age}" is not an age bucket (one of ${oneOf(Object.keys(AGE_BUCKETS))}).`);
  }
  const region = get("region");
  if (region) {
    if (/^[A-Za-z0-9][A-Za-z0-9 .-]{0,39}$/.test(region)) query.region = region.toUpperCase();
    else problems.push(`region: "${region.slice(0, 40)}" is not a region code (such as TX or ON).`);
  }
  const sort = get("sort");
  if (sort) {
    if (Object.hasOwn(QUEUE_SORTS, sort)) query.sort = sort as QueueSort;
    else problems.push(`sort: "${sort}" is not a sort (one of ${oneOf(Object.keys(QUEUE_SORTS))}).`);
  }
  for (const name of ["after", "before"] as const) {
    const raw = get(name);
    if (!raw) continue;
    const cursor = decodeCursor(raw);
    if (!cursor) problems.push(`${name}: the page link is damaged; showing the first page.`);
    else if (cursor.sort !== query.sort) problems.push(`${name}: the page link belongs to another sort; showing the first page.`);
    else query[name] = cursor;
  }
  if (query.after && query.before) delete query.before;
  return { query, problems };
}

/** The canonical query string of a view (defaults left out), with optional changes applied. */
export function queueSearch(query: QueueQuery, changes: Partial<Record<keyof QueueQuery, unknown>> = {}): string {
  const merged = { ...query, ...changes } as QueueQuery;
  const params = new URLSearchParams();
  if (merged.type) params.set("type", merged.type);
  if (merged.status && merged.status !== DEFAULT_QUEUE_QUERY.status) params.set("status", merged.status);
  if (merged.carrier) params.set("carrier", merged.carrier);
  if (merged.assignee !== undefined && merged.assignee !== null) params.set("assignee", String(merged.assignee));
  if (merged.sla) params.set("sla", merged.sla);
  if (merged.age) params.set("age", merged.age);
  if (merged.region) params.set("region", merged.region);
  if (merged.sort && merged.sort !== DEFAULT_QUEUE_QUERY.sort) params.set("sort", merged.sort);
  if (merged.after) params.set("after", encodeCursor(merged.after));
  else if (merged.before) params.set("before", encodeCursor(merged.before));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The filters only (no cursor): what a saved view stores. */
export function viewSearch(query: QueueQuery): string {
  return queueSearch(query, { after: undefined, before: undefined });
}

/** How many filters differ from the default view (for the "Clear filters" button). */
export function activeFilterCount(query: QueueQuery): number {
  return [query.type, query.carrier, query.assignee, query.sla, query.age, query.region].filter((v) => v !== undefined).length +
    (query.status !== DEFAULT_QUEUE_QUERY.status ? 1 : 0);
}

export function encodeCursor(cursor: Cursor): string {
  const values =
    cursor.sort === "sla"
      ? ["s", cursor.dueAt, cursor.id]
      : cursor.sort === "age"
        ? ["a", cursor.openedAt, cursor.id]
        : ["v", cursor.rank, cursor.dueAt, cursor.id];
  return btoa(JSON.stringify(values)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Timestamps travel as PostgreSQL's own text form so microseconds survive the round trip (a JS Date
// would cut them to milliseconds and the next page would repeat a row).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export function decodeCursor(text: string): Cursor | null {
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
    values = JSON.parse(atob(text.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
  if (!Array.isArray(values)) return null;
  const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
  const isTime = (v: unknown): v is string => typeof v === "string" && TIMESTAMP.test(v);
  const [tag, a, b, c] = values;
  if (tag === "s" && values.length === 3 && isTime(a) && isId(b)) return { sort: "sla", dueAt: a, id: b };
  if (tag === "a" && values.length === 3 && isTime(a) && isId(b)) return { sort: "age", openedAt: a, id: b };
  if (tag === "v" && values.length === 4 && Number.isInteger(a) && (a as number) >= 0 && (a as number) <= 3 && isTime(b) && isId(c)) {
    return { sort: "severity", rank: a as number, dueAt: b, id: c };
  }
  return null;
}

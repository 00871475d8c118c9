// The queue's URL: parsing every filter (with messages naming the bad parameter), writing the
// canonical query string back, and page cursors that survive microseconds.
import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  decodeCursor,
  DEFAULT_QUEUE_QUERY,
  encodeCursor,
  parseQueueQuery,
  queueSearch,
  viewSearch,
} from "../../app/modules/exceptions/queue-query";

const parse = (s: string) => parseQueueQuery(new URLSearchParams(s));

describe("queue query", () => {
  it("defaults to unresolved cases sorted by SLA due", () => {
    expect(parse("")).toEqual({ query: DEFAULT_QUEUE_QUERY, problems: [] });
    expect(queueSearch(DEFAULT_QUEUE_QUERY)).toBe("");
  });

  it("reads every filter and writes the same view back", () => {
    const text = "type=lost&status=waiting_on_buyer&carrier=fedex&assignee=mine&sla=due_today&age=1to3d&region=TX&sort=severity";
    const { query, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(query).toEqual({ type: "lost", status: "waiting_on_buyer", carrier: "fedex", assignee: "mine", sla: "due_today", age: "1to3d", region: "TX", sort: "severity" });
    expect(queueSearch(query)).toBe(`?${text}`);
    expect(activeFilterCount(query)).toBe(7);
    expect(parse("assignee=42&region=on").query).toMatchObject({ assignee: 42, region: "ON" });
    expect(queueSearch(query, { type: undefined, sla: "overdue" })).toBe("?status=waiting_on_buyer&carrier=fedex&assignee=mine&sla=overdue&age=1to3d&region=TX&sort=severity");
  });

  it("drops values that do not fit, naming the parameter, and keeps the rest", () => {
    const { query, problems } = parse("type=teleported&sla=tomorrow&carrier=ups&assignee=bob&sort=random&age=old&status=closed&region=%3Cscript%3E");
    expect(query).toEqual({ ...DEFAULT_QUEUE_QUERY, carrier: "ups" });
    expect(problems).toHaveLength(7);
    expect(problems[0]).toMatch(/^type: "teleported" is not an exception type/);
    expect(problems.find((p) => p.startsWith("sla:"))).toContain('"overdue", "due_today", "ok"');
    expect(problems.find((p) => p.startsWith("assignee:"))).toBe('assignee: "bob" should be "mine", "unassigned" or a user id.');
    expect(problems.find((p) => p.startsWith("region:"))).toMatch(/not a region code/);
  });

  it("round-trips cursors with microsecond timestamps and rejects damaged or mismatched ones", () => {
    const cursor = { sort: "severity", rank: 1, dueAt: "2026-11-20 15:00:00.000123+00", id: 98765 } as const;
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const sla = { sort: "sla", dueAt: "2026-11-20 10:00:00-05", id: 7 } as const;
    const { query } = parse(`after=${encodeCursor(sla)}`);
    expect(query.after).toEqual(sla);
    expect(parse(`after=${encodeCursor(sla)}&sort=age`).problems).toEqual(["after: the page link belongs to another sort; showing the first page."]);
    expect(parse("before=!!!").problems).toEqual(["before: the page link is damaged; showing the first page."]);
    expect(decodeCursor(encodeCursor({ ...sla, dueAt: "yesterday" }))).toBeNull();
    expect(decodeCursor(btoa(JSON.stringify(["s", "2026-11-20 10:00:00+00", -1])))).toBeNull();
  });

  it("leaves the cursor out of a saved view", () => {
    const { query } = parse(`type=lost&after=${encodeCursor({ sort: "sla", dueAt: "2026-11-20 10:00:00+00", id: 3 })}`);
    expect(queueSearch(query)).toMatch(/^\?type=lost&after=/);
    expect(viewSearch(query)).toBe("?type=lost");
  });
});

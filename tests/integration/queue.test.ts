// The exception queue: every filter, the three sorts, keyset pagination forwards and backwards
// (including ties and microsecond timestamps), the tab counts, saved views, SLA settings and
// tenancy, on whichever back end this run uses.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { AppError } from "../../app/lib/errors";
import { countOverdueCases } from "../../app/modules/exceptions/overdue.server";
import { DEFAULT_QUEUE_QUERY, PAGE_SIZE, parseQueueQuery, type QueueQuery } from "../../app/modules/exceptions/queue-query";
import { allCases, loadQueue, type QueueContext } from "../../app/modules/exceptions/queue.server";
import { deleteView, listSavedViews, saveView } from "../../app/modules/exceptions/saved-views.server";
import { saveSlaSettings, slaSettings } from "../../app/modules/exceptions/sla-settings.server";
import { slaDueAt } from "../../app/modules/exceptions/sla";
import { getShopSettings } from "../../app/modules/shops/shops.server";
import { createCaseFixture } from "../fixtures/cases";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

const HOUR = 3_600_000;
// 15:00 in New York (the test shops' default time zone is set below): 9 hours of "today" remain.
const NOW = new Date("2026-11-20T20:00:00Z");

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let ctx: QueueContext;
const ids: Record<string, number> = {};

const q = (search: string): QueueQuery => parseQueueQuery(new URLSearchParams(search)).query;
const idsOf = async (search: string, c: QueueContext = ctx) => (await loadQueue(a.scope, q(search), c)).rows.map((r) => r.id);

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "queue-a");
  b = await createTestShop(handle.db, "queue-b");
  await handle.db.updateTable("shops").set({ time_zone: "America/New_York" }).where("id", "in", [a.shop.id, b.shop.id]).execute();
  ctx = { userId: a.users.support.id, now: NOW, timeZone: "America/New_York" };
  const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR);
  // A small, hand-made shop: each case differs from the others in the dimension a test looks at.
  const specs = {
    overdueDelayed: { type: "delayed", severity: "medium", openedAt: at(-30), slaDueAt: at(-6), carrier: "ups", destRegion: "TX" },
    dueTodayLost: { type: "lost", severity: "critical", openedAt: at(-2), slaDueAt: at(2), carrier: "fedex", destRegion: "CA", assigneeId: "support" },
    laterDamaged: { type: "damaged", severity: "high", openedAt: at(-1), slaDueAt: at(30), carrier: "ups", destRegion: "NY" },
    oldStalled: { type: "stalled", severity: "low", openedAt: at(-200), slaDueAt: at(-150), carrier: "usps", destRegion: "TX", assigneeId: "owner", state: "investigating" },
    resolvedDelayed: { type: "delayed", severity: "medium", openedAt: at(-50), slaDueAt: at(-26), carrier: "ups", destRegion: "TX", state: "resolved" },
    waitingMisrouted: { type: "misrouted", severity: "medium", openedAt: at(-80), slaDueAt: at(-56), carrier: "dhl", destRegion: "ON", destCountry: "CA", state: "waiting_on_carrier" },
  } as const;
  for (const [name, spec] of Object.entries(specs)) {
    const assignee = "assigneeId" in spec ? a.users[spec.assigneeId].id : null;
    ids[name] = (await createCaseFixture(a.scope, { ...spec, assigneeId: assignee })).caseId;
  }
  await createCaseFixture(b.scope, { type: "delayed", openedAt: at(-30), slaDueAt: at(-6) });
});
afterAll(() => handle?.close());

describe(`queue filters on ${backend}`, () => {
  it("shows unresolved cases by default, soonest SLA first", async () => {
    expect(await idsOf("")).toEqual([ids.oldStalled, ids.waitingMisrouted, ids.overdueDelayed, ids.dueTodayLost, ids.laterDamaged]);
  });

  it("filters by status: one state, resolved, or all", async () => {
    expect(await idsOf("status=investigating")).toEqual([ids.oldStalled]);
    expect(await idsOf("status=waiting_on_carrier")).toEqual([ids.waitingMisrouted]);
    expect(await idsOf("status=resolved")).toEqual([ids.resolvedDelayed]);
    expect((await idsOf("status=all")).sort()).toEqual(Object.values(ids).sort());
  });

  it("filters by type, carrier and destination region", async () => {
    expect(await idsOf("type=delayed")).toEqual([ids.overdueDelayed]);
    expect(await idsOf("type=delayed&status=all")).toEqual([ids.resolvedDelayed, ids.overdueDelayed]);
    expect(await idsOf("carrier=ups")).toEqual([ids.overdueDelayed, ids.laterDamaged]);
    expect(await idsOf("region=tx")).toEqual([ids.oldStalled, ids.overdueDelayed]);
    expect(await idsOf("carrier=ups&region=TX&type=damaged")).toEqual([]);
  });

  it("filters by assignee: mine, unassigned, or a person", async () => {
    expect(await idsOf("assignee=mine")).toEqual([ids.dueTodayLost]);
    expect(await idsOf(`assignee=${a.users.owner.id}`)).toEqual([ids.oldStalled]);
    expect(await idsOf("assignee=unassigned")).toEqual([ids.waitingMisrouted, ids.overdueDelayed, ids.laterDamaged]);
    // The CLI has no "me".
    expect(await idsOf("assignee=mine", { ...ctx, userId: null })).toEqual([]);
  });

  it("filters by SLA state in the shop's time zone", async () => {
    expect(await idsOf("sla=overdue")).toEqual([ids.oldStalled, ids.waitingMisrouted, ids.overdueDelayed]);
    expect(await idsOf("sla=due_today")).toEqual([ids.dueTodayLost]);
    expect(await idsOf("sla=ok")).toEqual([ids.laterDamaged]);
    // At 23:30 New York time, a case due at 00:30 the next day is not due "today" any more... and at
    // 21:30 UTC on a Los Angeles shop (13:30 local) it still is.
    const late = { ...ctx, now: new Date(NOW.getTime() + 8.5 * HOUR) };
    expect(await idsOf("sla=due_today", late)).toEqual([]);
    expect(await idsOf("sla=overdue", late)).toContain(ids.dueTodayLost);
    expect(await idsOf("sla=due_today", { ...ctx, timeZone: "America/Los_Angeles" })).toEqual([ids.dueTodayLost]);
    // The badge counts what the queue calls overdue.
    expect(await countOverdueCases(a.scope, NOW)).toBe(3);
  });

  it("filters by age bucket", async () => {
    expect(await idsOf("age=lt1d")).toEqual([ids.dueTodayLost, ids.laterDamaged]);
    expect(await idsOf("age=1to3d")).toEqual([ids.overdueDelayed]);
    expect(await idsOf("age=3to7d")).toEqual([ids.waitingMisrouted]);
    expect(await idsOf("age=gt7d")).toEqual([ids.oldStalled]);
  });

  it("sorts by age (oldest first) and by severity (most urgent first, then SLA due)", async () => {
    expect(await idsOf("sort=age")).toEqual([ids.oldStalled, ids.waitingMisrouted, ids.overdueDelayed, ids.dueTodayLost, ids.laterDamaged]);
    expect(await idsOf("sort=severity")).toEqual([ids.dueTodayLost, ids.laterDamaged, ids.waitingMisrouted, ids.overdueDelayed, ids.oldStalled]);
  });

  it("counts cases per type for the tabs with the other filters applied", async () => {
    const page = await loadQueue(a.scope, q("carrier=ups&status=all"), ctx);
    const counts = Object.fromEntries(page.counts.map((c) => [c.type, [c.total, c.overdue]]));
    expect(counts).toEqual({ delayed: [2, 1], damaged: [1, 0] });
    expect(page.total).toBe(3);
    const delayedOnly = await loadQueue(a.scope, q("carrier=ups&status=all&type=delayed"), ctx);
    expect(delayedOnly.total).toBe(2);
    expect(delayedOnly.counts).toHaveLength(2);
  });

  it("never shows another shop's cases", async () => {
    const fromB = await loadQueue(b.scope, DEFAULT_QUEUE_QUERY, { ...ctx, userId: b.users.support.id });
    expect(fromB.rows).toHaveLength(1);
    expect(fromB.rows.map((r) => r.id)).not.toContain(ids.overdueDelayed);
    const all = [];
    for await (const row of allCases(a.scope, { status: "all" }, ctx)) all.push(row.id);
    expect(all).toHaveLength(Object.keys(ids).length);
  });
});

describe(`keyset pagination on ${backend}`, () => {
  let shop: TestShop;
  const made: number[] = [];
  beforeAll(async () => {
    shop = await createTestShop(handle.db, "queue-pages");
    const base = NOW.getTime() - 100 * HOUR;
    // 130 cases; groups of five share one due time, and every due time has microseconds, so the
    // cursor has to carry both the full timestamp and the id.
    for (let i = 0; i < 130; i++) {
      const f = await createCaseFixture(shop.scope, {
        noEvents: true,
        type: (["delayed", "lost", "damaged", "stalled"] as const)[i % 4],
        severity: (["low", "critical", "high", "medium"] as const)[i % 4],
        openedAt: new Date(base + (i % 7) * HOUR),
        slaDueAt: new Date(base + Math.floor(i / 5) * HOUR),
      });
      made.push(f.caseId);
    }
    await sql`update cases set sla_due_at = sla_due_at + interval '123 microseconds', opened_at = opened_at + interval '456 microseconds' where shop_id = ${shop.shop.id}`.execute(handle.db);
  });

  for (const sort of ["sla", "age", "severity"] as const) {
    it(`walks every page of the ${sort} sort forwards and back without repeating or skipping a case`, async () => {
      const c = { ...ctx, userId: shop.users.support.id };
      const forward: number[][] = [];
      let query: QueueQuery = { ...DEFAULT_QUEUE_QUERY, sort };
      for (;;) {
        const page = await loadQueue(shop.scope, query, c);
        forward.push(page.rows.map((r) => r.id));
        expect(page.total).toBe(130);
        if (!page.next) break;
        query = { ...DEFAULT_QUEUE_QUERY, sort, after: page.next };
      }
      expect(forward.map((p) => p.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 30]);
      const flat = forward.flat();
      expect(new Set(flat).size).toBe(130);
      expect([...flat].sort((x, y) => x - y)).toEqual([...made].sort((x, y) => x - y));
      // The one-query order is the same as the paged order.
      const all: number[] = [];
      for await (const row of allCases(shop.scope, { status: "unresolved", sort }, c, 1000)) all.push(row.id);
      expect(flat).toEqual(all);
      // Back from the last page: the middle page again, then the first (with no "previous").
      const last = await loadQueue(shop.scope, query, c);
      const middle = await loadQueue(shop.scope, { ...DEFAULT_QUEUE_QUERY, sort, before: last.prev! }, c);
      expect(middle.rows.map((r) => r.id)).toEqual(forward[1]);
      const first = await loadQueue(shop.scope, { ...DEFAULT_QUEUE_QUERY, sort, before: middle.prev! }, c);
      expect(first.rows.map((r) => r.id)).toEqual(forward[0]);
      expect(first.prev).toBeNull();
    });
  }
});

describe(`saved views and SLA settings on ${backend}`, () => {
  it("saves views per user, replaces one by name, keeps only valid filters and deletes", async () => {
    const me = a.users.support.id;
    const other = a.users.owner.id;
    const saved = await saveView(a.scope, me, { name: "  My  overdue ", query: "?assignee=mine&sla=overdue&after=abc" });
    expect(saved).toMatchObject({ name: "My overdue", query: "?assignee=mine&sla=overdue" });
    await saveView(a.scope, me, { name: "My overdue", query: "assignee=mine&sla=due_today&sort=severity" });
    await saveView(a.scope, other, { name: "Lost", query: "type=lost" });
    expect(await listSavedViews(a.scope, me)).toEqual([{ id: saved.id, name: "My overdue", query: "?assignee=mine&sla=due_today&sort=severity" }]);
    await expect(saveView(a.scope, me, { name: "Broken", query: "sla=yesterday" })).rejects.toThrow(/sla: "yesterday"/);
    await expect(saveView(a.scope, me, { name: " ", query: "" })).rejects.toThrow(/name/);
    // Nobody deletes someone else's view, and another shop cannot see it.
    await expect(deleteView(a.scope, other, saved.id)).rejects.toBeInstanceOf(AppError);
    expect(await listSavedViews(b.scope, me)).toEqual([]);
    await deleteView(a.scope, me, saved.id);
    expect(await listSavedViews(a.scope, me)).toEqual([]);
    const audit = await a.scope.selectFrom("audit_log").select("action").where("action", "like", "saved_view.%").execute();
    expect(audit.map((e) => e.action)).toEqual(["saved_view.created", "saved_view.updated", "saved_view.created", "saved_view.deleted"]);
  });

  it("saves SLA settings with an audit entry, and new cases are due by them", async () => {
    const before = await slaSettings(a.scope);
    expect(before.hoursBySeverity.high).toBe(8);
    const next = { hoursBySeverity: { ...before.hoursBySeverity, high: 6 }, severityByType: { ...before.severityByType, delayed: "high" as const } };
    const { changes } = await saveSlaSettings(a.scope, a.users.owner.id, next);
    expect(changes).toEqual(["High: 8 h → 6 h", "Delayed: Medium → High"]);
    const settings = await getShopSettings(handle.db, a.shop.id);
    expect(settings.sla.hoursBySeverity.high).toBe(6);
    expect(settings.labels.layout).toBe("4x6");
    const opened = new Date("2026-11-20T09:00:00Z");
    expect(slaDueAt(opened, settings.sla.severityByType.delayed!, settings.sla).toISOString()).toBe("2026-11-20T15:00:00.000Z");
    const entry = await a.scope.selectFrom("audit_log").select("details").where("action", "=", "settings.sla_updated").executeTakeFirstOrThrow();
    expect(entry.details.summary).toBe("Changed case SLAs (applies to new cases): High: 8 h → 6 h; Delayed: Medium → High.");
    // Shop B's settings are its own.
    expect((await slaSettings(b.scope)).hoursBySeverity.high).toBe(8);
    await expect(saveSlaSettings(a.scope, a.users.owner.id, { ...next, hoursBySeverity: { ...next.hoursBySeverity, low: -1 } })).rejects.toThrow(/sla\.hoursBySeverity\.low/);
    expect((await slaSettings(a.scope)).hoursBySeverity.low).toBe(48);
  });
});

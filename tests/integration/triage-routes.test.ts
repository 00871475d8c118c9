// The exceptions pages' routes as the server runs them, with signed-in Requests: support can act,
// fulfilment gets 403 from the route guard, another shop's members get 404, a stale change comes
// back as 409 with the changes, and malformed input as 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { useDatabase } from "../../app/lib/db.server";
import { startSession } from "../../app/lib/session.server";
import { action as caseAction, loader as caseLoader } from "../../app/routes/s.$shop.exceptions.$caseId";
import { action as queueAction, loader as queueLoader } from "../../app/routes/s.$shop.exceptions._index";
import { action as slaAction } from "../../app/routes/s.$shop.settings.sla";
import { caseRow, createCaseFixture } from "../fixtures/cases";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

process.env.SESSION_SECRET ??= "triage-routes-test-secret-0123456789abcdef";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
  a = await createTestShop(handle.db, "routes-a");
  b = await createTestShop(handle.db, "routes-b");
  for (const [key, user] of [
    ["support", a.users.support],
    ["fulfilment", a.users.fulfilment],
    ["owner", a.users.owner],
    ["bOwner", b.users.owner],
  ] as const) {
    cookies[key] = (await startSession(handle.db, user.id, null)).split(";")[0];
  }
});
afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
});

type Who = keyof typeof cookies;
const args = (who: Who, path: string, form?: Record<string, string>, shop = a.shop.slug, caseId?: number) => ({
  request: new Request(`http://test.local${path}`, {
    method: form ? "POST" : "GET",
    headers: { Cookie: cookies[who] },
    body: form ? new URLSearchParams(form) : undefined,
  }),
  params: { shop, caseId: caseId === undefined ? undefined : String(caseId) },
  context: {},
});

/** The status of a thrown or returned Remix `data()` result. */
async function statusOf(work: Promise<unknown>): Promise<number> {
  try {
    const result = (await work) as { init?: { status?: number } } | null;
    return result?.init?.status ?? 200;
  } catch (thrown) {
    const t = thrown as { init?: { status?: number }; status?: number };
    if (t?.init?.status) return t.init.status;
    if (typeof t?.status === "number") return t.status;
    throw thrown;
  }
}

describe(`exceptions routes on ${backend}`, () => {
  it("lets support act on a case and refuses fulfilment with 403, leaving the case as it was", async () => {
    const f = await createCaseFixture(a.scope);
    const path = `/s/${a.shop.slug}/exceptions/${f.caseId}`;
    expect(await statusOf(caseAction(args("fulfilment", path, { intent: "assign", assignee: "me", version: "1" }, a.shop.slug, f.caseId)))).toBe(403);
    expect(await statusOf(queueAction(args("fulfilment", `/s/${a.shop.slug}/exceptions`, { intent: "resolve", cases: `${f.caseId}:1`, code: "refunded", note: "x" })))).toBe(403);
    expect((await caseRow(a.scope, f.caseId)).version).toBe(1);
    // Fulfilment can still look.
    const view = await caseLoader(args("fulfilment", path, undefined, a.shop.slug, f.caseId));
    expect(view.canAct).toBe(false);
    expect(view.view.case.id).toBe(f.caseId);
    // Support can act.
    const ok = (await caseAction(args("support", path, { intent: "assign", assignee: "me", version: "1" }, a.shop.slug, f.caseId))) as unknown as { data: { ok: boolean; message: string } };
    expect(ok.data).toMatchObject({ ok: true, message: "Assigned to you." });
    expect(await caseRow(a.scope, f.caseId)).toMatchObject({ assignee_id: a.users.support.id, version: 2 });
  });

  it("answers 409 with the changes for a stale change, and 400 naming the field for bad input", async () => {
    const f = await createCaseFixture(a.scope);
    const path = `/s/${a.shop.slug}/exceptions/${f.caseId}`;
    await caseAction(args("support", path, { intent: "state", state: "investigating", version: "1" }, a.shop.slug, f.caseId));
    const stale = (await caseAction(args("owner", path, { intent: "note", body: "Too late?", version: "1" }, a.shop.slug, f.caseId))) as unknown as {
      init: { status: number };
      data: { ok: false; conflict: { changes: { actor: string; fields: { field: string; from: string; to: string }[] }[] } };
    };
    expect(stale.init.status).toBe(409);
    expect(stale.data.conflict.changes).toEqual([expect.objectContaining({ actor: a.users.support.name, fields: [{ field: "State", from: "Open", to: "Investigating" }] })]);
    const bad = (await caseAction(args("support", path, { intent: "resolve", code: "teleported", note: "x", version: "2" }, a.shop.slug, f.caseId))) as unknown as {
      init: { status: number };
      data: { message: string };
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.message).toMatch(/^code: choose a resolution/);
    expect(await statusOf(caseAction(args("support", path, { intent: "explode", version: "2" }, a.shop.slug, f.caseId)))).toBe(400);
  });

  it("hides another shop's cases: 404 by the other shop's URL and by its own", async () => {
    const f = await createCaseFixture(a.scope);
    expect(await statusOf(caseLoader(args("bOwner", `/s/${a.shop.slug}/exceptions/${f.caseId}`, undefined, a.shop.slug, f.caseId)))).toBe(404);
    expect(await statusOf(caseLoader(args("bOwner", `/s/${b.shop.slug}/exceptions/${f.caseId}`, undefined, b.shop.slug, f.caseId)))).toBe(404);
    expect(await statusOf(caseAction(args("bOwner", `/s/${b.shop.slug}/exceptions/${f.caseId}`, { intent: "note", body: "x", version: "1" }, b.shop.slug, f.caseId)))).toBe(404);
    expect(await statusOf(caseLoader(args("support", `/s/${a.shop.slug}/exceptions/abc`, undefined, a.shop.slug, "abc" as unknown as number)))).toBe(404);
    const bQueue = await queueLoader(args("bOwner", `/s/${b.shop.slug}/exceptions?status=all`, undefined, b.shop.slug));
    expect(bQueue.rows.map((r) => r.id)).not.toContain(f.caseId);
  });

  it("loads the queue for the URL's view and reports ignored filters", async () => {
    const page = await queueLoader(args("support", `/s/${a.shop.slug}/exceptions?status=all&sla=sometime`));
    expect(page.problems).toEqual([expect.stringMatching(/^sla: "sometime"/)]);
    expect(page.query.status).toBe("all");
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.canAct).toBe(true);
  });

  it("lets owners change SLA settings and refuses support with 403", async () => {
    const form = {
      "hours.critical": "2",
      "hours.high": "6",
      "hours.medium": "24",
      "hours.low": "72",
      ...Object.fromEntries(["delayed", "stalled", "not_picked_up", "misrouted", "failed_attempt", "address_issue", "damaged", "returned_to_sender", "lost"].map((t) => [`severity.${t}`, t === "lost" ? "critical" : "medium"])),
    };
    const path = `/s/${a.shop.slug}/settings/sla`;
    expect(await statusOf(slaAction(args("support", path, form)))).toBe(403);
    const bad = (await slaAction(args("owner", path, { ...form, "hours.high": "-3" }))) as unknown as { init: { status: number }; data: { errors: Record<string, string> } };
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors["hoursBySeverity.high"]).toMatch(/more than 0/);
    const ok = (await slaAction(args("owner", path, form))) as unknown as { data: { ok: boolean; message: string } };
    expect(ok.data.ok).toBe(true);
    expect(ok.data.message).toContain("Critical: 4 h → 2 h");
  });
});

// Case actions: every allowed and refused state transition, resolve / reopen, assign / take,
// notes and buyer messages, the version conflict (field by field), bulk actions with partial
// refusals, permissions, tenancy and the audit entries, on whichever back end this run uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { AppError } from "../../app/lib/errors";
import {
  type Actor,
  addCaseNote,
  assignCase,
  bulkAssign,
  bulkResolve,
  changeCaseState,
  messageBuyer,
  reopenCase,
  resolveCase,
} from "../../app/modules/exceptions/case-actions.server";
import type { VersionConflict } from "../../app/modules/exceptions/conflict-message";
import { loadCaseView } from "../../app/modules/exceptions/case-view.server";
import { ACTIVE_STATES, CASE_STATES, TRANSITIONS } from "../../app/modules/exceptions/workflow";
import type { CaseState } from "../../db/types";
import { caseAudit, caseRow, createCaseFixture } from "../fixtures/cases";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let support: Actor;
let owner: Actor;
let fulfilment: Actor;

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "triage-a");
  b = await createTestShop(handle.db, "triage-b");
  support = { userId: a.users.support.id, role: "support" };
  owner = { userId: a.users.owner.id, role: "owner" };
  fulfilment = { userId: a.users.fulfilment.id, role: "fulfilment" };
});
afterAll(() => handle?.close());

async function rejection(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the action to be refused");
}

describe(`case state transitions on ${backend}`, () => {
  const allowed = ACTIVE_STATES.flatMap((from) => TRANSITIONS[from].filter((to) => to !== "resolved").map((to) => [from, to] as const));
  it.each(allowed)("moves a case from %s to %s, bumps the version and audits it", async (from, to) => {
    const f = await createCaseFixture(a.scope, { state: from });
    const result = await changeCaseState(a.scope, support, { caseId: f.caseId, version: 1, state: to });
    expect(result.version).toBe(2);
    const row = await caseRow(a.scope, f.caseId);
    expect(row.state).toBe(to);
    expect(row.version).toBe(2);
    const audit = await caseAudit(a.scope, f.caseId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "case.state_changed", actor_user_id: support.userId });
    expect(audit[0].details).toMatchObject({ fromVersion: 1, toVersion: 2, changes: { state: { from, to } } });
    expect(audit[0].details.summary).toContain(`order ${f.externalId}`);
  });

  const refused = CASE_STATES.flatMap((from) =>
    ACTIVE_STATES.filter((to) => !TRANSITIONS[from].includes(to)).map((to) => [from, to] as const),
  );
  it("refuses more than a handful of moves (the table is not permissive)", () => {
    expect(refused.length).toBeGreaterThanOrEqual(8);
  });
  it.each(refused)("refuses %s -> %s with a clear message and changes nothing", async (from, to) => {
    const f = await createCaseFixture(a.scope, { state: from });
    const error = await rejection(changeCaseState(a.scope, support, { caseId: f.caseId, version: 1, state: to }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/already|cannot go|only be reopened/);
    const row = await caseRow(a.scope, f.caseId);
    expect(row).toMatchObject({ state: from, version: 1 });
    expect(await caseAudit(a.scope, f.caseId)).toHaveLength(0);
  });

  it.each(ACTIVE_STATES)("resolves a case that is %s with a code and a note", async (from) => {
    const f = await createCaseFixture(a.scope, { state: from });
    await resolveCase(a.scope, support, { caseId: f.caseId, version: 1, code: "reshipped", note: "Sent a replacement with UPS Next Day Air." });
    const row = await caseRow(a.scope, f.caseId);
    expect(row).toMatchObject({ state: "resolved", resolution_code: "reshipped", resolution_note: "Sent a replacement with UPS Next Day Air.", auto_resolved: false, version: 2 });
    expect(row.resolved_at).toBeInstanceOf(Date);
    const [entry] = await caseAudit(a.scope, f.caseId);
    expect(entry.action).toBe("case.resolved");
    expect(entry.details.summary).toMatch(/^Resolved the delayed case of order \d+\w*: Reshipped\. “Sent a replacement/);
  });

  it("refuses to resolve through a plain state change, to resolve twice, or without a note", async () => {
    const f = await createCaseFixture(a.scope);
    expect((await rejection(changeCaseState(a.scope, support, { caseId: f.caseId, version: 1, state: "resolved" }))).message).toMatch(/resolution code/);
    expect((await rejection(resolveCase(a.scope, support, { caseId: f.caseId, version: 1, code: "refunded", note: "   " }))).message).toMatch(/note cannot be empty/);
    await resolveCase(a.scope, support, { caseId: f.caseId, version: 1, code: "refunded", note: "Refunded in full." });
    const again = await rejection(resolveCase(a.scope, support, { caseId: f.caseId, version: 2, code: "refunded", note: "x" }));
    expect(again.message).toBe("The case is already resolved.");
  });

  it("reopens a resolved case: clears the resolution and restarts the SLA clock", async () => {
    const f = await createCaseFixture(a.scope, { state: "resolved", resolutionCode: "delivered_late", openedAt: new Date(Date.now() - 100 * 3_600_000) });
    const before = await caseRow(a.scope, f.caseId);
    expect(before.sla_due_at.getTime()).toBeLessThan(Date.now());
    await reopenCase(a.scope, owner, { caseId: f.caseId, version: 1, reason: "Buyer says the parcel never arrived." });
    const row = await caseRow(a.scope, f.caseId);
    expect(row).toMatchObject({ state: "open", resolution_code: null, resolution_note: null, resolved_at: null, version: 2 });
    expect(row.sla_due_at.getTime()).toBeGreaterThan(Date.now());
    const [entry] = await caseAudit(a.scope, f.caseId);
    expect(entry.action).toBe("case.reopened");
    expect(entry.details.summary).toMatch(/was resolved: Delivered late.*“Buyer says/);
    // The state menu's "Open" on a resolved case is the same reopen.
    const g = await createCaseFixture(a.scope, { state: "resolved" });
    await changeCaseState(a.scope, owner, { caseId: g.caseId, version: 1, state: "open" });
    expect((await caseRow(a.scope, g.caseId)).state).toBe("open");
  });

  it("refuses to reopen when another open case tracks the same shipment and exception", async () => {
    const old = await createCaseFixture(a.scope, { state: "resolved", type: "stalled" });
    const open = await createCaseFixture(a.scope, { shipmentId: old.shipmentId, type: "stalled" });
    const error = await rejection(reopenCase(a.scope, support, { caseId: old.caseId, version: 1 }));
    expect(error.status).toBe(409);
    expect(error.message).toContain(`Case #${open.caseId}`);
    expect((await caseRow(a.scope, old.caseId)).state).toBe("resolved");
    expect((await rejection(reopenCase(a.scope, support, { caseId: open.caseId, version: 1 }))).message).toMatch(/not resolved/);
  });
});

describe(`assigning on ${backend}`, () => {
  it("takes, reassigns and unassigns, each bumping the version with its own summary", async () => {
    const f = await createCaseFixture(a.scope);
    await assignCase(a.scope, support, { caseId: f.caseId, version: 1, assigneeId: support.userId });
    await assignCase(a.scope, support, { caseId: f.caseId, version: 2, assigneeId: owner.userId });
    await assignCase(a.scope, owner, { caseId: f.caseId, version: 3, assigneeId: null });
    const row = await caseRow(a.scope, f.caseId);
    expect(row).toMatchObject({ assignee_id: null, version: 4 });
    const audit = await caseAudit(a.scope, f.caseId);
    expect(audit.map((e) => e.action)).toEqual(["case.assigned", "case.assigned", "case.unassigned"]);
    expect(audit[0].details.summary).toMatch(/^Took the delayed case/);
    expect(audit[1].details.summary).toMatch(new RegExp(`^Reassigned .* from ${a.users.support.name} to ${a.users.owner.name}\\.$`));
    expect(audit[2].details.summary).toMatch(new RegExp(`^Unassigned .* \\(was ${a.users.owner.name}\\)\\.$`));
    expect(audit[1].details.changes).toEqual({ assignee: { from: a.users.support.name, to: a.users.owner.name } });
  });

  it("refuses assignees who cannot work cases or are not members, and no-op assignments", async () => {
    const f = await createCaseFixture(a.scope, { assigneeId: support.userId });
    expect((await rejection(assignCase(a.scope, owner, { caseId: f.caseId, version: 1, assigneeId: fulfilment.userId }))).message).toMatch(/cannot work cases/);
    expect((await rejection(assignCase(a.scope, owner, { caseId: f.caseId, version: 1, assigneeId: b.users.support.id }))).message).toMatch(/not a member/);
    expect((await rejection(assignCase(a.scope, support, { caseId: f.caseId, version: 1, assigneeId: support.userId }))).message).toBe("The case is already assigned to you.");
    const resolved = await createCaseFixture(a.scope, { state: "resolved" });
    expect((await rejection(assignCase(a.scope, support, { caseId: resolved.caseId, version: 1, assigneeId: support.userId }))).message).toMatch(/reopen it/);
    expect((await caseRow(a.scope, f.caseId)).version).toBe(1);
  });
});

describe(`notes and buyer messages on ${backend}`, () => {
  it("adds an internal note without changing the version, and audits it", async () => {
    const f = await createCaseFixture(a.scope);
    const result = await addCaseNote(a.scope, support, { caseId: f.caseId, version: 1, body: "Called UPS: the trailer is delayed by weather in Louisville." });
    expect(result.version).toBe(1);
    const view = await loadCaseView(a.scope, f.caseId);
    expect(view.notes).toMatchObject([{ body: "Called UPS: the trailer is delayed by weather in Louisville.", authorName: a.users.support.name }]);
    expect(view.case.version).toBe(1);
    expect((await caseAudit(a.scope, f.caseId))[0]).toMatchObject({ action: "case.note_added" });
  });

  it("queues a template message to the buyer in the outbox, linked to the case", async () => {
    const f = await createCaseFixture(a.scope, { buyerName: "Zoë Ng", buyerEmail: "zoe@example.com" });
    await messageBuyer(a.scope, support, { caseId: f.caseId, version: 1, template: "case_delay_apology" });
    const rows = await a.scope.selectFrom("notification_outbox").select(["case_id", "order_id", "recipient", "trigger", "created_by"]).where("case_id", "=", f.caseId).execute();
    expect(rows).toEqual([{ case_id: f.caseId, order_id: f.orderId, recipient: "zoe@example.com", trigger: "case_delay_apology", created_by: support.userId }]);
    const entry = (await caseAudit(a.scope, f.caseId)).find((e) => e.action === "case.buyer_messaged");
    expect(entry?.details.summary).toContain("Delay apology");
    expect(entry?.details.summary).toContain(f.externalId);
    const view = await loadCaseView(a.scope, f.caseId);
    expect(view.messages).toHaveLength(1);
  });

  it("refuses a message when the order has no email, or for an unknown template, and writes nothing", async () => {
    const f = await createCaseFixture(a.scope, { buyerEmail: null });
    expect((await rejection(messageBuyer(a.scope, support, { caseId: f.caseId, version: 1, template: "case_delay_apology" }))).message).toMatch(/no buyer email/);
    expect((await rejection(messageBuyer(a.scope, support, { caseId: f.caseId, version: 1, template: "free_money" }))).message).toMatch(/Unknown message template/);
    expect(await caseAudit(a.scope, f.caseId)).toHaveLength(0);
  });
});

describe(`version conflicts on ${backend}`, () => {
  it("refuses a stale change with what changed since, field by field, and keeps the other agent's change", async () => {
    const f = await createCaseFixture(a.scope);
    await changeCaseState(a.scope, support, { caseId: f.caseId, version: 1, state: "investigating" });
    await assignCase(a.scope, support, { caseId: f.caseId, version: 2, assigneeId: support.userId });
    // The owner still has version 1 on screen.
    const error = await rejection(resolveCase(a.scope, owner, { caseId: f.caseId, version: 1, code: "refunded", note: "Refunding." }));
    expect(error.status).toBe(409);
    expect(error.code).toBe("version_conflict");
    expect(error.message).toMatch(/not saved.*still in the form/);
    const details = error.details as VersionConflict;
    expect(details).toMatchObject({ seenVersion: 1, currentVersion: 3, now: { state: "Investigating", assignee: a.users.support.name, resolution: null } });
    expect(details.changes.map((c) => [c.actor, c.fields])).toEqual([
      [a.users.support.name, [{ field: "State", from: "Open", to: "Investigating" }]],
      [a.users.support.name, [{ field: "Assignee", from: "Unassigned", to: a.users.support.name }]],
    ]);
    expect(Date.parse(details.changes[0].at)).not.toBeNaN();
    const row = await caseRow(a.scope, f.caseId);
    expect(row).toMatchObject({ state: "investigating", assignee_id: support.userId, version: 3, resolution_code: null });
    expect((await caseAudit(a.scope, f.caseId)).every((e) => e.actor_user_id === support.userId)).toBe(true);
  });

  it("refuses a note typed against an old version", async () => {
    const f = await createCaseFixture(a.scope);
    await resolveCase(a.scope, support, { caseId: f.caseId, version: 1, code: "no_action_needed", note: "Delivered meanwhile." });
    const error = await rejection(addCaseNote(a.scope, owner, { caseId: f.caseId, version: 1, body: "I will call the carrier." }));
    expect(error.status).toBe(409);
    expect((error.details as VersionConflict).changes[0].fields).toEqual([
      { field: "State", from: "Open", to: "Resolved" },
      { field: "Resolution", from: "None", to: "No action needed" },
    ]);
    expect((await loadCaseView(a.scope, f.caseId)).notes).toHaveLength(0);
  });

  it("lets exactly one of two simultaneous changes against the same version through", async () => {
    const f = await createCaseFixture(a.scope);
    const results = await Promise.allSettled([
      changeCaseState(a.scope, support, { caseId: f.caseId, version: 1, state: "investigating" }),
      assignCase(a.scope, owner, { caseId: f.caseId, version: 1, assigneeId: owner.userId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).status).toBe(409);
    expect((await caseRow(a.scope, f.caseId)).version).toBe(2);
    expect(await caseAudit(a.scope, f.caseId)).toHaveLength(1);
  });

  it("explains a change made by code that does not record versions (an automatic resolve)", async () => {
    const f = await createCaseFixture(a.scope);
    await a.scope.updateTable("cases").set({ state: "resolved", auto_resolved: true, resolution_note: "Delivered.", version: 2 }).where("id", "=", f.caseId).execute();
    await a.scope.insertInto("audit_log", { actor_user_id: null, action: "case.auto_resolved", case_id: f.caseId, details: JSON.stringify({ summary: "Resolved automatically: the parcel was delivered." }) }).execute();
    const error = await rejection(assignCase(a.scope, support, { caseId: f.caseId, version: 1, assigneeId: support.userId }));
    const details = error.details as VersionConflict;
    expect(details.changes).toMatchObject([{ actor: "Parcel Desk (automatic)", summary: "Resolved automatically: the parcel was delivered.", fields: [] }]);
    expect(details.now.state).toBe("Resolved");
  });
});

describe(`bulk actions on ${backend}`, () => {
  it("assigns what it can and refuses the rest, each with its reason", async () => {
    const fine = await createCaseFixture(a.scope);
    const resolved = await createCaseFixture(a.scope, { state: "resolved" });
    const stale = await createCaseFixture(a.scope);
    const mineAlready = await createCaseFixture(a.scope, { assigneeId: support.userId });
    const foreign = await createCaseFixture(b.scope);
    await changeCaseState(a.scope, owner, { caseId: stale.caseId, version: 1, state: "investigating" });
    const result = await bulkAssign(a.scope, support, {
      assigneeId: support.userId,
      cases: [fine, resolved, stale, mineAlready, foreign].map((f) => ({ caseId: f.caseId, version: 1 })),
    });
    expect(result.done.map((d) => d.caseId)).toEqual([fine.caseId]);
    const reasons = Object.fromEntries(result.refused.map((r) => [r.caseId, r.reason]));
    expect(reasons[resolved.caseId]).toMatch(/^the case is resolved; reopen it/);
    expect(reasons[stale.caseId]).toBe(`changed since you loaded the queue (${a.users.owner.name}: state Open → Investigating)`);
    expect(reasons[mineAlready.caseId]).toBe("the case is already assigned to you");
    expect(reasons[foreign.caseId]).toBe("case not found");
    expect(result.refused.find((r) => r.caseId === stale.caseId)?.orderExternalId).toBe(stale.externalId);
    expect((await caseRow(a.scope, fine.caseId)).assignee_id).toBe(support.userId);
    expect((await caseRow(b.scope, foreign.caseId)).assignee_id).toBeNull();
    const [entry] = await caseAudit(a.scope, fine.caseId);
    expect(entry.details).toMatchObject({ bulk: true, toVersion: 2 });
  });

  it("resolves what it can with one code and note, and refuses the rest", async () => {
    const open = await createCaseFixture(a.scope);
    const waiting = await createCaseFixture(a.scope, { state: "waiting_on_carrier" });
    const done = await createCaseFixture(a.scope, { state: "resolved" });
    const result = await bulkResolve(a.scope, owner, {
      code: "delivered_late",
      note: "Carrier confirmed delivery after the EDD.",
      cases: [open, waiting, done].map((f) => ({ caseId: f.caseId, version: 1 })),
    });
    expect(result.done.map((d) => d.caseId).sort()).toEqual([open.caseId, waiting.caseId].sort());
    expect(result.refused).toEqual([{ caseId: done.caseId, orderExternalId: done.externalId, reason: "the case is already resolved" }]);
    for (const f of [open, waiting]) expect(await caseRow(a.scope, f.caseId)).toMatchObject({ state: "resolved", resolution_code: "delivered_late" });
  });

  it("refuses an empty or oversized selection outright", async () => {
    expect((await rejection(bulkResolve(a.scope, owner, { code: "refunded", note: "x", cases: [] }))).message).toMatch(/at least one/);
    const many = Array.from({ length: 201 }, (_, i) => ({ caseId: i + 1, version: 1 }));
    expect((await rejection(bulkAssign(a.scope, owner, { assigneeId: null, cases: many }))).message).toMatch(/at most 200/);
  });
});

describe(`permissions and tenancy on ${backend}`, () => {
  it("lets support and owners act, and refuses fulfilment with 403 for every action", async () => {
    const f = await createCaseFixture(a.scope);
    const ref = { caseId: f.caseId, version: 1 };
    const attempts: (() => Promise<unknown>)[] = [
      () => assignCase(a.scope, fulfilment, { ...ref, assigneeId: support.userId }),
      () => changeCaseState(a.scope, fulfilment, { ...ref, state: "investigating" }),
      () => resolveCase(a.scope, fulfilment, { ...ref, code: "refunded", note: "x" }),
      () => reopenCase(a.scope, fulfilment, ref),
      () => addCaseNote(a.scope, fulfilment, { ...ref, body: "hello" }),
      () => messageBuyer(a.scope, fulfilment, { ...ref, template: "case_delay_apology" }),
      () => bulkAssign(a.scope, fulfilment, { cases: [ref], assigneeId: null }),
      () => bulkResolve(a.scope, fulfilment, { cases: [ref], code: "refunded", note: "x" }),
    ];
    for (const attempt of attempts) expect((await rejection(attempt())).status).toBe(403);
    expect(await caseAudit(a.scope, f.caseId)).toHaveLength(0);
    await changeCaseState(a.scope, support, { ...ref, state: "investigating" });
    await assignCase(a.scope, owner, { caseId: f.caseId, version: 2, assigneeId: owner.userId });
    expect((await caseRow(a.scope, f.caseId)).version).toBe(3);
  });

  it("does not let shop B read or change shop A's case", async () => {
    const f = await createCaseFixture(a.scope);
    const bOwner: Actor = { userId: b.users.owner.id, role: "owner" };
    const ref = { caseId: f.caseId, version: 1 };
    expect((await rejection(loadCaseView(b.scope, f.caseId))).status).toBe(404);
    expect((await rejection(changeCaseState(b.scope, bOwner, { ...ref, state: "investigating" }))).status).toBe(404);
    expect((await rejection(resolveCase(b.scope, bOwner, { ...ref, code: "refunded", note: "x" }))).status).toBe(404);
    expect((await rejection(addCaseNote(b.scope, bOwner, { ...ref, body: "x" }))).status).toBe(404);
    expect((await rejection(messageBuyer(b.scope, bOwner, { ...ref, template: "case_delay_apology" }))).status).toBe(404);
    expect((await bulkResolve(b.scope, bOwner, { cases: [ref], code: "refunded", note: "x" })).refused).toHaveLength(1);
    expect(await caseRow(a.scope, f.caseId)).toMatchObject({ state: "open", version: 1 });
    expect(await caseAudit(a.scope, f.caseId)).toHaveLength(0);
  });

  it("shows the case view with its timeline, signals, order and related cases", async () => {
    const f = await createCaseFixture(a.scope, { type: "misrouted", rule: "misroute_geography", reason: "Scanned in Louisville KY, further from Charlotte NC than the last scan." });
    const other = await createCaseFixture(a.scope, { shipmentId: f.shipmentId, type: "delayed" });
    const view = await loadCaseView(a.scope, f.caseId);
    expect(view.order.externalId).toBe(f.externalId);
    expect(view.order.items).toHaveLength(1);
    expect(view.shipment.trackingNumber).toBe(f.trackingNumber);
    expect(view.timeline.events.map((e) => e.rawCode)).toEqual(["AR", "OR", "MP"]);
    expect(view.timeline.events[0].signals).toEqual([
      expect.objectContaining({ caseId: f.caseId, type: "misrouted", rule: "misroute_geography", reason: expect.stringContaining("Louisville") }),
    ]);
    expect(view.signals).toHaveLength(1);
    expect(view.relatedCases.map((r) => r.id)).toEqual([other.caseId]);
    expect(view.assignees.map((m) => m.userId).sort()).toEqual([owner.userId, support.userId].sort());
  });
});

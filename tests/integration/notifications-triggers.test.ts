// Buyer notification triggers: which events queue which messages, exactly once per status change
// (never per scan), nothing about history (imported, stale, voided, cancelled), preferences and the
// shop's own switches and templates, and tenancy.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import type { ShopScope } from "../../app/lib/tenancy.server";
import { onCaseOpened, onCasesOpened, onEddSlipped, onShipmentShipped, onShipmentStatusChanged } from "../../app/modules/notifications/hooks.server";
import { emlFile, messagesForCase, messagesForOrder, queueTemplateMessage, retryMessage } from "../../app/modules/notifications/outbox.server";
import { saveBuyerPreference } from "../../app/modules/notifications/preferences.server";
import { saveTemplate } from "../../app/modules/notifications/templates.server";
import { updateShopSettings } from "../../app/modules/shops/shops.server";
import type { ExceptionType, ShipmentStatus } from "../../db/types";
import { createParcel, type Parcel, useBuyerTestEnv } from "../fixtures/buyers";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

// The test's clock: noon in New York (the test shops' zone), so "an hour ago" and "two hours ago"
// fall on one local day whatever the wall clock says. Every hook gets it as its `now`.
const clock = new Date("2026-11-20T17:00:00Z");
const hoursAgo = (h: number) => new Date(clock.getTime() - h * 3_600_000);

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-buyers-"));
  useBuyerTestEnv(dataDir);
  handle = await openTestDatabase();
  a = await createTestShop(handle.db);
  b = await createTestShop(handle.db);
});
afterAll(async () => {
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function outbox(scope: ShopScope, shipmentId: number) {
  return scope
    .selectFrom("notification_outbox")
    .selectAll()
    .where("shipment_id", "=", shipmentId)
    .orderBy("id")
    .execute();
}

const change = (p: Parcel, from: ShipmentStatus, to: ShipmentStatus, at = hoursAgo(1)) => ({
  shipmentId: p.shipmentId,
  orderId: p.orderId,
  from,
  to,
  at,
});

async function openCase(scope: ShopScope, p: Parcel, type: ExceptionType) {
  return scope
    .insertInto("cases", {
      shipment_id: p.shipmentId,
      order_id: p.orderId,
      type,
      severity: "medium",
      rule: `${type}.fixture`,
      reason: "fixture",
      sla_due_at: new Date(Date.now() + 86_400_000),
      carrier_code: "ups",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe(`notification triggers on ${backend}`, () => {
  beforeEach(async () => {
    // Each test starts from the built-in templates and switches.
    for (const s of [a, b]) {
      await s.scope.deleteFrom("notification_templates").execute();
      await s.scope.deleteFrom("buyer_preferences").execute();
      await updateShopSettings(handle.db, s.shop.id, "notifications", { enabled: true, supportEmail: "help@shop.test" });
    }
  });

  it("shipped: one email with the tracking link, EDD and unsubscribe link, audited; a second call adds nothing", async () => {
    const p = await createParcel(a.scope, { status: "pending", externalId: "576461413890" });
    await onShipmentShipped(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, at: hoursAgo(1) }, clock);
    await onShipmentShipped(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, at: hoursAgo(1) }, clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows).toHaveLength(1);
    const [m] = rows;
    expect(m).toMatchObject({ trigger: "shipped", channel: "email", status: "queued", recipient: "taylor@example.com", dedupe_key: `shipped:shipment:${p.shipmentId}:email` });
    expect(m.subject).toBe("Your order 576461413890 is on its way");
    expect(m.body).toContain("Hi Taylor,");
    expect(m.body).toContain("with UPS");
    expect(m.body).toContain("by Tuesday, November 24");
    expect(m.body).toContain(`https://track.example.test/track/${a.shop.slug}/${p.trackingNumber}`);
    expect(m.body).toMatch(/https:\/\/track\.example\.test\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    const audit = await a.scope.selectFrom("audit_log").select(["action", "details"]).where("shipment_id", "=", p.shipmentId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe("notification.queued");
    expect(audit[0].details.summary).toBe('Queued the "Shipped" email to t***r@example.com.');
  });

  it("out for delivery: email and text message (both on by default), once per day", async () => {
    const p = await createParcel(a.scope);
    await onShipmentStatusChanged(a.scope, change(p, "in_transit", "out_for_delivery", hoursAgo(2)), clock);
    await onShipmentStatusChanged(a.scope, change(p, "in_transit", "out_for_delivery", hoursAgo(1)), clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows.map((r) => [r.trigger, r.channel, r.recipient])).toEqual([
      ["out_for_delivery", "email", "taylor@example.com"],
      ["out_for_delivery", "sms", "+15550101234"],
    ]);
    expect(rows[1].body).toMatch(/^Shop .*: your order .* is out for delivery today with UPS\. Track it: https:\/\/track\.example\.test\/track\//);
    expect(rows[1].body).toMatch(/\nStop texts: https:\/\/track\.example\.test\/unsubscribe\//);
  });

  it("sends no message per scan: a whole journey gives one message per status change", async () => {
    const p = await createParcel(a.scope, { status: "pending" });
    // What ingestion calls: only status changes reach the hooks; a dozen in-transit scans do not.
    const journey: [ShipmentStatus, ShipmentStatus][] = [
      ["pending", "info_received"],
      ["info_received", "in_transit"],
      ["in_transit", "exception"],
      ["exception", "in_transit"],
      ["in_transit", "out_for_delivery"],
      ["out_for_delivery", "delivered"],
    ];
    await onShipmentShipped(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, at: hoursAgo(11) }, clock);
    let hour = 10;
    for (const [from, to] of journey) {
      await onShipmentStatusChanged(a.scope, change(p, from, to, hoursAgo(hour--)), clock);
    }
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows.map((r) => `${r.trigger}/${r.channel}`)).toEqual([
      "shipped/email",
      "out_for_delivery/email",
      "out_for_delivery/sms",
      "delivered/email",
    ]);
    // Several in-transit scans after that (even if a caller reported them) add nothing.
    for (let i = 0; i < 5; i++) await onShipmentStatusChanged(a.scope, change(p, "in_transit", "in_transit", hoursAgo(3)), clock);
    expect(await outbox(a.scope, p.shipmentId)).toHaveLength(4);
  });

  it("delivered: one email, and 'out for delivery' still waiting is not sent after it", async () => {
    const p = await createParcel(a.scope);
    await onShipmentStatusChanged(a.scope, change(p, "in_transit", "out_for_delivery", hoursAgo(3)), clock);
    await onShipmentStatusChanged(a.scope, change(p, "out_for_delivery", "delivered", hoursAgo(1)), clock);
    await onShipmentStatusChanged(a.scope, change(p, "out_for_delivery", "delivered", hoursAgo(1)), clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows.map((r) => [r.trigger, r.channel, r.status])).toEqual([
      ["out_for_delivery", "email", "skipped"],
      ["out_for_delivery", "sms", "skipped"],
      ["delivered", "email", "queued"],
    ]);
    expect(rows[0].last_error).toBe("Not sent: the parcel was delivered before this message went out.");
    expect(rows[2].subject).toMatch(/was delivered$/);
  });

  it("failed attempt: email and text; another attempt on a later day is news again, the same day is not", async () => {
    const p = await createParcel(a.scope);
    await onShipmentStatusChanged(a.scope, change(p, "out_for_delivery", "attempt_failed", hoursAgo(30)), clock);
    await onShipmentStatusChanged(a.scope, change(p, "out_for_delivery", "attempt_failed", hoursAgo(29)), clock);
    expect(await outbox(a.scope, p.shipmentId)).toHaveLength(2);
    await onShipmentStatusChanged(a.scope, change(p, "out_for_delivery", "attempt_failed", hoursAgo(1)), clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows.map((r) => `${r.trigger}/${r.channel}`)).toEqual(["failed_attempt/email", "failed_attempt/sms", "failed_attempt/email", "failed_attempt/sms"]);
    expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(4);
  });

  it("delayed by an EDD slip: quotes the new EDD once; a slip earlier or a delay case the same day adds nothing", async () => {
    const p = await createParcel(a.scope, { eddOriginal: "2026-11-24", eddCurrent: "2026-11-24" });
    await onEddSlipped(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "2026-11-24", to: "2026-11-26" }, clock);
    await onEddSlipped(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "2026-11-24", to: "2026-11-26" }, clock);
    await onEddSlipped(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "2026-11-26", to: "2026-11-25" }, clock);
    const kase = await openCase(a.scope, p, "delayed");
    await onCaseOpened(a.scope, { caseId: kase.id, shipmentId: p.shipmentId, orderId: p.orderId, type: "delayed" }, clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ trigger: "delayed", channel: "email" });
    expect(rows[0].body).toContain("The new estimated delivery date is Thursday, November 26.");
  });

  it("delayed by a case: one email linked to the case; other case types are not buyer news", async () => {
    const p = await createParcel(a.scope);
    const delayed = await openCase(a.scope, p, "delayed");
    await onCaseOpened(a.scope, { caseId: delayed.id, shipmentId: p.shipmentId, orderId: p.orderId, type: "delayed" }, clock);
    const misrouted = await openCase(a.scope, p, "misrouted");
    await onCaseOpened(a.scope, { caseId: misrouted.id, shipmentId: p.shipmentId, orderId: p.orderId, type: "misrouted" }, clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows.map((r) => [r.trigger, r.case_id])).toEqual([["delayed", delayed.id]]);
    expect((await messagesForCase(a.scope, delayed.id)).map((m) => m.triggerLabel)).toEqual(["Delayed"]);
  });

  it("many cases opened at once (a scan run) decide per case: told recently, delivered, unsubscribed, other types", async () => {
    const fresh = await createParcel(a.scope, { buyerEmail: "fresh@example.com", buyerPhone: null });
    const toldToday = await createParcel(a.scope, { buyerEmail: "told@example.com", buyerPhone: null, eddOriginal: "2026-11-24", eddCurrent: "2026-11-24" });
    await onEddSlipped(a.scope, { shipmentId: toldToday.shipmentId, orderId: toldToday.orderId, from: "2026-11-24", to: "2026-11-27" }, clock);
    const delivered = await createParcel(a.scope, { buyerEmail: "done@example.com", buyerPhone: null, status: "delivered", deliveredAt: hoursAgo(2) });
    const opted = await createParcel(a.scope, { buyerEmail: "quiet@example.com", buyerPhone: null });
    await saveBuyerPreference(a.scope, { contact: "quiet@example.com", unsubscribed: true, topicsOff: [], channelsOff: [] });
    const address = await createParcel(a.scope, { buyerEmail: "where@example.com", buyerPhone: "(555) 010-7777", status: "exception" });
    const opened = [];
    for (const [p, type] of [[fresh, "delayed"], [toldToday, "delayed"], [delivered, "delayed"], [opted, "delayed"], [address, "address_issue"], [fresh, "stalled"]] as const) {
      const kase = await openCase(a.scope, p, type);
      opened.push({ caseId: kase.id, shipmentId: p.shipmentId, orderId: p.orderId, type });
    }
    await onCasesOpened(a.scope, opened, clock);
    await onCasesOpened(a.scope, opened, clock); // a repeat adds nothing (dedupe keys)
    const summary = async (p: Parcel) => (await outbox(a.scope, p.shipmentId)).map((r) => `${r.trigger}/${r.channel}/${r.status}/${r.case_id === null ? "slip" : "case"}`);
    expect(await summary(fresh)).toEqual(["delayed/email/queued/case"]);
    expect(await summary(toldToday)).toEqual(["delayed/email/queued/slip"]);
    expect(await summary(delivered)).toEqual([]);
    expect(await summary(opted)).toEqual(["delayed/email/skipped/case"]);
    expect(await summary(address)).toEqual(["address_issue/email/queued/case", "address_issue/sms/queued/case"]);
  });

  it("address problem: the buyer is asked to act, by email and text, with the shop's support email", async () => {
    const p = await createParcel(a.scope, { status: "exception" });
    const kase = await openCase(a.scope, p, "address_issue");
    await onCaseOpened(a.scope, { caseId: kase.id, shipmentId: p.shipmentId, orderId: p.orderId, type: "address_issue" }, clock);
    await onCaseOpened(a.scope, { caseId: kase.id, shipmentId: p.shipmentId, orderId: p.orderId, type: "address_issue" }, clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows.map((r) => `${r.trigger}/${r.channel}`)).toEqual(["address_issue/email", "address_issue/sms"]);
    expect(rows[0].subject).toMatch(/^Action needed/);
    expect(rows[0].body).toContain("Please reply to help@shop.test with your full address");
  });

  it("support template message: on the shop's own wording, by the agent, linked to the case", async () => {
    const p = await createParcel(a.scope);
    const kase = await openCase(a.scope, p, "delayed");
    await saveTemplate(a.scope, {
      trigger: "case_delay_apology",
      channel: "email",
      enabled: true,
      subject: "Sorry about order {{orderId}}",
      body: "Dear {{firstName}}, we are sorry. {{trackingLink}}",
      actorUserId: a.users.owner.id,
    });
    const { outboxIds } = await queueTemplateMessage(a.scope, {
      template: "case_delay_apology",
      orderId: p.orderId,
      caseId: kase.id,
      actorUserId: a.users.support.id,
    });
    expect(outboxIds).toHaveLength(1);
    const [m] = await messagesForCase(a.scope, kase.id);
    expect(m).toMatchObject({ id: outboxIds[0], trigger: "case_delay_apology", status: "queued", subject: `Sorry about order ${p.externalId}`, createdByName: a.users.support.name });
    expect(m.body).toContain(`Dear Taylor, we are sorry. https://track.example.test/track/${a.shop.slug}/${p.trackingNumber}`);
    // The same template in another shop keeps the built-in text.
    const q = await createParcel(b.scope);
    await queueTemplateMessage(b.scope, { template: "case_delay_apology", orderId: q.orderId, actorUserId: b.users.support.id });
    const [other] = await messagesForOrder(b.scope, q.orderId);
    expect(other.subject).toBe(`An update on your order ${q.externalId}`);
  });

  it("refuses template messages it cannot send, with a message naming the problem", async () => {
    const noEmail = await createParcel(a.scope, { buyerEmail: null });
    await expect(queueTemplateMessage(a.scope, { template: "case_delay_apology", orderId: noEmail.orderId, actorUserId: null })).rejects.toThrow(
      /has no buyer email/,
    );
    const bad = await createParcel(a.scope, { buyerEmail: "not an email" });
    await expect(queueTemplateMessage(a.scope, { template: "case_delay_apology", orderId: bad.orderId, actorUserId: null })).rejects.toThrow(
      /is not a valid address/,
    );
    await expect(
      queueTemplateMessage(a.scope, { template: "case_nonsense" as never, orderId: bad.orderId, actorUserId: null }),
    ).rejects.toThrow(/Unknown message template/);
  });

  it("sends nothing for an imported shipment's past, nor when it was already delivered at import", async () => {
    const importedAt = hoursAgo(2);
    const delivered = await createParcel(a.scope, { imported: true, status: "delivered", createdAt: importedAt, deliveredAt: hoursAgo(20) });
    await onShipmentShipped(a.scope, { shipmentId: delivered.shipmentId, orderId: delivered.orderId, at: hoursAgo(48) }, clock);
    await onShipmentStatusChanged(a.scope, change(delivered, "in_transit", "out_for_delivery", hoursAgo(21)), clock);
    await onShipmentStatusChanged(a.scope, change(delivered, "out_for_delivery", "delivered", hoursAgo(20)), clock);
    expect(await outbox(a.scope, delivered.shipmentId)).toEqual([]);

    // An imported parcel still on its way: news after the import is sent, its past is not.
    const moving = await createParcel(a.scope, { imported: true, status: "in_transit", createdAt: importedAt });
    await onShipmentShipped(a.scope, { shipmentId: moving.shipmentId, orderId: moving.orderId, at: hoursAgo(1) }, clock);
    await onShipmentStatusChanged(a.scope, change(moving, "in_transit", "out_for_delivery", hoursAgo(3)), clock);
    expect(await outbox(a.scope, moving.shipmentId)).toEqual([]);
    await onShipmentStatusChanged(a.scope, change(moving, "in_transit", "out_for_delivery", hoursAgo(1)), clock);
    expect((await outbox(a.scope, moving.shipmentId)).map((r) => r.trigger)).toEqual(["out_for_delivery", "out_for_delivery"]);
  });

  it("sends nothing for stale events, voided labels or cancelled orders", async () => {
    const p = await createParcel(a.scope);
    await onShipmentStatusChanged(a.scope, change(p, "in_transit", "out_for_delivery", hoursAgo(30)), clock);
    await onShipmentShipped(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, at: hoursAgo(24 * 5) }, clock);
    expect(await outbox(a.scope, p.shipmentId)).toEqual([]);
    const voided = await createParcel(a.scope, { status: "voided" });
    await onShipmentShipped(a.scope, { shipmentId: voided.shipmentId, orderId: voided.orderId, at: hoursAgo(1) }, clock);
    const cancelled = await createParcel(a.scope, { orderStatus: "cancelled" });
    await onShipmentStatusChanged(a.scope, change(cancelled, "in_transit", "delivered", hoursAgo(1)), clock);
    expect(await outbox(a.scope, voided.shipmentId)).toEqual([]);
    expect(await outbox(a.scope, cancelled.shipmentId)).toEqual([]);
  });

  it("honours buyer preferences: blocked messages are kept as 'not sent' with the reason", async () => {
    const p = await createParcel(a.scope, { buyerEmail: "Pat@Example.com", buyerPhone: "555 010 9999" });
    await saveBuyerPreference(a.scope, { contact: "pat@example.com", unsubscribed: false, topicsOff: ["failed_attempt"], channelsOff: ["sms"] });
    await onShipmentStatusChanged(a.scope, change(p, "in_transit", "out_for_delivery", hoursAgo(2)), clock);
    await onShipmentStatusChanged(a.scope, change(p, "out_for_delivery", "attempt_failed", hoursAgo(1)), clock);
    const rows = await outbox(a.scope, p.shipmentId);
    expect(rows.map((r) => [r.trigger, r.channel, r.status])).toEqual([
      ["out_for_delivery", "email", "queued"],
      ["out_for_delivery", "sms", "skipped"],
      ["failed_attempt", "email", "skipped"],
      ["failed_attempt", "sms", "skipped"],
    ]);
    expect(rows[1].last_error).toBe("Not sent: the buyer switched off text messages.");
    expect(rows[2].last_error).toBe('Not sent: the buyer switched off "A delivery attempt failed" messages.');

    // Unsubscribed by text message: nothing goes, not even the email.
    const q = await createParcel(a.scope, { buyerEmail: "quinn@example.com", buyerPhone: "+1 (555) 010-7777" });
    await saveBuyerPreference(a.scope, { contact: "+15550107777", unsubscribed: true, topicsOff: [], channelsOff: [] });
    await onShipmentStatusChanged(a.scope, change(q, "out_for_delivery", "delivered", hoursAgo(1)), clock);
    expect((await outbox(a.scope, q.shipmentId)).map((r) => r.status)).toEqual(["skipped"]);
  });

  it("honours the shop: its switch stops automatic messages (not an agent's), and an owner can switch a channel off", async () => {
    await updateShopSettings(handle.db, a.shop.id, "notifications", { enabled: false, supportEmail: "" });
    const p = await createParcel(a.scope);
    await onShipmentStatusChanged(a.scope, change(p, "in_transit", "out_for_delivery", hoursAgo(1)), clock);
    expect(await outbox(a.scope, p.shipmentId)).toEqual([]);
    await queueTemplateMessage(a.scope, { template: "case_redelivery_options", orderId: p.orderId, shipmentId: p.shipmentId, actorUserId: a.users.support.id });
    expect((await outbox(a.scope, p.shipmentId)).map((r) => r.trigger)).toEqual(["case_redelivery_options"]);

    await updateShopSettings(handle.db, a.shop.id, "notifications", { enabled: true, supportEmail: "" });
    const sms = (await a.scope.selectFrom("notification_templates").selectAll().execute()).length;
    expect(sms).toBe(0);
    await saveTemplate(a.scope, {
      trigger: "out_for_delivery",
      channel: "sms",
      enabled: false,
      subject: null,
      body: "{{shopName}}: out for delivery",
      actorUserId: a.users.owner.id,
    });
    const q = await createParcel(a.scope);
    await onShipmentStatusChanged(a.scope, change(q, "in_transit", "out_for_delivery", hoursAgo(1)), clock);
    expect((await outbox(a.scope, q.shipmentId)).map((r) => r.channel)).toEqual(["email"]);
  });

  it("runs inside the caller's transaction (one PGlite connection) and rolls back with it", async () => {
    const p = await createParcel(a.scope);
    await expect(
      a.scope.transaction(async (tx) => {
        await onShipmentStatusChanged(tx, change(p, "in_transit", "out_for_delivery", hoursAgo(1)), clock);
        await onShipmentStatusChanged(tx, change(p, "out_for_delivery", "delivered", hoursAgo(0.5)), clock);
        expect(await outbox(tx, p.shipmentId)).toHaveLength(3);
        throw new Error("ingestion failed");
      }),
    ).rejects.toThrow("ingestion failed");
    expect(await outbox(a.scope, p.shipmentId)).toEqual([]);
  });

  it("keeps shops apart: templates, preferences and messages of one shop never touch another", async () => {
    const shared = "same.buyer@example.com";
    const pa = await createParcel(a.scope, { buyerEmail: shared });
    const pb = await createParcel(b.scope, { buyerEmail: shared, trackingNumber: pa.trackingNumber });
    await saveBuyerPreference(a.scope, { contact: shared, unsubscribed: true, topicsOff: [], channelsOff: [] });
    await saveTemplate(a.scope, {
      trigger: "delivered",
      channel: "email",
      enabled: true,
      subject: "ALPHA ONLY {{orderId}}",
      body: "alpha wording",
      actorUserId: a.users.owner.id,
    });
    await onShipmentStatusChanged(a.scope, change(pa, "out_for_delivery", "delivered", hoursAgo(1)), clock);
    await onShipmentStatusChanged(b.scope, change(pb, "out_for_delivery", "delivered", hoursAgo(1)), clock);
    const [ma] = await outbox(a.scope, pa.shipmentId);
    const [mb] = await outbox(b.scope, pb.shipmentId);
    expect(ma).toMatchObject({ status: "skipped", subject: `ALPHA ONLY ${pa.externalId}` });
    expect(mb).toMatchObject({ status: "queued", subject: `Your order ${pb.externalId} was delivered` });

    // B's scope cannot see, retry or open A's messages; a hook called with B's scope and A's ids does nothing.
    expect(await messagesForOrder(b.scope, pa.orderId)).toEqual([]);
    await a.scope.updateTable("notification_outbox").set({ status: "failed" }).where("id", "=", ma.id).execute();
    await expect(retryMessage(b.scope, { messageId: ma.id, actorUserId: b.users.owner.id })).rejects.toThrow(/not found/);
    await expect(emlFile(b.scope, ma.id)).rejects.toThrow(/No email file/);
    await onShipmentShipped(b.scope, { shipmentId: pa.shipmentId, orderId: pa.orderId, at: hoursAgo(1) }, clock);
    expect(await outbox(a.scope, pa.shipmentId)).toHaveLength(1);
    expect(await b.scope.selectFrom("notification_outbox").select("id").where("shipment_id", "=", pa.shipmentId).execute()).toEqual([]);
  });
});

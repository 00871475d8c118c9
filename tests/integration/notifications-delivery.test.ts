// The outbox worker: sending, retries with backoff after a failing transport, a final failure with
// its reason after max_attempts, leases after a crash, preferences that changed after queueing,
// the file and log transports, and two workers at once never sending one message twice.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import type { ShopScope } from "../../app/lib/tenancy.server";
import { onShipmentStatusChanged } from "../../app/modules/notifications/hooks.server";
import { emlFile, messagesForOrder, queueTemplateMessage, retryMessage } from "../../app/modules/notifications/outbox.server";
import { saveBuyerPreference } from "../../app/modules/notifications/preferences.server";
import { fileEmailTransport, logSmsTransport, type OutgoingEmail, type OutgoingSms, type Transports } from "../../app/modules/notifications/transports.server";
import { claimDue, deliverDueMessages } from "../../app/modules/notifications/worker.server";
import { updateShopSettings } from "../../app/modules/shops/shops.server";
import { createParcel, hoursAgo, useBuyerTestEnv } from "../fixtures/buyers";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-delivery-"));
  useBuyerTestEnv(dataDir);
  handle = await openTestDatabase();
  a = await createTestShop(handle.db);
  b = await createTestShop(handle.db);
});
afterAll(async () => {
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  // Every test starts with an empty outbox, so the worker sees only its own messages.
  for (const s of [a, b]) await s.scope.deleteFrom("notification_outbox").execute();
});

/** Records what it sends; fails the first `failures` sends with `error`; may take a little time. */
function recordingTransports(options: { failures?: number; error?: string; delayMs?: number } = {}) {
  const emails: OutgoingEmail[] = [];
  const sms: OutgoingSms[] = [];
  let failuresLeft = options.failures ?? 0;
  const maybeFail = async () => {
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error(options.error ?? "421 Service not available, closing channel");
    }
  };
  const transports: Transports = {
    email: {
      kind: "test",
      async send(email) {
        await maybeFail();
        emails.push(email);
        return { ref: `test:${email.messageId}` };
      },
    },
    sms: {
      kind: "test",
      async send(message) {
        await maybeFail();
        sms.push(message);
        return { ref: `test-sms:${message.messageId}` };
      },
    },
  };
  return { transports, emails, sms };
}

async function queueOne(shop: TestShop, overrides: Parameters<typeof createParcel>[1] = {}) {
  const p = await createParcel(shop.scope, overrides);
  const { outboxIds } = await queueTemplateMessage(shop.scope, { template: "case_delay_apology", orderId: p.orderId, actorUserId: null });
  return { parcel: p, id: outboxIds[0] };
}

async function row(scope: ShopScope, id: number) {
  return scope
    .selectFrom("notification_outbox")
    .select([
      "status",
      "attempts",
      "last_error",
      "sent_at",
      "transport_ref",
      sql<number>`extract(epoch from (next_attempt_at - now()))`.as("dueInSeconds"),
    ])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Time travel without waiting: the message is due now. */
async function makeDue(scope: ShopScope, id: number) {
  await scope.updateTable("notification_outbox").set({ next_attempt_at: sql<Date>`now() - interval '1 second'` }).where("id", "=", id).execute();
}

describe(`outbox delivery on ${backend}`, () => {
  it("sends a queued email once, with the shop as sender and the unsubscribe link", async () => {
    await updateShopSettings(handle.db, a.shop.id, "notifications", { enabled: true, supportEmail: "Help@Alpha.test" });
    const { id } = await queueOne(a, { buyerEmail: "sam@example.com" });
    const t = recordingTransports();
    const report = await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] });
    expect(report).toMatchObject({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(t.emails).toHaveLength(1);
    expect(t.emails[0]).toMatchObject({ messageId: id, to: "sam@example.com", fromName: a.shop.name, replyTo: "help@alpha.test" });
    expect(t.emails[0].unsubscribeUrl).toMatch(/^https:\/\/track\.example\.test\/unsubscribe\//);
    expect(t.emails[0].text).toContain(t.emails[0].unsubscribeUrl);
    expect(await row(a.scope, id)).toMatchObject({ status: "sent", attempts: 1, last_error: null, transport_ref: `test:${id}` });
    // Nothing is due any more.
    expect((await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] })).claimed).toBe(0);
    expect(t.emails).toHaveLength(1);
  });

  it("retries after a failing transport with exponential backoff, then succeeds", async () => {
    const { id } = await queueOne(a);
    const t = recordingTransports({ failures: 2 });
    const deliver = () => deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] });

    expect(await deliver()).toMatchObject({ retrying: 1, sent: 0 });
    const first = await row(a.scope, id);
    expect(first).toMatchObject({ status: "queued", attempts: 1, last_error: "Attempt 1 of 5 failed: 421 Service not available, closing channel" });
    // Not due yet: the worker leaves it alone.
    expect((await deliver()).claimed).toBe(0);

    await makeDue(a.scope, id);
    expect(await deliver()).toMatchObject({ retrying: 1 });
    const second = await row(a.scope, id);
    expect(second).toMatchObject({ status: "queued", attempts: 2 });
    // The wait doubles (jitter is the same for the same message, so the ratio is exactly 2).
    expect(second.dueInSeconds / first.dueInSeconds).toBeGreaterThan(1.9);
    expect(second.dueInSeconds / first.dueInSeconds).toBeLessThan(2.1);

    await makeDue(a.scope, id);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(await row(a.scope, id)).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    expect(t.emails.map((e) => e.messageId)).toEqual([id]);
  });

  it("gives up after max_attempts with the reason, in the outbox and the order history", async () => {
    const { id, parcel } = await queueOne(a);
    await a.scope.updateTable("notification_outbox").set({ max_attempts: 3 }).where("id", "=", id).execute();
    const t = recordingTransports({ failures: 99, error: "550 5.1.1 mailbox unavailable" });
    for (let i = 0; i < 3; i++) {
      await makeDue(a.scope, id);
      await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] });
    }
    expect(await row(a.scope, id)).toMatchObject({ status: "failed", attempts: 3, last_error: "Attempt 3 of 3 failed: 550 5.1.1 mailbox unavailable" });
    await makeDue(a.scope, id);
    expect((await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] })).claimed).toBe(0);
    const audit = await a.scope.selectFrom("audit_log").select(["action", "details"]).where("order_id", "=", parcel.orderId).where("action", "=", "notification.failed").execute();
    expect(audit).toHaveLength(1);
    expect(String(audit[0].details.summary)).toMatch(/^Could not send the "Delay apology" email to t\*\*\*r@example\.com\. Attempt 3 of 3 failed: 550/);

    // A person can send it again, with a fresh set of attempts.
    await retryMessage(a.scope, { messageId: id, actorUserId: a.users.support.id });
    expect(await row(a.scope, id)).toMatchObject({ status: "queued", attempts: 0, last_error: null });
    await expect(retryMessage(a.scope, { messageId: id, actorUserId: a.users.support.id })).rejects.toThrow(/Only failed messages can be retried/);
    expect(await deliverDueMessages(handle.db, { transports: recordingTransports().transports, shopIds: [a.shop.id] })).toMatchObject({ sent: 1 });
  });

  it("takes a message back when its worker died mid-send (the lease ran out), and gives up on a last attempt", async () => {
    const { id } = await queueOne(a);
    const claimed = await claimDue(a.scope, 10, 300);
    expect(claimed.map((m) => m.id)).toEqual([id]);
    expect(await row(a.scope, id)).toMatchObject({ status: "sending", attempts: 1 });
    // While the lease runs, nobody else takes it.
    const t = recordingTransports();
    expect((await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] })).claimed).toBe(0);
    // The worker never came back: after the lease, another one sends it.
    await makeDue(a.scope, id);
    expect(await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] })).toMatchObject({ sent: 1 });
    expect(await row(a.scope, id)).toMatchObject({ status: "sent", attempts: 2 });

    const last = await queueOne(a);
    await a.scope.updateTable("notification_outbox").set({ max_attempts: 1 }).where("id", "=", last.id).execute();
    await claimDue(a.scope, 10, 300);
    await makeDue(a.scope, last.id);
    await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] });
    expect(await row(a.scope, last.id)).toMatchObject({ status: "failed", last_error: expect.stringMatching(/^Gave up: the last attempt never reported back/) });
  });

  it("does not send what the buyer switched off after it was queued, or what the shop switched off", async () => {
    const p = await createParcel(a.scope, { buyerEmail: "late.optout@example.com" });
    await onShipmentStatusChanged(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "in_transit", to: "out_for_delivery", at: hoursAgo(1) });
    await saveBuyerPreference(a.scope, { contact: "late.optout@example.com", unsubscribed: false, topicsOff: [], channelsOff: ["sms"] });
    const t = recordingTransports();
    expect(await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] })).toMatchObject({ sent: 1, skipped: 1 });
    expect(t.sms).toEqual([]);
    const messages = await messagesForOrder(a.scope, p.orderId);
    expect(messages.find((m) => m.channel === "sms")).toMatchObject({ status: "skipped", lastError: "Not sent: the buyer switched off text messages." });

    const q = await createParcel(a.scope);
    await onShipmentStatusChanged(a.scope, { shipmentId: q.shipmentId, orderId: q.orderId, from: "out_for_delivery", to: "delivered", at: hoursAgo(1) });
    await updateShopSettings(handle.db, a.shop.id, "notifications", { enabled: false, supportEmail: "" });
    try {
      expect(await deliverDueMessages(handle.db, { transports: t.transports, shopIds: [a.shop.id] })).toMatchObject({ skipped: 1, sent: 0 });
    } finally {
      await updateShopSettings(handle.db, a.shop.id, "notifications", { enabled: true, supportEmail: "" });
    }
  });

  it("writes an .eml file (no SMTP configured) that the app can open, and text messages to the log", async () => {
    const p = await createParcel(a.scope, { buyerEmail: "file.me@example.com", buyerPhone: "(555) 010-4242" });
    await onShipmentStatusChanged(a.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "in_transit", to: "out_for_delivery", at: hoursAgo(1) });
    const transports = { email: fileEmailTransport(), sms: logSmsTransport() };
    expect(await deliverDueMessages(handle.db, { transports, shopIds: [a.shop.id] })).toMatchObject({ sent: 2 });
    const [sms, email] = await messagesForOrder(a.scope, p.orderId);
    expect(email).toMatchObject({ channel: "email", status: "sent", hasFile: true });
    expect(sms).toMatchObject({ channel: "sms", status: "sent", hasFile: false });
    const file = await emlFile(a.scope, email.id);
    const eml = file.content.toString("utf8");
    expect(file.fileName).toMatch(new RegExp(`-${email.id}\\.eml$`));
    expect(eml).toMatch(/^To: file\.me@example\.com\r?$/m);
    expect(eml).toMatch(/^Subject: Your order .* is out for delivery\r?$/m);
    expect(eml).toMatch(/^List-Unsubscribe:\s*<https:\/\/track\.example\.test\/unsubscribe\/[^>]+>/m);
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(readdirSync(path.join(dataDir, "outbox"))).toContain(file.fileName);
    const log = readFileSync(path.join(dataDir, "outbox", "sms.log"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(log.at(-1)).toMatchObject({ id: sms.id, to: "+15550104242" });
    expect(log.at(-1).text).toContain("is out for delivery today");
  });

  it("never sends one message twice when two workers run at once", async () => {
    // Two shops' worth of messages, two workers with small batches and a slow transport, so their
    // claims interleave (on PostgreSQL they run on separate connections).
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await queueOne(i % 2 ? a : b, { buyerEmail: `buyer${i}@example.com` })).id);
    const t = recordingTransports({ delayMs: 15 });
    const options = { transports: t.transports, shopIds: [a.shop.id, b.shop.id], batchSize: 2 };
    const [one, two] = await Promise.all([deliverDueMessages(handle.db, options), deliverDueMessages(handle.db, options)]);
    const sentIds = t.emails.map((e) => Number(e.messageId)).sort((x, y) => x - y);
    expect(sentIds).toEqual([...ids].sort((x, y) => x - y));
    expect(one.sent + two.sent).toBe(12);
    if (backend === "postgres") {
      // Both really worked: the second did not just wait for the first to finish.
      expect(one.sent).toBeGreaterThan(0);
      expect(two.sent).toBeGreaterThan(0);
    }
  });
});

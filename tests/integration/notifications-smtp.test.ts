// Email over real SMTP: a local SMTP server started by this test receives the message sent through
// SMTP_URL (nodemailer), with the unsubscribe link in the body and the List-Unsubscribe header; the
// link works without an account (and a tampered one does not); a server that refuses the recipient
// leaves the message queued for a retry with the server's words as the reason.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { onShipmentStatusChanged } from "../../app/modules/notifications/hooks.server";
import { messagesForOrder } from "../../app/modules/notifications/outbox.server";
import { defaultTransports } from "../../app/modules/notifications/transports.server";
import { applyUnsubscribeChoice, unsubscribeView } from "../../app/modules/notifications/unsubscribe.server";
import { deliverDueMessages } from "../../app/modules/notifications/worker.server";
import { createParcel, hoursAgo, useBuyerTestEnv } from "../fixtures/buyers";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let handle: DatabaseHandle;
let shop: TestShop;
let dataDir: string;
let server: SMTPServer;
const received: Received[] = [];
const refuse = new Set<string>();

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const error = new Error("5.1.1 Mailbox does not exist") as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-smtp-"));
  useBuyerTestEnv(dataDir, { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: "Parcel Desk <notify@parceldesk.test>" });
  handle = await openTestDatabase();
  shop = await createTestShop(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Undoes quoted-printable soft line breaks and =XX escapes in a raw message. */
function decodeQp(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe(`email over SMTP on ${backend}`, () => {
  it("uses the SMTP transport when SMTP_URL is set", () => {
    expect(defaultTransports().email.kind).toBe("smtp");
  });

  it("delivers the email to the SMTP server with a working unsubscribe link", async () => {
    const p = await createParcel(shop.scope, { buyerEmail: "robin@example.com", buyerPhone: null });
    await onShipmentStatusChanged(shop.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "in_transit", to: "out_for_delivery", at: hoursAgo(1) });
    const report = await deliverDueMessages(handle.db, { shopIds: [shop.shop.id] });
    expect(report).toMatchObject({ sent: 1, failed: 0, retrying: 0 });

    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail.from).toBe("notify@parceldesk.test");
    expect(mail.to).toEqual(["robin@example.com"]);
    expect(mail.raw).toMatch(new RegExp(`^From: "${shop.shop.name}" <notify@parceldesk\\.test>`, "m"));
    expect(mail.raw).toMatch(/^Subject: Your order .* is out for delivery\r$/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    const body = decodeQp(mail.raw);
    const link = /https:\/\/track\.example\.test\/unsubscribe\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(body);
    expect(link, "unsubscribe link in the body").not.toBeNull();
    expect(body).toContain(`https://track.example.test/track/${shop.shop.slug}/${p.trackingNumber}`);
    const [message] = await messagesForOrder(shop.scope, p.orderId);
    expect(message).toMatchObject({ status: "sent", hasFile: false });

    // The link works without an account: it names this buyer at this shop...
    const token = link![1];
    expect(await unsubscribeView(handle.db, token)).toMatchObject({ shopName: shop.shop.name, contactKind: "email", maskedContact: "r***n@example.com" });
    // ...a changed token is refused...
    const tampered = `${token.slice(0, 5)}${token[5] === "A" ? "B" : "A"}${token.slice(6)}`;
    await expect(unsubscribeView(handle.db, tampered)).rejects.toThrow(/This link is not valid/);
    // ...and unsubscribing stops the next message before it reaches the server.
    await applyUnsubscribeChoice(handle.db, token, { intent: "everything" });
    await onShipmentStatusChanged(shop.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "out_for_delivery", to: "delivered", at: hoursAgo(0.5) });
    await deliverDueMessages(handle.db, { shopIds: [shop.shop.id] });
    expect(received).toHaveLength(1);
    const delivered = (await messagesForOrder(shop.scope, p.orderId)).find((m) => m.triggerLabel === "Delivered");
    expect(delivered).toMatchObject({ status: "skipped", lastError: "Not sent: the buyer unsubscribed from all messages." });
  });

  it("keeps a refused message for a retry, with the server's reply as the reason", async () => {
    refuse.add("gone@example.com");
    const p = await createParcel(shop.scope, { buyerEmail: "gone@example.com", buyerPhone: null });
    await onShipmentStatusChanged(shop.scope, { shipmentId: p.shipmentId, orderId: p.orderId, from: "in_transit", to: "out_for_delivery", at: hoursAgo(1) });
    const before = received.length;
    expect(await deliverDueMessages(handle.db, { shopIds: [shop.shop.id] })).toMatchObject({ retrying: 1, sent: 0 });
    expect(received).toHaveLength(before);
    const [message] = await messagesForOrder(shop.scope, p.orderId);
    expect(message.status).toBe("queued");
    expect(message.lastError).toMatch(/^Attempt 1 of 5 failed: .*550/);
  });
});

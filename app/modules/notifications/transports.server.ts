// How a message leaves: email through SMTP (nodemailer, SMTP_URL) or, with no SMTP configured, as
// an .eml file in DATA_DIR/outbox that the app can open; text messages through an SMS transport,
// of which only a log transport exists here (no SMS provider is reachable). A transport throws on
// failure with a message the outbox stores as the reason.
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "../../lib/env.server";
import { outboxDir } from "./config.server";

export interface OutgoingEmail {
  /** The outbox row: a buyer message's id, or "account-<id>" for an account email. */
  messageId: number | string;
  to: string;
  fromName: string;
  replyTo: string | null;
  subject: string;
  text: string;
  /** Buyer messages only; account emails (invitations, password resets) cannot be unsubscribed from. */
  unsubscribeUrl: string | null;
}

export interface OutgoingSms {
  messageId: number;
  to: string;
  text: string;
}

export interface EmailTransport {
  readonly kind: string;
  send(email: OutgoingEmail): Promise<{ ref: string }>;
}

export interface SmsTransport {
  readonly kind: string;
  send(sms: OutgoingSms): Promise<{ ref: string }>;
}

export interface Transports {
  email: EmailTransport;
  sms: SmsTransport;
}

/** "Parcel Desk <no-reply@x>" -> "no-reply@x": the shop's name goes in front of our address. */
function senderAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}

function mailOptions(email: OutgoingEmail) {
  return {
    from: { name: email.fromName, address: senderAddress(env().smtpFrom) },
    to: email.to,
    replyTo: email.replyTo ?? undefined,
    subject: email.subject,
    text: email.text,
    // RFC 2369 and RFC 8058: mail clients show their own unsubscribe button and may POST to it.
    ...(email.unsubscribeUrl
      ? {
          list: { unsubscribe: { url: email.unsubscribeUrl, comment: "Unsubscribe" } },
          headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "X-Parcel-Desk-Message": String(email.messageId) },
        }
      : { headers: { "X-Parcel-Desk-Message": String(email.messageId) } }),
  };
}

export function smtpTransport(url: string): EmailTransport {
  // Timeouts well inside the worker's lease, so a hung server fails the attempt instead of the lease.
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    kind: "smtp",
    async send(email) {
      const info = await transporter.sendMail(mailOptions(email));
      if (info.rejected?.length) throw new Error(`The SMTP server refused ${info.rejected.join(", ")}: ${info.response ?? ""}`.trim());
      return { ref: `smtp:${info.messageId ?? ""}` };
    },
  };
}

/** Builds the same MIME message SMTP would carry and writes it to `dir` as an .eml file. */
export function fileEmailTransport(dir: string = outboxDir()): EmailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "file",
    async send(email) {
      const info = await composer.sendMail(mailOptions(email));
      const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
      const name = `${stamp}-${email.messageId}.eml`;
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, name), info.message as Buffer);
      return { ref: `file:${name}` };
    },
  };
}

/** Appends each text message as one JSON line to sms.log in `dir`. */
export function logSmsTransport(dir: string = outboxDir()): SmsTransport {
  return {
    kind: "log",
    async send(sms) {
      await mkdir(dir, { recursive: true });
      await appendFile(path.join(dir, "sms.log"), `${JSON.stringify({ at: new Date().toISOString(), id: sms.messageId, to: sms.to, text: sms.text })}\n`);
      return { ref: `log:sms.log#${sms.messageId}` };
    },
  };
}

declare global {
  // eslint-disable-next-line no-var
  var __parcelDeskTransports: Transports | undefined;
}

/** The configured transports (SMTP when SMTP_URL is set, else .eml files; SMS to the log). */
export function defaultTransports(): Transports {
  globalThis.__parcelDeskTransports ??= {
    email: env().smtpUrl ? smtpTransport(env().smtpUrl!) : fileEmailTransport(),
    sms: logSmsTransport(),
  };
  return globalThis.__parcelDeskTransports;
}

// Where buyer messages point and where they are written: read from the validated environment once,
// in one place, so tests can set PUBLIC_URL / DATA_DIR / SESSION_SECRET before the first use.
import path from "node:path";
import { env } from "../../lib/env.server";
import { signUnsubscribeToken } from "./unsubscribe-token";

export function publicUrl(): string {
  return env().publicUrl;
}

/** The buyer's tracking page, within the shop that sent the message (/track/<shop>/<number>). */
export function trackingLink(shopSlug: string, trackingNumber: string): string {
  return `${publicUrl()}/track/${encodeURIComponent(shopSlug)}/${encodeURIComponent(trackingNumber)}`;
}

export function unsubscribeUrl(shopId: number, contact: string): string {
  return `${publicUrl()}/unsubscribe/${signUnsubscribeToken(env().sessionSecret, { shopId, contact })}`;
}

/** Folder for .eml files (no SMTP configured) and the SMS log. */
export function outboxDir(): string {
  return path.join(env().dataDir, "outbox");
}

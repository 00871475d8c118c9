// The buyer's side of preferences, reached from the link in every message: no account, just the
// signed token naming the shop and the contact. A tampered or truncated token is refused.
import type { Queryable } from "../../lib/db.server";
import { env } from "../../lib/env.server";
import { AppError } from "../../lib/errors";
import { forShop } from "../../lib/tenancy.server";
import { getShop } from "../shops/shops.server";
import { maskContact } from "./contacts";
import type { BuyerPreference } from "./preferences";
import { preferenceOf, saveBuyerPreference } from "./preferences.server";
import { type Channel, CHANNELS, type PreferenceTopic, PREFERENCE_TOPICS } from "./triggers";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

export interface UnsubscribeView {
  shopName: string;
  contactKind: "email" | "phone";
  maskedContact: string;
  preference: BuyerPreference;
}

const INVALID = "This link is not valid. It may have been cut off: open it again from the message, or copy the whole address.";

async function resolve(db: Queryable, token: string) {
  const subject = verifyUnsubscribeToken(env().sessionSecret, token);
  if (!subject) throw new AppError(400, INVALID);
  const shop = await getShop(db, subject.shopId).catch(() => null);
  if (!shop) throw new AppError(400, INVALID);
  return { subject, shop, scope: forShop(db, shop.id) };
}

export async function unsubscribeView(db: Queryable, token: string): Promise<UnsubscribeView> {
  const { subject, shop, scope } = await resolve(db, token);
  return {
    shopName: shop.name,
    contactKind: subject.contact.includes("@") ? "email" : "phone",
    maskedContact: maskContact(subject.contact),
    preference: await preferenceOf(scope, subject.contact),
  };
}

export type UnsubscribeChoice =
  | { intent: "everything" }
  | { intent: "resubscribe" }
  | { intent: "choose"; topicsOn: readonly PreferenceTopic[]; channelsOn: readonly Channel[] };

export async function applyUnsubscribeChoice(db: Queryable, token: string, choice: UnsubscribeChoice): Promise<UnsubscribeView> {
  const { subject, shop, scope } = await resolve(db, token);
  const current = await preferenceOf(scope, subject.contact);
  let next: BuyerPreference;
  if (choice.intent === "everything") next = { ...current, unsubscribed: true };
  else if (choice.intent === "resubscribe") next = { contact: subject.contact, unsubscribed: false, topicsOff: [], channelsOff: [] };
  else {
    next = {
      contact: subject.contact,
      unsubscribed: false,
      topicsOff: PREFERENCE_TOPICS.filter((t) => !choice.topicsOn.includes(t)),
      channelsOff: CHANNELS.filter((c) => !choice.channelsOn.includes(c)),
    };
    // Nothing left switched on means "stop everything": say so plainly instead of an empty choice.
    if (next.channelsOff.length === CHANNELS.length || next.topicsOff.length === PREFERENCE_TOPICS.length) {
      next = { ...next, unsubscribed: true };
    }
  }
  const saved = await saveBuyerPreference(scope, next);
  return {
    shopName: shop.name,
    contactKind: subject.contact.includes("@") ? "email" : "phone",
    maskedContact: maskContact(subject.contact),
    preference: saved,
  };
}

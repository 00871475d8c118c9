// Reading and saving buyer preferences (buyer_preferences, keyed by shop and contact). Saving comes
// from the public unsubscribe page, so the actor in the audit log is nobody: the buyer has no account.
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { maskContact } from "./contacts";
import { type BuyerPreference, describePreferenceChange, isPreferenceTopic } from "./preferences";
import { CHANNELS, type Channel } from "./triggers";

export async function preferencesFor(scope: ShopScope, contacts: readonly (string | null)[]): Promise<BuyerPreference[]> {
  const list = contacts.filter((c): c is string => Boolean(c));
  if (list.length === 0) return [];
  const rows = await scope
    .selectFrom("buyer_preferences")
    .select(["contact", "unsubscribed", "triggers_off", "channels_off"])
    .where("contact", "in", list)
    .execute();
  return rows.map((r) => ({
    contact: r.contact,
    unsubscribed: r.unsubscribed,
    topicsOff: r.triggers_off.filter(isPreferenceTopic),
    channelsOff: r.channels_off.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c)),
  }));
}

export async function preferenceOf(scope: ShopScope, contact: string): Promise<BuyerPreference> {
  const [found] = await preferencesFor(scope, [contact]);
  return found ?? { contact, unsubscribed: false, topicsOff: [], channelsOff: [] };
}

export async function saveBuyerPreference(scope: ShopScope, next: BuyerPreference): Promise<BuyerPreference> {
  return scope.transaction(async (tx) => {
    const [before] = await preferencesFor(tx, [next.contact]);
    const row = {
      unsubscribed: next.unsubscribed,
      triggers_off: [...new Set(next.topicsOff)].sort(),
      channels_off: [...new Set(next.channelsOff)].sort(),
      updated_at: new Date(),
    };
    await tx
      .insertInto("buyer_preferences", { contact: next.contact, ...row })
      .onConflict((oc) => oc.columns(["shop_id", "contact"]).doUpdateSet(row))
      .execute();
    await recordAudit(tx, {
      actorUserId: null,
      action: "buyer_preferences.updated",
      details: {
        summary: describePreferenceChange(before ?? null, next, maskContact(next.contact)),
        contact: maskContact(next.contact),
        unsubscribed: next.unsubscribed,
        topicsOff: row.triggers_off,
        channelsOff: row.channels_off,
      },
    });
    return next;
  });
}

// Settings > Buyer messages: everything the page shows (the shop's switch and support email, every
// template, the last week's counts, the latest messages) and saving the shop-wide part.
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { getShop, updateShopSettings } from "../shops/shops.server";
import { parseShopSettings } from "../shops/settings";
import { publicUrl } from "./config.server";
import { type OutboxCounts, type OutboxMessage, outboxCounts, recentMessages } from "./outbox.server";
import { type ShopTemplate, shopTemplates } from "./templates.server";

export interface BuyerMessagesSettings {
  shopName: string;
  timeZone: string;
  publicUrl: string;
  enabled: boolean;
  supportEmail: string;
  templates: ShopTemplate[];
  counts: OutboxCounts;
  recent: OutboxMessage[];
}

export async function buyerMessagesSettings(scope: ShopScope): Promise<BuyerMessagesSettings> {
  const shop = await getShop(scope.db, scope.shopId);
  const settings = parseShopSettings(shop.settings);
  return {
    shopName: shop.name,
    timeZone: shop.time_zone,
    publicUrl: publicUrl(),
    enabled: settings.notifications.enabled,
    supportEmail: settings.notifications.supportEmail,
    templates: await shopTemplates(scope),
    counts: await outboxCounts(scope),
    recent: await recentMessages(scope, { limit: 25 }),
  };
}

export async function saveBuyerMessagesGeneral(
  scope: ShopScope,
  input: { enabled: boolean; supportEmail: string; actorUserId: number | null },
): Promise<void> {
  await scope.transaction(async (tx) => {
    const before = parseShopSettings((await getShop(tx.db, tx.shopId)).settings).notifications;
    const supportEmail = input.supportEmail.trim().toLowerCase();
    await updateShopSettings(tx.db, tx.shopId, "notifications", { enabled: input.enabled, supportEmail });
    const changes: string[] = [];
    if (before.enabled !== input.enabled) changes.push(input.enabled ? "switched automatic buyer messages on" : "switched automatic buyer messages off");
    if (before.supportEmail !== supportEmail) changes.push(supportEmail ? `set the support email to ${supportEmail}` : "removed the support email");
    if (changes.length === 0) return;
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "settings.notifications_updated",
      details: { summary: `${changes.join(" and ").replace(/^./, (c) => c.toUpperCase())}.`, enabled: input.enabled, supportEmail },
    });
  });
}

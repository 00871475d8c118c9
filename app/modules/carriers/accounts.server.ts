// A shop's carrier accounts (enabled, account/shipper number, handling days, cut-off) and its
// holidays: reading them (a missing carrier_accounts row means "enabled with the defaults"),
// saving them from Settings > Carriers, and the shipping calendar that EDDs are computed from.
import type { ShopScope } from "../../lib/tenancy.server";
import { AppError } from "../../lib/errors";
import { recordAudit } from "../audit/audit.server";
import { parseShopSettings, type ShopSettings } from "../shops/settings";
import { getShop } from "../shops/shops.server";
import type { Day } from "./business-days";
import { ASSIGNABLE_CARRIERS, type CarrierCode, CARRIERS } from "./registry";
import { ACCOUNT_NUMBER_FORMATS, carrierAccountSchema, daySchema, holidaySchema } from "./schemas";

export interface CarrierAccount {
  carrier: CarrierCode;
  enabled: boolean;
  accountNumber: string | null;
  handlingDays: number;
  cutoffTime: string;
  /** False when the shop never saved this carrier (the defaults apply). */
  saved: boolean;
}

/** The column defaults of carrier_accounts, for carriers the shop never saved. */
export const ACCOUNT_DEFAULTS = { enabled: true, accountNumber: null, handlingDays: 1, cutoffTime: "14:00" } as const;

export type CarrierAccounts = Record<CarrierCode, CarrierAccount>;

export async function getCarrierAccounts(scope: ShopScope): Promise<CarrierAccounts> {
  const rows = await scope.selectFrom("carrier_accounts").selectAll().execute();
  const out = {} as CarrierAccounts;
  for (const carrier of ASSIGNABLE_CARRIERS) {
    const row = rows.find((r) => r.carrier_code === carrier);
    out[carrier] = row
      ? { carrier, enabled: row.enabled, accountNumber: row.account_number, handlingDays: row.handling_days, cutoffTime: row.cutoff_time, saved: true }
      : { carrier, ...ACCOUNT_DEFAULTS, saved: false };
  }
  return out;
}

function describeAccount(a: Omit<CarrierAccount, "saved">): string {
  const name = CARRIERS[a.carrier].name;
  const parts = [
    a.enabled ? "on" : "off",
    a.accountNumber ? `${ACCOUNT_NUMBER_FORMATS[a.carrier].label.toLowerCase()} ${a.accountNumber}` : "no account number",
    `handling ${a.handlingDays} business day${a.handlingDays === 1 ? "" : "s"}`,
    `cut-off ${a.cutoffTime}`,
  ];
  return `${name}: ${parts.join(", ")}.`;
}

export async function saveCarrierAccount(scope: ShopScope, actorUserId: number | null, input: unknown): Promise<CarrierAccount> {
  const parsed = carrierAccountSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(400, parsed.error.issues.map((i) => i.message).join("; "), { details: parsed.error.issues });
  }
  const v = parsed.data;
  return scope.transaction(async (tx) => {
    const before = (await getCarrierAccounts(tx))[v.carrier];
    const values = {
      enabled: v.enabled,
      account_number: v.accountNumber,
      handling_days: v.handlingDays,
      cutoff_time: v.cutoffTime,
      updated_at: new Date(),
    };
    await tx
      .insertInto("carrier_accounts", { carrier_code: v.carrier, ...values })
      .onConflict((oc) => oc.columns(["shop_id", "carrier_code"]).doUpdateSet(values))
      .execute();
    const after: CarrierAccount = { carrier: v.carrier, enabled: v.enabled, accountNumber: v.accountNumber, handlingDays: v.handlingDays, cutoffTime: v.cutoffTime, saved: true };
    await recordAudit(tx, {
      actorUserId,
      action: "carrier_account.updated",
      details: {
        summary: `Updated ${describeAccount(after)}`,
        carrier: v.carrier,
        before: { enabled: before.enabled, accountNumber: before.accountNumber, handlingDays: before.handlingDays, cutoffTime: before.cutoffTime },
        after: { enabled: after.enabled, accountNumber: after.accountNumber, handlingDays: after.handlingDays, cutoffTime: after.cutoffTime },
      },
    });
    return after;
  });
}

export interface Holiday {
  day: Day;
  name: string;
}

export async function listHolidays(scope: ShopScope): Promise<Holiday[]> {
  return scope.selectFrom("holidays").select(["day", "name"]).orderBy("day").execute();
}

export async function addHoliday(scope: ShopScope, actorUserId: number | null, input: unknown): Promise<Holiday> {
  const parsed = holidaySchema.safeParse(input);
  if (!parsed.success) throw new AppError(400, parsed.error.issues.map((i) => i.message).join("; "), { details: parsed.error.issues });
  const { day, name } = parsed.data;
  return scope.transaction(async (tx) => {
    await tx
      .insertInto("holidays", { day, name })
      .onConflict((oc) => oc.columns(["shop_id", "day"]).doUpdateSet({ name }))
      .execute();
    await recordAudit(tx, {
      actorUserId,
      action: "holiday.added",
      details: { summary: `Added the shop holiday ${name} on ${day}: no orders ship that day.`, day, name },
    });
    return { day, name };
  });
}

export async function removeHoliday(scope: ShopScope, actorUserId: number | null, dayInput: unknown): Promise<void> {
  const parsed = daySchema.safeParse(dayInput);
  if (!parsed.success) throw new AppError(400, parsed.error.issues[0].message);
  const day = parsed.data;
  await scope.transaction(async (tx) => {
    const removed = await tx.deleteFrom("holidays").where("day", "=", day).returning("name").executeTakeFirst();
    if (!removed) throw new AppError(404, `There is no shop holiday on ${day}.`);
    await recordAudit(tx, {
      actorUserId,
      action: "holiday.removed",
      details: { summary: `Removed the shop holiday ${removed.name} on ${day}.`, day, name: removed.name },
    });
  });
}

/** Everything assignment and EDDs need to know about the shop, read once per request. */
export interface ShippingSetup {
  timeZone: string;
  settings: ShopSettings;
  accounts: CarrierAccounts;
  holidays: Day[];
}

export async function shippingSetup(scope: ShopScope): Promise<ShippingSetup> {
  const shop = await getShop(scope.db, scope.shopId);
  const [accounts, holidays] = await Promise.all([getCarrierAccounts(scope), listHolidays(scope)]);
  return { timeZone: shop.time_zone, settings: parseShopSettings(shop.settings), accounts, holidays: holidays.map((h) => h.day) };
}

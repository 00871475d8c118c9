// Carrier defaults for a new or demo shop: account numbers (so generated UPS and USPS numbers
// carry the shop's own shipper number and Mailer ID) and a few sensible assignment rules. The
// lead's demo seed calls seedCarrierDefaults; it changes nothing in a shop that already has
// carrier accounts or rules.
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import type { RuleInput } from "./schemas";

export const DEMO_CARRIER_ACCOUNTS = [
  { carrier_code: "ups", account_number: "8A2F51", handling_days: 1, cutoff_time: "16:00" },
  { carrier_code: "usps", account_number: "281197", handling_days: 1, cutoff_time: "14:00" },
  { carrier_code: "fedex", account_number: "602811974", handling_days: 1, cutoff_time: "15:00" },
  { carrier_code: "dhl", account_number: "963451270", handling_days: 2, cutoff_time: "12:00" },
] as const;

/** Kept in this order: first match wins, so the narrow rules come before the broad ones. */
export const DEMO_RULES: RuleInput[] = [
  {
    name: "International",
    enabled: true,
    carrier: "dhl",
    service: "dhl_express_worldwide",
    conditions: { countries: ["CA", "GB", "MX", "AU", "DE", "FR", "JP"] },
  },
  { name: "Expedited requests", enabled: true, carrier: "ups", service: "ups_2nd_day_air", conditions: { serviceLevels: ["expedited"] } },
  { name: "Heavy parcels (5 lb and up)", enabled: true, carrier: "ups", service: "ups_ground", conditions: { weightGrams: { min: 2268 } } },
  { name: "High-value orders ($150 and up)", enabled: true, carrier: "fedex", service: "fedex_home_delivery", conditions: { orderValueCents: { min: 15000 } } },
];

export async function seedCarrierDefaults(scope: ShopScope): Promise<{ seeded: boolean }> {
  return scope.transaction(async (tx) => {
    const [account, rule] = await Promise.all([
      tx.selectFrom("carrier_accounts").select("carrier_code").limit(1).executeTakeFirst(),
      tx.selectFrom("assignment_rules").select("id").limit(1).executeTakeFirst(),
    ]);
    if (account || rule) return { seeded: false };
    await tx.insertInto("carrier_accounts", DEMO_CARRIER_ACCOUNTS.map((a) => ({ ...a, enabled: true }))).execute();
    await tx
      .insertInto(
        "assignment_rules",
        DEMO_RULES.map((r, i) => ({
          position: i + 1,
          name: r.name,
          enabled: r.enabled,
          conditions: JSON.stringify(r.conditions),
          carrier_code: r.carrier,
          service_code: r.service,
        })),
      )
      .execute();
    await recordAudit(tx, {
      actorUserId: null,
      action: "carriers.seeded",
      details: { summary: `Set up carrier accounts for UPS, USPS, FedEx and DHL and ${DEMO_RULES.length} assignment rules.` },
    });
    return { seeded: true };
  });
}

// What a seller chooses from before anything is assigned (the assign dialogs of the orders toolbar and
// the order page, the rules page): unassigned orders, enabled rules, the default service, the services.
import type { ShopScope } from "../../lib/tenancy.server";
import { getCarrierAccounts } from "./accounts.server";
import { countUnassigned } from "./facts.server";
import { ASSIGNABLE_CARRIERS, serviceName } from "./registry";
import { listRules } from "./rules.server";
import { getShopSettings } from "../shops/shops.server";
import { type AssignmentOptions, serviceOptions, serviceValue } from "./service-options";

export type { AssignmentOptions } from "./service-options";

export async function assignmentOptions(scope: ShopScope): Promise<AssignmentOptions> {
  const [unassigned, rules, accounts, settings] = await Promise.all([
    countUnassigned(scope),
    listRules(scope),
    getCarrierAccounts(scope),
    getShopSettings(scope.db, scope.shopId),
  ]);
  const disabled = ASSIGNABLE_CARRIERS.filter((c) => !accounts[c].enabled);
  const d = settings.defaultService;
  return {
    unassigned,
    enabledRules: rules.filter((r) => r.enabled).length,
    defaultService: { value: serviceValue(d.carrier, d.service), name: serviceName(d.carrier, d.service) },
    services: serviceOptions(disabled),
  };
}

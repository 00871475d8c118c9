// The shop context every assignment decision reads once per request: time zone, settings,
// carrier accounts, holidays, and the limits context (origin country, units, carriers turned off).
import type { ShopScope } from "../../lib/tenancy.server";
import { type ShippingSetup, shippingSetup } from "./accounts.server";
import type { AssignmentContext } from "./limits";
import { ASSIGNABLE_CARRIERS } from "./registry";
import { type UnitSystem, unitSystemFor } from "./units";

export interface AssignmentSetup extends ShippingSetup {
  limits: AssignmentContext;
  units: UnitSystem;
}

export async function assignmentContext(scope: ShopScope): Promise<AssignmentSetup> {
  const setup = await shippingSetup(scope);
  const originCountry = setup.settings.returnAddress.country.toUpperCase();
  const units = unitSystemFor(originCountry);
  const disabledCarriers = new Set<string>(ASSIGNABLE_CARRIERS.filter((c) => !setup.accounts[c].enabled));
  return { ...setup, units, limits: { originCountry, units, disabledCarriers } };
}

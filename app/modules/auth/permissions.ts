// What each role may do. Routes and modules ask `can(role, action)` instead of comparing role names,
// so the table below is the whole policy.
import type { Role } from "../../../db/types";

export const ROLES = ["owner", "fulfilment", "support"] as const satisfies readonly Role[];

export type Action =
  | "orders.view"
  | "orders.import"
  | "orders.edit"
  | "shipments.assign"
  | "labels.print"
  | "cases.view"
  | "cases.act"
  | "analytics.view"
  | "settings.view"
  | "settings.edit";

const POLICY: Record<Role, readonly Action[]> = {
  owner: [
    "orders.view",
    "orders.import",
    "orders.edit",
    "shipments.assign",
    "labels.print",
    "cases.view",
    "cases.act",
    "analytics.view",
    "settings.view",
    "settings.edit",
  ],
  fulfilment: [
    "orders.view",
    "orders.import",
    "orders.edit",
    "shipments.assign",
    "labels.print",
    "cases.view",
    "analytics.view",
    "settings.view",
  ],
  support: ["orders.view", "cases.view", "cases.act", "analytics.view", "settings.view"],
};

export function can(role: Role, action: Action): boolean {
  return POLICY[role].includes(action);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  fulfilment: "Fulfilment",
  support: "Support",
};

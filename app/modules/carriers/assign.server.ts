// Assigning carriers and services to orders: in bulk (a selection, a list of marketplace ids, or
// all unassigned orders; by the shop's rules or one chosen service) and by hand on one order.
// Every order is checked against the service's limits and refused one by one with its reason;
// every assignment writes the order's carrier, service, ship date and EDDs, and an audit entry.
import { chunks } from "../../lib/db.server";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { type AuditEntry, recordAudit } from "../audit/audit.server";
import { type AssignmentSetup, assignmentContext } from "./context.server";
import { type Edd, estimateDelivery, formatDay } from "./edd";
import { FACT_COLUMNS, type FactRow, factsFor, type OrderWithFacts, unassignedOrderPages } from "./facts.server";
import { orderRefusal, serviceRefusal } from "./limits";
import { type CarrierCode, findService, serviceName } from "./registry";
import { type AssignmentRule, chooseService, usesSkus } from "./rules";
import { listRules } from "./rules.server";

export type AssignTarget = { orderIds: number[] } | { externalIds: string[] } | { allUnassigned: true };
export type AssignMethod = { by: "rules" } | { by: "service"; carrier: string; service: string };

export interface AssignedOrder {
  orderId: number;
  /** The marketplace order id: how sellers, the UI and the CLI name orders. */
  externalId: string;
  carrier: string;
  service: string;
  shipDate: string;
  eddMin: string;
  eddMax: string;
  /** The single date buyers see (eddMax). */
  edd: string;
  /** The rule that chose the service (null: the default service, or chosen by hand). */
  rule: { id: number; name: string } | null;
}

export interface RefusedOrder {
  /** Internal id, null when the order was named by a marketplace id that does not exist. */
  orderId: number | null;
  externalId: string;
  reason: string;
}

export interface AssignResult {
  assigned: AssignedOrder[];
  refused: RefusedOrder[];
}

export interface AssignInput {
  actorUserId: number | null;
  target: AssignTarget;
  method: AssignMethod;
  now?: Date;
  /** Where the request came from, for the history ("web" or "cli"). */
  via?: "web" | "cli";
}

const CHUNK = 500;

export function eddFor(setup: AssignmentSetup, row: FactRow, carrier: CarrierCode, serviceCode: string, now: Date): Edd {
  const service = findService(carrier, serviceCode);
  if (!service) throw new AppError(400, `Unknown service "${serviceCode}" for carrier "${carrier}".`);
  const account = setup.accounts[carrier];
  return estimateDelivery({
    orderedAt: row.placed_at ?? row.created_at,
    now,
    timeZone: setup.timeZone,
    cutoffTime: account.cutoffTime,
    handlingDays: account.handlingDays,
    minTransitDays: service.minTransitDays,
    maxTransitDays: service.maxTransitDays,
    shopHolidays: setup.holidays,
  });
}

function datesPhrase(edd: Edd): string {
  const range = edd.eddMin === edd.eddMax ? formatDay(edd.eddMax) : `${formatDay(edd.eddMin)}–${formatDay(edd.eddMax)}`;
  return `ships ${formatDay(edd.shipDate)}, arrives ${range}`;
}

interface Decision {
  order: OrderWithFacts;
  carrier: CarrierCode;
  service: string;
  rule: AssignmentRule | null;
  edd: Edd;
}

/** Writes a chunk's decisions: one UPDATE per distinct (service, dates), one audit insert. */
async function writeAssignments(tx: ShopScope, decisions: Decision[], input: AssignInput, now: Date): Promise<void> {
  if (decisions.length === 0) return;
  const groups = new Map<string, Decision[]>();
  for (const d of decisions) {
    const key = [d.carrier, d.service, d.edd.shipDate, d.edd.eddMin, d.edd.eddMax].join("|");
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }
  for (const list of groups.values()) {
    const { carrier, service, edd } = list[0];
    await tx
      .updateTable("orders")
      .set({ carrier_code: carrier, service_code: service, assigned_at: now, ship_date: edd.shipDate, edd_min: edd.eddMin, edd_max: edd.eddMax, updated_at: now })
      .where("id", "in", list.map((d) => d.order.row.id))
      .execute();
  }
  const entries: AuditEntry[] = decisions.map((d) => {
    const to = serviceName(d.carrier, d.service);
    const prev = d.order.row.carrier_code;
    const from = prev ? serviceName(prev, d.order.row.service_code) : null;
    const how =
      input.method.by === "service" ? "chosen in bulk" : d.rule ? `by rule "${d.rule.name}"` : "by the default service (no rule matched)";
    const verb = from && from !== to ? `Reassigned from ${from} to ${to}` : `Assigned ${to}`;
    return {
      actorUserId: input.actorUserId,
      action: "order.carrier_assigned",
      orderId: d.order.row.id,
      at: now,
      details: {
        summary: `${verb} ${how}${input.via === "cli" ? " (CLI)" : ""}; ${datesPhrase(d.edd)}.`,
        carrier: d.carrier,
        service: d.service,
        rule: d.rule ? { id: d.rule.id, name: d.rule.name } : null,
        from: prev ? { carrier: prev, service: d.order.row.service_code } : null,
        shipDate: d.edd.shipDate,
        eddMin: d.edd.eddMin,
        eddMax: d.edd.eddMax,
        via: input.via ?? "web",
      },
    };
  });
  await recordAudit(tx, entries);
}

/** Decides and writes one chunk of orders inside one transaction (rows locked while deciding). */
async function assignChunk(
  scope: ShopScope,
  select: (tx: ShopScope) => Promise<FactRow[]>,
  input: AssignInput,
  setup: AssignmentSetup,
  rules: AssignmentRule[],
  now: Date,
  result: AssignResult,
): Promise<FactRow[]> {
  return scope.transaction(async (tx) => {
    const rows = await select(tx);
    const orders = await factsFor(tx, rows, setup.settings, { skus: usesSkus(rules), labels: true });
    const decisions: Decision[] = [];
    for (const order of orders) {
      const { facts } = order;
      const refusal = orderRefusal(facts);
      if (refusal) {
        result.refused.push({ orderId: facts.id, externalId: facts.externalId, reason: refusal });
        continue;
      }
      const choice =
        input.method.by === "rules"
          ? chooseService(rules, setup.settings.defaultService, facts)
          : { carrier: input.method.carrier, service: input.method.service, rule: null };
      const reason = serviceRefusal(facts, choice.carrier, choice.service, setup.limits);
      if (reason) {
        const source =
          input.method.by === "service" ? "" : choice.rule ? `Rule "${choice.rule.name}" chose ${serviceName(choice.carrier, choice.service)}. ` : `No rule matched; the default service is ${serviceName(choice.carrier, choice.service)}. `;
        result.refused.push({ orderId: facts.id, externalId: facts.externalId, reason: `${source}${reason}` });
        continue;
      }
      const carrier = choice.carrier as CarrierCode;
      const edd = eddFor(setup, order.row, carrier, choice.service, now);
      decisions.push({ order, carrier, service: choice.service, rule: choice.rule, edd });
    }
    await writeAssignments(tx, decisions, input, now);
    for (const d of decisions) {
      result.assigned.push({
        orderId: d.order.row.id,
        externalId: d.order.row.external_id,
        carrier: d.carrier,
        service: d.service,
        shipDate: d.edd.shipDate,
        eddMin: d.edd.eddMin,
        eddMax: d.edd.eddMax,
        edd: d.edd.edd,
        rule: d.rule ? { id: d.rule.id, name: d.rule.name } : null,
      });
    }
    return rows;
  });
}

/**
 * Assigns a carrier and service to each target order, by the shop's rules or one chosen service.
 * Orders that cannot take it are refused one by one with the reason; the rest are assigned. Works
 * in chunks of 500 orders, one transaction each, so a large backlog neither holds one huge
 * transaction nor loses finished chunks if a later one fails.
 */
export async function assignCarriers(scope: ShopScope, input: AssignInput): Promise<AssignResult> {
  const now = input.now ?? new Date();
  const [setup, allRules] = await Promise.all([assignmentContext(scope), input.method.by === "rules" ? listRules(scope) : []]);
  const rules = allRules.filter((r) => r.enabled);
  const result: AssignResult = { assigned: [], refused: [] };
  const { target } = input;

  if ("allUnassigned" in target) {
    for await (const page of unassignedOrderPages(scope, CHUNK)) {
      const ids = page.map((r) => r.id);
      await assignChunk(
        scope,
        // Re-read under lock: an order assigned or cancelled meanwhile drops out.
        (tx) => tx.selectFrom("orders").select(FACT_COLUMNS).where("id", "in", ids).where("status", "=", "to_ship").where("carrier_code", "is", null).orderBy("id").forUpdate().execute(),
        input,
        setup,
        rules,
        now,
        result,
      );
    }
    return result;
  }

  if ("orderIds" in target) {
    for (const ids of chunks([...new Set(target.orderIds)], CHUNK)) {
      const rows = await assignChunk(
        scope,
        (tx) => tx.selectFrom("orders").select(FACT_COLUMNS).where("id", "in", ids).orderBy("id").forUpdate().execute(),
        input,
        setup,
        rules,
        now,
        result,
      );
      const found = new Set(rows.map((r) => r.id));
      for (const id of ids) {
        if (!found.has(id)) result.refused.push({ orderId: id, externalId: "", reason: "There is no such order in this shop." });
      }
    }
    return result;
  }

  const wanted = [...new Set(target.externalIds.map((s) => s.trim()).filter(Boolean))];
  for (const externalIds of chunks(wanted, CHUNK)) {
    const rows = await assignChunk(
      scope,
      (tx) => tx.selectFrom("orders").select(FACT_COLUMNS).where("external_id", "in", externalIds).orderBy("id").forUpdate().execute(),
      input,
      setup,
      rules,
      now,
      result,
    );
    const found = new Set(rows.map((r) => r.external_id));
    for (const externalId of externalIds) {
      if (!found.has(externalId)) result.refused.push({ orderId: null, externalId, reason: `There is no order ${externalId} in this shop.` });
    }
  }
  return result;
}

export interface CarrierChangeInput {
  actorUserId: number | null;
  orderId: number;
  carrier: string;
  service: string;
  now?: Date;
}

/**
 * Changes one order's carrier and service by hand (the order page's "Change carrier"). Refuses
 * with a 409 and the reason when the order or the service does not allow it.
 */
export async function changeOrderCarrier(scope: ShopScope, input: CarrierChangeInput): Promise<AssignedOrder> {
  const now = input.now ?? new Date();
  const setup = await assignmentContext(scope);
  return scope.transaction(async (tx) => {
    const row = await tx.selectFrom("orders").select(FACT_COLUMNS).where("id", "=", input.orderId).forUpdate().executeTakeFirst();
    if (!row) throw new AppError(404, "Order not found.");
    const [order] = await factsFor(tx, [row], setup.settings, { skus: false, labels: true });
    const reason = orderRefusal(order.facts) ?? serviceRefusal(order.facts, input.carrier, input.service, setup.limits);
    if (reason) throw new AppError(409, reason);
    const carrier = input.carrier as CarrierCode;
    const edd = eddFor(setup, row, carrier, input.service, now);
    await tx
      .updateTable("orders")
      .set({ carrier_code: carrier, service_code: input.service, assigned_at: now, ship_date: edd.shipDate, edd_min: edd.eddMin, edd_max: edd.eddMax, updated_at: now })
      .where("id", "=", row.id)
      .execute();
    const from = row.carrier_code ? serviceName(row.carrier_code, row.service_code) : null;
    const to = serviceName(carrier, input.service);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "order.carrier_changed",
      orderId: row.id,
      at: now,
      details: {
        summary: `${from ? `Changed the carrier from ${from} to ${to}` : `Assigned ${to} by hand`}; ${datesPhrase(edd)}.`,
        from: row.carrier_code ? { carrier: row.carrier_code, service: row.service_code, eddMax: row.edd_max } : null,
        to: { carrier, service: input.service, eddMax: edd.eddMax },
        shipDate: edd.shipDate,
        eddMin: edd.eddMin,
        eddMax: edd.eddMax,
      },
    });
    return {
      orderId: row.id,
      externalId: row.external_id,
      carrier,
      service: input.service,
      shipDate: edd.shipDate,
      eddMin: edd.eddMin,
      eddMax: edd.eddMax,
      edd: edd.edd,
      rule: null,
    };
  });
}

/** Removes one order's carrier assignment (back to unassigned), recorded in its history. */
export async function clearOrderCarrier(scope: ShopScope, input: { actorUserId: number | null; orderId: number; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await scope.transaction(async (tx) => {
    const row = await tx.selectFrom("orders").select(FACT_COLUMNS).where("id", "=", input.orderId).forUpdate().executeTakeFirst();
    if (!row) throw new AppError(404, "Order not found.");
    if (!row.carrier_code) return;
    const setup = await assignmentContext(tx);
    const [order] = await factsFor(tx, [row], setup.settings, { skus: false, labels: true });
    const reason = orderRefusal(order.facts);
    if (reason) throw new AppError(409, reason);
    await tx
      .updateTable("orders")
      .set({ carrier_code: null, service_code: null, assigned_at: null, ship_date: null, edd_min: null, edd_max: null, updated_at: now })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "order.carrier_changed",
      orderId: row.id,
      at: now,
      details: {
        summary: `Removed the carrier (${serviceName(row.carrier_code, row.service_code)}); the order is unassigned again.`,
        from: { carrier: row.carrier_code, service: row.service_code, eddMax: row.edd_max },
        to: null,
      },
    });
  });
}

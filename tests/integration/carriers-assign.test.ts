// Carrier accounts, holidays, assignment rules and their preview, bulk assignment with refusals,
// the manual change, label purchase through the adapter, the demo defaults, and tenancy: on
// whichever back end this project runs.
// The clock is Monday 2026-11-16 10:00 in New York (the shops' time zone); with the default
// handling time (1 business day, cut-off 14:00) orders ship Tuesday 17.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { AppError } from "../../app/lib/errors";
import { orderHistory } from "../../app/modules/audit/audit.server";
import { addHoliday, getCarrierAccounts, listHolidays, removeHoliday, saveCarrierAccount } from "../../app/modules/carriers/accounts.server";
import { purchaseLabel, purchaseLabels } from "../../app/modules/carriers/adapters/index.server";
import { assignCarriers, changeOrderCarrier, clearOrderCarrier } from "../../app/modules/carriers/assign.server";
import {
  createRule,
  deleteRule,
  listRules,
  moveRule,
  previewRules,
  setDefaultService,
  setRuleEnabled,
  updateRule,
} from "../../app/modules/carriers/rules.server";
import { seedCarrierDefaults } from "../../app/modules/carriers/seed.server";
import { detectTrackingNumber } from "../../app/modules/carriers/tracking-numbers";
import { getShopSettings } from "../../app/modules/shops/shops.server";
import { insertOrder } from "../fixtures/carrier-orders";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

const NOW = new Date("2026-11-16T15:00:00Z");

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
const o: Record<string, number> = {};
const rules: Record<string, number> = {};
let bOrder: number;

async function rejection(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

async function orderRow(shop: TestShop, id: number) {
  return shop.scope
    .selectFrom("orders")
    .select(["carrier_code", "service_code", "ship_date", "edd_min", "edd_max", "assigned_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "carriers-a");
  b = await createTestShop(handle.db, "carriers-b");
  const s = a.scope;
  o.standard = await insertOrder(s, { external_id: "A-1001" });
  o.expedited = await insertOrder(s, { external_id: "A-1002", service_level: "expedited" });
  o.heavy = await insertOrder(s, { external_id: "A-1003", weight_grams: 3000 });
  o.mat = await insertOrder(s, { external_id: "A-1004", weight_grams: 1350, skus: ["MAT-6-PRP", "CLIP-12-MIX"] });
  o.uk = await insertOrder(s, { external_id: "A-1005", country: "GB", region: null, city: "London", postal_code: "SW1A 1AA" });
  o.poBoxHeavy = await insertOrder(s, { external_id: "A-1006", address1: "PO Box 4411", weight_grams: 3000 });
  o.cancelled = await insertOrder(s, { external_id: "A-1007", status: "cancelled" });
  o.shipped = await insertOrder(s, { external_id: "A-1008", status: "shipped" });
  o.labelled = await insertOrder(s, { external_id: "A-1009" });
  o.overweight = await insertOrder(s, { external_id: "A-1010", weight_grams: 80_000 });
  o.mexico = await insertOrder(s, { external_id: "A-1011", country: "MX", region: null, city: "Monterrey", postal_code: "64000" });
  o.oversize = await insertOrder(s, { external_id: "A-1012", length_mm: 3000, width_mm: 100, height_mm: 100 });
  await s
    .insertInto("shipments", { order_id: o.labelled, carrier_code: "usps", service_code: "usps_ground_advantage", tracking_number: "9400111206206406260787" })
    .execute();
  bOrder = await insertOrder(b.scope, { external_id: "B-2001" });
});
afterAll(() => handle?.close());

describe(`carrier accounts and holidays on ${backend}`, () => {
  it("reads a carrier the shop never saved as enabled with the defaults", async () => {
    const accounts = await getCarrierAccounts(a.scope);
    expect(accounts.ups).toEqual({ carrier: "ups", enabled: true, accountNumber: null, handlingDays: 1, cutoffTime: "14:00", saved: false });
  });

  it("saves an account with its shipper number and records who did it", async () => {
    await saveCarrierAccount(a.scope, a.users.owner.id, { carrier: "ups", enabled: "on", accountNumber: "8a2f51", handlingDays: "1", cutoffTime: "16:00" });
    expect((await getCarrierAccounts(a.scope)).ups).toMatchObject({ accountNumber: "8A2F51", cutoffTime: "16:00", saved: true });
    const audit = await a.scope.selectFrom("audit_log").select(["action", "details", "actor_user_id"]).where("action", "=", "carrier_account.updated").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(a.users.owner.id);
    expect((audit[0].details as { summary: string }).summary).toBe("Updated UPS: on, shipper number 8A2F51, handling 1 business day, cut-off 16:00.");
  });

  it("refuses a malformed shipper number and leaves the account as it was", async () => {
    const error = await rejection(saveCarrierAccount(a.scope, a.users.owner.id, { carrier: "ups", enabled: "on", accountNumber: "8A2F5", handlingDays: "3", cutoffTime: "16:00" }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/shipper number must be 6 letters or digits/);
    expect((await getCarrierAccounts(a.scope)).ups).toMatchObject({ accountNumber: "8A2F51", handlingDays: 1 });
  });

  it("adds and removes holidays, and refuses impossible dates", async () => {
    await addHoliday(a.scope, a.users.owner.id, { day: "2026-12-24", name: "Christmas Eve" });
    expect(await listHolidays(a.scope)).toEqual([{ day: "2026-12-24", name: "Christmas Eve" }]);
    expect((await rejection(addHoliday(a.scope, null, { day: "2026-02-30", name: "Nope" }))).message).toMatch(/not a real calendar day/);
    await removeHoliday(a.scope, a.users.owner.id, "2026-12-24");
    expect(await listHolidays(a.scope)).toEqual([]);
    expect((await rejection(removeHoliday(a.scope, null, "2026-12-24"))).status).toBe(404);
  });
});

describe(`assignment rules on ${backend}`, () => {
  it("adds rules in order, with messages for bad input", async () => {
    rules.intl = (await createRule(a.scope, a.users.owner.id, { name: "Canada & UK", carrier: "dhl", service: "dhl_express_worldwide", conditions: { countries: ["CA", "GB"] } })).id;
    rules.expedited = (await createRule(a.scope, a.users.owner.id, { name: "Expedited", carrier: "ups", service: "ups_2nd_day_air", conditions: { serviceLevels: ["expedited"] } })).id;
    rules.heavy = (await createRule(a.scope, a.users.owner.id, { name: "Heavy", carrier: "ups", service: "ups_ground", conditions: { weightGrams: { min: 2268, max: null } } })).id;
    rules.mats = (await createRule(a.scope, a.users.owner.id, { name: "Mats", carrier: "fedex", service: "fedex_home_delivery", conditions: { skus: ["mat-6-prp"] } })).id;
    const listed = await listRules(a.scope);
    expect(listed.map((r) => [r.position, r.name])).toEqual([[1, "Canada & UK"], [2, "Expedited"], [3, "Heavy"], [4, "Mats"]]);
    // Open range ends are not stored.
    expect(listed[2].conditions).toEqual({ weightGrams: { min: 2268 } });

    const bad = await rejection(createRule(a.scope, null, { name: "", carrier: "ups", service: "usps_priority_mail", conditions: { weightGrams: { min: 5, max: 1 } } }));
    expect(bad.status).toBe(400);
    expect(bad.details).toMatchObject({ name: "Give the rule a name", service: '"usps_priority_mail" is not a UPS service', "conditions.weightGrams.max": "Minimum weight is above the maximum" });
    expect(await listRules(a.scope)).toHaveLength(4);
  });

  it("previews which unassigned orders each rule takes, respecting earlier rules", async () => {
    const preview = await previewRules(a.scope);
    // To ship and unassigned: every order but the cancelled and the shipped one.
    expect(preview.unassigned).toBe(10);
    expect(preview.byRule).toEqual({ [rules.intl]: 1, [rules.expedited]: 1, [rules.heavy]: 3, [rules.mats]: 1 });
    expect(preview.byDefault).toBe(4);
    // Heavy takes a PO box and an 80 kg parcel UPS Ground refuses; the default USPS Ground
    // Advantage would refuse the Mexican order and the oversize one.
    expect(preview.refusedByRule).toMatchObject({ [rules.heavy]: 2, 0: 2 });
  });

  it("previews a draft rule at its position", async () => {
    // A new rule goes last: only orders no existing rule takes count.
    const added = await previewRules(a.scope, { ruleId: null, carrier: "usps", service: "usps_priority_mail", conditions: { states: ["NY"] } });
    expect(added.draft).toEqual({ takes: 3, refused: 1 }); // A-1001, A-1009, A-1012 (oversize for Priority Mail)
    // Editing rule 2: only rule 1 comes before it.
    const edited = await previewRules(a.scope, { ruleId: rules.expedited, carrier: "ups", service: "ups_ground", conditions: { weightGrams: { min: 1000 } } });
    expect(edited.draft?.takes).toBe(4); // A-1003, A-1004, A-1006, A-1010
    expect((await rejection(previewRules(a.scope, { ruleId: null, carrier: "ups", service: "ups_ground", conditions: { countries: ["Mexico"] } }))).status).toBe(400);
  });

  it("reorders, switches off, edits and deletes rules, renumbering positions", async () => {
    await moveRule(a.scope, a.users.owner.id, rules.mats, "up");
    expect((await listRules(a.scope)).map((r) => r.name)).toEqual(["Canada & UK", "Expedited", "Mats", "Heavy"]);
    await moveRule(a.scope, a.users.owner.id, rules.mats, "down");
    await setRuleEnabled(a.scope, a.users.owner.id, rules.mats, false);
    expect((await previewRules(a.scope)).byRule[rules.mats]).toBe(0);
    await setRuleEnabled(a.scope, a.users.owner.id, rules.mats, true);
    await updateRule(a.scope, a.users.owner.id, rules.mats, { name: "Yoga mats", carrier: "fedex", service: "fedex_home_delivery", conditions: { skus: ["MAT-6-PRP"] } });
    const temp = await createRule(a.scope, null, { name: "Temporary", carrier: "usps", service: "usps_priority_mail" });
    await moveRule(a.scope, null, temp.id, "up");
    await deleteRule(a.scope, a.users.owner.id, temp.id);
    const listed = await listRules(a.scope);
    expect(listed.map((r) => [r.position, r.name, r.enabled])).toEqual([
      [1, "Canada & UK", true],
      [2, "Expedited", true],
      [3, "Heavy", true],
      [4, "Yoga mats", true],
    ]);
    const actions = await a.scope.selectFrom("audit_log").select("action").where("action", "like", "assignment_rule.%").execute();
    expect(actions.length).toBeGreaterThanOrEqual(10);
  });
});

describe(`bulk assignment on ${backend}`, () => {
  it("assigns by rules and refuses, one by one with the reason, what a service cannot take", async () => {
    const ids = [...Object.values(o), 999_999, bOrder];
    const result = await assignCarriers(a.scope, { actorUserId: a.users.fulfilment.id, target: { orderIds: ids }, method: { by: "rules" }, now: NOW });

    const assigned = Object.fromEntries(result.assigned.map((x) => [x.externalId, [x.service, x.rule?.name ?? null]]));
    expect(assigned).toEqual({
      "A-1001": ["usps_ground_advantage", null],
      "A-1002": ["ups_2nd_day_air", "Expedited"],
      "A-1003": ["ups_ground", "Heavy"],
      "A-1004": ["fedex_home_delivery", "Yoga mats"],
      "A-1005": ["dhl_express_worldwide", "Canada & UK"],
    });
    const refused = Object.fromEntries(result.refused.map((x) => [x.externalId || String(x.orderId), x.reason]));
    expect(refused).toEqual({
      "A-1006": 'Rule "Heavy" chose UPS Ground. The address is a PO box, and UPS Ground does not deliver to PO boxes.',
      "A-1007": "The order is cancelled.",
      "A-1008": "The order has already shipped.",
      "A-1009": "The order already has a label (tracking 9400111206206406260787); void it before changing the carrier.",
      "A-1010": 'Rule "Heavy" chose UPS Ground. Overweight: the parcel weighs 176 lb 5.9 oz and UPS Ground takes at most 150 lb.',
      "A-1011": "No rule matched; the default service is USPS Ground Advantage. The order goes abroad (MX), and USPS Ground Advantage is for domestic shipments only.",
      "A-1012": "No rule matched; the default service is USPS Ground Advantage. Oversize: length plus girth is 133.9 in and USPS Ground Advantage takes at most 130 in.",
      "999999": "There is no such order in this shop.",
      [String(bOrder)]: "There is no such order in this shop.",
    });
  });

  it("writes carrier, service, ship date and EDDs on the order (business days, shop time zone)", async () => {
    // USPS Ground Advantage, 2-5 days: ships Tue 17, arrives Thu 19 - Tue 24.
    expect(await orderRow(a, o.standard)).toMatchObject({ carrier_code: "usps", service_code: "usps_ground_advantage", ship_date: "2026-11-17", edd_min: "2026-11-19", edd_max: "2026-11-24" });
    // UPS 2nd Day Air with UPS's later cut-off (16:00) still ships Tue 17 (handling 1 day), arrives Thu 19.
    expect(await orderRow(a, o.expedited)).toMatchObject({ ship_date: "2026-11-17", edd_min: "2026-11-19", edd_max: "2026-11-19" });
    // Refused orders stay as they were.
    expect(await orderRow(a, o.poBoxHeavy)).toMatchObject({ carrier_code: null, ship_date: null });
  });

  it("records every assignment in the order's history", async () => {
    const history = await orderHistory(a.scope, o.mat);
    expect(history[0]).toMatchObject({ action: "order.carrier_assigned", actorName: a.users.fulfilment.name });
    expect(history[0].details.summary).toBe('Assigned FedEx Home Delivery by rule "Yoga mats"; ships Tue, Nov 17, arrives Wed, Nov 18–Tue, Nov 24.');
    const count = await a.scope.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "order.carrier_assigned").executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });

  it("assigns all unassigned orders to one chosen service", async () => {
    const result = await assignCarriers(a.scope, { actorUserId: null, target: { allUnassigned: true }, method: { by: "service", carrier: "usps", service: "usps_priority_mail" }, now: NOW });
    // USPS delivers to PO boxes; the rest stay refused for their own reasons.
    expect(result.assigned.map((x) => x.externalId)).toEqual(["A-1006"]);
    expect(result.refused.map((x) => x.externalId).sort()).toEqual(["A-1009", "A-1010", "A-1011", "A-1012"]);
    expect(result.refused.find((x) => x.externalId === "A-1012")?.reason).toMatch(/^Oversize: the longest side is 118.1 in and USPS Priority Mail takes at most 108 in\.$/);
  });

  it("names orders by marketplace id, reassigns, and refuses unknown ids", async () => {
    const result = await assignCarriers(a.scope, { actorUserId: null, target: { externalIds: ["A-1001", "NOPE-1"] }, method: { by: "service", carrier: "ups", service: "ups_ground" }, now: NOW, via: "cli" });
    expect(result.assigned).toMatchObject([{ externalId: "A-1001", service: "ups_ground", edd: "2026-11-24" }]);
    expect(result.refused).toEqual([{ orderId: null, externalId: "NOPE-1", reason: "There is no order NOPE-1 in this shop." }]);
    expect((await orderHistory(a.scope, o.standard))[0].details.summary).toMatch(/^Reassigned from USPS Ground Advantage to UPS Ground chosen in bulk \(CLI\); ships Tue, Nov 17/);
  });

  it("refuses a carrier the shop turned off, and uses the shop's holidays for the ship date", async () => {
    await saveCarrierAccount(a.scope, null, { carrier: "ups", enabled: "", accountNumber: "8A2F51", handlingDays: "1", cutoffTime: "16:00" });
    const off = await assignCarriers(a.scope, { actorUserId: null, target: { orderIds: [o.expedited] }, method: { by: "rules" }, now: NOW });
    expect(off.refused[0].reason).toBe('Rule "Expedited" chose UPS 2nd Day Air. UPS is turned off for this shop (Settings > Carriers).');
    await saveCarrierAccount(a.scope, null, { carrier: "ups", enabled: "on", accountNumber: "8A2F51", handlingDays: "1", cutoffTime: "16:00" });

    await addHoliday(a.scope, null, { day: "2026-11-17", name: "Stocktake" });
    const moved = await assignCarriers(a.scope, { actorUserId: null, target: { orderIds: [o.expedited] }, method: { by: "rules" }, now: NOW });
    expect(moved.assigned[0]).toMatchObject({ shipDate: "2026-11-18", eddMax: "2026-11-20" });
    await removeHoliday(a.scope, null, "2026-11-17");
  });

  it("refuses orders a rule sends to a service that no longer exists", async () => {
    const c = await createTestShop(handle.db);
    const id = await insertOrder(c.scope, { external_id: "C-1" });
    await c.scope.insertInto("assignment_rules", { position: 1, name: "Old rule", conditions: "{}", carrier_code: "ups", service_code: "ups_teleport" }).execute();
    const result = await assignCarriers(c.scope, { actorUserId: null, target: { orderIds: [id] }, method: { by: "rules" }, now: NOW });
    expect(result.refused[0].reason).toBe('Rule "Old rule" chose ups_teleport. Unknown service "ups_teleport" for carrier "ups".');
  });

  it("uses the shop's default service when no rule matches", async () => {
    await setDefaultService(a.scope, a.users.owner.id, { carrier: "fedex", service: "fedex_ground" });
    expect((await getShopSettings(handle.db, a.shop.id)).defaultService).toEqual({ carrier: "fedex", service: "fedex_ground" });
    const id = await insertOrder(a.scope, { external_id: "A-1013" });
    const result = await assignCarriers(a.scope, { actorUserId: null, target: { orderIds: [id] }, method: { by: "rules" }, now: NOW });
    expect(result.assigned[0]).toMatchObject({ carrier: "fedex", service: "fedex_ground", rule: null });
    await expect(setDefaultService(a.scope, null, { carrier: "fedex", service: "usps_priority_mail" })).rejects.toThrow(/not a FedEx service/);
  });
});

describe(`manual carrier change on ${backend}`, () => {
  it("changes one order's carrier and records from and to in its history", async () => {
    const changed = await changeOrderCarrier(a.scope, { actorUserId: a.users.owner.id, orderId: o.standard, carrier: "fedex", service: "fedex_2day", now: NOW });
    expect(changed).toMatchObject({ externalId: "A-1001", carrier: "fedex", service: "fedex_2day", shipDate: "2026-11-17", eddMax: "2026-11-19" });
    const [latest] = await orderHistory(a.scope, o.standard);
    expect(latest).toMatchObject({ action: "order.carrier_changed", actorName: a.users.owner.name });
    expect(latest.details).toMatchObject({
      summary: "Changed the carrier from UPS Ground to FedEx 2Day; ships Tue, Nov 17, arrives Thu, Nov 19.",
      from: { carrier: "ups", service: "ups_ground", eddMax: "2026-11-24" },
      to: { carrier: "fedex", service: "fedex_2day", eddMax: "2026-11-19" },
    });
  });

  it("refuses with the reason and changes nothing", async () => {
    const error = await rejection(changeOrderCarrier(a.scope, { actorUserId: null, orderId: o.poBoxHeavy, carrier: "ups", service: "ups_ground", now: NOW }));
    expect(error.status).toBe(409);
    expect(error.message).toBe("The address is a PO box, and UPS Ground does not deliver to PO boxes.");
    expect(await orderRow(a, o.poBoxHeavy)).toMatchObject({ carrier_code: "usps", service_code: "usps_priority_mail" });
    expect((await rejection(changeOrderCarrier(a.scope, { actorUserId: null, orderId: o.labelled, carrier: "usps", service: "usps_priority_mail" }))).message).toMatch(/already has a label/);
  });

  it("can clear an assignment", async () => {
    // On the test's clock, an hour after the bulk assignment it undoes.
    await clearOrderCarrier(a.scope, { actorUserId: null, orderId: o.poBoxHeavy, now: new Date(NOW.getTime() + 3_600_000) });
    expect(await orderRow(a, o.poBoxHeavy)).toMatchObject({ carrier_code: null, service_code: null, edd_max: null });
    expect((await orderHistory(a.scope, o.poBoxHeavy))[0].details.summary).toBe("Removed the carrier (USPS Priority Mail); the order is unassigned again.");
  });
});

describe(`labels through the carrier adapter on ${backend}`, () => {
  const address = { name: "T", address1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" };
  const parcel = { weightGrams: 500, lengthMm: 200, widthMm: 150, heightMm: 100 };

  it("buys a number in the carrier's format carrying the shop's shipper number", async () => {
    const label = await purchaseLabel(a.scope, { carrier: "ups", serviceCode: "ups_ground", shipFrom: address, shipTo: address, parcel, reference: "A-1003" });
    expect(label).toMatchObject({ carrier: "ups", serviceCode: "ups_ground", source: "simulated" });
    expect(label.trackingNumber.slice(0, 10)).toBe("1Z8A2F5103");
    expect(detectTrackingNumber(label.trackingNumber)).toMatchObject({ valid: true, carrier: "ups", format: "ups_1z" });
    const dhl = await purchaseLabel(a.scope, { carrier: "dhl", serviceCode: "dhl_express_worldwide", shipFrom: address, shipTo: address, parcel, reference: "A-1005" });
    expect(detectTrackingNumber(dhl.trackingNumber)).toMatchObject({ valid: true, carrier: "dhl", format: "dhl_express_10" });
  });

  it("buys many labels at once, in the order asked, one sequence call per carrier and service", async () => {
    const kinds = [
      { carrier: "usps", serviceCode: "usps_ground_advantage", format: "usps_impb" },
      { carrier: "ups", serviceCode: "ups_next_day_air", format: "ups_1z" },
      { carrier: "usps", serviceCode: "usps_ground_advantage", format: "usps_impb" },
      { carrier: "fedex", serviceCode: "fedex_ground", format: "fedex_ground_15" },
    ] as const;
    const bought = await purchaseLabels(
      a.scope,
      kinds.map((k, i) => ({ carrier: k.carrier, serviceCode: k.serviceCode, shipFrom: address, shipTo: address, parcel, reference: `A-${i}` })),
    );
    expect(bought.map((l) => [l.carrier, detectTrackingNumber(l.trackingNumber).format])).toEqual(kinds.map((k) => [k.carrier, k.format]));
    expect(bought[1].trackingNumber.slice(0, 10)).toBe("1Z8A2F5101");
    expect(new Set(bought.map((l) => l.trackingNumber)).size).toBe(4);
  });

  it("refuses a carrier the shop turned off", async () => {
    await saveCarrierAccount(b.scope, null, { carrier: "fedex", enabled: "", accountNumber: "", handlingDays: "1", cutoffTime: "14:00" });
    const error = await rejection(purchaseLabel(b.scope, { carrier: "fedex", serviceCode: "fedex_ground", shipFrom: address, shipTo: address, parcel, reference: "B-2001" }));
    expect(error).toMatchObject({ status: 409, message: "FedEx is turned off for this shop (Settings > Carriers)." });
  });
});

describe(`demo defaults on ${backend}`, () => {
  it("seeds accounts and rules once", async () => {
    const d = await createTestShop(handle.db);
    expect(await seedCarrierDefaults(d.scope)).toEqual({ seeded: true });
    expect(await seedCarrierDefaults(d.scope)).toEqual({ seeded: false });
    expect((await listRules(d.scope)).map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect((await listRules(d.scope)).every((r) => r.conditions !== null)).toBe(true);
    expect((await getCarrierAccounts(d.scope)).ups.accountNumber).toBe("8A2F51");
  });
});

describe(`tenancy on ${backend}`, () => {
  it("shop B cannot see, preview, assign or change shop A's orders and rules", async () => {
    expect(await listRules(b.scope)).toEqual([]);
    const preview = await previewRules(b.scope);
    expect(preview.unassigned).toBe(1); // only B-2001

    const before = await orderRow(a, o.mat);
    const result = await assignCarriers(b.scope, { actorUserId: b.users.owner.id, target: { orderIds: [o.mat, o.standard] }, method: { by: "service", carrier: "usps", service: "usps_priority_mail" }, now: NOW });
    expect(result.assigned).toEqual([]);
    expect(result.refused.map((r) => r.reason)).toEqual(["There is no such order in this shop.", "There is no such order in this shop."]);
    const byExternal = await assignCarriers(b.scope, { actorUserId: null, target: { externalIds: ["A-1004"] }, method: { by: "rules" }, now: NOW });
    expect(byExternal.refused).toEqual([{ orderId: null, externalId: "A-1004", reason: "There is no order A-1004 in this shop." }]);
    expect(await orderRow(a, o.mat)).toEqual(before);

    expect((await rejection(changeOrderCarrier(b.scope, { actorUserId: null, orderId: o.mat, carrier: "usps", service: "usps_priority_mail" }))).status).toBe(404);
    expect((await rejection(clearOrderCarrier(b.scope, { actorUserId: null, orderId: o.mat }))).status).toBe(404);
    expect((await rejection(updateRule(b.scope, null, rules.heavy, { name: "Mine", carrier: "ups", service: "ups_ground" }))).status).toBe(404);
    expect((await rejection(deleteRule(b.scope, null, rules.heavy))).status).toBe(404);
    expect((await rejection(moveRule(b.scope, null, rules.heavy, "up"))).status).toBe(404);
    expect((await rejection(setRuleEnabled(b.scope, null, rules.heavy, false))).status).toBe(404);
    expect((await listRules(a.scope)).find((r) => r.id === rules.heavy)).toMatchObject({ name: "Heavy", enabled: true });

    await addHoliday(a.scope, null, { day: "2026-12-26", name: "Boxing Day" });
    expect(await listHolidays(b.scope)).toEqual([]);
    expect((await rejection(removeHoliday(b.scope, null, "2026-12-26"))).status).toBe(404);
    expect(await listHolidays(a.scope)).toHaveLength(1);
    expect((await getCarrierAccounts(b.scope)).ups.accountNumber).toBeNull();
  });
});

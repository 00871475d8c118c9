// Assigning carriers from the orders table: select orders, assign by the shop's rules, see the
// refusal with its reason, and the carriers, services and EDDs in the table; then change one
// order's carrier by hand on its page.
//
// Fixtures (tests/fixtures/assign.ts): the demo shop's carrier accounts and rules, and three
// unassigned orders: E2E-ASSIGN-4001 (no rule matches: the default USPS Ground Advantage),
// E2E-ASSIGN-4002 (expedited: UPS 2nd Day Air) and E2E-ASSIGN-4003 (heavy, so UPS Ground, but to a
// PO box: refused).
//
// What this spec expects of the orders table (app/routes/s.$shop.orders._index.tsx, built by the
// imports issue): `?q=` searches marketplace order ids; the table is named "Orders"; each row has a
// checkbox labelled "Select order <marketplace id>"; the toolbar renders AssignCarrierAction (the
// "Assign carrier" button); rows show the service name and the buyer-facing EDD (formatDay of
// edd_max, e.g. "Tue, Dec 1"); the order id links to the order page, which renders
// OrderCarrierSection.
import { expect, type Page, test } from "@playwright/test";
import { estimateDelivery, formatDay } from "../../app/modules/carriers/edd";
import { findService } from "../../app/modules/carriers/registry";
import { E2E_ASSIGN_ORDERS } from "../fixtures/assign";
import { signInAs } from "./support";

test.describe.configure({ mode: "serial" });

const O = E2E_ASSIGN_ORDERS;

/** The buyer-facing EDD the server computes now (either side of a minute boundary), as the table shows it. */
function expectedEdd(carrier: string, service: string, handlingDays: number, cutoffTime: string): RegExp {
  const s = findService(carrier, service)!;
  const dates = [0, 60_000].map((ms) => {
    const now = new Date(Date.now() + ms);
    return formatDay(
      estimateDelivery({ orderedAt: now, now, timeZone: "America/New_York", cutoffTime, handlingDays, minTransitDays: s.minTransitDays, maxTransitDays: s.maxTransitDays, shopHolidays: [] }).edd,
    );
  });
  return new RegExp([...new Set(dates)].map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}

async function openOrders(page: Page) {
  await page.goto("/s/demo/orders?q=E2E-ASSIGN");
  // Until the imports issue delivers the orders table, the page is a placeholder.
  const placeholder = await page.getByText("Coming soon").isVisible();
  test.skip(placeholder, "The orders table (app/routes/s.$shop.orders._index.tsx) is still a placeholder.");
  return page.getByRole("table", { name: "Orders" });
}

test("selects orders in the table, assigns them by rules, and shows carriers, refusals and EDDs", async ({ page }) => {
  await signInAs(page, "fulfilment");
  const table = await openOrders(page);
  for (const o of [O.standard, O.expedited, O.poBox]) {
    await table.getByRole("checkbox", { name: `Select order ${o.externalId}` }).check();
  }
  await page.getByRole("button", { name: "Assign carrier" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign carrier" });
  await expect(dialog.getByRole("radio", { name: "The 3 selected orders" })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: "By the shop's assignment rules" })).toBeChecked();
  await dialog.getByRole("button", { name: "Assign 3 orders" }).click();

  await expect(dialog.getByTestId("assign-result")).toHaveText("Assigned 2 orders. Refused 1 order.");
  await expect(dialog.getByTestId("assign-refusals").getByRole("row", { name: new RegExp(O.poBox.externalId) })).toContainText(O.poBox.reason);
  await dialog.getByRole("button", { name: "Done" }).click();

  const standard = table.getByRole("row", { name: new RegExp(O.standard.externalId) });
  await expect(standard).toContainText(O.standard.service);
  await expect(standard).toContainText(expectedEdd("usps", "usps_ground_advantage", 1, "14:00"));
  const expedited = table.getByRole("row", { name: new RegExp(O.expedited.externalId) });
  await expect(expedited).toContainText(O.expedited.service);
  await expect(expedited).toContainText(expectedEdd("ups", "ups_2nd_day_air", 1, "16:00"));
  // The refused order stays unassigned.
  await expect(table.getByRole("row", { name: new RegExp(O.poBox.externalId) })).not.toContainText("UPS Ground");
});

test("changes one order's carrier on its page, refusing a service that cannot take it", async ({ page }) => {
  await signInAs(page, "fulfilment");
  const table = await openOrders(page);
  await table.getByRole("link", { name: O.poBox.externalId }).click();
  const card = page.getByTestId("order-carrier");
  await expect(card).toContainText("No carrier yet");

  await card.getByRole("button", { name: "Assign carrier" }).click();
  const dialog = page.getByRole("dialog", { name: `Carrier for order ${O.poBox.externalId}` });
  await dialog.getByRole("textbox", { name: "Carrier and service" }).click();
  await page.getByRole("option", { name: /^FedEx Ground/ }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("The address is a PO box, and FedEx Ground does not deliver to PO boxes.");

  await dialog.getByRole("textbox", { name: "Carrier and service" }).click();
  await page.getByRole("option", { name: /^USPS Priority Mail · / }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("USPS Priority Mail");
  await expect(card).toContainText(`arrives by`);
  await expect(card).toContainText(expectedEdd("usps", "usps_priority_mail", 1, "14:00"));
});

test("support agents do not get the assign action", async ({ page }) => {
  await signInAs(page, "support");
  await openOrders(page);
  await expect(page.getByRole("button", { name: "Assign carrier" })).toHaveCount(0);
});

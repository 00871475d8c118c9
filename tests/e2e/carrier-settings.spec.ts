// Settings > Carriers and Settings > Assignment rules in the browser: owners edit accounts,
// holidays and rules (with the live preview count); other roles only read.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test.describe.configure({ mode: "serial" });

test("an owner edits a carrier account, with a message that names a malformed shipper number", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/carriers");
  const ups = page.locator("form").filter({ has: page.getByRole("heading", { name: "UPS", exact: true }) });
  const shipper = ups.getByRole("textbox", { name: "Shipper number" });
  await expect(shipper).toHaveValue("8A2F51");

  await shipper.fill("12345");
  await ups.getByRole("button", { name: "Save" }).click();
  await expect(ups.getByText('UPS shipper number must be 6 letters or digits, e.g. A12B34 (got "12345")')).toBeVisible();

  await ups.getByRole("textbox", { name: "Shipper number" }).fill("a12b34");
  await ups.getByLabel("Handling time (business days)").fill("2");
  await ups.getByRole("button", { name: "Save" }).click();
  await expect(ups.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(ups.getByRole("textbox", { name: "Shipper number" })).toHaveValue("A12B34");
  await expect(ups.getByLabel("Handling time (business days)")).toHaveValue("2");

  // Put the demo account back for the other specs.
  await ups.getByRole("textbox", { name: "Shipper number" }).fill("8A2F51");
  await ups.getByLabel("Handling time (business days)").fill("1");
  await ups.getByRole("button", { name: "Save" }).click();
  await expect(ups.getByRole("status")).toHaveText("Saved.");
});

test("an owner adds and removes a shop holiday", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/carriers");
  const nextYear = new Date().getFullYear() + 1;
  await page.getByLabel(/^Day/).fill(`${nextYear}-03-13`);
  await page.getByRole("textbox", { name: /^Name/ }).fill("Stocktake");
  await page.getByRole("button", { name: "Add holiday" }).click();
  const table = page.getByTestId("shop-holidays");
  await expect(table.getByRole("row", { name: /Stocktake/ })).toContainText(`Mar 13, ${nextYear}`);
  await table.getByRole("button", { name: "Remove Stocktake" }).click();
  await expect(page.getByText("No shop holidays ahead")).toBeVisible();
});

test("an owner adds a rule with a live preview, reorders, switches off and deletes it", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/rules");
  const table = page.getByTestId("rules-table");
  await expect(table.getByRole("row", { name: /Expedited requests/ })).toContainText("UPS 2nd Day Air");

  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an assignment rule" });
  await dialog.getByRole("textbox", { name: "Rule name" }).fill("Gifts go Priority");
  await dialog.getByRole("textbox", { name: "Then ship with" }).click();
  await page.getByRole("option", { name: /^USPS Priority Mail · 1–3 business days/ }).click();
  await dialog.getByRole("textbox", { name: "Order tag" }).fill("gift");
  await dialog.getByRole("textbox", { name: "Order tag" }).press("Enter");
  // The count comes from the server: gift orders no earlier rule takes.
  await expect(dialog.getByTestId("rule-preview")).toContainText(/Would take \d+ of the \d+ unassigned orders waiting to ship \(added last/);
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toBeHidden();

  const row = table.getByRole("row", { name: /Gifts go Priority/ });
  await expect(row).toContainText("When tagged gift");
  await expect(row.getByRole("cell").first()).toHaveText("5");
  await row.getByRole("button", { name: "Move Gifts go Priority up" }).click();
  await expect(table.getByRole("row", { name: /Gifts go Priority/ }).getByRole("cell").first()).toHaveText("4");
  // Keyboard: the switch takes Space like any checkbox.
  await table.getByRole("switch", { name: "Gifts go Priority is on" }).focus();
  await page.keyboard.press("Space");
  await expect(table.getByRole("switch", { name: "Gifts go Priority is off" })).not.toBeChecked();

  page.once("dialog", (d) => d.accept());
  await table.getByRole("button", { name: "Delete Gifts go Priority" }).click();
  await expect(table.getByRole("row", { name: /Gifts go Priority/ })).toHaveCount(0);
  await expect(table.getByRole("row", { name: /High-value orders/ }).getByRole("cell").first()).toHaveText("4");
});

test("the rule editor explains what is wrong", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/rules");
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an assignment rule" });
  await dialog.getByRole("textbox", { name: "Then ship with" }).click();
  await page.getByRole("option", { name: /^UPS Ground/ }).click();
  await dialog.getByRole("textbox", { name: "Weight at least, pounds" }).fill("10");
  await dialog.getByRole("textbox", { name: "Weight up to, pounds" }).fill("2");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByText("Give the rule a name")).toBeVisible();
  // Under the weight fields, and in the preview line, which cannot count with such a rule.
  await expect(dialog.getByText("Minimum weight is above the maximum")).toHaveCount(2);
  await expect(dialog.getByTestId("rule-preview")).toContainText("Minimum weight is above the maximum");
});

test("fulfilment and support see carriers and rules but cannot change them", async ({ page }) => {
  await signInAs(page, "support");
  await page.goto("/s/demo/settings/carriers");
  await expect(page.getByRole("textbox", { name: "Shipper number" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add holiday" })).toHaveCount(0);
  await page.goto("/s/demo/settings/rules");
  await expect(page.getByTestId("rules-table").getByRole("row", { name: /Heavy parcels/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add rule" })).toHaveCount(0);
  await expect(page.getByText("Only owners can change assignment rules.")).toBeVisible();
});

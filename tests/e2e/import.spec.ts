// Importing in the browser: choose a file, see it recognised, watch the progress bar, read the
// summary, download the error report; then find an imported order in the orders table and open it.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { GENERIC_COLUMNS } from "../../app/modules/imports/presets";
import { plainCsvRow as csvRow } from "../fixtures/imports";
import { E2E_FIXTURES, E2E_RIVAL_ORDER } from "./fixtures-seed";
import { signIn, signInAs } from "./support";

/** A generic-template file: `orders` good orders (two items each) and one order with a bad row. */
function exportFile(orders: number): Buffer {
  let out = csvRow(GENERIC_COLUMNS);
  const row = (r: Record<string, string | number>) => csvRow(GENERIC_COLUMNS.map((c) => r[c] ?? ""));
  for (let n = 1; n <= orders; n++) {
    const id = `E2E-${String(n).padStart(5, "0")}`;
    const common = { order_id: id, status: "To ship", placed_at: "2026-11-03 19:00:58", recipient: `Rowan Tester ${n}`, address1: `${n} Market St`, city: "Denver", state: "CO", postal_code: "80202", country: "US" };
    out += row({ ...common, sku: "MUG-1", product_name: "Enamel mug", quantity: 2, unit_price: "14.00", weight_kg: "0.4" });
    out += row({ order_id: id, sku: "SPOON-1", product_name: "Tea spoon", quantity: 1, unit_price: "3.50" });
  }
  // A bad order: a zero quantity, and a buyer message a spreadsheet would run.
  out += row({ order_id: "E2E-BAD", recipient: "Bad Row", address1: "1 Main St", city: "Denver", state: "CO", postal_code: "80202", country: "US", sku: "MUG-1", quantity: 0, buyer_message: "=HYPERLINK(\"http://example.invalid\")" });
  return Buffer.from(out);
}

test("imports a file in the browser: progress, summary, error report; then finds and opens an imported order", async ({ page }) => {
  await signInAs(page, "fulfilment");
  await page.goto("/s/demo/import");
  await expect(page.getByRole("heading", { name: "Import orders" })).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles({ name: "e2e-orders.csv", mimeType: "text/csv", buffer: exportFile(4000) });
  await expect(page.getByTestId("chosen-file")).toHaveText("e2e-orders.csv");
  await expect(page.getByTestId("import-format")).toHaveValue("Generic template (detected from the header)");

  await page.getByTestId("start-import").click();
  await expect(page.getByRole("progressbar", { name: /Upload progress|Import progress/ }).first()).toBeVisible();
  await expect(page.getByTestId("import-summary")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("summary-created")).toHaveText("4,000");
  await expect(page.getByTestId("summary-rejected")).toHaveText("1");
  await expect(page.getByTestId("import-issues")).toContainText('Quantity "0" is not a positive whole number.');

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download error report" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^e2e-orders-import-\d+-errors\.csv$/);
  const report = readFileSync((await download.path())!, "utf8");
  expect(report).toContain("Line,Severity,Problem column,Code,Problem,order_id");
  expect(report).toContain("quantity_invalid");
  // The formula comes back as text.
  expect(report).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);

  // The history lists the batch.
  await page.goto("/s/demo/import/history");
  await expect(page.getByTestId("import-history")).toContainText("e2e-orders.csv");

  // The orders page finds an imported order by id and by buyer name, and opens it.
  await page.goto("/s/demo/orders");
  await page.getByTestId("orders-search").fill("E2E-00042");
  await page.getByTestId("orders-search").press("Enter");
  await expect(page).toHaveURL(/q=E2E-00042/);
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await page.getByTestId("orders-search").fill("tester 4000");
  await page.getByTestId("orders-search").press("Enter");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await page.getByRole("link", { name: "E2E-04000" }).click();
  await expect(page.getByRole("heading", { name: /Order E2E-04000/ })).toBeVisible();
  await expect(page.getByTestId("order-items")).toContainText("Enamel mug");
  await expect(page.getByTestId("order-items")).toContainText("Tea spoon");
  await expect(page.getByTestId("order-buyer")).toContainText("Rowan Tester 4000");
});

test("another shop's order page answers 404 under this shop, like a page that does not exist", async ({ page }) => {
  const { owner, slug } = E2E_FIXTURES.rival;
  await signIn(page, owner.email, owner.password);
  // Wait for the sign-in to land before navigating away, or the navigation cancels it.
  await expect(page).toHaveURL(new RegExp(`/s/${slug}$`));
  await page.goto(`/s/${slug}/orders?q=${E2E_RIVAL_ORDER}`);
  const href = await page.getByRole("link", { name: E2E_RIVAL_ORDER }).getAttribute("href");
  const rivalOrderId = href!.split("/").pop();
  await page.context().clearCookies();
  await signInAs(page, "owner");
  for (const url of [`/s/demo/orders/${rivalOrderId}`, "/s/demo/orders/999999999", "/s/demo/orders/not-a-number"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Rival Buyer")).toHaveCount(0);
  }
});

test("a file that matches no preset goes through the mapping step with a preview", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/import");
  const csv = "Order Number,Ship To,Street,Town,Region,Zip,Nation,Item,Qty\nM-1,Jane Doe,1 Main St,Austin,TX,78701,US,Mug,2\nM-2,John Roe,2 Side St,Boston,MA,0210,US,Cup,0\n";
  await page.locator('input[type="file"]').setInputFiles({ name: "own.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("heading", { name: "Map the columns" })).toBeVisible();
  const preview = page.getByTestId("mapping-preview");
  await expect(preview).toContainText("Jane Doe");
  await expect(preview).toContainText('Quantity "0" is not a positive whole number.');
  await expect(page.getByTestId("start-import")).toBeEnabled();

  // Saved as a template, the mapping is offered for the next file.
  await page.getByLabel("Save this mapping as a template").fill("Marketplace X");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status")).toHaveText('Saved "Marketplace X". It is now in the format list.');
  await page.reload();
  await page.locator('input[type="file"]').setInputFiles({ name: "own.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-format").click();
  await expect(page.getByRole("option", { name: "Template: Marketplace X" })).toBeVisible();
});

// Labels in the browser: a batch for every ready order from the Shipments page, its progress and
// skipped list, the downloaded PDF (whose barcodes scan back to the tracking numbers), preview,
// reprint and void.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { barcodeToolsAvailable, decodePdfBarcodes } from "../fixtures/barcodes";
import { E2E_LABEL_ORDERS } from "../fixtures/labels";
import { signInAs } from "./support";

test.describe.configure({ mode: "serial" });

interface BatchJson {
  batch: { generated: { orderId: string; trackingNumber: string; page: number }[]; skipped: { orderId: string; reason: string }[] };
}

test("creates labels for every ready order from the Shipments page and downloads one PDF", async ({ page }) => {
  await signInAs(page, "fulfilment");
  await page.goto("/s/demo/shipments");
  await expect(page.getByRole("heading", { name: "Shipments", level: 2 })).toBeVisible();
  await page.getByRole("button", { name: /Create labels for all ready/ }).click();

  const dialog = page.getByRole("dialog", { name: "Create labels for all ready orders" });
  await expect(dialog.getByText("PDF (laser / desktop)")).toBeVisible();
  await dialog.getByLabel("Add a packing slip (items and quantities) after each label").check();
  await dialog.getByRole("button", { name: "Create labels" }).click();

  await expect(dialog.getByText(/\d+ labels? ready/)).toBeVisible({ timeout: 30_000 });
  // The PO box order on a UPS service is listed with its reason, not dropped silently.
  const skipped = dialog.getByRole("table", { name: "Skipped orders" });
  await expect(skipped.getByRole("row", { name: /E2E-LABEL-3004/ })).toContainText("UPS Ground does not deliver to PO boxes.");

  // Downloading records the print, so it is a form POST (a GET from another site changes nothing).
  const downloadLink = dialog.getByRole("button", { name: "Download PDF" });
  const href = await downloadLink.locator("xpath=ancestor::form").getAttribute("action");
  const batchId = href?.match(/\/api\/labels\/(\d+)\/file/)?.[1];
  expect(batchId).toBeTruthy();
  const [download] = await Promise.all([page.waitForEvent("download"), downloadLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^labels-batch-\d+\.pdf$/);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");

  const status = (await (await page.request.get(`/s/demo/api/labels/${batchId}`)).json()) as BatchJson;
  const ours = status.batch.generated.filter((g) => g.orderId.startsWith("E2E-LABEL-"));
  expect(ours.map((g) => g.orderId).sort()).toEqual(["E2E-LABEL-3001", "E2E-LABEL-3002", "E2E-LABEL-3003"]);
  if (barcodeToolsAvailable) {
    for (const g of ours) {
      // Each label page's barcode scans back to the tracking number the batch reports for it.
      expect(decodePdfBarcodes(pdf, { firstPage: g.page, lastPage: g.page })).toEqual([[g.trackingNumber]]);
    }
  }

  await dialog.getByRole("button", { name: "Close" }).click();
  // The batch is listed with its download, and the shipments table shows the new labels.
  await expect(page.getByRole("table", { name: "Label batches" }).getByRole("button", { name: `Download batch ${batchId}` })).toBeVisible();
  const table = page.getByRole("table", { name: "Shipments" });
  for (const g of ours) await expect(table.getByRole("row", { name: new RegExp(g.trackingNumber) })).toContainText(g.orderId);
});

test("previews, reprints (identical bytes) and voids a label with a reason", async ({ page }) => {
  await signInAs(page, "fulfilment");
  await page.goto(`/s/demo/shipments?q=${E2E_LABEL_ORDERS[0].externalId}`);
  const row = page.getByRole("table", { name: "Shipments" }).getByRole("row", { name: new RegExp(E2E_LABEL_ORDERS[0].externalId) });
  await expect(row).toHaveCount(1);
  const tracking = (await row.getByRole("cell").nth(1).innerText()).trim();

  await row.getByRole("button", { name: `Actions for ${tracking}` }).click();
  await page.getByRole("menuitem", { name: "Preview label" }).click();
  const frame = page.getByTitle("Label preview");
  await expect(frame).toBeVisible();
  const preview = await page.request.get((await frame.getAttribute("src"))!);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  // Framed on our own pages only: CSP frame-ancestors (which browsers obey over X-Frame-Options).
  expect(preview.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  await page.keyboard.press("Escape");

  const print = async () => {
    await row.getByRole("button", { name: `Actions for ${tracking}` }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: /(Print|Reprint) label/ }).click()]);
    return readFileSync((await download.path())!);
  };
  const first = await print();
  const second = await print();
  expect(second.equals(first)).toBe(true);

  await row.getByRole("button", { name: `Actions for ${tracking}` }).click();
  await page.getByRole("menuitem", { name: "Void label..." }).click();
  const dialog = page.getByRole("dialog", { name: "Void this label?" });
  const confirm = dialog.getByRole("button", { name: "Void label" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Reason").fill("Damaged box, repacking");
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Voided");
});

test("support agents see shipments but cannot create or void labels", async ({ page }) => {
  await signInAs(page, "support");
  await page.goto("/s/demo/shipments");
  await expect(page.getByRole("table", { name: "Shipments" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Create labels/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Actions for/ })).toHaveCount(0);
  expect((await page.request.post("/s/demo/api/labels", { form: { format: "pdf", layout: "4x6", allReady: "on" } })).status()).toBe(403);
});

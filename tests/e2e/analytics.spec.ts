import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support";

// The demo shop's analytics parcels come from seedAnalyticsParcels (tests/fixtures/analytics.ts):
// 40 parcels over the last 58 days with USPS, UPS, FedEx and DHL. Other specs' fixtures add a few
// more, so the checks below compare views with each other rather than with fixed totals.

const shipped = async (page: Page) => Number((await page.getByTestId("stat-shipped").innerText()).replace(/,/g, ""));
const deliveryRows = (page: Page) => page.getByTestId("table-delivery").locator("tbody tr");

test("opens Analytics, draws real bars under the CSP, and follows the filters in the URL", async ({ page }) => {
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  await signInAs(page, "owner");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(/\/s\/demo\/analytics$/);
  await expect(page.getByRole("heading", { name: "Delivery confirmation by carrier" })).toBeVisible();

  // Bars are drawn with a real size (without style-src-attr they would be there but empty).
  const bars = page.getByTestId("chart-delivery").locator(".recharts-bar-rectangle path");
  await expect(bars.first()).toBeVisible();
  const box = await bars.first().boundingBox();
  expect(box && box.width > 0 && box.height > 0).toBe(true);
  // A line at 100% is flat (zero height), so check it is drawn rather than "visible".
  await expect(page.getByTestId("chart-delivery-weekly").locator(".recharts-line-curve").first()).toHaveAttribute("d", /^M[\d.]+,[\d.]+L/);
  const thirtyDays = await shipped(page);
  expect(thirtyDays).toBeGreaterThan(0);

  // A longer range takes in older parcels.
  await page.locator("label", { hasText: "Last 90 days" }).click();
  await expect(page.getByRole("radio", { name: "Last 90 days" })).toBeChecked();
  await expect(page).toHaveURL(/range=90/);
  await expect.poll(() => shipped(page)).toBeGreaterThan(thirtyDays);
  const carriersIn90 = await deliveryRows(page).count();
  expect(carriersIn90).toBeGreaterThan(2); // several carriers plus the "All carriers" row

  // One carrier: the table and the chart shrink to it.
  await page.getByRole("textbox", { name: "Carrier" }).click();
  await page.getByRole("option", { name: "UPS", exact: true }).click();
  await expect(page).toHaveURL(/carrier=ups/);
  await expect(deliveryRows(page)).toHaveCount(1);
  await expect(deliveryRows(page).first()).toContainText("UPS");
  await expect(page.getByTestId("chart-delivery").locator(".recharts-bar-rectangle path").first()).toBeVisible();

  // The address is the view: reloading it (or sharing it) shows the same thing.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Carrier" })).toHaveValue("UPS");
  await expect(deliveryRows(page)).toHaveCount(1);

  // Definitions say exactly how the headline rate is computed.
  await page.getByRole("button", { name: "Delivery-confirmation rate" }).click();
  await expect(page.getByTestId("definitions").getByText("delivered ÷ (shipped − in flight)")).toBeVisible();
  expect(cspViolations).toEqual([]);
});

test("downloads a chart's data as CSV with the page's filters", async ({ page }) => {
  await signInAs(page, "support");
  await page.goto("/s/demo/analytics?range=90&carrier=usps");
  await expect(deliveryRows(page)).toHaveCount(1);
  const downloading = page.waitForEvent("download");
  await page.getByTestId("chart-delivery").getByRole("link", { name: /Download the data/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^analytics-delivery-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe(
    "Carrier,Shipped,Delivered,With proof,In flight,Not delivered,Delivery-confirmation rate (%),Proof rate (%),In flight (% of shipped)",
  );
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^USPS,\d+,\d+,\d+,\d+,\d+,/);

  const weekly = await page.request.get("/s/demo/api/analytics/cases-weekly?range=30");
  expect(weekly.status()).toBe(200);
  expect((await weekly.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Week (Monday),Opened,Resolved");
  expect((await page.request.get("/s/demo/api/analytics/nope?range=30")).status()).toBe(404);
  expect((await page.request.get("/s/demo/api/analytics/delivery?range=14")).status()).toBe(400);
});

test("a bad filter in the address is named, and a range without parcels shows an empty state", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/analytics?range=custom&from=2020-01-01&to=2020-01-31");
  await expect(page.getByText("No parcels shipped in this range")).toBeVisible();
  await page.goto("/s/demo/analytics?from=2026-02-30&to=2026-03-01");
  await expect(page.getByRole("alert")).toContainText("from is not a calendar day");
  await expect(page.getByRole("heading", { name: "Delivery confirmation by carrier" })).toBeVisible();
});

test("the home page shows the summary strip with the 7-day delivery-confirmation rate", async ({ page }) => {
  await signInAs(page, "fulfilment");
  await expect(page.getByTestId("orders-to-ship")).toHaveText(/^\d[\d,]*$/);
  await expect(page.getByTestId("labels-today")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("open-cases")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("overdue-cases")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("delivery-rate-7d")).toHaveText(/^(\d+\.\d%|—)$/);
  await page.getByRole("link", { name: /Delivery confirmed, 7 days/ }).click();
  await expect(page).toHaveURL(/\/s\/demo\/analytics\?range=7$/);
});

// The public tracking page, as a buyer sees it: carrier-level tracking without an account, name and
// street only after the destination postal code, the same answer for an unknown number as for a
// label the carrier has not scanned, a phone-sized layout, and no serious accessibility problems.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { E2E_TRACKING } from "./fixtures-seed";

const T = E2E_TRACKING;

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    "axe-core serious or critical violations",
  ).toEqual([]);
}

test("shows tracking without an account, and name and street only after the postal code", async ({ page }) => {
  const response = await page.goto(`/track/${T.trackingNumber}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toBe("private, no-store");
  await expect(page.getByRole("heading", { level: 1, name: "Out for delivery today" })).toBeVisible();
  await expect(page.getByText("UPS · UPS Ground")).toBeVisible();
  const progress = page.getByRole("list", { name: "Delivery progress" });
  await expect(progress.locator('[aria-current="step"]')).toContainText("Out for delivery");
  await expect(page.getByText(/^Estimated delivery:/)).toContainText("(was ");
  await expect(page.getByRole("heading", { name: "Tracking history" })).toBeVisible();
  // Scans in our words until the postal code: the carrier's text can name the signer (finding 6).
  await expect(page.getByText("Received by the carrier")).toBeVisible();
  await expect(page.getByText("Origin scan")).toHaveCount(0);
  await expect(page.getByText("Columbus, OH").first()).toBeVisible();
  // No app shell, and nothing personal.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  const unverified = await page.content();
  for (const secret of [T.buyerName, T.street, T.orderId, T.email, T.postalCode, "Demo Shop"]) {
    expect(unverified, secret).not.toContain(secret);
  }

  // A wrong postal code changes nothing and says so.
  await page.getByLabel("Delivery postal code").fill("97401");
  await page.getByRole("button", { name: "Show details" }).click();
  await expect(page.getByRole("alert")).toContainText("does not match our records");
  await expect(page.getByTestId("buyer-name")).toHaveCount(0);

  // The right one (typed as ZIP+4) shows the details, and the browser remembers it on reload.
  await page.getByLabel("Delivery postal code").fill(`${T.postalCode}-1234`);
  await page.getByRole("button", { name: "Show details" }).click();
  await expect(page.getByRole("heading", { name: "Delivery details" })).toBeVisible();
  await expect(page.getByTestId("buyer-name")).toHaveText(T.buyerName);
  await expect(page.getByTestId("buyer-address")).toContainText(T.street);
  await expect(page.getByText(`Order ${T.orderId} from Demo Shop.`)).toBeVisible();
  // Verified, the buyer is on the shop's own address for the parcel, and sees the carrier's words.
  await expect(page).toHaveURL(new RegExp(`/track/demo/${T.trackingNumber}$`));
  await expect(page.getByText("Origin scan")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("buyer-name")).toHaveText(T.buyerName);
  await expectNoSeriousAxeViolations(page);
});

test("a shop's address shows only that shop's parcel", async ({ page }) => {
  await page.goto(`/track/demo/${T.trackingNumber}`);
  await expect(page.getByRole("heading", { level: 1, name: "Out for delivery today" })).toBeVisible();
  // The same number under another shop is no parcel at all.
  await page.goto(`/track/rival/${T.trackingNumber}`);
  await expect(page.getByRole("heading", { level: 1, name: "No tracking information yet" })).toBeVisible();
  await expect(page.getByText("Received by the carrier")).toHaveCount(0);
});

test("a new browser without the postal code sees no personal details", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/track/${T.trackingNumber}`);
  await expect(page.getByRole("heading", { name: "See delivery details" })).toBeVisible();
  await expect(page.getByText(T.buyerName)).toHaveCount(0);
  await expect(page.getByText(T.street)).toHaveCount(0);
  await context.close();
});

test("an unknown number gets exactly the answer of a label the carrier has not scanned", async ({ page }) => {
  const unknownNumber = "1Z999AA10000000000";
  const unknown = await page.goto(`/track/${unknownNumber}`);
  const unknownText = (await page.locator("main").innerText()).replaceAll(unknownNumber, "<number>");
  const unknownHeadings = await page.getByRole("heading").allInnerTexts();

  const unscanned = await page.goto(`/track/${T.unscannedTrackingNumber}`);
  const unscannedText = (await page.locator("main").innerText()).replaceAll(T.unscannedTrackingNumber, "<number>");
  const unscannedHeadings = await page.getByRole("heading").allInnerTexts();

  expect(unknown?.status()).toBe(200);
  expect(unscanned?.status()).toBe(unknown?.status());
  expect(unscannedHeadings).toEqual(unknownHeadings);
  expect(unscannedText).toBe(unknownText);
  await expect(page.getByRole("heading", { level: 1, name: "No tracking information yet" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // Checking a postal code against it answers like a wrong code for a real parcel.
  await page.goto(`/track/${unknownNumber}`);
  await page.getByLabel("Delivery postal code").fill(T.postalCode);
  await page.getByRole("button", { name: "Show details" }).click();
  const unknownAnswer = await page.getByRole("alert").innerText();
  await page.goto(`/track/${T.trackingNumber}`);
  await page.getByLabel("Delivery postal code").fill("99999");
  await page.getByRole("button", { name: "Show details" }).click();
  await expect(page.getByRole("alert")).toHaveText(unknownAnswer);
});

test("finds a parcel from /track by tracking number or by order number and email", async ({ page }) => {
  await page.goto("/track");
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Tracking number").fill(T.trackingNumber.toLowerCase().replace(/(.{4})/g, "$1 "));
  await page.getByRole("button", { name: "Track" }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${T.trackingNumber}$`));

  await page.goto("/track");
  await page.getByLabel("Order number").fill(T.orderId);
  await page.getByLabel("Email address you ordered with").fill("nobody@example.com");
  await page.getByRole("button", { name: "Find my parcel" }).click();
  await expect(page.getByRole("status")).toContainText("could not find an order");
  await page.getByLabel("Email address you ordered with").fill(T.email.toUpperCase());
  await page.getByRole("button", { name: "Find my parcel" }).click();
  // The order names its shop, so the buyer lands on that shop's page for the parcel.
  await expect(page).toHaveURL(new RegExp(`/track/demo/${T.trackingNumber}$`));
});

test("explains a carrier problem in plain words and points to the seller", async ({ page }) => {
  await page.goto(`/track/${T.problemTrackingNumber}`);
  await expect(page.getByRole("heading", { level: 1, name: "There is a problem with this delivery" })).toBeVisible();
  const alert = page.getByRole("alert").filter({ hasText: "What happened" });
  await expect(alert).toContainText("There is a problem with the delivery address");
  await expect(alert).toContainText("What happens next:");
  await expect(alert).toContainText("Confirm your postal code below to see how to reach the seller.");
  await expectNoSeriousAxeViolations(page);
});

test("fits a phone screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`/track/${T.trackingNumber}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousAxeViolations(page);
});

// Last in this file: it uses up this address's allowance of tracking page views.
test("after too many lookups from one address, a clear 429 page says how long to wait", async ({ page }) => {
  let response = await page.goto(`/track/${T.trackingNumber}`);
  for (let i = 0; i < 80 && response?.status() !== 429; i++) response = await page.goto(`/track/${T.trackingNumber}`);
  expect(response?.status()).toBe(429);
  expect(Number(response?.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { level: 1, name: "Too many lookups" })).toBeVisible();
  await expect(page.getByText(/Wait \d+ (minutes|seconds) and try again\./)).toBeVisible();
  await expect(page.getByText(T.buyerName)).toHaveCount(0);
});


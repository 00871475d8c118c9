// Settings > Tracking: an owner reveals and rotates the webhook secret (and the old one stops
// working at the real webhook), maps an unmapped carrier code, and changes a threshold; a support
// user sees the page without the secret.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_UNMAPPED } from "../fixtures/tracking";
import { signInAs } from "./support";

function signed(secret: string, body: string) {
  const t = Math.floor(Date.now() / 1000);
  return { "Content-Type": "application/json", "X-Parcel-Desk-Signature": `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}` };
}

test("an owner reveals and rotates the webhook secret; the old secret is refused afterwards", async ({ page, request }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/tracking");
  await expect(page.getByRole("heading", { name: "Carrier webhook" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Webhook URL" })).toHaveValue(/\/api\/webhooks\/tracking\/demo$/);
  await expect(page.getByTestId("webhook-secret-masked")).toBeVisible();

  await page.getByRole("button", { name: "Reveal secret" }).click();
  const secretField = page.getByTestId("webhook-secret");
  await expect(secretField).toHaveValue(/^whsec_/);
  const oldSecret = await secretField.inputValue();

  const body = JSON.stringify([{ eventId: `e2e-${Date.now()}`, trackingNumber: "1Z999AA10123456999", occurredAt: new Date().toISOString(), code: "I:OR", description: "Origin Scan" }]);
  expect((await request.post("/api/webhooks/tracking/demo", { data: body, headers: signed(oldSecret, body) })).status()).toBe(200);

  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the webhook secret?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText("New secret created.")).toBeVisible();
  await expect(secretField).toHaveValue(/^whsec_/);
  const newSecret = await secretField.inputValue();
  expect(newSecret).not.toBe(oldSecret);

  const again = JSON.stringify([{ eventId: `e2e-${Date.now()}-2`, trackingNumber: "1Z999AA10123456999", occurredAt: new Date().toISOString(), code: "I:DP", description: "Departed" }]);
  const refused = await request.post("/api/webhooks/tracking/demo", { data: again, headers: signed(oldSecret, again) });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toBe("Signature does not match the body.");
  expect((await request.post("/api/webhooks/tracking/demo", { data: again, headers: signed(newSecret, again) })).status()).toBe(200);
});

test("an owner maps an unmapped code to a status and an exception type", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/tracking");
  const unmapped = page.getByRole("table", { name: "Unmapped codes" });
  const row = unmapped.getByRole("row").filter({ hasText: E2E_UNMAPPED.description });
  await expect(row).toContainText(E2E_UNMAPPED.code);
  await expect(row).toContainText("USPS");
  await expect(row.getByRole("cell", { name: "2", exact: true })).toBeVisible();

  await row.getByRole("button", { name: `Map USPS code ${E2E_UNMAPPED.code}` }).click();
  const dialog = page.getByRole("dialog", { name: `Map ${E2E_UNMAPPED.code}` });
  await dialog.getByRole("textbox", { name: "Means status" }).click();
  await page.getByRole("option", { name: "Exception" }).click();
  await dialog.getByRole("textbox", { name: "Opens a case of type" }).click();
  await page.getByRole("option", { name: "Delayed" }).click();
  await dialog.getByRole("button", { name: "Save mapping" }).click();

  await expect(page.getByRole("status").filter({ hasText: `Mapped USPS ${E2E_UNMAPPED.code} to Exception.` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Unmapped codes" })).toHaveCount(0);
  await expect(page.getByText("Every code is mapped")).toBeVisible();
  const mapping = page.getByRole("table", { name: "Code mappings" }).getByRole("row").filter({ hasText: E2E_UNMAPPED.code });
  await expect(mapping).toContainText("Exception");
  await expect(mapping).toContainText("Delayed");
  await expect(mapping).toContainText("Olivia Owner");
});

test("an owner changes a threshold, with a clear message for an impossible one", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/tracking");
  const expedited = page.getByRole("textbox", { name: "Stalled after, expedited services (hours)" });
  await expedited.fill("100");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Expedited parcels should not be allowed to stall longer than standard ones")).toBeVisible();
  await expedited.fill("36");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved. The next exception scan uses the new thresholds.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Stalled after, expedited services (hours)" })).toHaveValue("36");
});

test("a support user sees the webhook address but never the secret, and cannot map codes", async ({ page }) => {
  await signInAs(page, "support");
  await page.goto("/s/demo/settings/tracking");
  await expect(page.getByRole("textbox", { name: "Webhook URL" })).toHaveValue(/\/api\/webhooks\/tracking\/demo$/);
  await expect(page.getByText("Only shop owners can see or rotate the signing secret.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reveal secret" })).toHaveCount(0);
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Map / })).toHaveCount(0);
  expect(await page.content()).not.toContain("whsec_");
});

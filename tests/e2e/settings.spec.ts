import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./support";

test("an owner changes the return address and it stays changed", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings");
  const card = page.locator("form").filter({ has: page.getByRole("heading", { name: "Return address" }) });
  await card.getByLabel("City").fill("Dayton");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.locator("form").filter({ has: page.getByRole("heading", { name: "Return address" }) }).getByLabel("City")).toHaveValue("Dayton");
});

test("a bad value is refused with a message naming the field, and nothing changes", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings");
  const card = page.locator("form").filter({ has: page.getByRole("heading", { name: "Default package" }) });
  await card.getByLabel("Length (in)").fill("0");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Length must be more than zero")).toBeVisible();
  await page.reload();
  await expect(page.locator("form").filter({ has: page.getByRole("heading", { name: "Default package" }) }).getByLabel("Length (in)")).not.toHaveValue("0");
});

test("support can read settings but not change them", async ({ page }) => {
  await signInAs(page, "support");
  await page.goto("/s/demo/settings");
  await expect(page.getByText("Only owners can change these settings.").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByLabel("Shop name")).toBeDisabled();
});

test("an owner adds a team member, who can then sign in with the shown password", async ({ page, browser }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/team");
  await page.getByLabel("Email").fill("newagent@demo.parceldesk.test");
  await page.getByLabel("Name").fill("Nia Newagent");
  await page.getByRole("button", { name: "Add to shop" }).click();
  await expect(page.getByRole("status")).toContainText("Created an account for newagent@demo.parceldesk.test");
  const password = await page.getByRole("status").locator("code").innerText();
  await expect(page.getByRole("cell", { name: "newagent@demo.parceldesk.test" })).toBeVisible();

  const other = await browser.newPage();
  await signIn(other, "newagent@demo.parceldesk.test", password);
  await expect(other).toHaveURL(/\/s\/demo$/);
  await other.close();
});

import { expect, test } from "@playwright/test";
import { emailTo, signInAs } from "./support";

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

test("an owner resends and revokes an invitation; a revoked link no longer works", async ({ page, browser }) => {
  // Joining by the emailed link is tests/e2e/accounts.spec.ts; here the owner's side of a pending invitation.
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/team");
  await page.getByLabel("Email").fill("newagent@demo.parceldesk.test");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toHaveText("Invitation sent to newagent@demo.parceldesk.test.");
  const first = await emailTo("newagent@demo.parceldesk.test", /invited you to join Demo Shop/);
  await page.getByRole("button", { name: "Resend the invitation to newagent@demo.parceldesk.test" }).click();
  await expect(page.getByRole("status")).toHaveText("Invitation sent to newagent@demo.parceldesk.test.");
  const second = await emailTo("newagent@demo.parceldesk.test", /invited you to join Demo Shop/, { after: new Set([first.file]) });
  const linkOf = (text: string) => new URL(/(https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+)/.exec(text)![1]).pathname;
  await page.getByRole("button", { name: "Revoke the invitation to newagent@demo.parceldesk.test" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation revoked");
  await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);

  const invitee = await browser.newPage();
  for (const link of [linkOf(first.text), linkOf(second.text)]) {
    expect((await invitee.goto(link))?.status()).toBe(410);
    await expect(invitee.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  }
  await invitee.close();
});

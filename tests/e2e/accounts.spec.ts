// Accounts in the browser (issue 13): an owner invites a new person, whose emailed link (read from
// the outbox folder) lets them choose a password and land in the shop; the owner of another shop
// accepts an invitation while signed in; a password reset by email works and ends the other
// sessions. Nobody ever sees anyone's password.
import { expect, test } from "@playwright/test";
import { E2E_FIXTURES } from "./fixtures-seed";
import { emailTo, outboxFiles, signIn, signInAs } from "./support";

test.describe.configure({ mode: "serial" });

const NEWCOMER = { email: "new.hire@demo.test", name: "Nova Hire", password: "tidal walnut compass 81" };
const linkIn = (text: string, kind: "invitations" | "reset-password") => {
  const match = new RegExp(`(https?://[^\\s]+/${kind}/[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${kind} link in:\n${text}`);
  return new URL(match[1]).pathname;
};

test("an owner invites a new person, who sets a password from the emailed link and lands in the shop", async ({ page, browser }) => {
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/team");
  await page.getByLabel("Email").fill(NEWCOMER.email);
  await page.getByRole("textbox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: /^Support/ }).click();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`Invitation sent to ${NEWCOMER.email}.`);
  await expect(page.getByRole("table", { name: "Pending invitations" }).getByRole("row", { name: new RegExp(NEWCOMER.email) })).toContainText("Support");
  // The owner's answer is exactly that: no generated password, no "created an account".
  await expect(page.getByRole("status")).not.toContainText(/password|created|added/i);

  const email = await emailTo(NEWCOMER.email, /invited you to join Demo Shop/);
  const link = linkIn(email.text, "invitations");

  const invitee = await browser.newContext();
  const p = await invitee.newPage();
  await p.goto(link);
  await expect(p.getByRole("heading", { name: "Join Demo Shop" })).toBeVisible();
  await p.getByLabel("Your name").fill(NEWCOMER.name);
  // A well-known password is refused, in words.
  await p.getByLabel("Choose a password").fill("password123");
  await p.getByLabel("Type it again").fill("password123");
  await p.getByRole("button", { name: "Create my account and join" }).click();
  await expect(p.getByRole("alert")).toContainText("too easy to guess");
  await p.getByLabel("Choose a password").fill(NEWCOMER.password);
  await p.getByLabel("Type it again").fill(NEWCOMER.password);
  await p.getByRole("button", { name: "Create my account and join" }).click();
  await expect(p).toHaveURL(/\/s\/demo$/);
  await p.getByTestId("user-menu").click();
  await expect(p.getByText(`${NEWCOMER.email} · Support`)).toBeVisible();
  // The link worked once.
  await p.goto(link);
  await expect(p.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await invitee.close();

  await page.reload();
  await expect(page.getByRole("table", { name: "Members" })).toContainText(NEWCOMER.name);
  await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);
});

test("the owner of another shop accepts an invitation while signed in", async ({ page, browser }) => {
  const corner = E2E_FIXTURES.corner.owner;
  await signInAs(page, "owner");
  await page.goto("/s/demo/settings/team");
  await page.getByLabel("Email").fill(corner.email);
  await page.getByRole("textbox", { name: "Role", exact: true }).click();
  await page.getByRole("option", { name: /^Fulfilment/ }).click();
  await page.getByRole("button", { name: "Send invitation" }).click();
  // The same words as for someone new: the form does not tell who has an account.
  await expect(page.getByRole("status")).toHaveText(`Invitation sent to ${corner.email}.`);
  const link = linkIn((await emailTo(corner.email, /invited you to join Demo Shop/)).text, "invitations");

  const other = await browser.newContext();
  const p = await other.newPage();
  await signIn(p, corner.email, corner.password);
  await expect(p).toHaveURL(/\/s\/corner/);
  // Invited is not joined: the demo shop is still closed to them.
  expect((await p.goto("/s/demo/orders"))?.status()).toBe(404);
  await p.goto(link);
  await expect(p.getByText(`invited ${corner.email} to join Demo Shop as Fulfilment`)).toBeVisible();
  await p.getByRole("button", { name: "Accept and open the shop" }).click();
  await expect(p).toHaveURL(/\/s\/demo$/);
  expect((await p.goto("/s/demo/orders"))?.status()).toBe(200);
  await other.close();
});

test("a password reset by email works and ends the other sessions", async ({ browser }) => {
  const first = await browser.newContext();
  const signedIn = await first.newPage();
  await signIn(signedIn, NEWCOMER.email, NEWCOMER.password);
  await expect(signedIn).toHaveURL(/\/s\/demo/);

  const second = await browser.newContext();
  const p = await second.newPage();
  const before = outboxFiles();
  await p.goto("/login");
  await p.getByRole("link", { name: "Forgot your password?" }).click();
  await p.getByLabel("Email").fill(NEWCOMER.email.toUpperCase());
  await p.getByRole("button", { name: "Email me a link" }).click();
  const answer = await p.getByRole("status").innerText();
  expect(answer).toMatch(/If an account uses that email address/);
  // An unknown address gets exactly the same answer.
  await p.getByLabel("Email").fill("nobody.here@demo.test");
  await p.getByRole("button", { name: "Email me a link" }).click();
  await expect(p.getByRole("status")).toHaveText(answer);

  const link = linkIn((await emailTo(NEWCOMER.email, /Reset your Parcel Desk password/, { after: before })).text, "reset-password");
  await p.goto(link);
  const fresh = "harbor violet engine 27";
  await p.getByLabel("New password").fill(fresh);
  await p.getByLabel("Type it again").fill(fresh);
  await p.getByRole("button", { name: "Set the new password" }).click();
  await expect(p).toHaveURL(/\/s\/demo/);

  // The session in the other browser has ended; the old password no longer works, the new one does.
  await signedIn.reload();
  await expect(signedIn).toHaveURL(/\/login/);
  await signIn(signedIn, NEWCOMER.email, NEWCOMER.password);
  await expect(signedIn.getByRole("alert")).toContainText("Email or password is incorrect.");
  await signIn(signedIn, NEWCOMER.email, fresh);
  await expect(signedIn).toHaveURL(/\/s\/demo/);
  await first.close();
  await second.close();
});

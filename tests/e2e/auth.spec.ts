import { expect, test } from "@playwright/test";
import type { Role } from "../../db/types";
import { E2E_FIXTURES } from "./fixtures-seed";
import { demoUser, signIn, signInAs } from "./support";

for (const role of ["owner", "fulfilment", "support"] as Role[]) {
  test(`signs in as ${role}, sees the shell, and signs out`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    for (const item of ["Orders", "Import", "Shipments", "Exceptions", "Analytics", "Settings"]) {
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item })).toBeVisible();
    }
    await page.getByTestId("user-menu").click();
    await expect(page.getByText(demoUser(role).email)).toBeVisible();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    // The old session no longer opens the app.
    await page.goto("/s/demo/orders");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fs%2Fdemo%2Forders/);
  });
}

test("a wrong password shows a generic message and stays on the sign-in page", async ({ page }) => {
  await signIn(page, demoUser("owner").email, "not-the-password");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, "nobody@nowhere.test", "whatever-else");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("signing in returns to the page that asked for it", async ({ page }) => {
  await page.goto("/s/demo/analytics");
  await expect(page).toHaveURL(/redirectTo=/);
  const user = demoUser("support");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("textbox", { name: "Password" }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/s\/demo\/analytics$/);
});

test("a demo user cannot open another shop's pages by URL, and nothing about it leaks", async ({ page }) => {
  await signInAs(page, "owner");
  for (const url of [`/s/${E2E_FIXTURES.rival.slug}`, `/s/${E2E_FIXTURES.rival.slug}/orders`, "/s/no-such-shop/settings"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(E2E_FIXTURES.rival.name)).toHaveCount(0);
  }
});

test("the rival owner sees only their own shop", async ({ page }) => {
  const { owner, slug, name } = E2E_FIXTURES.rival;
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(new RegExp(`/s/${slug}$`));
  await expect(page.getByTestId("current-shop")).toHaveText(name);
  expect((await page.goto("/s/demo/orders"))?.status()).toBe(404);
});

test("an unknown address renders the friendly 404 page", async ({ page }) => {
  const response = await page.goto("/definitely/not/here");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a forged session cookie is treated as signed out", async ({ page, context }) => {
  await context.addCookies([{ name: "pd_session", value: "forged.value", url: "http://localhost:3210" }]);
  await page.goto("/s/demo");
  await expect(page).toHaveURL(/\/login/);
});

test("documents carry a nonce CSP, frame-ancestors none and no x-powered-by", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["x-content-type-options"]).toBe("nosniff");
});

// Shared e2e helpers: signing in as a demo user.
import { expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../db/seed/seed-demo";
import type { Role } from "../../db/types";

export function demoUser(role: Role) {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("textbox", { name: "Password" }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, role: Role) {
  const user = demoUser(role);
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/s\/demo/);
}

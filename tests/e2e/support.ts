// Shared e2e helpers: signing in as a demo user, reading the emails the app wrote to its outbox.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";
import { readableEmail } from "../../app/modules/notifications/eml";
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

/** The server's DATA_DIR (tests/e2e/server.ts makes it fresh per run and port). */
export function e2eDataDir(): string {
  const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
  return path.join(root, `tests/.tmp/e2e-data-${process.env.E2E_PORT ?? "3210"}`);
}

/** Waits for an email to `to` whose text matches `pattern` in the outbox folder, and returns its text. */
export async function emailTo(to: string, pattern: RegExp, options: { after?: Set<string> } = {}): Promise<{ text: string; file: string }> {
  const dir = path.join(e2eDataDir(), "outbox");
  let found: { text: string; file: string } | undefined;
  await expect
    .poll(
      () => {
        if (!existsSync(dir)) return false;
        for (const file of readdirSync(dir).filter((f) => f.endsWith(".eml")).sort().reverse()) {
          if (options.after?.has(file)) continue;
          const text = readableEmail(readFileSync(path.join(dir, file), "utf8"));
          if (text.includes(`To: ${to}`) && pattern.test(text)) {
            found = { text, file };
            return true;
          }
        }
        return false;
      },
      { timeout: 30_000, message: `an email to ${to} matching ${pattern}` },
    )
    .toBe(true);
  return found!;
}

/** The outbox files there are now, so a later emailTo() finds only newer ones. */
export function outboxFiles(): Set<string> {
  const dir = path.join(e2eDataDir(), "outbox");
  return new Set(existsSync(dir) ? readdirSync(dir) : []);
}

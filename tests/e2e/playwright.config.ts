// End-to-end tests against the built app, in Debian's Chromium (never a downloaded browser).
// The server is started by tests/e2e/server.ts on a fresh database with the demo shop and fixtures.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(`No Chromium at ${chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
}
const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  // Per port, so runs on different ports do not clear each other's traces.
  outputDir: `./.results-${E2E_PORT}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    },
  },
  webServer: {
    command: `npx tsx tests/e2e/server.ts`,
    cwd: root,
    url: `http://localhost:${E2E_PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(E2E_PORT), E2E: "1" },
  },
});

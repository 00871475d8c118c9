// npm test: typecheck, unit, integration (PGlite, and PostgreSQL when available), build, e2e.
// Runs every stage, prints a summary that ends with one plain line (`N passed, N failed`), and exits
// non-zero if any stage failed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const stages: { name: string; cmd: string[]; needs?: string }[] = [
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit"] },
  { name: "unit", cmd: ["npx", "vitest", "run", "--project", "unit"] },
  { name: "integration", cmd: ["npx", "vitest", "run", "--project", "integration-pglite", "--project", "integration-postgres"] },
  { name: "build", cmd: ["npx", "remix", "vite:build"] },
  { name: "e2e", cmd: ["npx", "playwright", "test", "-c", "tests/e2e/playwright.config.ts"], needs: "build" },
];

const results: { name: string; ok: boolean; seconds: number; note?: string }[] = [];
for (const stage of stages) {
  if (stage.needs && !results.find((r) => r.name === stage.needs)?.ok) {
    results.push({ name: stage.name, ok: false, seconds: 0, note: `skipped: ${stage.needs} failed` });
    continue;
  }
  if (stage.name === "e2e" && !existsSync(chromium)) {
    console.error(`\nNo Chromium found at ${chromium}: the e2e tests need it.`);
    console.error("Install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary.\n");
    results.push({ name: stage.name, ok: false, seconds: 0, note: "no Chromium" });
    continue;
  }
  console.log(`\n=== ${stage.name}: ${stage.cmd.join(" ")}`);
  const started = Date.now();
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), { stdio: "inherit", env: process.env });
  results.push({ name: stage.name, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 100) / 10 });
}

console.log("\n=== summary");
for (const r of results) console.log(`${r.ok ? "PASS" : "FAIL"}  ${r.name.padEnd(12)} ${r.seconds}s${r.note ? `  (${r.note})` : ""}`);
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exitCode = passed === results.length ? 0 : 1;

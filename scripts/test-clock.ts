// npm run test:clock: the proof that every test gives the same verdict on any day. Runs the unit
// tests and the PGlite integration project again under shifted clocks (Debian's `faketime`), each at
// least a year after today:
// - a plain day a little over a year ahead (unit and PGlite integration);
// - the moment before the US spring-forward change (America/New_York, the test shops' zone);
// - the last minutes of a year in New York, when UTC is already in the next year.
// PGlite takes its clock from Node, so it sees the same shifted time as the tests; a PostgreSQL
// server keeps the real clock, which is why that project is not run here.
// `--unit` runs the unit project only (about a minute per clock).
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const DAY = 86_400_000;

function secondSundayOfMarch(year: number): number {
  const firstOfMarch = new Date(Date.UTC(year, 2, 1)).getUTCDay();
  return 1 + ((7 - firstOfMarch) % 7) + 7;
}

/** Clocks a year or more ahead of `today`, as faketime's absolute "@YYYY-MM-DD HH:MM:SS" (UTC). */
export function shiftedClocks(today: Date): { name: string; at: string; integration: boolean }[] {
  const stamp = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");
  const yearAhead = new Date(today.getTime() + 400 * DAY);
  yearAhead.setUTCHours(15, 0, 0, 0);
  const year = today.getUTCFullYear() + 2; // always more than a year ahead
  // 01:50 EST, ten minutes before the clocks jump to 03:00 EDT (07:00 UTC).
  const dst = new Date(Date.UTC(year, 2, secondSundayOfMarch(year), 6, 50));
  // 23:50 EST on December 31st: already 04:50 on January 1st in UTC.
  const yearEnd = new Date(Date.UTC(year + 1, 0, 1, 4, 50));
  return [
    { name: "a year ahead", at: stamp(yearAhead), integration: true },
    { name: "daylight-saving change (New York)", at: stamp(dst), integration: false },
    { name: "year end (New York)", at: stamp(yearEnd), integration: false },
  ];
}

function main(): number {
  if (spawnSync("faketime", ["-f", "+0d", "true"]).status !== 0) {
    console.error("faketime is not installed: apt-get install -y faketime (Debian).");
    return 2;
  }
  const unitOnly = process.argv.includes("--unit");
  const results: { name: string; ok: boolean }[] = [];
  for (const clock of shiftedClocks(new Date())) {
    const projects = ["unit", ...(clock.integration && !unitOnly ? ["integration-pglite"] : [])];
    for (const project of projects) {
      const name = `${project} at ${clock.at} UTC (${clock.name})`;
      console.log(`\n=== ${name}`);
      const run = spawnSync("faketime", ["-f", `@${clock.at}`, "npx", "vitest", "run", "--project", project], {
        stdio: "inherit",
        env: { ...process.env, TZ: "UTC" },
      });
      results.push({ name, ok: run.status === 0 });
    }
  }
  console.log("\n=== shifted clocks");
  for (const r of results) console.log(`${r.ok ? "PASS" : "FAIL"}  ${r.name}`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return passed === results.length ? 0 : 1;
}

// Run only as a command (a unit test imports shiftedClocks).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();

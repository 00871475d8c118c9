// npm run tracking:check -- [--json] <number>...   (or `-` to read one number per line from stdin)
// Says for each input whether it is a valid tracking number, whose, and in which format, with
// every candidate when several formats accept it. Pure: it needs no database, so it runs while
// the app holds the embedded one.
import { createInterface } from "node:readline";
import { carrierName } from "../app/modules/carriers/registry";
import { detectTrackingNumber, formatName } from "../app/modules/carriers/tracking-numbers";
import { cliArgs, exitWhenWritten, printJson, UsageError } from "./lib/cli";

const usage = "npm run tracking:check -- [--json] <number>...  (or - to read one number per line from stdin)";

async function readStdin(): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) lines.push(line);
  }
  return lines;
}

async function main(): Promise<number> {
  const { values, positionals } = cliArgs({ json: { type: "boolean" } }, usage);
  if (positionals.length === 0) throw new UsageError(`Give at least one tracking number, or - to read them from stdin.\nUsage: ${usage}`);
  const inputs: string[] = [];
  for (const p of positionals) {
    if (p === "-") inputs.push(...(await readStdin()));
    else inputs.push(p);
  }
  const checks = inputs.map(detectTrackingNumber);
  if (values.json) {
    printJson(checks.map((c) => ({ input: c.input, valid: c.valid, carrier: c.carrier, format: c.format, candidates: c.candidates })));
    return 0;
  }
  for (const c of checks) {
    if (!c.valid) {
      console.log(`${c.input.trim()}  INVALID  ${c.problem}`);
      continue;
    }
    const others = c.candidates.slice(1).map((o) => `${carrierName(o.carrier)} (${formatName(o.format)})`);
    console.log(`${c.normalized}  valid  ${carrierName(c.carrier!)} (${formatName(c.format)})${others.length ? `; could also be ${others.join(", ")}` : ""}`);
  }
  return 0;
}

// The same exit codes as every ops command (scripts/lib/cli.ts): 0 done, 2 unusable input.
main().then(
  (code) => exitWhenWritten(code),
  (error) => {
    process.stderr.write(`${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return exitWhenWritten(error instanceof UsageError ? 2 : 1);
  },
);

// npm run bench:tracking-numbers -- [--numbers 1000000] [--allocations 20000] [--workers 8] [--no-db]
// 1. Detection throughput: runs a mix of inputs through detectTrackingNumber (the module every
//    import, paste and CLI check goes through): generated numbers of all five formats, the same
//    with spaces and lower case, numbers with a wrong check digit, other carriers' numbers and
//    junk. Target: at least 200,000 numbers per second.
// 2. Generation throughput (pure).
// 3. Allocation on PostgreSQL: allocateTrackingNumber from parallel connections, and in batches,
//    checking that no number repeats. Database: BENCH_DATABASE_URL, else DATABASE_URL, else a
//    fresh database on postgres://postgres@127.0.0.1:5432 that is dropped at the end.
import { pathToFileURL } from "node:url";
import { openDatabase } from "../app/lib/db.server";
import { migrateToLatest } from "../app/lib/migrate.server";
import { seededRandom } from "../app/lib/random";
import { ALL_SERVICES } from "../app/modules/carriers/registry";
import { detectTrackingNumber, generateTrackingNumber } from "../app/modules/carriers/tracking-numbers";
import { allocateTrackingNumber, allocateTrackingNumbers } from "../app/modules/carriers/tracking-numbers/allocate.server";
import { benchDatabase } from "./lib/bench-db";
import { cliArgs, UsageError } from "./lib/cli";

const usage = "npm run bench:tracking-numbers -- [--numbers 1000000] [--allocations 20000] [--workers 8] [--no-db]";
export const DETECTION_TARGET_PER_SECOND = 200_000;

const OTHER_CARRIERS = [
  "RB123456785GB",
  "TBA502887274000",
  "C11031500001879",
  "LX17635036",
  "GM2951173225174494",
  "JJD0002257639032011",
  "00 0123 4500 0000 0027",
  "4201028200009261290113185417468510",
  "1001921334250001000300779017972697",
  "0081 827 0998 0000 0200 33 350 276 C",
  "3318810025",
];
const JUNK = ["", "hello", "N/A", "0", "12345", "ORDER-57600031000000", "tracking pending", "1Z"];

/** A deterministic mix of `count` inputs (about 70% valid). */
export function benchInputs(count: number): string[] {
  const rnd = seededRandom(20261122);
  const inputs: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rnd.int(0, 9);
    if (kind <= 5) {
      const service = rnd.pick(ALL_SERVICES);
      let n = generateTrackingNumber({ service, serial: rnd.int(1000, 2_000_000_000), shipperId: null });
      if (kind === 1) n = n.toLowerCase();
      if (kind === 2) n = n.replace(/(.{4})/g, "$1 ");
      if (kind === 3) n = n.slice(0, -1) + String((Number(n.slice(-1)) + 1) % 10);
      inputs.push(n);
    } else if (kind <= 7) {
      inputs.push(rnd.pick(OTHER_CARRIERS));
    } else {
      inputs.push(rnd.pick(JUNK));
    }
  }
  return inputs;
}

export interface DetectionFigures {
  numbers: number;
  valid: number;
  seconds: number;
  perSecond: number;
  generatePerSecond: number;
}

/** In-process (no database): detection and generation throughput. */
export function benchDetection(count: number): DetectionFigures {
  const inputs = benchInputs(count);
  // Warm up the JIT on a slice first, so the figure is the steady state.
  for (let i = 0; i < Math.min(50_000, inputs.length); i++) detectTrackingNumber(inputs[i]);
  let valid = 0;
  const start = performance.now();
  for (let i = 0; i < inputs.length; i++) if (detectTrackingNumber(inputs[i]).valid) valid++;
  const seconds = (performance.now() - start) / 1000;

  const services = ALL_SERVICES;
  const genCount = Math.max(10_000, Math.floor(count / 4));
  const genStart = performance.now();
  for (let i = 0; i < genCount; i++) generateTrackingNumber({ service: services[i % services.length], serial: 1000 + i, shipperId: null });
  const genSeconds = (performance.now() - genStart) / 1000;
  return { numbers: inputs.length, valid, seconds, perSecond: inputs.length / seconds, generatePerSecond: genCount / genSeconds };
}

export function printDetection(f: DetectionFigures): void {
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(`Tracking-number detection: ${fmt(f.numbers)} inputs (${fmt(f.valid)} valid) in ${f.seconds.toFixed(2)} s = ${fmt(f.perSecond)} numbers/s`);
  console.log(`  target ${fmt(DETECTION_TARGET_PER_SECOND)}/s: ${f.perSecond >= DETECTION_TARGET_PER_SECOND ? "met" : "NOT met"}`);
  console.log(`Tracking-number generation: ${fmt(f.generatePerSecond)} numbers/s`);
}

async function benchAllocation(allocations: number, workers: number): Promise<void> {
  const database = await benchDatabase("tracking_numbers");
  const url = database.url;
  const handle = await openDatabase({ url, poolSize: workers });
  try {
    await migrateToLatest(handle.db);
    const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
    const numbers: string[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < allocations) {
          next++;
          numbers.push(await allocateTrackingNumber(handle.db, { carrier: "ups", serviceCode: "ups_ground", shipperId: "8A2F51" }));
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const unique = new Set(numbers).size;
    console.log(`Allocation, one at a time from ${workers} connections: ${fmt(numbers.length)} in ${seconds.toFixed(2)} s = ${fmt(numbers.length / seconds)}/s; duplicates: ${numbers.length - unique}`);

    const batchStart = performance.now();
    const batches = await Promise.all(
      Array.from({ length: workers }, () => allocateTrackingNumbers(handle.db, { carrier: "usps", serviceCode: "usps_priority_mail", shipperId: null }, Math.ceil(allocations / workers))),
    );
    const batchSeconds = (performance.now() - batchStart) / 1000;
    const flat = batches.flat();
    console.log(`Allocation in batches (${workers} parallel batches of ${fmt(batches[0].length)}): ${fmt(flat.length)} in ${batchSeconds.toFixed(2)} s = ${fmt(flat.length / batchSeconds)}/s; duplicates: ${flat.length - new Set(flat).size}`);
    if (unique !== numbers.length || new Set(flat).size !== flat.length) throw new Error("Duplicate tracking numbers were allocated.");
  } finally {
    await handle.close();
    await database.finish();
  }
}

async function main(): Promise<number> {
  const { values } = cliArgs(
    { numbers: { type: "string" }, allocations: { type: "string" }, workers: { type: "string" }, "no-db": { type: "boolean" } },
    usage,
  );
  const int = (v: string | undefined, fallback: number, max: number, name: string) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number between 1 and ${max}.`);
    return n;
  };
  const count = int(values.numbers, 1_000_000, 20_000_000, "numbers");
  const allocations = int(values.allocations, 20_000, 1_000_000, "allocations");
  const workers = int(values.workers, 8, 64, "workers");
  printDetection(benchDetection(count));
  if (!values["no-db"]) await benchAllocation(allocations, workers);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}

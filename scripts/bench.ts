// npm run bench: the quick in-process benchmarks (no database, a few seconds each), one after the
// other, with their figures. The database benchmarks have their own commands (bench:<name>).
import { benchDetection, printDetection } from "./bench-tracking-numbers";

const QUICK_BENCHMARKS: { name: string; run: () => void | Promise<void> }[] = [
  { name: "tracking numbers (detect, generate)", run: () => printDetection(benchDetection(500_000)) },
];

for (const bench of QUICK_BENCHMARKS) {
  console.log(`\n=== ${bench.name}`);
  await bench.run();
}

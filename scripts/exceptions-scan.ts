// npm run exceptions:scan -- --shop <slug> [--now <ISO time>] [--json]
// Runs the time-driven exception rules for one shop (as the periodic job does), waiting for a scan
// another instance may be running. --now makes the rules testable at any moment.
import type { ExceptionType } from "../db/types";
import { scanShop } from "../app/modules/exceptions/scan.server";
import { exceptionTypeWord } from "../app/modules/vocabulary/shipments";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage = "npm run exceptions:scan -- --shop <slug> [--now <ISO time>] [--json]";

await runCli(
  () => {
    const { values } = cliArgs({ shop: { type: "string" }, now: { type: "string" }, json: { type: "boolean" } }, usage);
    let now: Date | undefined;
    if (values.now !== undefined) {
      now = new Date(values.now);
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(values.now) || Number.isNaN(now.getTime())) {
        throw new UsageError(`--now must be an ISO 8601 time such as 2026-11-20T18:00:00Z (got "${values.now}").`);
      }
    }
    return { shop: values.shop, now, json: Boolean(values.json) };
  },
  async (args, ctx) => {
    const { scope, shop } = await ctx.shop(args.shop);
    const result = await scanShop(scope, { now: args.now, wait: true });
    const out = { opened: result.opened, updated: result.updated, autoResolved: result.autoResolved };
    if (args.json) {
      printJson(out);
      return;
    }
    const opened = Object.entries(result.opened).map(([type, n]) => `${n} ${exceptionTypeWord(type as ExceptionType)}`);
    console.log(`Scanned ${result.shipmentsChecked} shipments of ${shop.slug}${args.now ? ` as of ${args.now.toISOString()}` : ""}.`);
    console.log(`Opened: ${opened.length ? opened.join(", ") : "none"}. Updated: ${result.updated}. Auto-resolved: ${result.autoResolved}. Expired labels: ${result.expired}.`);
  },
);

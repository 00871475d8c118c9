// npm run simulate -- --shop <slug> [--days 14] [--seed 42] [--via-webhook <url>] [--now <ISO time>] [--json]
// Plays realistic carrier journeys for the shop's labelled shipments that have no scan yet, through
// the ingestion code path (or the signed webhook), then runs the exception scan. Deterministic for a
// seed. For demos and tests: it moves the played shipments' label dates into the simulated window.
import { simulateShop } from "../app/modules/ingestion/simulator/simulate.server";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage = "npm run simulate -- --shop <slug> [--days 14] [--seed 42] [--via-webhook <url>] [--now <ISO time>] [--json]";

function intArg(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  return n;
}

await runCli(
  () => {
    const { values } = cliArgs(
      { shop: { type: "string" }, days: { type: "string" }, seed: { type: "string" }, "via-webhook": { type: "string" }, now: { type: "string" }, json: { type: "boolean" } },
      usage,
    );
    const url = values["via-webhook"];
    if (url !== undefined && !/^https?:\/\/[^/]+\/api\/webhooks\/tracking\/[a-z0-9-]+\/?$/.test(url)) {
      throw new UsageError(`--via-webhook must be the shop's webhook URL, e.g. http://localhost:3000/api/webhooks/tracking/demo (got "${url}").`);
    }
    const now = values.now ? new Date(values.now) : undefined;
    if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 time (got "${values.now}").`);
    return {
      shop: values.shop,
      days: intArg("days", values.days, 14, 1, 60),
      seed: intArg("seed", values.seed, 42, 0, 2 ** 31 - 1),
      url,
      now,
      json: Boolean(values.json),
    };
  },
  async (args, ctx) => {
    const { scope, shop } = await ctx.shop(args.shop);
    const result = await simulateShop(scope, { days: args.days, seed: args.seed, now: args.now, viaWebhook: args.url });
    if (args.json) {
      printJson(result);
      return;
    }
    if (!result.shipments) {
      console.log(`No labelled shipments without scans in ${shop.slug}: nothing to simulate.`);
      return;
    }
    console.log(`Simulated ${result.shipments} journeys (${result.events} events, seed ${args.seed}, ${args.days} days)${args.url ? ` through ${args.url}` : ""}.`);
    console.log(`Stored ${result.ingest.stored} events (${result.ingest.duplicates} already known).`);
    console.log(`Scenarios: ${Object.entries(result.scenarios).map(([k, v]) => `${k} ${v}`).join(", ")}.`);
    console.log(`Statuses now: ${Object.entries(result.statuses).map(([k, v]) => `${k} ${v}`).join(", ")}.`);
    if (result.scan) console.log(`Exception scan opened: ${Object.entries(result.scan.opened).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}.`);
  },
);

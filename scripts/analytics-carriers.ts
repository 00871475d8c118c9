// npm run analytics:carriers -- --shop <slug> --from <YYYY-MM-DD> --to <YYYY-MM-DD>
//   [--carrier <code>] [--service <code>] [--country <CC> [--region <code>]] [--json]
// Delivery confirmation per carrier for the parcels shipped from..to (ship days in the shop's time
// zone): the same report, from the same module function, as the Analytics page.
import { analyticsReport } from "../app/modules/analytics/report-query.server";
import { parseAnalyticsFilters } from "../app/modules/analytics/schemas";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage =
  "npm run analytics:carriers -- --shop <slug> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--carrier <code>] [--service <code>] [--country <CC> [--region <code>]] [--json]";

await runCli(
  () => {
    const { values, positionals } = cliArgs(
      {
        shop: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        carrier: { type: "string" },
        service: { type: "string" },
        country: { type: "string" },
        region: { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".\nUsage: ${usage}`);
    if (!values.shop) throw new UsageError(`--shop <slug> is required.\nUsage: ${usage}`);
    if (!values.from || !values.to) throw new UsageError(`--from and --to are required (YYYY-MM-DD).\nUsage: ${usage}`);
    // A custom range never needs "today"; the dates are the shop's calendar days as given.
    const parsed = parseAnalyticsFilters({ ...values, range: "custom", json: undefined, shop: undefined }, values.to);
    if (!parsed.ok) throw new UsageError(`${parsed.error.replace(/(^|; )(\w+) /g, "$1--$2 ")}.\nUsage: ${usage}`);
    return { shop: values.shop, filters: parsed.filters, json: Boolean(values.json) };
  },
  async (args, ctx) => {
    const { shop, scope } = await ctx.shop(args.shop);
    const report = await analyticsReport(scope, { filters: args.filters, timeZone: shop.time_zone });
    const carriers = report.carriers.map((c) => ({
      carrier: c.carrier,
      shipped: c.shipped,
      delivered: c.delivered,
      withProof: c.withProof,
      inFlight: c.inFlight,
      deliveryConfirmationRate: c.deliveryConfirmationRate,
      onTimeRate: c.onTimeRate,
      medianTransitDays: c.medianTransitDays,
      p90TransitDays: c.p90TransitDays,
    }));
    if (args.json) {
      printJson(carriers);
      return;
    }
    const { from, to } = args.filters;
    console.log(`Parcels shipped ${from} to ${to} (${shop.slug}, ship days in ${shop.time_zone})`);
    if (carriers.length === 0) {
      console.log("No parcels shipped in this range.");
      return;
    }
    const pct = (x: number | null) => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);
    const d = (x: number | null) => (x === null ? "-" : `${x} d`);
    const rows = [
      ["carrier", "shipped", "delivered", "with proof", "in flight", "confirmed", "on time", "median", "p90"],
      ...carriers.map((c) => [
        c.carrier,
        String(c.shipped),
        String(c.delivered),
        String(c.withProof),
        String(c.inFlight),
        pct(c.deliveryConfirmationRate),
        pct(c.onTimeRate),
        d(c.medianTransitDays),
        d(c.p90TransitDays),
      ]),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
    console.log("confirmed = delivered / (shipped - in flight); transit in business days (median / p90).");
  },
);

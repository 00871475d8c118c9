// npm run notifications:deliver -- [--once] [--shop <slug>] [--every <seconds>] [--json]
// Delivers due buyer messages from the outbox (the same worker the server runs every 15 s). With
// --once it delivers what is due now and exits (for cron); without it, it keeps going until stopped.
// Safe next to running servers on PostgreSQL: claims use FOR UPDATE SKIP LOCKED.
import { deliverDueMessages, type DeliveryReport, describeReport } from "../app/modules/notifications/worker.server";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage = "npm run notifications:deliver -- [--once] [--shop <slug>] [--every <seconds>] [--json]";

await runCli(
  () => {
    const { values, positionals } = cliArgs(
      { once: { type: "boolean" }, shop: { type: "string" }, every: { type: "string" }, json: { type: "boolean" } },
      usage,
    );
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".\nUsage: ${usage}`);
    const every = values.every === undefined ? 15 : Number(values.every);
    if (!Number.isFinite(every) || every < 1 || every > 3600) throw new UsageError("--every must be a number of seconds between 1 and 3600.");
    if (values.once && values.every !== undefined) throw new UsageError("--every makes no sense with --once.");
    return { once: Boolean(values.once), shop: values.shop, every, json: Boolean(values.json) };
  },
  async (args, ctx) => {
    const shopIds = args.shop ? [(await ctx.shop(args.shop)).shop.id] : undefined;
    const total: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, skipped: 0 };
    const add = (r: DeliveryReport) => {
      for (const k of Object.keys(total) as (keyof DeliveryReport)[]) total[k] += r[k];
    };
    if (args.once) {
      const report = await deliverDueMessages(ctx.handle.db, { shopIds });
      add(report);
      if (args.json) printJson(total);
      else console.log(`Delivered the due buyer messages: ${describeReport(total)}.`);
      return total.failed > 0 ? 1 : 0;
    }
    let stop = false;
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => (stop = true));
    console.log(`Delivering buyer messages every ${args.every} s; Ctrl+C stops.`);
    while (!stop) {
      const report = await deliverDueMessages(ctx.handle.db, { shopIds });
      add(report);
      if (report.claimed > 0) console.log(`${new Date().toISOString()} ${describeReport(report)}`);
      for (let waited = 0; waited < args.every * 10 && !stop; waited++) await new Promise((r) => setTimeout(r, 100));
    }
    if (args.json) printJson(total);
    else console.log(`Stopped. In total: ${describeReport(total)}.`);
  },
);

// npm run tracking:ingest -- --shop <slug> --file <events.csv|events.jsonl> [--json]
// Ingests a file of carrier scans through the same code path as the webhook. Valid records are
// stored (in batches, each in its own transaction); invalid ones are listed with their line number.
import { readFile } from "node:fs/promises";
import { EventFileError, formatOf, parseEventsFile } from "../app/modules/ingestion/event-file";
import { ingestEvents } from "../app/modules/ingestion/ingest.server";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage = "npm run tracking:ingest -- --shop <slug> --file <events.csv|events.jsonl> [--json]";
const BATCH = 1000;

await runCli(
  () => {
    const { values } = cliArgs({ shop: { type: "string" }, file: { type: "string" }, json: { type: "boolean" } }, usage);
    if (!values.file) throw new UsageError(`--file is required.\nUsage: ${usage}`);
    const format = formatOf(values.file);
    if (!format) throw new UsageError(`--file must end in .csv or .jsonl (got ${values.file}).`);
    return { shop: values.shop, file: values.file, format, json: Boolean(values.json) };
  },
  async (args, ctx) => {
    const { scope, shop } = await ctx.shop(args.shop);
    const text = await readFile(args.file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(error.code === "ENOENT" ? `No such file: ${args.file}` : `Cannot read ${args.file}: ${error.message}`);
    });
    let parsed;
    try {
      parsed = parseEventsFile(text, args.format);
    } catch (error) {
      if (error instanceof EventFileError) throw new UsageError(error.message);
      throw error;
    }
    const totals = { received: parsed.received, stored: 0, duplicates: 0, orphans: [] as string[], rejected: parsed.rejected };
    const orphans = new Set<string>();
    for (let i = 0; i < parsed.events.length; i += BATCH) {
      const batch = parsed.events.slice(i, i + BATCH).map((e) => e.event);
      const r = await ingestEvents(scope, batch, { source: "file", shop });
      totals.stored += r.stored;
      totals.duplicates += r.duplicates;
      for (const o of r.orphans) orphans.add(o);
    }
    totals.orphans = [...orphans];
    if (args.json) {
      printJson(totals);
    } else {
      console.log(`${totals.received} events read from ${args.file}: ${totals.stored} stored, ${totals.duplicates} already known, ${totals.rejected.length} rejected.`);
      if (totals.orphans.length) console.log(`Tracking numbers with no shipment in ${shop.slug} (stored as orphans): ${totals.orphans.slice(0, 20).join(", ")}${totals.orphans.length > 20 ? ", ..." : ""}`);
      for (const r of totals.rejected.slice(0, 50)) console.log(`  line ${r.line}: ${r.message}`);
      if (totals.rejected.length > 50) console.log(`  ... and ${totals.rejected.length - 50} more (use --json for all)`);
    }
    return totals.rejected.length && !totals.stored && !totals.duplicates ? 1 : 0;
  },
);

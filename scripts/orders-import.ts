// npm run orders:import -- --shop <slug> --file <path> [--preset auto|tiktok|shopify|generic] [--dry-run] [--json]
// Imports an order CSV through the same code path as the web import. Running it again on a file
// whose import was interrupted resumes that import. Exit codes: 0 processed (even with rejected
// orders), 1 failed while working, 2 unusable input (missing file, not a CSV, unknown shop).
import { AppError } from "../app/lib/errors";
import { importOrdersFromFile, type ImportSummary } from "../app/modules/imports/run.server";
import { isPresetId, type PresetId } from "../app/modules/imports/presets";
import { cliArgs, runCli, UsageError } from "./lib/cli";

const usage = "npm run orders:import -- --shop <slug> --file <path> [--preset auto|tiktok|shopify|generic] [--dry-run] [--json]";

await runCli(
  () => {
    const { values, positionals } = cliArgs(
      {
        shop: { type: "string" },
        file: { type: "string" },
        preset: { type: "string" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
      },
      usage,
    );
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".\nUsage: ${usage}`);
    if (!values.shop) throw new UsageError(`--shop <slug> is required.\nUsage: ${usage}`);
    if (!values.file) throw new UsageError(`--file <path> is required.\nUsage: ${usage}`);
    const preset = values.preset ?? "auto";
    if (preset !== "auto" && !isPresetId(preset)) {
      throw new UsageError(`--preset must be auto, tiktok, shopify or generic (got "${preset}").`);
    }
    return { shop: values.shop, file: values.file, preset: preset as "auto" | PresetId, dryRun: Boolean(values["dry-run"]), json: Boolean(values.json) };
  },
  async (args, ctx) => {
    const { scope } = await ctx.shop(args.shop);
    let summary: ImportSummary;
    try {
      summary = await importOrdersFromFile(scope, { path: args.file, preset: args.preset, actorUserId: null, dryRun: args.dryRun });
    } catch (error) {
      // Unusable input is one line on stderr and exit code 2 (runCli's rule for AppError < 500).
      if (error instanceof AppError && error.status < 500) throw new UsageError(error.message);
      throw error;
    }
    if (args.json) {
      writeJson(summary);
      return 0;
    }
    const o = summary.orders;
    const what = args.dryRun ? "Dry run (nothing written)" : `Import #${summary.batchId}`;
    console.log(`${what}: ${summary.records} rows read with the ${summary.preset} preset.`);
    console.log(`Orders: ${o.created} created, ${o.updated} updated, ${o.unchanged} unchanged, ${o.rejected} rejected.`);
    if (summary.errors.length) {
      console.log(`${summary.errors.length} row error${summary.errors.length === 1 ? "" : "s"}:`);
      for (const e of summary.errors.slice(0, 50)) console.log(`  line ${e.line}${e.column ? ` [${e.column}]` : ""} ${e.code}: ${e.message}`);
      if (summary.errors.length > 50) console.log(`  ... and ${summary.errors.length - 50} more (see the error report on the import history page).`);
    }
    return 0;
  },
);

/** One JSON object on stdout, written a piece at a time so a long error list never sits in memory twice. */
function writeJson(summary: ImportSummary) {
  const { errors, ...head } = summary;
  const opening = JSON.stringify({ ...head, errors: [] }, null, 2).replace(/\[\]\n\}$/, "[");
  let out = opening;
  errors.forEach((e, i) => {
    out += `${i ? "," : ""}\n    ${JSON.stringify({ line: e.line, column: e.column, code: e.code, message: e.message })}`;
    if (out.length > 1 << 16) {
      process.stdout.write(out);
      out = "";
    }
  });
  out += errors.length ? "\n  ]\n}\n" : "]\n}\n";
  process.stdout.write(out);
}

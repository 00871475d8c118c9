// npm run labels:generate -- --shop <slug> (--orders <id,...> | --all-ready) --format pdf|zpl [--layout 4x6|letter]
//   [--packing-slips] --out <file> [--json]
// Labels the orders (named by marketplace order id) in one batch, the same code path as the web app,
// writes the merged print file, and lists what was generated and what was skipped with the reason.
import { existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateLabels, labelBatchFile, resolveExternalOrderIds } from "../app/modules/labels/batches.server";
import { shopLabelContext } from "../app/modules/labels/label-data.server";
import { labelFormatSchema, labelLayoutSchema } from "../app/modules/labels/schemas";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage =
  "npm run labels:generate -- --shop <slug> (--orders <id,...> | --all-ready) --format pdf|zpl [--layout 4x6|letter] [--packing-slips] --out <file> [--json]";

await runCli(
  () => {
    const { values } = cliArgs(
      {
        shop: { type: "string" },
        orders: { type: "string" },
        "all-ready": { type: "boolean" },
        format: { type: "string" },
        layout: { type: "string" },
        "packing-slips": { type: "boolean" },
        out: { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    if (!values.shop) throw new UsageError(`--shop <slug> is required.\nUsage: ${usage}`);
    if (Boolean(values.orders) === Boolean(values["all-ready"])) throw new UsageError(`Give either --orders <id,...> or --all-ready.\nUsage: ${usage}`);
    const orders = values.orders ? values.orders.split(",").map((s) => s.trim()).filter(Boolean) : [];
    if (values.orders !== undefined && orders.length === 0) throw new UsageError("--orders needs at least one marketplace order id.");
    const format = labelFormatSchema.safeParse(values.format);
    if (!format.success) throw new UsageError(`--format: ${values.format === undefined ? "is required" : format.error.issues[0].message}.\nUsage: ${usage}`);
    const layout = values.layout === undefined ? null : labelLayoutSchema.safeParse(values.layout);
    if (layout && !layout.success) throw new UsageError(`--layout: ${layout.error.issues[0].message}.`);
    if (layout?.success && format.data === "zpl" && layout.data === "letter") throw new UsageError("--layout letter is for PDF; ZPL labels are always 4x6.");
    if (!values.out) throw new UsageError(`--out <file> is required.\nUsage: ${usage}`);
    const out = path.resolve(values.out);
    const dir = path.dirname(out);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--out: the folder ${dir} does not exist.`);
    if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--out: ${out} is a folder; give a file name.`);
    return { shop: values.shop, orders, allReady: Boolean(values["all-ready"]), format: format.data, layout: layout?.success ? layout.data : null, packingSlips: Boolean(values["packing-slips"]), out, json: Boolean(values.json) };
  },
  async (args, ctx) => {
    const { scope } = await ctx.shop(args.shop);
    const defaults = (await shopLabelContext(scope)).settings.labels;
    const resolved = args.allReady ? { orderIds: [], unknown: [] } : await resolveExternalOrderIds(scope, args.orders);
    const result = await generateLabels(scope, {
      format: args.format,
      layout: args.format === "zpl" ? "4x6" : (args.layout ?? defaults.layout),
      packingSlips: args.packingSlips,
      actorUserId: null,
      allReady: args.allReady,
      orderIds: resolved.orderIds,
      unknownExternalIds: resolved.unknown,
    });
    if (result.file) {
      // Writing the file is printing it: the same history entries as a download in the app.
      const file = await labelBatchFile(scope, result.batchId, { actorUserId: null });
      writeFileSync(args.out, file.bytes);
    }
    if (args.json) {
      printJson({ generated: result.generated, skipped: result.skipped });
    } else {
      console.log(
        result.file
          ? `Wrote ${result.generated.length} ${result.generated.length === 1 ? "label" : "labels"} to ${args.out} (batch ${result.batchId}).`
          : "No labels were generated; nothing was written.",
      );
      for (const g of result.generated) console.log(`  ${g.orderId}  ${g.carrier} ${g.service}  ${g.trackingNumber}  page ${g.page}`);
      if (result.skipped.length) console.log(`Skipped ${result.skipped.length}:`);
      for (const s of result.skipped) console.log(`  ${s.orderId}  ${s.reason}`);
    }
    if (!result.file) process.stderr.write("No labels were generated; no file was written.\n");
  },
);

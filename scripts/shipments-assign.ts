// npm run shipments:assign -- --shop <slug> [--orders <id,...> | --all-unassigned] [--carrier <code> --service <code>] [--json]
// Assigns carriers and services to orders (named by their marketplace order ids), by the shop's
// rules or one chosen service; orders a service cannot take are refused with the reason.
import { assignCarriers, type AssignMethod, type AssignTarget } from "../app/modules/carriers/assign.server";
import { formatDay } from "../app/modules/carriers/edd";
import { ALL_SERVICES, CARRIERS, findService, isCarrierCode, serviceName } from "../app/modules/carriers/registry";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage =
  "npm run shipments:assign -- --shop <slug> [--orders <id,...> | --all-unassigned] [--carrier <code> --service <code>] [--json]";

await runCli(
  () => {
    const { values, positionals } = cliArgs(
      {
        shop: { type: "string" },
        orders: { type: "string" },
        "all-unassigned": { type: "boolean" },
        carrier: { type: "string" },
        service: { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".\nUsage: ${usage}`);
    if (!values.shop) throw new UsageError(`--shop <slug> is required.\nUsage: ${usage}`);
    const all = Boolean(values["all-unassigned"]);
    if (all === (values.orders !== undefined)) {
      throw new UsageError(`Give either --orders <id,...> or --all-unassigned.\nUsage: ${usage}`);
    }
    let target: AssignTarget = { allUnassigned: true };
    if (!all) {
      const ids = (values.orders ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      if (ids.length === 0) throw new UsageError("--orders needs at least one marketplace order id (comma-separated).");
      target = { externalIds: ids };
    }
    let method: AssignMethod = { by: "rules" };
    if (values.carrier !== undefined || values.service !== undefined) {
      if (!values.carrier || !values.service) throw new UsageError("--carrier and --service go together.");
      const carrier = values.carrier.toLowerCase();
      if (!isCarrierCode(carrier)) {
        throw new UsageError(`Unknown carrier "${values.carrier}"; use one of ${Object.values(CARRIERS).filter((c) => c.services.length).map((c) => c.code).join(", ")}.`);
      }
      if (!findService(carrier, values.service)) {
        const codes = ALL_SERVICES.filter((s) => s.carrier === carrier).map((s) => s.code);
        throw new UsageError(`Unknown ${CARRIERS[carrier].name} service "${values.service}"; use one of ${codes.join(", ")}.`);
      }
      method = { by: "service", carrier, service: values.service };
    }
    return { shop: values.shop, target, method, json: Boolean(values.json) };
  },
  async (args, ctx) => {
    const { scope } = await ctx.shop(args.shop);
    const result = await assignCarriers(scope, { actorUserId: null, target: args.target, method: args.method, via: "cli" });
    if (args.json) {
      printJson({
        assigned: result.assigned.map((a) => ({ orderId: a.externalId, carrier: a.carrier, service: a.service, edd: a.edd })),
        refused: result.refused.map((r) => ({ orderId: r.externalId || String(r.orderId), reason: r.reason })),
      });
      return;
    }
    for (const a of result.assigned) {
      console.log(`${a.externalId}  ${serviceName(a.carrier, a.service)}  ships ${formatDay(a.shipDate)}, arrives by ${formatDay(a.edd)}${a.rule ? `  (rule "${a.rule.name}")` : ""}`);
    }
    for (const r of result.refused) console.log(`${r.externalId || r.orderId}  REFUSED  ${r.reason}`);
    console.log(`Assigned ${result.assigned.length} order${result.assigned.length === 1 ? "" : "s"}; refused ${result.refused.length}.`);
  },
);

// npm run exceptions:list -- --shop <slug> [--status open] [--type <type>] [--carrier <code>] [--sla overdue] [--json]
// Lists a shop's exception cases, soonest SLA first, with the same filters as the queue page.
// --status is a case state (open, investigating, waiting_on_carrier, waiting_on_buyer, resolved), or
// "unresolved" (the default: every state but resolved) or "all". Orders are named by marketplace id.
import { allCases } from "../app/modules/exceptions/queue.server";
import { parseQueueQuery } from "../app/modules/exceptions/queue-query";
import { slaState } from "../app/modules/exceptions/sla";
import { carrierName } from "../app/modules/carriers/registry";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage =
  "npm run exceptions:list -- --shop <slug> [--status unresolved|open|investigating|waiting_on_carrier|waiting_on_buyer|resolved|all] [--type <type>] [--carrier <code>] [--sla overdue|due_today|ok] [--json]";

await runCli(
  () => {
    const { values, positionals } = cliArgs(
      {
        shop: { type: "string" },
        status: { type: "string" },
        type: { type: "string" },
        carrier: { type: "string" },
        sla: { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".\nUsage: ${usage}`);
    if (!values.shop) throw new UsageError(`--shop <slug> is required.\nUsage: ${usage}`);
    const params = new URLSearchParams();
    for (const key of ["status", "type", "carrier", "sla"] as const) {
      const value = values[key];
      if (value !== undefined) {
        if (!value.trim()) throw new UsageError(`--${key} needs a value.\nUsage: ${usage}`);
        params.set(key, value);
      }
    }
    const { query, problems } = parseQueueQuery(params);
    if (problems.length) throw new UsageError(`${problems.map((p) => `--${p}`).join("\n")}\nUsage: ${usage}`);
    return { shop: values.shop, json: Boolean(values.json), query };
  },
  async (args, cli) => {
    const { shop, scope } = await cli.shop(args.shop);
    const now = new Date();
    const ctx = { userId: null, now, timeZone: shop.time_zone };
    const cases = [];
    for await (const row of allCases(scope, args.query, ctx)) {
      cases.push({
        id: row.id,
        type: row.type,
        state: row.state,
        severity: row.severity,
        orderId: row.orderExternalId,
        trackingNumber: row.trackingNumber,
        carrier: row.carrierCode,
        assignee: row.assigneeEmail,
        openedAt: row.openedAt.toISOString(),
        slaDueAt: row.slaDueAt.toISOString(),
        overdue: row.state !== "resolved" && slaState(row.slaDueAt, now, shop.time_zone) === "overdue",
      });
    }
    if (args.json) {
      printJson(cases);
      return;
    }
    if (cases.length === 0) {
      console.log(`No cases in ${shop.slug} match.`);
      return;
    }
    const table = cases.map((c) => [
      String(c.id),
      c.type,
      c.state,
      c.severity,
      c.orderId,
      `${carrierName(c.carrier)} ${c.trackingNumber}`,
      c.assignee ?? "-",
      c.slaDueAt.slice(0, 16).replace("T", " ") + (c.overdue ? " OVERDUE" : ""),
    ]);
    const header = ["case", "type", "state", "severity", "order", "shipment", "assignee", "SLA due (UTC)"];
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
    console.log(line(header));
    for (const r of table) console.log(line(r));
    const overdue = cases.filter((c) => c.overdue).length;
    console.log(`\n${cases.length} case${cases.length === 1 ? "" : "s"}, ${overdue} overdue.`);
  },
);

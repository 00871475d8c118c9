// npm run db:seed: create the demo shop, its users (one per role) and a few hundred orders.
import { describeSeed, seedDemo } from "../db/seed/seed-demo";
import { cliArgs, runCli, UsageError } from "./lib/cli";

const usage = "npm run db:seed -- [--orders 300]";

await runCli(
  () => {
    const { values } = cliArgs({ orders: { type: "string" } }, usage);
    const orders = values.orders === undefined ? 300 : Number(values.orders);
    if (!Number.isInteger(orders) || orders < 0 || orders > 100_000) {
      throw new UsageError("--orders must be a whole number between 0 and 100000.");
    }
    return { orders };
  },
  async ({ orders }, { handle }) => {
    console.log(describeSeed(await seedDemo(handle.db, { orders })));
  },
);

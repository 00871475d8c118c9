// npm run shops:create -- --slug <slug> --name <name> [--time-zone <tz>] [--owner <email> [--owner-name <name>]]
// Creates a shop; with --owner, also an owner account (a new one gets a generated password, printed once).
import { randomBytes } from "node:crypto";
import { addMember, createShop, createUser, findUserByEmail } from "../app/modules/shops/shops.server";
import { cliArgs, printJson, runCli, UsageError } from "./lib/cli";

const usage = "npm run shops:create -- --slug <slug> --name <name> [--time-zone <tz>] [--owner <email>] [--json]";

await runCli(
  () => {
    const { values } = cliArgs(
      {
        slug: { type: "string" },
        name: { type: "string" },
        "time-zone": { type: "string" },
        owner: { type: "string" },
        "owner-name": { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    if (!values.slug || !values.name) throw new UsageError(`--slug and --name are required.\nUsage: ${usage}`);
    return { ...values, slug: values.slug, name: values.name };
  },
  async (args, { handle }) => {
    const shop = await createShop(handle.db, { slug: args.slug, name: args.name, timeZone: args["time-zone"] });
    let owner: { email: string; password: string | null } | null = null;
    if (args.owner) {
      const existing = await findUserByEmail(handle.db, args.owner);
      let password: string | null = null;
      let userId = existing?.id;
      if (!userId) {
        password = randomBytes(12).toString("base64url");
        const name = args["owner-name"] ?? args.owner.split("@")[0];
        userId = (await createUser(handle.db, { email: args.owner, name, password })).id;
      }
      await addMember(handle.db, shop.id, userId, "owner");
      owner = { email: args.owner.toLowerCase(), password };
    }
    if (args.json) {
      printJson({ id: shop.id, slug: shop.slug, name: shop.name, owner });
      return;
    }
    console.log(`Created shop "${shop.name}" (slug ${shop.slug}).`);
    if (owner) console.log(owner.password ? `Owner ${owner.email} password: ${owner.password}` : `Added ${owner.email} as owner.`);
  },
);

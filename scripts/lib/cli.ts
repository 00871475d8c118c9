// What every ops command shares: argument parsing with one-line errors, opening (and migrating)
// the configured database, finding the shop by slug, and exit codes: 0 done, 1 failed while
// working, 2 unusable input (bad arguments, missing file, unknown shop).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { type DatabaseHandle, DatabaseUnavailableError, openAppDatabase } from "../../app/lib/db.server";
import { EnvError } from "../../app/lib/env.server";
import { AppError } from "../../app/lib/errors";
import { migrateToLatest } from "../../app/lib/migrate.server";
import { forShop, type ShopScope } from "../../app/lib/tenancy.server";
import { findShopBySlug } from "../../app/modules/shops/shops.server";
import type { Shop } from "../../db/types";

/** Unusable input: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export function cliArgs<T extends NonNullable<ParseArgsConfig["options"]>>(options: T, usage: string, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]}\nUsage: ${usage}`);
  }
}

export interface CliContext {
  handle: DatabaseHandle;
  /** The shop named by --shop, with its scope. */
  shop(slug: string | undefined): Promise<{ shop: Shop; scope: ShopScope }>;
}

/**
 * Parses the arguments (before touching the database, so bad input fails fast), opens and migrates
 * the database, runs `main`, and exits with its code.
 */
export async function runCli<A>(
  parse: () => A,
  main: (args: A, ctx: CliContext) => Promise<number | void>,
): Promise<never> {
  let handle: DatabaseHandle | undefined;
  let code = 0;
  try {
    const args = parse();
    handle = await openAppDatabase();
    await migrateToLatest(handle.db);
    const h = handle;
    const ctx: CliContext = {
      handle: h,
      async shop(slug) {
        if (!slug) throw new UsageError("--shop <slug> is required.");
        const shop = await findShopBySlug(h.db, slug);
        if (!shop) throw new UsageError(`No shop with the slug "${slug}".`);
        return { shop, scope: forShop(h.db, shop.id) };
      },
    };
    code = (await main(args, ctx)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      code = 2;
    } else if (error instanceof DatabaseUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      code = 1;
    } else if (error instanceof AppError) {
      process.stderr.write(`${error.message}\n`);
      code = error.status < 500 ? 2 : 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      code = 1;
    }
  } finally {
    await handle?.close().catch(() => {});
  }
  return exitWhenWritten(code);
}

/**
 * Ends the process with `code` once everything written to stdout and stderr has reached the reader.
 * `process.exit()` right after a large write cuts a piped stdout at 64-128 KiB (a file or terminal
 * gets it all), which breaks `--json | jq`; so wait for both streams to flush, however slowly the
 * reader drains the pipe, and only then exit (something may still hold the event loop open).
 */
export async function exitWhenWritten(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  // Writes are ordered: the callback of an empty write runs after every earlier write is handed on.
  return new Promise((resolve) => stream.write("", () => resolve()));
}

// A reader that stops early (`... --json | head`) is not an error of ours: stop quietly, as `cat` does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Prints a value as one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

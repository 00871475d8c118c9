// The single database client. With DATABASE_URL it talks to PostgreSQL through `pg`; without it,
// to an embedded PostgreSQL (PGlite) kept in DATA_DIR, through PGlite's node-postgres adapter, so
// both back ends share one driver, one dialect and the same type parsing.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction, sql } from "kysely";
import pg from "pg";
import type { Database } from "../../db/types";
import { env } from "./env.server";

// int8 (ids, counts) as numbers: every id and count we store is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// numeric (averages, percentiles) as numbers; we keep money and weights as integers anyway.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// date stays "YYYY-MM-DD": a calendar day has no time zone, and a JS Date would invent one.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DB = Kysely<Database>;
export type Queryable = Kysely<Database> | Transaction<Database>;
export type Backend = "pglite" | "postgres";

export interface DatabaseHandle {
  db: DB;
  backend: Backend;
  /** Where the data lives, for log lines: a host:port/db or a folder. */
  location: string;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {}

export interface OpenOptions {
  /** A postgres:// URL; when absent the embedded database is used. */
  url?: string;
  /** Folder for the embedded database, or "memory" for a throwaway one (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const handle = options.url ? openPostgres(options.url, options.poolSize) : await openPglite(options.dataDir ?? "memory");
  try {
    await sql`select 1`.execute(handle.db);
  } catch (error) {
    await handle.close().catch(() => {});
    throw new DatabaseUnavailableError(describeConnectError(error, handle.location));
  }
  return handle;
}

function openPostgres(url: string, poolSize = 10): DatabaseHandle {
  const parsed = new URL(url);
  const location = `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error(`PostgreSQL connection error (${location}): ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, backend: "postgres", location, close: () => db.destroy() };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  // Loaded only when used: a PostgreSQL deployment never pays for the WASM module's memory.
  const [{ PGlite }, { createPgConfig }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/node-postgres"),
  ]);
  const memory = dataDir === "memory";
  let release = () => {};
  let pglite: PGlite;
  if (memory) {
    pglite = new PGlite();
  } else {
    const dir = path.resolve(dataDir, "pglite");
    // PGlite creates its folder non-recursively.
    mkdirSync(path.dirname(dir), { recursive: true });
    release = lockDataDir(path.dirname(dir));
    pglite = new PGlite(dir);
  }
  // PGlite is one connection: a pool of one queues every query behind the previous one.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: "pglite",
    location: memory ? "memory" : path.resolve(dataDir),
    close: async () => {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

/** Two processes opening one embedded database corrupt it; the lock file turns that into a message. */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, "pglite.lock");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new DatabaseUnavailableError(
        `The embedded database in ${dir} is in use by another process (pid ${pid}). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
  }
  const fd = openSync(file, "w");
  writeSync(fd, String(process.pid));
  closeSync(fd);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rmSync(file, { force: true });
  };
  process.once("exit", release);
  return release;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function describeConnectError(error: unknown, location: string): string {
  const e = error as NodeJS.ErrnoException & { message?: string };
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: "host not found",
    ETIMEDOUT: "timed out",
    EHOSTUNREACH: "host unreachable",
    "28P01": "password authentication failed",
    "3D000": "database does not exist",
  };
  const code = e?.code ?? "";
  const reason = reasons[code] ?? (e?.message || String(error)).split("\n")[0];
  return `Cannot connect to the database at ${location}: ${reason}.`;
}

declare global {
  // eslint-disable-next-line no-var
  var __parcelDeskDb: DatabaseHandle | undefined;
  // eslint-disable-next-line no-var
  var __parcelDeskDbOpening: Promise<DatabaseHandle> | undefined;
}

/**
 * The process-wide database (kept on globalThis so the dev server's module reloads and the server
 * bundle share one client). The server entry opens it and runs migrations before serving.
 */
export function db(): DB {
  const handle = globalThis.__parcelDeskDb;
  if (!handle) throw new Error("The database is not open yet: call openAppDatabase() at start-up.");
  return handle.db;
}

export function appDatabase(): DatabaseHandle | undefined {
  return globalThis.__parcelDeskDb;
}

/** Opens the configured database once per process (DATABASE_URL, else PGlite in DATA_DIR). */
export function openAppDatabase(): Promise<DatabaseHandle> {
  if (globalThis.__parcelDeskDb) return Promise.resolve(globalThis.__parcelDeskDb);
  globalThis.__parcelDeskDbOpening ??= (async () => {
    const config = env();
    const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    globalThis.__parcelDeskDb = handle;
    return handle;
  })().finally(() => {
    globalThis.__parcelDeskDbOpening = undefined;
  });
  return globalThis.__parcelDeskDbOpening;
}

/** Lets tests and scripts install a database they opened themselves. */
export function useDatabase(handle: DatabaseHandle | undefined): void {
  globalThis.__parcelDeskDb = handle;
}

/** `= any($1::int8[])`: one parameter for a list of ids of any length. */
export function anyId(ids: readonly number[]) {
  return sql<number>`any(${ids as number[]}::int8[])`;
}

/** A list cut into slices of at most `size`: a statement takes at most 65,535 parameters. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

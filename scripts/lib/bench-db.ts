// The database a benchmark measures on: BENCH_DATABASE_URL or DATABASE_URL when set (it must be
// empty or disposable), otherwise a fresh database created on the local PostgreSQL server
// (BENCH_SERVER_URL, default postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end.
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface BenchDatabase {
  url: string;
  /** The database this run created, or null when it was given. */
  created: string | null;
  /** Drops the created database (unless `keep`, which prints its name instead); nothing for a given one. */
  finish(options?: { keep?: boolean; log?: (line: string) => void }): Promise<void>;
}

const SERVER = process.env.BENCH_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER });
  try {
    await client.connect();
  } catch (error) {
    const host = new URL(SERVER).host;
    throw new Error(`No PostgreSQL answers at ${host} (${(error as Error).message}); start it, or set BENCH_DATABASE_URL.`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `name` goes into the created database's name: pdbench_<name>_<random>. */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (given) return { url: given, created: null, finish: async () => {} };
  const created = `pdbench_${name}_${randomBytes(3).toString("hex")}`;
  await admin((c) => c.query(`create database ${created}`));
  const url = new URL(SERVER);
  url.pathname = `/${created}`;
  return {
    url: url.toString(),
    created,
    async finish({ keep = false, log = console.log } = {}) {
      if (keep) {
        log(`kept database ${created}`);
        return;
      }
      await admin((c) => c.query(`drop database if exists ${created} with (force)`));
    },
  };
}

/** Runs one step of a benchmark's setup, printing its label and how long it took. */
export async function step<T>(label: string, work: () => Promise<T>, quiet = false): Promise<T> {
  const started = Date.now();
  if (!quiet) process.stdout.write(`${label} ... `);
  const result = await work();
  if (!quiet) console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

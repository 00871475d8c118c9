// Global set-up of the integration-postgres project: one migrated template database per run; each
// test file then gets a fresh copy (CREATE DATABASE ... TEMPLATE), and every database made by the
// run is dropped at the end.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../app/lib/db.server";
import { migrateToLatest } from "../../app/lib/migrate.server";

export function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const run = `pdt_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const template = `${run}_tpl`;
  await adminQuery(`create database ${template}`);
  const handle = await openDatabase({ url: databaseUrl(serverUrl(), template), poolSize: 1 });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide("pgRun", run);
  return async () => {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${run}%`]);
    for (const row of rows) await client.query(`drop database if exists ${row.datname} with (force)`);
    await client.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgRun: string;
  }
}

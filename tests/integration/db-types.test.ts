// db/types.ts is written by hand (it carries what a generator cannot know: the status unions, the
// JSON shapes, `date` as "YYYY-MM-DD"), so this test keeps it honest against the migrated schema
// itself, on each back end: every table and column the migrations create is declared and nothing
// else; a column is nullable in the types exactly when it is in the database; a column the types
// let an insert leave out has a default (or may be null); and each column's TypeScript type is the
// one the driver hands back for its SQL type (app/lib/db.server.ts sets the parsers). The types are
// read with the TypeScript checker, the schema from information_schema.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { backend, openTestDatabase } from "./db";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** What the driver returns for each SQL type, as the kind of TypeScript type that must declare it. */
const KIND_OF_UDT: Record<string, Kind> = {
  int2: "number",
  int4: "number",
  int8: "number",
  float4: "number",
  float8: "number",
  numeric: "number",
  text: "string",
  varchar: "string",
  bpchar: "string",
  uuid: "string",
  inet: "string",
  date: "string",
  timestamptz: "Date",
  timestamp: "Date",
  bool: "boolean",
  bytea: "Buffer",
  _text: "string[]",
  json: "json",
  jsonb: "json",
};
type Kind = "number" | "string" | "Date" | "boolean" | "Buffer" | "string[]" | "json";

interface DeclaredColumn {
  kinds: Set<Kind | "null" | "other">;
  optionalOnInsert: boolean;
  text: string;
}

/** Selectable and Insertable of every table of `Database`, as the checker resolves them. */
function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const probe = path.join(root, "db/__types_probe.ts");
  const source = `import type { Insertable, Selectable } from "kysely";
import type { Database } from "./types";
export declare const selected: { [T in keyof Database]: Selectable<Database[T]> };
export declare const inserted: { [T in keyof Database]: Insertable<Database[T]> };
`;
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, noEmit: true, types: ["node"] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (name, version, ...rest) => (path.resolve(name) === probe ? ts.createSourceFile(name, source, version) : read(name, version, ...rest));
  host.fileExists = ((exists) => (name: string) => path.resolve(name) === probe || exists(name))(host.fileExists);
  const program = ts.createProgram({ rootNames: [probe], options, host });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(probe)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(file)!);
  const typeOf = (name: string) => checker.getTypeOfSymbol(exports.find((s) => s.name === name)!);

  const kindsOf = (type: ts.Type): Set<DeclaredColumn["kinds"] extends Set<infer K> ? K : never> => {
    const out = new Set<Kind | "null" | "other">();
    for (const t of type.isUnion() ? type.types : [type]) {
      if (t.flags & ts.TypeFlags.Null) out.add("null");
      else if (t.flags & ts.TypeFlags.Undefined) continue;
      else if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) out.add("number");
      else if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) out.add("string");
      else if (t.flags & ts.TypeFlags.BooleanLiteral || t.flags & ts.TypeFlags.Boolean) out.add("boolean");
      else if (checker.isArrayType(t)) {
        const element = checker.getTypeArguments(t as ts.TypeReference)[0];
        out.add(element.flags & ts.TypeFlags.String ? "string[]" : "json");
      } else if (t.getSymbol()?.name === "Date") out.add("Date");
      else if (t.getSymbol()?.name === "Buffer") out.add("Buffer");
      else if (t.flags & ts.TypeFlags.Object) out.add("json");
      else out.add("other");
    }
    return out;
  };

  const schema = new Map<string, Map<string, DeclaredColumn>>();
  const selected = typeOf("selected");
  const inserted = typeOf("inserted");
  for (const table of selected.getProperties()) {
    const columns = new Map<string, DeclaredColumn>();
    const selectType = checker.getTypeOfSymbol(table);
    const insertType = checker.getTypeOfSymbol(inserted.getProperty(table.name)!);
    for (const column of selectType.getProperties()) {
      const type = checker.getTypeOfSymbol(column);
      const insertSymbol = insertType.getProperty(column.name);
      columns.set(column.name, {
        kinds: kindsOf(type),
        optionalOnInsert: Boolean(insertSymbol && insertSymbol.flags & ts.SymbolFlags.Optional),
        text: checker.typeToString(type),
      });
    }
    schema.set(table.name, columns);
  }
  return schema;
}

interface DatabaseColumn {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  has_default: boolean;
}

let handle: DatabaseHandle;
let actual: DatabaseColumn[];
let declared: Map<string, Map<string, DeclaredColumn>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  const rows = await sql<DatabaseColumn>`
    select c.table_name, c.column_name, c.udt_name, c.is_nullable,
      (c.column_default is not null or c.is_identity = 'YES' or c.is_generated = 'ALWAYS') as has_default
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.table_name not like 'kysely_migration%'
    order by c.table_name, c.ordinal_position`.execute(handle.db);
  actual = rows.rows;
  declared = declaredSchema();
}, 120_000);
afterAll(() => handle?.close());

describe(`db/types.ts against the migrated schema on ${backend}`, () => {
  it("reads both sides (sanity)", () => {
    expect(actual.length).toBeGreaterThan(200);
    expect(declared.get("shipments")?.get("status")?.kinds).toEqual(new Set(["string"]));
  });

  it("declares every table and column the migrations create, and nothing else", () => {
    const inDatabase = [...new Set(actual.map((c) => `${c.table_name}.${c.column_name}`))].sort();
    const inTypes = [...declared].flatMap(([table, columns]) => [...columns.keys()].map((c) => `${table}.${c}`)).sort();
    expect({ missingFromTypes: inDatabase.filter((c) => !inTypes.includes(c)), notInDatabase: inTypes.filter((c) => !inDatabase.includes(c)) }).toEqual({
      missingFromTypes: [],
      notInDatabase: [],
    });
  });

  it("gives each column the nullability, insert optionality and TypeScript type its SQL column has", () => {
    const problems: string[] = [];
    for (const c of actual) {
      const d = declared.get(c.table_name)?.get(c.column_name);
      if (!d) continue; // reported by the test above
      const name = `${c.table_name}.${c.column_name} (${c.udt_name}${c.is_nullable === "YES" ? " null" : ""}) declared as ${d.text}`;
      const nullable = c.is_nullable === "YES";
      if (nullable !== d.kinds.has("null")) problems.push(`${name}: ${nullable ? "nullable in the database" : "not null in the database"}`);
      if (d.optionalOnInsert && !c.has_default && !nullable) problems.push(`${name}: optional on insert, but the column has no default`);
      const expected = KIND_OF_UDT[c.udt_name];
      if (!expected) problems.push(`${name}: SQL type ${c.udt_name} has no TypeScript kind in this test yet`);
      else {
        const kinds = [...d.kinds].filter((k) => k !== "null");
        // JSON columns may hold any shape; every other column must be exactly its driver type.
        if (expected === "json" ? kinds.some((k) => k === "other") : kinds.length !== 1 || kinds[0] !== expected) {
          problems.push(`${name}: the driver returns ${expected}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

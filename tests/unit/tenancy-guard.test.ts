// The tenancy rule, enforced: no code outside app/lib/tenancy.server.ts may query a shop table
// through a raw Kysely client, transaction or expression builder; it must go through a ShopScope.
// The TypeScript checker tells the two apart by the receiver's type, so renaming a variable cannot
// slip past this test. Route files must not query at all (SQL lives in module *.server.ts files).
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { SHOP_TABLES } from "../../db/types";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const QUERY_METHODS = new Set(["selectFrom", "updateTable", "deleteFrom", "insertInto", "mergeInto", "replaceInto"]);
const RAW_RECEIVERS = new Set(["Kysely", "Transaction", "ControlledTransaction", "ExpressionBuilder", "QueryCreator"]);
const ALLOWED = new Set(["app/lib/tenancy.server.ts"]);
const shopTables = new Set<string>(SHOP_TABLES);

function program(): ts.Program {
  const configPath = path.join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
}

function tableOf(arg: ts.Expression | undefined): string | null {
  if (!arg || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) return null;
  return arg.text.split(/\s+as\s+/i)[0].trim();
}

describe("tenancy guard", () => {
  it("finds no raw query of a shop table outside the tenancy helper", { timeout: 120_000 }, () => {
    const prog = program();
    const checker = prog.getTypeChecker();
    const violations: string[] = [];
    const routeQueries: string[] = [];
    for (const file of prog.getSourceFiles()) {
      const rel = path.relative(root, file.fileName).split(path.sep).join("/");
      if (rel.startsWith("node_modules") || rel.startsWith("..") || rel.startsWith("tests/") || ALLOWED.has(rel)) continue;
      const isRoute = rel.startsWith("app/routes/");
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
          const method = node.expression.name.text;
          if (QUERY_METHODS.has(method)) {
            const where = `${rel}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
            if (isRoute) routeQueries.push(`${where} ${method}`);
            const table = tableOf(node.arguments[0]);
            if (table && shopTables.has(table)) {
              // The symbol's own name sees through aliases such as `type DB = Kysely<Database>`.
              const type = checker.getTypeAtLocation(node.expression.expression);
              const names = [type.getSymbol(), type.aliasSymbol, ...(type.isUnion() ? type.types.map((t) => t.getSymbol()) : [])]
                .map((s) => s?.getName())
                .filter((n): n is string => Boolean(n));
              const raw = names.find((n) => RAW_RECEIVERS.has(n));
              if (raw) violations.push(`${where} ${method}("${table}") on ${raw}`);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(violations, "query shop tables through forShop()/ShopScope").toEqual([]);
    expect(routeQueries, "routes call module functions; SQL lives in *.server.ts modules").toEqual([]);
  });
});

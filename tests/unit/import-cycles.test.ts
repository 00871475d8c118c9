// No import cycles in app/, at two levels: between files (type-only imports count too: a cycle of
// types still ties two files together for whoever changes one of them), and between the domain
// modules (app/modules/<domain>, app/lib, app/components/<area>, each route), so the module map in
// README stays a layering a newcomer can read top to bottom. And app/lib, the cross-cutting layer,
// imports no domain module. The import graph comes from the TypeScript compiler's own module
// resolution (the project's tsconfig, so `~/` paths resolve as in the build).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const app = path.join(root, "app");

/**
 * lib -> module imports still allowed, each with its way out. The route guard asks the auth module's
 * policy (`can`); it moves into app/modules/auth once the account work of issue 13 has landed there.
 */
const LIB_EXCEPTIONS = new Set(["app/lib/guard.server.ts -> app/modules/auth/permissions.ts"]);

type Graph = Map<string, string[]>;

/** Strongly connected components with more than one node (or a node importing itself): the cycles. */
export function cyclesOf(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The edges inside each cycle, one line each, so a failure names the imports to untangle. */
function describeCycles(graph: Graph, cycles: string[][], why?: Map<string, string[]>): string[] {
  return cycles.map((members) => {
    const inside = new Set(members);
    const edges = members.flatMap((a) =>
      (graph.get(a) ?? []).filter((b) => inside.has(b)).map((b) => `  ${a} -> ${b}${why ? `  (${(why.get(`${a} -> ${b}`) ?? []).slice(0, 3).join("; ")})` : ""}`),
    );
    return [`cycle of ${members.length}: ${members.join(", ")}`, ...edges].join("\n");
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");

/** Every import and re-export (static, `import type` included, and `import()`) of app/ files, resolved. */
function fileGraph(): Graph {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const graph: Graph = new Map();
  for (const file of sourceFiles(app)) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const deps = new Set<string>();
    for (const imported of info.importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, file, options, host).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && resolved.resolvedFileName.startsWith(app + path.sep)) deps.add(rel(resolved.resolvedFileName));
    }
    graph.set(rel(file), [...deps].sort());
  }
  return graph;
}

/**
 * app/modules/tracking/status.ts -> "modules/tracking"; app/lib/db.server.ts -> "lib"; app/root.tsx ->
 * "app". Each route is a module of its own: a component may type its fetcher by the loader of the
 * route it calls (`useFetcher<typeof loader>`), as long as that route does not import it back.
 */
function moduleOf(file: string): string {
  const parts = file.split("/").slice(1);
  if (parts.length === 1) return "app";
  if (parts[0] === "routes") return file;
  if ((parts[0] === "modules" || parts[0] === "components") && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0];
}

function moduleGraph(files: Graph): { graph: Graph; why: Map<string, string[]> } {
  const edges = new Map<string, Set<string>>();
  const why = new Map<string, string[]>();
  for (const [from, deps] of files) {
    for (const to of deps) {
      if (LIB_EXCEPTIONS.has(`${from} -> ${to}`)) continue;
      const a = moduleOf(from);
      const b = moduleOf(to);
      if (a === b) continue;
      if (!edges.has(a)) edges.set(a, new Set());
      edges.get(a)!.add(b);
      why.set(`${a} -> ${b}`, [...(why.get(`${a} -> ${b}`) ?? []), `${from} -> ${to}`]);
    }
  }
  return { graph: new Map([...edges].map(([k, v]) => [k, [...v].sort()])), why };
}

describe("import cycles", () => {
  it("finds the cycles of a small worked example, and none in a layered one", () => {
    const layered: Graph = new Map([
      ["routes", ["ingestion", "exceptions"]],
      ["ingestion", ["exceptions", "tracking"]],
      ["exceptions", ["tracking", "vocabulary"]],
      ["tracking", ["vocabulary"]],
    ]);
    expect(cyclesOf(layered)).toEqual([]);
    const tangled: Graph = new Map([...layered, ["tracking", ["vocabulary", "ingestion"]], ["vocabulary", ["vocabulary"]]]);
    expect(cyclesOf(tangled)).toEqual([["exceptions", "ingestion", "tracking"], ["vocabulary"]]);
  });

  const files = fileGraph();

  it("reads the whole of app/ (sanity: the graph is not empty and resolves relative and `~/` imports)", () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.get("app/modules/exceptions/rules.ts")).toContain("app/modules/tracking/status.ts");
  });

  it("has no import cycle between files in app/", () => {
    expect(describeCycles(files, cyclesOf(files))).toEqual([]);
  });

  it("has no import cycle between the modules of app/ (domains, lib, component areas, route files)", () => {
    const { graph, why } = moduleGraph(files);
    expect(describeCycles(graph, cyclesOf(graph), why)).toEqual([]);
  });

  it("app/lib imports no domain module (beyond the listed exceptions, each still needed)", () => {
    const libToModules = [...files].flatMap(([from, deps]) => (from.startsWith("app/lib/") ? deps.filter((d) => !d.startsWith("app/lib/")).map((d) => `${from} -> ${d}`) : []));
    expect(libToModules.filter((e) => !LIB_EXCEPTIONS.has(e))).toEqual([]);
    // An exception that no longer happens is removed from the list, so the list stays the truth.
    expect([...LIB_EXCEPTIONS].filter((e) => !libToModules.includes(e))).toEqual([]);
  });
});

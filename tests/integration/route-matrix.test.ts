// The tenancy and role matrix (issue 13): every route module of the app, read from the route
// manifest the build uses (app/routes.ts, flat routes), never from a hand-kept list, has each of its
// loaders and actions called
//   1. signed out: a shop page sends the browser to sign in;
//   2. as the owner of another shop, with shop A's slug and real ids of shop A: 403 or 404;
//   3. as the owner of another shop, with its own slug and real ids of shop A in the URL: 403 or 404;
//   4. as each role of shop A: 403 (or 404) wherever the role lacks the permission the route asks
//      `requireShop` for (read from the route's source with the TypeScript parser);
// and no answer may be a crash or carry shop A's buyer's name. Routes outside /s/<shop> are public
// or per person by design; each is listed below with why, and a new one fails until it is.
// A route with a URL parameter this test has no real value for fails too, saying which.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, useDatabase } from "../../app/lib/db.server";
import { startSession } from "../../app/lib/session.server";
import { type Action, can, ROLES } from "../../app/modules/auth/permissions";
import { generateLabels } from "../../app/modules/labels/batches.server";
import { createBatch } from "../../app/modules/imports/batches.server";
import { unsubscribeUrl } from "../../app/modules/notifications/config.server";
import { queueTemplateMessage } from "../../app/modules/notifications/outbox.server";
import { inviteToShop } from "../../app/modules/accounts/invitations.server";
import { requestPasswordReset } from "../../app/modules/accounts/passwords.server";
import type { Role } from "../../db/types";
import { addEvents, createParcel, hoursAgo, useBuyerTestEnv } from "../fixtures/buyers";
import { createCaseFixture } from "../fixtures/cases";
import { seedLabelOrders } from "../fixtures/labels";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const SECRET_BUYER = "Quintessa Matrixbuyer";

/** Routes outside /s/<shop>, and why they are open (to anyone, or to any signed-in person). */
const NOT_SHOP_ROUTES: Record<string, string> = {
  "routes/$.tsx": "the 404 page",
  "routes/_index.tsx": "sends a signed-in person to their own shop",
  "routes/account.tsx": "the signed-in person's own account",
  "routes/api.webhooks.tracking.$shop.tsx": "carriers post here, signed with the shop's secret",
  "routes/forgot-password.tsx": "public; the same answer for any email",
  "routes/healthz.tsx": "load balancer health check",
  "routes/invitations.$token.tsx": "the link in an invitation email; answers only for the invited email",
  "routes/login.tsx": "public",
  "routes/logout.tsx": "ends the caller's own session",
  "routes/reset-password.$token.tsx": "the link in a reset email",
  "routes/track.tsx": "buyer pages' frame",
  "routes/track._index.tsx": "public tracking lookup",
  "routes/track.$number.tsx": "public tracking page, carrier-level facts until the postal code",
  "routes/track.$shop.$number.tsx": "public tracking page of one shop",
  "routes/unsubscribe.$token.tsx": "a buyer's signed unsubscribe link",
};

interface RouteEntry {
  file: string;
  pattern: string;
  params: string[];
  loader?: (args: unknown) => unknown;
  action?: (args: unknown) => unknown;
  /** What `requireShop` asks for in each, from the source: null = membership only. */
  needs: { loader: Action[] | null; action: Action[] | null };
}

interface ConfigRoute {
  file: string;
  path?: string;
  index?: boolean;
  children?: ConfigRoute[];
}

async function routeManifest(): Promise<{ file: string; pattern: string }[]> {
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = path.join(root, "app");
  const config = (await import("../../app/routes")).default as unknown as ConfigRoute[] | Promise<ConfigRoute[]>;
  const out: { file: string; pattern: string }[] = [];
  const walk = (routes: ConfigRoute[], parent: string) => {
    for (const r of routes) {
      const pattern = [parent, r.path ?? ""].filter(Boolean).join("/");
      out.push({ file: r.file, pattern: `/${pattern}` });
      if (r.children) walk(r.children, pattern);
    }
  };
  walk(await config, "");
  return out;
}

/** The permissions named in `requireShop(request, params, <here>)` inside an exported loader or action. */
function permissionsAsked(file: string): RouteEntry["needs"] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, "app", file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: Record<"loader" | "action", Action[] | null> = { loader: null, action: null };
  const literals = (node: ts.Node | undefined, into: string[]) => {
    if (!node) return;
    if (ts.isStringLiteral(node)) into.push(node.text);
    ts.forEachChild(node, (c) => literals(c, into));
  };
  const scan = (fn: ts.Node, which: "loader" | "action") => {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "requireShop") {
        const asked: string[] = [];
        literals(node.arguments[2], asked);
        found[which] = [...(found[which] ?? []), ...(asked as Action[])];
      }
      ts.forEachChild(node, visit);
    };
    visit(fn);
  };
  for (const stmt of source.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name && (stmt.name.text === "loader" || stmt.name.text === "action")) scan(stmt, stmt.name.text);
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && (d.name.text === "loader" || d.name.text === "action") && d.initializer) scan(d.initializer, d.name.text);
      }
    }
  }
  return found;
}

let handle: DatabaseHandle;
let dataDir: string;
let a: TestShop;
let b: TestShop;
const cookies = {} as Record<Role | "other", string>;
const real: Record<string, string> = {};
let routes: RouteEntry[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-matrix-"));
  useBuyerTestEnv(dataDir);
  handle = await openTestDatabase();
  useDatabase(handle);
  a = await createTestShop(handle.db);
  b = await createTestShop(handle.db);
  for (const role of ROLES) cookies[role] = (await startSession(handle.db, a.users[role].id, null)).split(";")[0];
  cookies.other = (await startSession(handle.db, b.users.owner.id, null)).split(";")[0];

  // Real rows of shop A for every kind of id a route takes.
  const parcel = await createParcel(a.scope, { buyerName: SECRET_BUYER, buyerEmail: "quintessa@example.com", postalCode: "97403" });
  await addEvents(a.scope, parcel, [{ code: "OR", status: "in_transit", at: hoursAgo(3), description: "Origin scan" }]);
  const kase = await createCaseFixture(a.scope, { buyerName: SECRET_BUYER, buyerEmail: "quintessa@example.com" });
  await seedLabelOrders(handle.db, a.shop.slug);
  const ready = await a.scope.selectFrom("orders").select("id").where("external_id", "like", "E2E-LABEL-300%").where("external_id", "<>", "E2E-LABEL-3004").execute();
  const labels = await generateLabels(a.scope, { format: "pdf", layout: "4x6", packingSlips: false, actorUserId: a.users.owner.id, orderIds: ready.map((r) => r.id) });
  const importBatch = await createBatch(a.scope, { fileName: "a.csv", fileSha256: "0".repeat(64), fileBytes: 1, storedPath: null, preset: "generic", mapping: {}, columns: [], createdBy: a.users.owner.id });
  const message = await queueTemplateMessage(a.scope, { template: "case_delay_apology", orderId: kase.orderId, caseId: kase.caseId, actorUserId: a.users.support.id });
  await inviteToShop(a.scope, { email: "matrix.invitee@example.com", role: "support", invitedBy: a.users.owner.id });
  await requestPasswordReset(handle.db, { email: a.users.support.email, ip: "10.99.0.2" });
  const links = await handle.db.selectFrom("account_emails").select("body").execute();
  const tokenOf = (kind: string) => new RegExp(`/${kind}/([A-Za-z0-9_-]{43})`).exec(links.map((l) => l.body).join("\n"))![1];
  Object.assign(real, {
    orderId: String(parcel.orderId),
    caseId: String(kase.caseId),
    shipmentId: String(labels.generated[0].shipmentId),
    "labels:batchId": String(labels.batchId),
    "imports:batchId": String(importBatch),
    messageId: String(message.outboxIds[0]),
    chart: "delivery",
    number: parcel.trackingNumber,
    "unsubscribe:token": unsubscribeUrl(a.shop.id, "quintessa@example.com").split("/unsubscribe/")[1],
    "invitations:token": tokenOf("invitations"),
    "reset-password:token": tokenOf("reset-password"),
    "*": "no/such/page",
  });

  for (const { file, pattern } of await routeManifest()) {
    if (file === "root.tsx") continue;
    const module = (await import(path.join(root, "app", file))) as Pick<RouteEntry, "loader" | "action">;
    routes.push({ file, pattern, params: [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*"), loader: module.loader, action: module.action, needs: permissionsAsked(file) });
  }
});
afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function valueOf(route: RouteEntry, param: string, shopSlug: string): string {
  if (param === "shop") return shopSlug;
  const key = param === "batchId" ? `${route.file.includes(".labels.") ? "labels" : "imports"}:batchId` : param === "token" ? `${route.file.split(/[/.]/)[1]}:token` : param;
  const value = real[key];
  if (value === undefined) throw new Error(`${route.file} takes :${param}; give this test a real value of shop A for it`);
  return value;
}

/**
 * The words an action's form may name as its intent: string literals of the route file and of the
 * schemas.ts modules it imports, so a test call can get past "unknown action" to the id.
 */
function intentCandidates(file: string): string[] {
  const words = new Set<string>();
  const collect = (abs: string) => {
    const text = readFileSync(abs, "utf8");
    for (const m of text.matchAll(/"([a-zA-Z][A-Za-z_-]{1,30})"/g)) words.add(m[1]);
    return text;
  };
  const text = collect(path.join(root, "app", file));
  for (const m of text.matchAll(/from "\.\.\/(modules\/[\w-]+\/schemas)"/g)) collect(path.join(root, "app", `${m[1]}.ts`));
  return [...words];
}

function call(route: RouteEntry, method: "loader" | "action", who: Role | "other" | null, shopSlug: string, extra: Record<string, string> = {}) {
  const params: Record<string, string> = {};
  let url = route.pattern;
  for (const p of route.params) {
    const v = valueOf(route, p, shopSlug);
    params[p] = v;
    url = p === "*" ? url.replace("*", v) : url.replace(`:${p}`, encodeURIComponent(v));
  }
  // A form full of shop A's ids, so that actions reaching for an id from the body get a real one.
  const form = new URLSearchParams({
    orderId: real.orderId,
    orderIds: real.orderId,
    shipmentId: real.shipmentId,
    caseId: real.caseId,
    cases: `${real.caseId}:1`,
    messageId: real.messageId,
    userId: String(a.users.support.id),
    version: "1",
    assignee: "me",
    reason: "matrix",
    ...extra,
  });
  const headers: Record<string, string> = { "x-parcel-desk-client-ip": "10.99.0.1" };
  if (who) headers.Cookie = cookies[who];
  const request = new Request(`http://localhost${url}`, method === "loader" ? { headers } : { method: "POST", headers, body: form });
  return outcome(() => route[method]!({ request, params, context: {} }));
}

async function outcome(run: () => unknown): Promise<{ status: number; text: string }> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !(thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit")) {
      return { status: 500, text: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown) };
    }
  }
  if (value instanceof Response) return { status: value.status, text: await value.clone().text().catch(() => "") };
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, text: JSON.stringify(d.data) };
  }
  return { status: 200, text: JSON.stringify(value ?? null) ?? "" };
}

const shopRoutes = () => routes.filter((r) => r.pattern.startsWith("/s/:shop"));
const methodsOf = (r: RouteEntry) => (["loader", "action"] as const).filter((m) => r[m]);

describe(`every route, from the route manifest (${backend})`, () => {
  it("knows every route outside /s/<shop>, and each shop route asks requireShop in every loader and action", () => {
    expect(routes.length).toBeGreaterThan(40);
    const open = routes.filter((r) => !r.pattern.startsWith("/s/:shop")).map((r) => r.file);
    expect(open.filter((f) => !(f in NOT_SHOP_ROUTES)), "new routes outside /s/<shop>: add them to NOT_SHOP_ROUTES with why they are open").toEqual([]);
    const unguarded = shopRoutes().flatMap((r) => methodsOf(r).filter((m) => r.needs[m] === null && !/requireShop\(/.test(readFileSync(path.join(root, "app", r.file), "utf8"))).map((m) => `${r.file} ${m}`));
    expect(unguarded).toEqual([]);
    // Changing data takes more than permission to look: every shop action names one that is not "*.view".
    const viewOnlyActions = shopRoutes().filter((r) => r.action && !(r.needs.action ?? []).some((n) => !n.endsWith(".view"))).map((r) => r.file);
    expect(viewOnlyActions, "actions that only ask for a view permission (or none)").toEqual([]);
  });

  it("sends a signed-out caller of any shop route to sign in", async () => {
    const wrong: string[] = [];
    for (const r of shopRoutes()) {
      for (const m of methodsOf(r)) {
        const { status } = await call(r, m, null, a.shop.slug);
        if (status !== 302) wrong.push(`${r.file} ${m}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers 403 or 404 to a member of another shop, with shop A's slug and ids", async () => {
    const wrong: string[] = [];
    for (const r of shopRoutes()) {
      for (const m of methodsOf(r)) {
        const { status, text } = await call(r, m, "other", a.shop.slug);
        if (status !== 403 && status !== 404) wrong.push(`${r.file} ${m}: ${status} ${text.slice(0, 200)}`);
        if (text.includes(SECRET_BUYER)) wrong.push(`${r.file} ${m}: shows shop A's buyer`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers 403 or 404 to a member of another shop, under its own slug, for shop A's ids", async () => {
    const wrong: string[] = [];
    for (const r of shopRoutes().filter((r) => r.params.some((p) => p !== "shop" && p !== "chart"))) {
      for (const m of methodsOf(r)) {
        const first = await call(r, m, "other", b.shop.slug);
        // An action may refuse a form it cannot read (400) before it looks the id up: then try each
        // intent it knows, and every one that gets past the form must be refused with 403 or 404.
        const answers = first.status === 400 && m === "action" ? await Promise.all(intentCandidates(r.file).map((intent) => call(r, m, "other", b.shop.slug, { intent }))) : [first];
        const past = answers.filter((x) => x.status !== 400);
        if (past.length === 0) wrong.push(`${r.file} ${m}: no form got past validation to the id (${first.text.slice(0, 120)})`);
        for (const { status, text } of past) if (status !== 403 && status !== 404) wrong.push(`${r.file} ${m}: ${status} ${text.slice(0, 200)}`);
        for (const { text } of answers) if (text.includes(SECRET_BUYER)) wrong.push(`${r.file} ${m}: shows shop A's buyer`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers 403 to each role of shop A wherever the route asks for a permission the role lacks", async () => {
    const wrong: string[] = [];
    let refusals = 0;
    for (const r of shopRoutes()) {
      for (const m of methodsOf(r)) {
        const needs = r.needs[m];
        for (const role of ROLES) {
          // A route that asks one of several permissions (by what the form says) is refused only
          // when the role has none of them.
          const allowed = needs === null || needs.length === 0 || needs.some((n) => can(role, n));
          const { status, text } = await call(r, m, role, a.shop.slug);
          if (status >= 500) wrong.push(`${r.file} ${m} as ${role}: ${status} ${text.slice(0, 300)}`);
          if (!allowed) {
            refusals++;
            if (status !== 403 && status !== 404) wrong.push(`${r.file} ${m} as ${role} (needs ${needs!.join(" or ")}): ${status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(refusals).toBeGreaterThan(20);
  });

  it("keeps shop A's buyer off every public route called by a member of another shop", async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((r) => !r.pattern.startsWith("/s/:shop"))) {
      for (const m of methodsOf(r)) {
        const { status, text } = await call(r, m, "other", a.shop.slug);
        if (status >= 500) wrong.push(`${r.file} ${m}: ${status} ${text.slice(0, 300)}`);
        if (text.includes(SECRET_BUYER)) wrong.push(`${r.file} ${m}: shows shop A's buyer`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

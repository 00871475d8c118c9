// The app server: validates configuration, opens the database (PostgreSQL by DATABASE_URL, else the
// embedded one), migrates, seeds the demo shop on a first start, then serves the Remix app with
// security headers and starts the periodic jobs. `--dev` serves through Vite with hot reload.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { sql } from "kysely";
import { DatabaseUnavailableError, openAppDatabase } from "../app/lib/db.server";
import { EnvError, env } from "../app/lib/env.server";
import { crossSiteRefusal, SECURITY_HEADERS } from "../app/lib/http.server";
import { startPeriodicJobs } from "../app/lib/jobs.server";
import { migrateToLatest } from "../app/lib/migrate.server";
import { analyticsRefreshJob } from "../app/modules/analytics/refresh.server";
import { accountPruneJob } from "../app/modules/accounts/passwords.server";
import { exceptionScanJob } from "../app/modules/exceptions/scan.server";
import { accountEmailJob, sendAccountEmailsRightAway } from "../app/modules/notifications/account-mail.server";
import { notificationDeliveryJob } from "../app/modules/notifications/worker.server";
import { rateLimitPruneJob } from "../app/modules/public-tracking/rate-limit.server";
import { describeSeed, seedDemo } from "../db/seed/seed-demo";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const dev = process.argv.includes("--dev");
if (dev) process.env.NODE_ENV ??= "development";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

const handle = await openAppDatabase().catch((error) => {
  if (error instanceof DatabaseUnavailableError) fail(error.message);
  throw error;
});
const { applied } = await migrateToLatest(handle.db);
if (applied.length) console.log(`Applied ${applied.length} database migration(s).`);

const shops = await sql<{ n: number }>`select count(*)::int8 as n from shops`.execute(handle.db);
if (shops.rows[0].n === 0 && process.env.SKIP_DEMO_SEED !== "1") {
  console.log("Empty database: seeding the demo shop (first start only)...");
  console.log(describeSeed(await seedDemo(handle.db)));
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use((req, res, next) => {
  // Defaults applied just before the head is written, so a route that needs another value (the
  // label preview may be framed by our own pages) sets its own instead of getting two.
  const defaults: Record<string, string> = { ...SECURITY_HEADERS };
  if (config.production) defaults["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  const writeHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
    for (const [k, v] of Object.entries(defaults)) if (!res.hasHeader(k)) res.setHeader(k, v);
    return writeHead.apply(this, args);
  } as typeof res.writeHead;
  // The client address as the app sees it; a value sent by the client is never trusted.
  req.headers["x-parcel-desk-client-ip"] = req.socket.remoteAddress ?? "unknown";
  next();
});
// Defence in depth next to SameSite cookies: a browser form post from another site is refused.
app.use((req, res, next) => {
  if (crossSiteRefusal({ method: req.method, path: req.path, origin: req.headers.origin, host: req.headers.host })) {
    res.status(403).type("text/plain").send("Cross-site request refused.");
    return;
  }
  next();
});

let build: ServerBuild | (() => Promise<ServerBuild>);
if (dev) {
  const vite = await import("vite");
  const viteServer = await vite.createServer({ root, server: { middlewareMode: true } });
  app.use(viteServer.middlewares);
  build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  const buildDir = path.resolve(root, process.env.BUILD_DIR ?? "build");
  const serverBuild = path.join(buildDir, "server/index.js");
  if (!existsSync(serverBuild)) fail("No production build found: run `npm run build` first (npm start does it for you).");
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
}
app.all("*", createRequestHandler({ build, mode: dev ? "development" : "production" }));

const server = app.listen(config.port, () => {
  const where = handle.backend === "postgres" ? `PostgreSQL at ${handle.location}` : `the embedded database in ${handle.location}`;
  console.log(`Parcel Desk is running at http://localhost:${config.port} (${where}).`);
});
server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") fail(`Port ${config.port} is already in use. Stop the other server or set PORT.`);
  throw error;
});

// The periodic jobs of every instance (each module exports its own; see app/lib/jobs.server.ts).
const stopJobs = startPeriodicJobs(handle.db, [exceptionScanJob, notificationDeliveryJob, rateLimitPruneJob, analyticsRefreshJob, accountEmailJob, accountPruneJob]);
sendAccountEmailsRightAway(handle.db);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    stopJobs();
    server.close(() => {
      handle.close().finally(() => process.exit(0));
    });
    // Keep-alive connections would hold close() open; do not wait forever.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

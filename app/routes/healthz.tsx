// Liveness and database check for load balancers and the e2e runner.
import { db } from "../lib/db.server";
import { databaseReachable } from "../modules/shops/health.server";

export async function loader() {
  const ok = await databaseReachable(db());
  return new Response(ok ? "ok" : "database unreachable", { status: ok ? 200 : 503, headers: { "Content-Type": "text/plain" } });
}

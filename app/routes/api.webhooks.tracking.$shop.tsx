// Carrier tracking webhook (POST only): signed with the shop's webhook secret, idempotent by event id.
// The checks and their answers are in app/modules/ingestion/webhook.server.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../lib/db.server";
import { receiveTrackingWebhook } from "../modules/ingestion/webhook.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await receiveTrackingWebhook(db(), request, params.shop ?? "");
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  // The rest of an oversized body is not read: close the connection instead of draining it.
  if (outcome.status === 413) headers.Connection = "close";
  if (outcome.status === 405) headers.Allow = "POST";
  return Response.json(outcome.body, { status: outcome.status, headers });
}

export function loader() {
  return Response.json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}

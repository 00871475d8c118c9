// Retries a failed buyer message (support agents and owners), with a fresh set of attempts.
import { type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { retryMessage } from "../modules/notifications/outbox.server";

const paramsSchema = z.object({ messageId: z.coerce.number().int("message id must be a whole number").positive("message id must be positive") });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "cases.act");
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return json({ error: `Bad message id: ${parsed.error.issues[0].message}.` }, { status: 400 });
  try {
    await retryMessage(ctx.scope, { messageId: parsed.data.messageId, actorUserId: ctx.user.userId });
    return json({ ok: true });
  } catch (error) {
    return errorJson(error);
  }
}

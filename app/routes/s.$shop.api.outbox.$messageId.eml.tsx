// Opens the .eml file of a buyer email written to DATA_DIR/outbox (no SMTP configured): shown as
// readable text in the browser (headers and decoded body), or downloaded as is with ?download=1
// to open in a mail program.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireShop } from "../lib/guard.server";
import { orHttpError } from "../lib/http.server";
import { readableEmail } from "../modules/notifications/eml";
import { emlFile } from "../modules/notifications/outbox.server";

const paramsSchema = z.object({ messageId: z.coerce.number().int("message id must be a whole number").positive("message id must be positive") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response(`Bad message id: ${parsed.error.issues[0].message}.`, { status: 400 });
  const file = await orHttpError(emlFile(ctx.scope, parsed.data.messageId));
  const download = new URL(request.url).searchParams.get("download") === "1";
  return new Response(download ? new Uint8Array(file.content) : readableEmail(file.content.toString("utf8")), {
    headers: {
      "Content-Type": download ? "message/rfc822" : "text/plain; charset=utf-8",
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

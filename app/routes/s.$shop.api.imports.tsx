// POST the CSV file as the request body (streamed to disk, never buffered); the query string says
// how to read it. Answers { batchId } at once: the import runs in the background and the page polls
// /s/:shop/api/imports/:batchId for progress.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { env } from "../lib/env.server";
import { AppError } from "../lib/errors";
import { requireShop } from "../lib/guard.server";
import { uploadParamsSchema } from "../modules/imports/schemas";
import { startImport, storeUpload } from "../modules/imports/uploads.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.import");
  try {
    if (request.method !== "POST") throw new AppError(405, "Upload the file with POST.");
    const url = new URL(request.url);
    const parsed = uploadParamsSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) throw new AppError(400, `The upload could not be read: ${parsed.error.issues[0].message}.`);
    const declared = Number(request.headers.get("content-length") ?? NaN);
    const upload = await storeUpload(request.body, {
      limitBytes: env().uploadLimitBytes,
      declaredBytes: Number.isFinite(declared) ? declared : undefined,
    });
    const { name, preset, template, mapping } = parsed.data;
    const started = await startImport(ctx.scope, {
      upload,
      fileName: name,
      preset,
      templateId: template,
      mapping,
      actorUserId: ctx.user.userId,
    });
    return Response.json(started, { status: 202 });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message, code: error.code }, { status: error.status });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Members only, like every shop address: others get the 404 of a shop that does not exist.
  await requireShop(request, params, "orders.import");
  return Response.json({ error: "Upload a file with POST." }, { status: 405 });
}

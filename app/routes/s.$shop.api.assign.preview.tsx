// The rules editor's live preview: how many unassigned orders a draft rule would take at its
// position (earlier rules take theirs first), and how many of those its service would refuse.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { fieldErrors } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { errorJson, json } from "../lib/http.server";
import { previewRules } from "../modules/carriers/rules.server";
import { rulePreviewSchema } from "../modules/carriers/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  const url = new URL(request.url);
  const parsed = rulePreviewSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return json({ error: Object.values(fieldErrors(parsed.error))[0] }, { status: 400 });
  try {
    const preview = await previewRules(ctx.scope, parsed.data);
    return json({ unassigned: preview.unassigned, takes: preview.draft?.takes ?? 0, refused: preview.draft?.refused ?? 0 }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorJson(error);
  }
}

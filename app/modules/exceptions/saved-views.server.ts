// Saved queue views: per user and shop, a name and the view's query string (filters and sort, never
// a page cursor). Saving under an existing name replaces that view.
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { parseQueueQuery, viewSearch } from "./queue-query";

export interface SavedView {
  id: number;
  name: string;
  query: string;
}

export const SAVED_VIEWS_PER_USER = 50;

export async function listSavedViews(scope: ShopScope, userId: number): Promise<SavedView[]> {
  return scope.selectFrom("saved_views").select(["id", "name", "query"]).where("user_id", "=", userId).orderBy("name").execute();
}

/** Saves (or replaces, by name) a view; the query string is re-read so only valid filters are kept. */
export async function saveView(scope: ShopScope, userId: number, input: { name: string; query: string }): Promise<SavedView> {
  const name = input.name.trim().replace(/\s+/g, " ");
  if (!name) throw new AppError(400, "Give the view a name.");
  if (name.length > 60) throw new AppError(400, `The view name is too long (${name.length} characters; at most 60).`);
  const params = new URLSearchParams(input.query.replace(/^\?/, ""));
  // A view is its filters and sort; the page it was on is not part of it.
  params.delete("after");
  params.delete("before");
  const { query, problems } = parseQueueQuery(params);
  if (problems.length) throw new AppError(400, `The view has filters that do not fit: ${problems.join(" ")}`);
  const search = viewSearch(query);
  return scope.transaction(async (tx) => {
    const existing = await tx.selectFrom("saved_views").select("id").where("user_id", "=", userId).where("name", "=", name).executeTakeFirst();
    let view: SavedView;
    if (existing) {
      view = await tx
        .updateTable("saved_views")
        .set({ query: search })
        .where("id", "=", existing.id)
        .returning(["id", "name", "query"])
        .executeTakeFirstOrThrow();
    } else {
      const count = await tx.selectFrom("saved_views").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow();
      if (count.n >= SAVED_VIEWS_PER_USER) throw new AppError(400, `You have ${count.n} saved views, the most allowed; delete one first.`);
      view = await tx
        .insertInto("saved_views", { user_id: userId, name, query: search })
        .returning(["id", "name", "query"])
        .executeTakeFirstOrThrow();
    }
    await recordAudit(tx, {
      actorUserId: userId,
      action: existing ? "saved_view.updated" : "saved_view.created",
      details: { summary: `${existing ? "Updated" : "Saved"} the queue view “${name}”.`, query: search },
    });
    return view;
  });
}

export async function deleteView(scope: ShopScope, userId: number, viewId: number): Promise<void> {
  await scope.transaction(async (tx) => {
    const view = await tx.deleteFrom("saved_views").where("id", "=", viewId).where("user_id", "=", userId).returning("name").executeTakeFirst();
    if (!view) throw new AppError(404, "That saved view was not found (it may have been deleted already).");
    await recordAudit(tx, { actorUserId: userId, action: "saved_view.deleted", details: { summary: `Deleted the queue view “${view.name}”.` } });
  });
}

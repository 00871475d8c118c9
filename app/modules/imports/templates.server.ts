// Saved column mappings ("templates"): a shop names the mapping it made for a file no preset knows,
// and picks it again next time.
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { type ColumnMapping, mappingFromJson, mappingToJson } from "./fields";
import { missingRequired } from "./presets";

export interface ImportTemplate {
  id: number;
  name: string;
  mapping: ColumnMapping;
}

export async function listTemplates(scope: ShopScope): Promise<ImportTemplate[]> {
  const rows = await scope.selectFrom("import_templates").select(["id", "name", "mapping"]).orderBy("name").execute();
  return rows.flatMap((r) => {
    const mapping = mappingFromJson(r.mapping);
    return mapping ? [{ id: r.id, name: r.name, mapping }] : [];
  });
}

export async function findTemplate(scope: ShopScope, id: number): Promise<ImportTemplate> {
  const row = await scope.selectFrom("import_templates").select(["id", "name", "mapping"]).where("id", "=", id).executeTakeFirst();
  const mapping = row ? mappingFromJson(row.mapping) : null;
  if (!row || !mapping) throw new AppError(404, "That import template was not found.");
  return { id: row.id, name: row.name, mapping };
}

/** Saves (or replaces, by name) a template. */
export async function saveTemplate(scope: ShopScope, input: { name: string; mapping: ColumnMapping; actorUserId: number | null }): Promise<ImportTemplate> {
  const missing = missingRequired(input.mapping);
  if (missing.length) throw new AppError(400, `Map every required field before saving: ${missing.join(", ")}.`);
  const json = JSON.stringify(mappingToJson(input.mapping));
  const row = await scope
    .insertInto("import_templates", { name: input.name, mapping: json })
    .onConflict((oc) => oc.columns(["shop_id", "name"]).doUpdateSet({ mapping: json }))
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await recordAudit(scope, {
    actorUserId: input.actorUserId,
    action: "import_template.saved",
    details: { summary: `Saved the import template "${row.name}".`, templateId: row.id },
  });
  return { id: row.id, name: row.name, mapping: input.mapping };
}

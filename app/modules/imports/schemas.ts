// The import's inputs from the web: the upload's query string, the "save as template" form, the
// Resume button and the batch id in URLs. One zod schema each; messages name what is wrong.
import { z } from "zod";
import { type ColumnMapping, mappingFromJson } from "./fields";
import { PRESET_IDS } from "./presets";

const mappingJson = z
  .string()
  .max(10_000, "the column mapping is too long")
  .transform((text, ctx): ColumnMapping => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "the column mapping is not valid JSON" });
      return z.NEVER;
    }
    const mapping = json && typeof json === "object" ? mappingFromJson(json as Record<string, unknown>) : null;
    if (!mapping) {
      ctx.addIssue({ code: "custom", message: "the column mapping is not a mapping of fields to columns" });
      return z.NEVER;
    }
    return mapping;
  });

/** POST /s/:shop/api/imports?name=&preset=|template=|mapping= with the file as the body. */
export const uploadParamsSchema = z
  .object({
    name: z
      .string({ error: "the file name is missing" })
      .trim()
      .min(1, "the file name is missing")
      .max(200, "the file name is longer than 200 characters"),
    preset: z.enum(["auto", ...PRESET_IDS], { error: `preset must be auto, ${PRESET_IDS.join(", ")}` }).optional(),
    template: z.coerce.number({ error: "template must be a saved template's number" }).int().positive().optional(),
    mapping: mappingJson.optional(),
  })
  .refine((v) => [v.preset, v.template, v.mapping].filter((x) => x !== undefined).length <= 1, {
    message: "choose one of a preset, a saved template or a column mapping",
  });

export const saveTemplateSchema = z.object({
  intent: z.literal("saveTemplate"),
  name: z.string().trim().min(1, "Give the template a name.").max(60, "Keep the name under 60 characters."),
  mapping: mappingJson,
});

export const batchIdSchema = z.coerce.number({ error: "not an import number" }).int("not an import number").positive("not an import number");

export const resumeSchema = z.object({ intent: z.literal("resume"), batchId: batchIdSchema });

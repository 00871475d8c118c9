// Input schemas of the queue and case pages' forms (one per form, keyed by `intent`) and of the
// Case SLAs settings form. Messages name the field that is wrong.
import { z } from "zod";
import { EXCEPTION_TYPES, SEVERITIES } from "../vocabulary/shipments";
import { ACTIVE_STATES, RESOLUTION_CODES } from "./workflow";

const version = z.coerce.number({ error: "version: missing; reload the page." }).int().positive("version: reload the page.");

/** "me", "none" (unassign) or a user id. */
const assigneeChoice = z
  .string({ error: "assignee: choose who gets the case." })
  .trim()
  .regex(/^(me|none|[1-9]\d{0,15})$/, "assignee: choose who gets the case.");

const note = (what: string) =>
  z
    .string({ error: `${what}: write what was done.` })
    .trim()
    .min(1, `${what}: write what was done.`)
    .max(4000, `${what}: at most 4,000 characters.`);

const resolutionCode = z.enum(RESOLUTION_CODES, { error: `code: choose a resolution (${RESOLUTION_CODES.join(", ")}).` });

/** "12:3,15:1": case id and the version it had in the agent's queue, for each selected case. */
const caseRefs = z
  .string({ error: "cases: select at least one case." })
  .trim()
  .regex(/^\d{1,15}:\d{1,9}(,\d{1,15}:\d{1,9})*$/, "cases: select at least one case.")
  .transform((text) =>
    text.split(",").map((pair) => {
      const [caseId, v] = pair.split(":").map(Number);
      return { caseId, version: v };
    }),
  );

export const queueActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("assign"), cases: caseRefs, assignee: assigneeChoice }),
    z.object({ intent: z.literal("resolve"), cases: caseRefs, code: resolutionCode, note: note("note") }),
    z.object({
      intent: z.literal("save_view"),
      name: z.string({ error: "name: give the view a name." }).trim().min(1, "name: give the view a name.").max(60, "name: at most 60 characters."),
      query: z.string().max(2000, "query: too long.").default(""),
    }),
    z.object({ intent: z.literal("delete_view"), viewId: z.coerce.number({ error: "viewId: missing." }).int().positive("viewId: missing.") }),
  ],
  { error: "intent: unknown action; reload the page." },
);

export const caseActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("assign"), version, assignee: assigneeChoice }),
    z.object({ intent: z.literal("state"), version, state: z.enum([...ACTIVE_STATES], { error: "state: choose a state." }) }),
    z.object({ intent: z.literal("resolve"), version, code: resolutionCode, note: note("note") }),
    z.object({ intent: z.literal("reopen"), version, reason: z.string().trim().max(4000, "reason: at most 4,000 characters.").default("") }),
    z.object({ intent: z.literal("note"), version, body: note("body") }),
    z.object({ intent: z.literal("message"), version, template: z.string({ error: "template: choose a message template." }).regex(/^[a-z_]{1,60}$/, "template: choose a message template.") }),
  ],
  { error: "intent: unknown action; reload the page." },
);

export const caseIdParam = z.coerce.number({ error: "case id: not a number." }).int("case id: not a whole number.").positive("case id: not a case.").max(Number.MAX_SAFE_INTEGER);

const hours = (severity: string) =>
  z.coerce
    .number({ error: `hoursBySeverity.${severity}: enter a number of hours.` })
    .positive(`hoursBySeverity.${severity}: must be more than 0 hours.`)
    .max(720, `hoursBySeverity.${severity}: at most 720 hours (30 days).`)
    .refine((h) => Number.isInteger(h * 4), `hoursBySeverity.${severity}: use whole hours or quarters (0.25, 0.5, 0.75).`);

/** The Case SLAs form: fields named `hours.<severity>` and `severity.<type>`. */
export const slaFormSchema = z.object({
  hoursBySeverity: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, hours(s)])) as Record<(typeof SEVERITIES)[number], ReturnType<typeof hours>>),
  severityByType: z.object(
    Object.fromEntries(EXCEPTION_TYPES.map((t) => [t, z.enum(SEVERITIES, { error: `severityByType.${t}: choose a severity.` })])) as Record<
      (typeof EXCEPTION_TYPES)[number],
      z.ZodEnum<{ critical: "critical"; high: "high"; medium: "medium"; low: "low" }>
    >,
  ),
});

export function slaFormInput(form: FormData) {
  return {
    hoursBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, form.get(`hours.${s}`) ?? ""])),
    severityByType: Object.fromEntries(EXCEPTION_TYPES.map((t) => [t, form.get(`severity.${t}`) ?? ""])),
  };
}

// Per-shop code mappings: the raw codes that arrived unmapped (how often, when last), and the shop's
// own overrides for (carrier, raw code), which win over the built-in tables for events that arrive
// afterwards. Stored events keep the mapping they got when they arrived (the timeline shows which).
import { sql } from "kysely";
import { z } from "zod";
import type { ExceptionType, ShipmentStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { carrierName } from "../carriers/registry";
import { EXCEPTION_TYPES, exceptionTypeWord, STATUS_LABELS } from "../vocabulary/shipments";
import { parseCarrier } from "./schemas";

/** Statuses an event can be mapped to (pending and expired are Parcel Desk's own, never a carrier's). */
export const MAPPABLE_STATUSES = [
  "info_received",
  "in_transit",
  "out_for_delivery",
  "attempt_failed",
  "available_for_pickup",
  "delivered",
  "exception",
  "returned_to_sender",
  "voided",
] as const satisfies readonly ShipmentStatus[];

export const codeMappingSchema = z.object({
  carrier: z
    .string({ error: "Choose a carrier" })
    .trim()
    .min(1, "Choose a carrier")
    .transform((v, ctx) => {
      const code = parseCarrier(v);
      if (!code) {
        ctx.addIssue({ code: "custom", message: `Unknown carrier "${v}"` });
        return z.NEVER;
      }
      return code;
    }),
  rawCode: z.string({ error: "Enter the carrier's code" }).trim().toUpperCase().min(1, "Enter the carrier's code").max(24, "Codes are at most 24 characters"),
  status: z.enum(MAPPABLE_STATUSES, { error: "Choose the status this code means" }),
  exceptionType: z
    .union([z.enum(EXCEPTION_TYPES), z.literal(""), z.null()], { error: "Choose an exception type or none" })
    .optional()
    .transform((v) => (v ? v : null)),
});

export type CodeMappingInput = z.input<typeof codeMappingSchema>;

export interface UnmappedCode {
  carrier: string;
  carrierName: string;
  rawCode: string;
  count: number;
  lastSeen: string;
  example: string;
}

/** Codes that arrived unmapped and that the shop has not mapped since, most frequent first. */
export async function unmappedCodes(scope: ShopScope, limit = 200): Promise<UnmappedCode[]> {
  const rows = await scope
    .selectFrom("tracking_events as e")
    .leftJoin("code_mappings as m", (j) =>
      j.onRef("m.shop_id", "=", "e.shop_id").onRef("m.carrier_code", "=", "e.carrier_code").onRef("m.raw_code", "=", "e.raw_code"),
    )
    .select([
      "e.carrier_code",
      "e.raw_code",
      sql<number>`count(*)`.as("n"),
      sql<Date>`max(e.received_at)`.as("last_seen"),
      sql<string>`max(e.description)`.as("example"),
    ])
    .where("e.unmapped", "=", true)
    .where("m.raw_code", "is", null)
    .groupBy(["e.carrier_code", "e.raw_code"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy("e.carrier_code")
    .orderBy("e.raw_code")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    carrier: r.carrier_code,
    carrierName: carrierName(r.carrier_code),
    rawCode: r.raw_code,
    count: Number(r.n),
    lastSeen: new Date(r.last_seen).toISOString(),
    example: r.example ?? "",
  }));
}

export interface CodeMappingRow {
  carrier: string;
  carrierName: string;
  rawCode: string;
  status: ShipmentStatus;
  exceptionType: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export async function listCodeMappings(scope: ShopScope): Promise<CodeMappingRow[]> {
  const rows = await scope
    .selectFrom("code_mappings")
    .leftJoin("users", "users.id", "code_mappings.updated_by")
    .select(["code_mappings.carrier_code", "code_mappings.raw_code", "code_mappings.status", "code_mappings.exception_type", "code_mappings.updated_at", "users.name"])
    .orderBy("code_mappings.carrier_code")
    .orderBy("code_mappings.raw_code")
    .execute();
  return rows.map((r) => ({
    carrier: r.carrier_code,
    carrierName: carrierName(r.carrier_code),
    rawCode: r.raw_code,
    status: r.status,
    exceptionType: r.exception_type,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.name,
  }));
}

function describeMapping(status: ShipmentStatus, exceptionType: string | null): string {
  const type = exceptionType ? ` (opens a ${exceptionTypeWord(exceptionType as ExceptionType)} case)` : "";
  return `${STATUS_LABELS[status]}${type}`;
}

export async function saveCodeMapping(scope: ShopScope, input: CodeMappingInput, actorUserId: number): Promise<CodeMappingRow> {
  const parsed = codeMappingSchema.safeParse(input);
  if (!parsed.success) throw new AppError(400, parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`).join("; "));
  const m = parsed.data;
  return scope.transaction(async (tx) => {
    await tx
      .insertInto("code_mappings", { carrier_code: m.carrier, raw_code: m.rawCode, status: m.status, exception_type: m.exceptionType, updated_by: actorUserId, updated_at: new Date() })
      .onConflict((oc) =>
        oc.columns(["shop_id", "carrier_code", "raw_code"]).doUpdateSet({ status: m.status, exception_type: m.exceptionType, updated_by: actorUserId, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(tx, {
      actorUserId,
      action: "tracking.code_mapped",
      details: {
        summary: `Mapped ${carrierName(m.carrier)} code ${m.rawCode} to ${describeMapping(m.status, m.exceptionType)}.`,
        carrier: m.carrier,
        rawCode: m.rawCode,
        status: m.status,
        exceptionType: m.exceptionType,
      },
    });
    return (await listCodeMappings(tx)).find((r) => r.carrier === m.carrier && r.rawCode === m.rawCode)!;
  });
}

export async function deleteCodeMapping(scope: ShopScope, input: { carrier: string; rawCode: string }, actorUserId: number): Promise<void> {
  await scope.transaction(async (tx) => {
    const deleted = await tx.deleteFrom("code_mappings").where("carrier_code", "=", input.carrier).where("raw_code", "=", input.rawCode).executeTakeFirst();
    if (!deleted.numDeletedRows) throw new AppError(404, `No mapping for ${carrierName(input.carrier)} code ${input.rawCode}.`);
    await recordAudit(tx, {
      actorUserId,
      action: "tracking.code_unmapped",
      details: { summary: `Removed the shop's mapping of ${carrierName(input.carrier)} code ${input.rawCode}; the built-in mapping applies again.`, carrier: input.carrier, rawCode: input.rawCode },
    });
  });
}

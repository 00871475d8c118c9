// Label batches: one action that labels many orders and produces one merged print file. A batch
// row records the request, its progress (done of total, polled by the browser), the labels made
// (with their page in the file), the orders skipped and why, and the file itself, so a reprint
// returns exactly the same bytes. Orders are processed in chunks of their own transactions; if
// the server stops half way, the shipments already made stay live and asking again re-renders
// them with the same tracking numbers.
import { sql } from "kysely";
import type { GeneratedLabel, SkippedOrder } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { getCarrierAccounts } from "../carriers/accounts.server";
import type { OrderFilters } from "../orders/filters";
import { matchingOrderIds } from "../orders/orders.server";
import { type LabelOutcome, prepareLabels } from "./create.server";
import { loadLabelContents, shopLabelContext } from "./label-data.server";
import { type LabelFormat, type LabelLayout, renderLabelFile } from "./render";

/** Orders per transaction: small enough that progress moves and other requests get a turn. */
const CHUNK = 100;
/** The most orders one batch takes (a bigger print run is split by the seller). */
export const MAX_BATCH_ORDERS = 5000;
/** A batch still "running" this long after it started was cut off by a restart. */
const STALE_AFTER_MS = 30 * 60 * 1000;

export interface LabelBatchRequest {
  format: LabelFormat;
  layout: LabelLayout;
  packingSlips: boolean;
  actorUserId: number | null;
  /** Internal order ids, in print order. Leave out (with allReady) for every order ready for a label. */
  orderIds?: readonly number[];
  allReady?: boolean;
  /** Every order matching the orders table's filters ("select all matching"), cancelled ones left out. */
  matching?: { filters: OrderFilters; timeZone: string };
  /** Orders named by marketplace id that could not be found (listed as skipped). */
  unknownExternalIds?: readonly string[];
}

export interface LabelBatchSummary {
  id: number;
  status: "running" | "completed" | "failed";
  format: LabelFormat;
  layout: LabelLayout;
  packingSlips: boolean;
  total: number;
  done: number;
  generated: GeneratedLabel[];
  skipped: SkippedOrder[];
  fileName: string | null;
  fileBytes: number | null;
  failure: string | null;
  /** ISO 8601: the batch reaches the browser as JSON (the status poll) and through loaders alike. */
  createdAt: string;
  createdByName: string | null;
}

/** Orders that are assigned, to ship, and have no live label: what "label everything ready" takes. */
function readyOrders(scope: ShopScope) {
  return scope
    .selectFrom("orders")
    .where("orders.status", "=", "to_ship")
    .where("orders.carrier_code", "is not", null)
    .where(({ not, exists }) =>
      not(
        exists(
          scope
            .selectFrom("shipments")
            .select("shipments.id")
            // Correlated with the outer orders row (same shop: both queries are scoped).
            .where(sql<boolean>`shipments.order_id = orders.id`)
            .where("shipments.status", "<>", "voided"),
        ),
      ),
    );
}

export async function readyOrderIds(scope: ShopScope, limit = MAX_BATCH_ORDERS): Promise<number[]> {
  const rows = await readyOrders(scope).select("orders.id").orderBy("orders.id").limit(limit).execute();
  return rows.map((r) => r.id);
}

/** How many orders are ready, and how many of those the address check already stopped (they will be skipped unless overridden). */
export async function countReadyOrders(scope: ShopScope): Promise<{ ready: number; withProblems: number }> {
  const row = await readyOrders(scope)
    .select([
      sql<number>`count(*)`.as("ready"),
      sql<number>`count(*) filter (where jsonb_array_length(coalesce(orders.address_problems, '[]'::jsonb)) > 0 and orders.address_override is null)`.as("withProblems"),
    ])
    .executeTakeFirstOrThrow();
  return { ready: Number(row.ready), withProblems: Number(row.withProblems) };
}

/** Internal ids for marketplace order ids; the ones not found are returned separately. */
export async function resolveExternalOrderIds(scope: ShopScope, externalIds: readonly string[]): Promise<{ orderIds: number[]; unknown: string[] }> {
  const wanted = [...new Set(externalIds.map((e) => e.trim()).filter(Boolean))];
  if (wanted.length === 0) return { orderIds: [], unknown: [] };
  const rows = await scope.selectFrom("orders").select(["id", "external_id"]).where("external_id", "in", wanted).execute();
  const byExternal = new Map(rows.map((r) => [r.external_id, r.id]));
  return { orderIds: wanted.filter((e) => byExternal.has(e)).map((e) => byExternal.get(e)!), unknown: wanted.filter((e) => !byExternal.has(e)) };
}

/** Creates the batch row and works out which orders it covers; run it with runLabelBatch. */
export async function startLabelBatch(scope: ShopScope, request: LabelBatchRequest, now = new Date()): Promise<{ batchId: number; orderIds: number[] }> {
  let orderIds: number[];
  if (request.allReady) {
    // "Everything ready" takes the oldest MAX_BATCH_ORDERS; the next batch takes the rest.
    orderIds = await readyOrderIds(scope, MAX_BATCH_ORDERS);
  } else if (request.matching) {
    const found = await matchingOrderIds(scope, request.matching.filters, { timeZone: request.matching.timeZone, limit: MAX_BATCH_ORDERS, excludeCancelled: true });
    if (found.more) throw new AppError(400, `More than ${MAX_BATCH_ORDERS.toLocaleString("en-US")} orders match these filters; narrow them down and label them in smaller groups.`);
    if (found.ids.length === 0) throw new AppError(400, "No orders (other than cancelled ones) match these filters.");
    orderIds = found.ids;
  } else {
    orderIds = [...new Set(request.orderIds ?? [])];
  }
  const unknown = request.unknownExternalIds ?? [];
  if (orderIds.length + unknown.length === 0) {
    throw new AppError(400, request.allReady ? "No orders are ready for labels: every assigned order to ship already has one." : "Choose at least one order to label.");
  }
  if (orderIds.length > MAX_BATCH_ORDERS) {
    throw new AppError(400, `A batch takes at most ${MAX_BATCH_ORDERS} orders; ${orderIds.length} were asked for. Label them in smaller groups.`);
  }
  await scope
    .updateTable("label_batches")
    .set({ status: "failed", failure: "Interrupted: the server stopped while this batch ran. Run it again; labels already made are re-rendered with the same tracking numbers." })
    .where("status", "=", "running")
    .where("created_at", "<", new Date(now.getTime() - STALE_AFTER_MS))
    .execute();
  const row = await scope
    .insertInto("label_batches", {
      created_by: request.actorUserId,
      created_at: now,
      format: request.format,
      layout: request.format === "zpl" ? "4x6" : request.layout,
      packing_slips: request.packingSlips,
      status: "running",
      total: orderIds.length + unknown.length,
      done: 0,
      skipped: JSON.stringify(unknown.map((orderId) => ({ orderId, reason: "No such order in this shop." }))),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { batchId: row.id, orderIds };
}

export interface LabelBatchResult {
  batchId: number;
  generated: GeneratedLabel[];
  skipped: SkippedOrder[];
  file: Buffer | null;
  fileName: string | null;
  contentType: string | null;
}

/**
 * Labels the batch's orders chunk by chunk, renders the merged file and stores it. A failure marks
 * the batch failed with the reason and is rethrown.
 */
export async function runLabelBatch(
  scope: ShopScope,
  batchId: number,
  orderIds: readonly number[],
  options: { actorUserId: number | null; now?: () => Date } = { actorUserId: null },
): Promise<LabelBatchResult> {
  const batch = await scope
    .selectFrom("label_batches")
    .select(["format", "layout", "packing_slips", "skipped", "created_at"])
    .where("id", "=", batchId)
    .executeTakeFirst();
  if (!batch) throw new AppError(404, "Label batch was not found.");
  try {
    const shop = await shopLabelContext(scope);
    const accounts = await getCarrierAccounts(scope);
    const outcomes: LabelOutcome[] = [];
    for (let i = 0; i < orderIds.length; i += CHUNK) {
      const chunk = orderIds.slice(i, i + CHUNK);
      const now = options.now?.() ?? new Date();
      await scope.transaction(async (tx) => {
        outcomes.push(...(await prepareLabels(tx, { orderIds: chunk, actorUserId: options.actorUserId, now, shop, accounts })));
        await tx
          .updateTable("label_batches")
          .set({ done: sql<number>`done + ${chunk.length}` })
          .where("id", "=", batchId)
          .execute();
      });
    }

    const labelled = outcomes.filter((o): o is Exclude<LabelOutcome, { kind: "skipped" }> => o.kind !== "skipped");
    const skipped: SkippedOrder[] = [
      ...(batch.skipped as SkippedOrder[]),
      ...outcomes.filter((o) => o.kind === "skipped").map((o) => ({ orderId: o.externalId, reason: (o as { reason: string }).reason })),
    ];
    let file: Buffer | null = null;
    let fileName: string | null = null;
    let contentType: string | null = null;
    let generated: GeneratedLabel[] = [];
    if (labelled.length > 0) {
      const contents = await loadLabelContents(scope, labelled.map((o) => o.shipmentId), shop);
      const rendered = renderLabelFile(contents, {
        format: batch.format,
        layout: batch.layout,
        packingSlips: batch.packing_slips,
        title: labelled.length === 1 ? `Shipping label ${labelled[0].trackingNumber}` : `Shipping labels (${labelled.length})`,
      });
      file = rendered.bytes;
      contentType = rendered.contentType;
      fileName = labelled.length === 1
        ? `label-${labelled[0].trackingNumber}.${rendered.extension}`
        : `labels-batch-${batchId}.${rendered.extension}`;
      generated = labelled.map((o, i) => ({
        orderId: o.externalId,
        shipmentId: o.shipmentId,
        carrier: o.carrier,
        service: o.service,
        trackingNumber: o.trackingNumber,
        page: rendered.pages[i],
      }));
    }
    await scope
      .updateTable("label_batches")
      .set({
        status: "completed",
        done: sql<number>`total`,
        generated: JSON.stringify(generated),
        skipped: JSON.stringify(skipped),
        file,
        file_name: fileName,
      })
      .where("id", "=", batchId)
      .execute();
    return { batchId, generated, skipped, file, fileName, contentType };
  } catch (error) {
    const message = error instanceof AppError ? error.message : `Label generation failed: ${error instanceof Error ? error.message : String(error)}`;
    await scope.updateTable("label_batches").set({ status: "failed", failure: message }).where("id", "=", batchId).execute();
    throw error;
  }
}

/** Start and run in one go (the CLI and single-order labels wait for the file). */
export async function generateLabels(scope: ShopScope, request: LabelBatchRequest, now?: () => Date): Promise<LabelBatchResult> {
  const { batchId, orderIds } = await startLabelBatch(scope, request, now?.());
  return runLabelBatch(scope, batchId, orderIds, { actorUserId: request.actorUserId, now });
}

const summaryColumns = [
  "label_batches.id",
  "label_batches.status",
  "label_batches.format",
  "label_batches.layout",
  "label_batches.packing_slips as packingSlips",
  "label_batches.total",
  "label_batches.done",
  "label_batches.generated",
  "label_batches.skipped",
  "label_batches.file_name as fileName",
  "label_batches.failure",
  "label_batches.created_at as createdAt",
  "users.name as createdByName",
] as const;

export async function labelBatch(scope: ShopScope, batchId: number): Promise<LabelBatchSummary> {
  const row = await scope
    .selectFrom("label_batches")
    .leftJoin("users", "users.id", "label_batches.created_by")
    .select([...summaryColumns, sql<number | null>`octet_length(label_batches.file)`.as("fileBytes")])
    .where("label_batches.id", "=", batchId)
    .executeTakeFirst();
  if (!row) throw new AppError(404, "Label batch was not found.");
  return toSummary(row);
}

export async function recentLabelBatches(scope: ShopScope, limit = 10): Promise<LabelBatchSummary[]> {
  return scope
    .selectFrom("label_batches")
    .leftJoin("users", "users.id", "label_batches.created_by")
    .select([...summaryColumns, sql<number | null>`octet_length(label_batches.file)`.as("fileBytes")])
    .orderBy("label_batches.id", "desc")
    .limit(limit)
    .execute()
    .then((rows) => rows.map(toSummary));
}

function toSummary<R extends { createdAt: Date }>(row: R): Omit<R, "createdAt"> & { createdAt: string } {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

export interface LabelFile {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

const contentTypeOf = (format: LabelFormat) => (format === "pdf" ? "application/pdf" : "text/plain; charset=utf-8");

/**
 * A batch's stored file, byte for byte as first made. Unless it is only a preview, fetching it is
 * printing: each label in it gets a label.printed entry in its order's history.
 */
export async function labelBatchFile(
  scope: ShopScope,
  batchId: number,
  options: { actorUserId: number | null; preview?: boolean; now?: Date },
): Promise<LabelFile> {
  const row = await scope
    .selectFrom("label_batches")
    .select(["file", "file_name", "format", "layout", "status", "generated"])
    .where("id", "=", batchId)
    .executeTakeFirst();
  if (!row) throw new AppError(404, "Label batch was not found.");
  if (row.status === "running") throw new AppError(409, "This batch is still being generated; download it when it has finished.");
  if (!row.file || !row.file_name) throw new AppError(404, "This batch has no print file: no labels were generated.");
  if (!options.preview) await recordPrinted(scope, row.generated as GeneratedLabel[], { batchId, format: row.format, layout: row.layout, actorUserId: options.actorUserId, now: options.now ?? new Date() });
  return { bytes: row.file, fileName: row.file_name, contentType: contentTypeOf(row.format) };
}

async function recordPrinted(
  scope: ShopScope,
  generated: GeneratedLabel[],
  info: { batchId: number; format: LabelFormat; layout: LabelLayout; actorUserId: number | null; now: Date },
): Promise<void> {
  if (generated.length === 0) return;
  await scope.transaction(async (tx) => {
    const ids = generated.map((g) => g.shipmentId);
    const shipments = await tx
      .selectFrom("shipments")
      .select(["id", "order_id", "printed_at", "status"])
      .where("id", "in", ids)
      .execute();
    const byId = new Map(shipments.map((s) => [s.id, s]));
    await tx.updateTable("shipments").set({ printed_at: info.now }).where("id", "in", ids).where("status", "<>", "voided").execute();
    const what = info.format === "zpl" ? "ZPL" : info.layout === "letter" ? "PDF, letter" : "PDF, 4x6";
    await recordAudit(
      tx,
      generated
        .filter((g) => byId.has(g.shipmentId))
        .map((g) => {
          const s = byId.get(g.shipmentId)!;
          const again = s.printed_at !== null;
          return {
            actorUserId: info.actorUserId,
            action: "label.printed",
            orderId: s.order_id,
            shipmentId: s.id,
            at: info.now,
            details: {
              summary: `Label ${g.trackingNumber} ${again ? "reprinted" : "printed"} (${what}${s.status === "voided" ? "; this label is voided" : ""}).`,
              batchId: info.batchId,
              format: info.format,
              layout: info.layout,
              reprint: again,
            },
          };
        }),
    );
  });
}

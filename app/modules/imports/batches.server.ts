// Import batches: creating one per imported file, claiming an unfinished one to resume it, the
// heartbeat that tells a live import from a dead one, and reading batches for the progress bar and
// the history page.
//
// Interruption: a running import touches heartbeat_at every few seconds and with every committed
// write. A batch still "running" whose heartbeat is older than STALE_AFTER_SECONDS belongs to a
// process that died (killed, crashed, server restarted); readers mark it interrupted, and running
// the same file again (CLI or upload) or the Resume button claims it with one conditional UPDATE,
// so two resumers can never both win.
import { sql } from "kysely";
import type { ImportStatus } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";

export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_SECONDS = 60;

export interface NewBatch {
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  storedPath: string | null;
  preset: string;
  mapping: Record<string, string>;
  columns: string[];
  createdBy: number | null;
}

export async function createBatch(scope: ShopScope, input: NewBatch): Promise<number> {
  const row = await scope
    .insertInto("import_batches", {
      file_name: input.fileName,
      file_sha256: input.fileSha256,
      file_bytes: input.fileBytes,
      stored_path: input.storedPath,
      preset: input.preset,
      mapping: JSON.stringify(input.mapping),
      columns: JSON.stringify(input.columns),
      status: "running",
      created_by: input.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const staleRunning = sql<boolean>`status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`;

/** Running batches whose process stopped beating become interrupted (what the UI shows). */
export async function markInterruptedBatches(scope: ShopScope): Promise<void> {
  await scope.updateTable("import_batches").set({ status: "interrupted" }).where(staleRunning).execute();
}

/** The unfinished batch of the same file (same content), if there is one to resume. */
export async function findResumableBatch(scope: ShopScope, fileSha256: string): Promise<BatchRow | undefined> {
  return scope
    .selectFrom("import_batches")
    .selectAll()
    .where("file_sha256", "=", fileSha256)
    .where((eb) => eb.or([eb("status", "in", ["interrupted", "failed"]), staleRunning]))
    .orderBy("id", "desc")
    .executeTakeFirst();
}

export type BatchRow = Awaited<ReturnType<typeof getBatchRow>>;

async function getBatchRow(scope: ShopScope, batchId: number) {
  return scope.selectFrom("import_batches").selectAll().where("id", "=", batchId).executeTakeFirstOrThrow();
}

/**
 * Takes over an interrupted or failed batch (or a running one whose process died). Only one caller
 * gets the row back; everyone else gets undefined.
 */
export async function claimBatch(scope: ShopScope, batchId: number, storedPath?: string | null) {
  return scope
    .updateTable("import_batches")
    .set({
      status: "running",
      heartbeat_at: sql`now()`,
      failure: null,
      ...(storedPath !== undefined ? { stored_path: storedPath } : {}),
    })
    .where("id", "=", batchId)
    .where((eb) => eb.or([eb("status", "in", ["interrupted", "failed"]), staleRunning]))
    .returningAll()
    .executeTakeFirst();
}

export async function heartbeat(scope: ShopScope, batchId: number, bytesDone?: number): Promise<void> {
  await scope
    .updateTable("import_batches")
    .set({ heartbeat_at: sql`now()`, ...(bytesDone !== undefined ? { bytes_done: sql<number>`greatest(bytes_done, ${bytesDone})` } : {}) })
    .where("id", "=", batchId)
    .where("status", "=", "running")
    .execute();
}

export async function finishBatch(scope: ShopScope, batchId: number, outcome: { status: Extract<ImportStatus, "completed" | "failed">; failure?: string; records?: number }) {
  await scope
    .updateTable("import_batches")
    .set({
      status: outcome.status,
      failure: outcome.failure ?? null,
      heartbeat_at: sql`now()`,
      ...(outcome.status === "completed"
        ? { finished_at: sql`now()`, stored_path: null, bytes_done: sql<number>`file_bytes`, committed_records: outcome.records ?? 0, records: outcome.records ?? 0 }
        : {}),
    })
    .where("id", "=", batchId)
    .execute();
}

export interface BatchView {
  id: number;
  fileName: string;
  fileBytes: number;
  preset: string;
  status: ImportStatus;
  createdBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
  bytesDone: number;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: number;
  warnings: number;
  failure: string | null;
  /** The uploaded file is still kept, so Resume can work. */
  resumable: boolean;
}

function batchQuery(scope: ShopScope) {
  return scope
    .selectFrom("import_batches")
    .leftJoin("users", "users.id", "import_batches.created_by")
    .select([
      "import_batches.id",
      "import_batches.file_name as fileName",
      "import_batches.file_bytes as fileBytes",
      "import_batches.preset",
      "import_batches.status",
      "users.name as createdBy",
      "import_batches.started_at as startedAt",
      "import_batches.finished_at as finishedAt",
      "import_batches.heartbeat_at as heartbeatAt",
      "import_batches.bytes_done as bytesDone",
      "import_batches.records",
      "import_batches.orders_created as created",
      "import_batches.orders_updated as updated",
      "import_batches.orders_unchanged as unchanged",
      "import_batches.orders_rejected as rejected",
      "import_batches.error_count as errors",
      "import_batches.warning_count as warnings",
      "import_batches.failure",
      "import_batches.stored_path as storedPath",
    ]);
}

function toView({ storedPath, ...row }: Awaited<ReturnType<ReturnType<typeof batchQuery>["executeTakeFirstOrThrow"]>>): BatchView {
  return { ...row, resumable: (row.status === "interrupted" || row.status === "failed") && Boolean(storedPath) };
}

export async function getBatch(scope: ShopScope, batchId: number): Promise<BatchView> {
  await markInterruptedBatches(scope);
  const row = await batchQuery(scope).where("import_batches.id", "=", batchId).executeTakeFirst();
  if (!row) throw new AppError(404, "That import was not found.");
  return toView(row);
}

/** The import history, newest first, a page at a time (keyset on id). */
export async function listBatches(scope: ShopScope, options: { before?: number; limit?: number } = {}): Promise<{ batches: BatchView[]; more: boolean }> {
  await markInterruptedBatches(scope);
  const limit = options.limit ?? 25;
  let q = batchQuery(scope).orderBy("import_batches.id", "desc").limit(limit + 1);
  if (options.before) q = q.where("import_batches.id", "<", options.before);
  const rows = await q.execute();
  return { batches: rows.slice(0, limit).map(toView), more: rows.length > limit };
}

/** Recent batches for the orders page's "import batch" filter. */
export async function recentBatchOptions(scope: ShopScope, limit = 50): Promise<{ id: number; label: string }[]> {
  const rows = await scope
    .selectFrom("import_batches")
    .select(["id", "file_name", "started_at"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, label: `#${r.id} ${r.file_name}` }));
}

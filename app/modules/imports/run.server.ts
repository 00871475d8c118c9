// Running an import: the one code path behind the web upload, the Resume button, the CLI and the
// demo seed. It looks at the file (prepare.server.ts), opens a batch or takes over the unfinished
// batch of the same file, streams the file in (pipeline.server.ts), and completes the batch.
import { existsSync } from "node:fs";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import type { ReportedIssue } from "./assemble";
import { claimBatch, createBatch, findResumableBatch, finishBatch } from "./batches.server";
import { mappingToJson } from "./fields";
import { type PipelineCounts, type PipelineOptions, runPipeline, SimulatedCrash } from "./pipeline.server";
import { fileSha256, type FileToImport, type PreparedImport, prepareImport } from "./prepare.server";
import { listIssues } from "./report.server";

export { SimulatedCrash } from "./pipeline.server";
export type { PreparedImport } from "./prepare.server";

export interface ImportRequest extends FileToImport {
  actorUserId: number | null;
  dryRun?: boolean;
}

export interface ImportSummary {
  batchId: number | null;
  preset: string;
  records: number;
  orders: { created: number; updated: number; unchanged: number; rejected: number };
  errors: { line: number; column: string | null; code: string; message: string }[];
}

export interface OpenedBatch {
  batchId: number;
  /** Records of an earlier run that are already written (0 for a new batch). */
  skipRecords: number;
  resumed: boolean;
  /** The file a resumed batch read before (the caller may delete an uploaded copy). */
  previousStoredPath?: string | null;
}

/**
 * A new batch for the file, or the interrupted batch of the same file (same content) taken over, so
 * running it again completes it instead of starting over.
 */
export async function openBatch(
  scope: ShopScope,
  p: PreparedImport,
  options: { sha256: string; storedPath: string | null; actorUserId: number | null },
): Promise<OpenedBatch> {
  const previous = await findResumableBatch(scope, options.sha256);
  if (previous && previous.preset === p.preset) {
    const claimed = await claimBatch(scope, previous.id, options.storedPath);
    if (claimed) return { batchId: claimed.id, skipRecords: claimed.committed_records, resumed: true, previousStoredPath: previous.stored_path };
  }
  const batchId = await createBatch(scope, {
    fileName: p.fileName,
    fileSha256: options.sha256,
    fileBytes: p.fileBytes,
    storedPath: options.storedPath,
    preset: p.preset,
    mapping: mappingToJson(p.mapping),
    columns: p.columns,
    createdBy: options.actorUserId,
  });
  await recordAudit(scope, {
    actorUserId: options.actorUserId,
    action: "import.started",
    details: { summary: `Started importing ${p.fileName}.`, batchId, preset: p.preset },
  });
  return { batchId, skipRecords: 0, resumed: false };
}

export async function completeBatch(
  scope: ShopScope,
  p: PreparedImport,
  opened: OpenedBatch,
  actorUserId: number | null,
  options?: PipelineOptions,
): Promise<PipelineCounts> {
  try {
    const counts = await runPipeline(scope, p, { batchId: opened.batchId, skipRecords: opened.skipRecords, actorUserId, dryRun: false }, options);
    await finishBatch(scope, opened.batchId, { status: "completed", records: counts.records });
    const batch = await scope
      .selectFrom("import_batches")
      .select(["orders_created", "orders_updated", "orders_unchanged", "orders_rejected", "stored_path"])
      .where("id", "=", opened.batchId)
      .executeTakeFirstOrThrow();
    await recordAudit(scope, {
      actorUserId,
      action: "import.completed",
      details: {
        summary: `Imported ${p.fileName}: ${batch.orders_created} orders created, ${batch.orders_updated} updated, ${batch.orders_unchanged} unchanged, ${batch.orders_rejected} rejected.`,
        batchId: opened.batchId,
        resumed: opened.resumed,
      },
    });
    return counts;
  } catch (error) {
    if (!(error instanceof SimulatedCrash)) {
      const message = error instanceof AppError ? error.message : `The import stopped: ${(error as Error).message ?? String(error)}`;
      await finishBatch(scope, opened.batchId, { status: "failed", failure: message }).catch(() => {});
    }
    throw error;
  }
}

/** Imports a file from disk: the CLI, the demo seed and tests call this; the web upload runs the same steps. */
export async function importOrdersFromFile(scope: ShopScope, req: ImportRequest, options?: PipelineOptions): Promise<ImportSummary> {
  const p = await prepareImport(scope, req);
  if (req.dryRun) {
    // A dry run keeps nothing in the database, so its errors are collected as the slices go by.
    const issues: ReportedIssue[] = [];
    const counts = await runPipeline(scope, p, { batchId: null, skipRecords: 0, actorUserId: req.actorUserId, dryRun: true, collect: issues }, options);
    return {
      batchId: null,
      preset: p.preset,
      records: counts.records,
      orders: { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected },
      errors: issues.filter((i) => i.severity === "error").map((e) => ({ line: e.line, column: e.column, code: e.code, message: e.message })),
    };
  }
  const sha256 = await fileSha256(p.path);
  const opened = await openBatch(scope, p, { sha256, storedPath: existsSync(p.path) ? p.path : null, actorUserId: req.actorUserId });
  await completeBatch(scope, p, opened, req.actorUserId, options);
  const batch = await scope.selectFrom("import_batches").selectAll().where("id", "=", opened.batchId).executeTakeFirstOrThrow();
  const issues = await listIssues(scope, opened.batchId, { severity: "error" });
  return {
    batchId: opened.batchId,
    preset: p.preset,
    records: batch.records,
    orders: { created: batch.orders_created, updated: batch.orders_updated, unchanged: batch.orders_unchanged, rejected: batch.orders_rejected },
    errors: issues.map((e) => ({ line: e.line, column: e.column, code: e.code, message: e.message })),
  };
}

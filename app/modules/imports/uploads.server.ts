// The web import: the upload is streamed to DATA_DIR/uploads (never held in memory, refused past
// the size limit with a message that says so), its batch is opened, and the import runs in the
// background of the server process while the browser polls the batch. The file stays on disk until
// the batch completes, so an interrupted import can be resumed from the history page.
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { env } from "../../lib/env.server";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { claimBatch } from "./batches.server";
import { type ColumnMapping, mappingFromJson } from "./fields";
import { isPresetId, type PresetId, PRESETS } from "./presets";
import { type PreparedImport, prepareImport } from "./prepare.server";
import { completeBatch, openBatch } from "./run.server";

export interface StoredUpload {
  path: string;
  bytes: number;
  sha256: string;
}

export function uploadsDir(): string {
  return path.join(env().dataDir, "uploads");
}

export function describeLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Streams a request body to a new file in the uploads folder, hashing it on the way. */
export async function storeUpload(body: ReadableStream<Uint8Array> | null, options: { limitBytes: number; declaredBytes?: number }): Promise<StoredUpload> {
  const limit = options.limitBytes;
  const tooBig = () =>
    new AppError(413, `The file is larger than the upload limit of ${describeLimit(limit)}. Split it into smaller files, or ask your administrator to raise UPLOAD_LIMIT_MB.`);
  if (options.declaredBytes !== undefined && options.declaredBytes > limit) throw tooBig();
  if (!body) throw new AppError(400, "The upload was empty: choose a CSV file.");
  const dir = uploadsDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${randomBytes(6).toString("hex")}.csv`);
  const out = createWriteStream(file, { flags: "wx" });
  // Without a listener, an error of the file stream (above all ERR_STREAM_DESTROYED, when the
  // upload is cut off while a write is still in flight) is an unhandled 'error' event, and that
  // ends the whole server process. It is kept here and rethrown to the request instead.
  let streamError: Error | null = null;
  out.on("error", (error) => {
    streamError ??= error;
  });
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limit) {
        // Stop reading, but do not cancel: cancelling destroys the request, and with it the socket
        // the 413 answer has to go out on. The client sees the answer and stops sending.
        reader.releaseLock();
        throw tooBig();
      }
      if (streamError) throw streamError;
      hash.update(value);
      if (!out.write(value)) await once(out, "drain");
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    // Let in-flight writes settle and the file close before it is removed.
    if (!out.closed) {
      const closed = once(out, "close").catch(() => {});
      out.destroy();
      await closed;
    }
    rmSync(file, { force: true });
    throw error;
  }
  if (bytes === 0) {
    rmSync(file, { force: true });
    throw new AppError(400, "The file is empty.");
  }
  return { path: file, bytes, sha256: hash.digest("hex") };
}

declare global {
  // eslint-disable-next-line no-var
  var __parcelDeskImports: Map<number, Promise<unknown>> | undefined;
}

/** Imports running in this process (so a double click never starts a batch twice here). */
function running(): Map<number, Promise<unknown>> {
  globalThis.__parcelDeskImports ??= new Map();
  return globalThis.__parcelDeskImports;
}

function inBackground(batchId: number, file: string, work: () => Promise<unknown>) {
  const p = work()
    // Completed: the kept upload has served its purpose. (Interrupted or failed: it stays, for Resume.)
    .then(() => removeIfUpload(file))
    .catch((error) => {
      // The batch records the failure for the user; the log keeps the detail for us.
      console.error(`[import #${batchId}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    })
    .finally(() => running().delete(batchId));
  running().set(batchId, p);
}

function removeIfUpload(file: string | null | undefined) {
  if (!file || !path.resolve(file).startsWith(uploadsDir() + path.sep)) return;
  rmSync(file, { force: true });
}

/** Waits for a background import of this process (tests, and a graceful shutdown). */
export async function waitForImport(batchId: number): Promise<void> {
  await running().get(batchId);
}

export interface StartImportInput {
  upload: StoredUpload;
  fileName: string;
  preset?: "auto" | PresetId;
  mapping?: ColumnMapping;
  templateId?: number;
  actorUserId: number | null;
}

/**
 * Checks the uploaded file (unusable files fail here, with the reason), opens its batch or resumes
 * the interrupted batch of the same file, and starts importing in the background.
 */
export async function startImport(scope: ShopScope, input: StartImportInput): Promise<{ batchId: number; resumed: boolean }> {
  let prepared: PreparedImport;
  try {
    prepared = await prepareImport(scope, {
      path: input.upload.path,
      fileName: input.fileName,
      preset: input.preset,
      mapping: input.mapping,
      templateId: input.templateId,
    });
  } catch (error) {
    rmSync(input.upload.path, { force: true });
    throw error;
  }
  const opened = await openBatch(scope, prepared, { sha256: input.upload.sha256, storedPath: input.upload.path, actorUserId: input.actorUserId });
  // A resumed batch now reads the new copy of the file; the old copy is no longer needed.
  if (opened.previousStoredPath && opened.previousStoredPath !== input.upload.path) removeIfUpload(opened.previousStoredPath);
  inBackground(opened.batchId, input.upload.path, () => completeBatch(scope, prepared, opened, input.actorUserId));
  return { batchId: opened.batchId, resumed: opened.resumed };
}

/** The Resume button: takes over an interrupted (or failed) batch and runs it to the end from its kept file. */
export async function resumeImport(scope: ShopScope, batchId: number, actorUserId: number | null): Promise<void> {
  if (running().has(batchId)) return;
  const batch = await scope.selectFrom("import_batches").selectAll().where("id", "=", batchId).executeTakeFirst();
  if (!batch) throw new AppError(404, "That import was not found.");
  if (batch.status === "completed") throw new AppError(409, "That import has already completed.");
  if (!batch.stored_path || !existsSync(batch.stored_path)) {
    throw new AppError(409, "The uploaded file of this import is no longer kept, so it cannot be resumed. Upload the file again: orders already imported are not duplicated.");
  }
  const mapping = mappingFromJson(batch.mapping);
  const presetId = isPresetId(batch.preset) ? batch.preset : null;
  const prepared = await prepareImport(scope, {
    path: batch.stored_path,
    fileName: batch.file_name,
    ...(presetId ? { preset: presetId } : { mapping: mapping ?? undefined }),
  });
  prepared.preset = batch.preset;
  if (presetId) {
    prepared.source = PRESETS[presetId].source;
    prepared.continuationRows = PRESETS[presetId].continuationRows;
  }
  const claimed = await claimBatch(scope, batchId);
  if (!claimed) throw new AppError(409, "That import is still running; it can be resumed only once it is interrupted.");
  inBackground(batchId, batch.stored_path, () =>
    completeBatch(scope, prepared, { batchId, skipRecords: claimed.committed_records, resumed: true }, actorUserId),
  );
}

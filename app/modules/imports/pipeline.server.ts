// The streaming part of an import: the file goes through papaparse as a stream, rows are validated
// and grouped as they come, and slices of orders are written while the next ones are parsed. At
// most WRITERS slices are in the database at once and the parser waits for them (backpressure), so
// memory stays flat whatever the file size.
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import Papa from "papaparse";
import type { ShopScope } from "../../lib/tenancy.server";
import { OrderAssembler, type ReportedIssue } from "./assemble";
import { HEARTBEAT_MS, heartbeat } from "./batches.server";
import { OrderIdSet } from "./id-set";
import type { PreparedImport } from "./prepare.server";
import { columnIndexes } from "./presets";
import { rowSchemas } from "./rows";
import { lineBreaksIn } from "./sniff";
import { refreshImportStatistics, type Slice, type SliceOutcome, writeSlice } from "./write.server";

export const SLICE_ORDERS = 1000;
// Two slices are written at once on separate connections (one on PGlite, which has only one), and
// they commit in file order, so "committed_records" always describes a prefix of the file.
const WRITERS = 2;

export interface PipelineOptions {
  /** Called after each committed slice (tests stop an import midway through this). */
  afterSlice?: (n: number) => void | Promise<void>;
  /** Orders per transaction (default SLICE_ORDERS; tests use small slices on small files). */
  sliceOrders?: number;
}

export interface PipelineCounts extends SliceOutcome {
  records: number;
}

/** A test's stand-in for `kill -9`: the import stops and leaves its batch exactly as a crash would. */
export class SimulatedCrash extends Error {}

/** Streams the file into the batch (or, with batchId null, only validates it: a dry run). */
export async function runPipeline(
  scope: ShopScope,
  p: PreparedImport,
  run: {
    batchId: number | null;
    skipRecords: number;
    actorUserId: number | null;
    dryRun: boolean;
    /** Receives the reported rows (dry runs, which keep nothing in the database). */
    collect?: ReportedIssue[];
  },
  options: PipelineOptions = {},
): Promise<PipelineCounts> {
  const mapping = p.mapping;
  const indexes = columnIndexes(mapping, p.columns);
  const assembler = new OrderAssembler({
    mapping,
    indexes,
    schemas: rowSchemas({ dateOrder: mapping.dateOrder, weightUnit: mapping.weightUnit, timeZone: p.timeZone }),
    continuationRows: p.continuationRows,
    alreadyWritten: run.skipRecords > 0 ? new OrderIdSet() : undefined,
  });
  const ctx = {
    batchId: run.batchId,
    actorUserId: run.actorUserId,
    fileName: p.fileName,
    source: p.source,
    timeZone: p.timeZone,
    columns: p.columns,
    dryRun: run.dryRun,
  };
  const counts: PipelineCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0, errors: 0, warnings: 0, records: 0 };
  let bytes = 0;
  const decoder = new StringDecoder("utf8");
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      const s = decoder.write(chunk);
      done(null, s.length ? s : undefined);
    },
    flush(done) {
      const rest = decoder.end();
      done(null, rest.length ? rest : undefined);
    },
  });
  const file = createReadStream(p.path, { highWaterMark: 256 * 1024 });
  file.on("error", (e) => text.destroy(e));
  file.pipe(text);

  let failure: unknown = null;
  let inFlight = 0;
  let slices = 0;
  const pending = new Set<Promise<void>>();
  let previousCommit: Promise<void> = Promise.resolve();
  // Statistics are refreshed after the first slice and then each time the import has written ten
  // times more orders (a handful of ANALYZEs for a million rows).
  let written = 0;
  let analyzeAt = 1;
  let handle: Papa.Parser | null = null;
  let paused = false;
  const beat = run.batchId !== null && !run.dryRun ? setInterval(() => void heartbeat(scope, run.batchId!, bytes).catch(() => {}), HEARTBEAT_MS) : null;
  beat?.unref();

  // Writer slots: at most WRITERS slices in the database at once (a finished one hands its slot on).
  let writing = 0;
  const waiters: (() => void)[] = [];
  const acquire = () => (writing < WRITERS ? (writing++, Promise.resolve()) : new Promise<void>((resolve) => waiters.push(resolve)));
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else writing--;
  };

  const enqueue = (slice: Slice) => {
    inFlight++;
    const after = previousCommit;
    let committed!: () => void;
    let notCommitted!: (e: unknown) => void;
    const commit = new Promise<void>((resolve, reject) => {
      committed = resolve;
      notCommitted = reject;
    });
    // A slice that never commits must stop the ones after it from committing.
    commit.catch(() => {});
    previousCommit = commit;
    const work = (async () => {
      await acquire();
      try {
        if (failure) throw failure;
        const out = await writeSlice(scope, ctx, slice, () => after);
        committed();
        if (run.collect && out.issues) run.collect.push(...out.issues);
        for (const k of ["created", "updated", "unchanged", "rejected", "errors", "warnings"] as const) counts[k] += out[k];
        written += out.created + out.updated;
        if (!run.dryRun && written >= analyzeAt) {
          analyzeAt = Math.max(written * 10, 1000);
          await refreshImportStatistics(scope);
        }
        await options.afterSlice?.(++slices);
      } catch (error) {
        notCommitted(error);
        failure ??= error;
      } finally {
        release();
        inFlight--;
        if (paused && inFlight < WRITERS) {
          paused = false;
          if (handle) {
            text.resume();
            handle.resume();
          }
        }
      }
    })();
    pending.add(work);
    void work.finally(() => pending.delete(work));
    if (inFlight >= WRITERS && handle && !paused) {
      // Backpressure: stop reading until the database catches up.
      paused = true;
      text.pause();
      handle.pause();
    }
  };
  // Full slices while reading (fewer, larger transactions); whatever is left at the end.
  const sliceOrders = options.sliceOrders ?? SLICE_ORDERS;
  const drain = (final: boolean) => {
    while (final || assembler.readyCount(sliceOrders) >= sliceOrders || assembler.pendingIssues >= sliceOrders) {
      const c = assembler.take(final, sliceOrders);
      if (c.orders.length === 0 && c.rejected === 0 && c.issues.length === 0) break;
      enqueue({ ...c, records: assembler.records, bytesDone: bytes });
    }
  };

  let line = 1;
  let headerSeen = false;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text as unknown as NodeJS.ReadableStream, {
      delimiter: p.delimiter,
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        handle = parser;
        if (failure) {
          parser.abort();
          return;
        }
        const malformed = new Set(results.errors.filter((e) => e.type === "Quotes").map((e) => e.row));
        results.data.forEach((cells, i) => {
          const start = line;
          line += 1 + lineBreaksIn(cells);
          if (!headerSeen) {
            headerSeen = true;
            return;
          }
          if (cells.length === 1 && cells[0].trim() === "") return;
          if (assembler.records < run.skipRecords) {
            assembler.skip(cells);
            return;
          }
          assembler.add(start, cells, structuralProblem(cells, p.columns.length, malformed.has(i)));
        });
        drain(false);
      },
      complete() {
        // Parsing is over: pausing the parser now would leave papaparse polling for a halt forever.
        handle = null;
        resolve();
      },
      error(error: Error) {
        reject(error);
      },
    });
  }).catch((error) => {
    failure ??= error;
  });
  if (!failure) drain(true);
  while (pending.size) await Promise.all([...pending]);
  if (beat) clearInterval(beat);
  if (failure) throw failure;
  counts.records = assembler.records;
  return counts;
}

function structuralProblem(cells: readonly string[], columns: number, malformedQuotes: boolean) {
  if (malformedQuotes) {
    return { code: "csv_malformed", message: "A quoted value is not closed properly (a stray or missing double quote), so this row could not be read reliably." };
  }
  if (cells.length > columns && cells.slice(columns).some((c) => c.trim() !== "")) {
    return { code: "too_many_fields", message: `The row has ${cells.length} values but the header has ${columns} columns; check for an unquoted comma.` };
  }
  return undefined;
}

/** Runs a batch to the end: completes it, or records why it failed (a crash leaves it running). */

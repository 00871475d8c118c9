// Imports that go wrong or overlap: an import killed midway leaves every order whole or absent,
// shows as interrupted and completes when run again (CLI path and Resume button); two imports of
// the same or overlapping files at once never duplicate anything; the web upload is streamed to
// disk within its size limit and removed once its batch completes.
import { existsSync, readdirSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { getBatch, listBatches } from "../../app/modules/imports/batches.server";
import { importOrdersFromFile, SimulatedCrash } from "../../app/modules/imports/run.server";
import { resumeImport, startImport, storeUpload, uploadsDir, waitForImport } from "../../app/modules/imports/uploads.server";
import { genericCsv, genericItems, genericOrders, tempDir, writeCsv } from "../fixtures/imports";
import { createTestShop, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

// Uploads go to DATA_DIR/uploads: a folder of this test file's own.
process.env.DATA_DIR = tempDir("pd-import-data-");
globalThis.__parcelDeskEnv = undefined;

let handle: DatabaseHandle;
let shop: TestShop;
const dir = tempDir();

beforeAll(async () => {
  handle = await openTestDatabase({ poolSize: 10 });
});
afterAll(() => handle?.close());

async function freshShop(slug: string) {
  return createTestShop(handle.db, `${slug}-${Math.random().toString(36).slice(2, 7)}`);
}

/** Every order in the shop with how many items it has. */
async function itemCounts(s: TestShop): Promise<Map<string, number>> {
  const rows = await s.scope
    .selectFrom("orders")
    .leftJoin("order_items", (j) => j.onRef("order_items.order_id", "=", "orders.id").onRef("order_items.shop_id", "=", "orders.shop_id"))
    .select(["orders.external_id", sql<number>`count(order_items.id)`.as("n")])
    .groupBy("orders.external_id")
    .execute();
  return new Map(rows.map((r) => [r.external_id, Number(r.n)]));
}

const expectWholeOrders = (counts: Map<string, number>) => {
  for (const [id, n] of counts) expect(n, `items of ${id}`).toBe(genericItems(Number(id.split("-").pop())));
};

async function makeStale(s: TestShop, batchId: number) {
  await s.scope.updateTable("import_batches").set({ heartbeat_at: sql`now() - interval '10 minutes'` }).where("id", "=", batchId).execute();
}

describe(`import recovery on ${backend}`, () => {
  it("leaves every order whole or absent when killed midway, shows the batch interrupted, and completes it when run again", async () => {
    shop = await freshShop("crash");
    // 300 orders in slices of 25; every 40th order has a bad row (its errors must not be reported twice).
    const rows = genericOrders(300, { prefix: "CR", change: (n, row) => (n % 40 === 0 && row.sku === "SKU-1" ? { ...row, quantity: 0 } : row) });
    const file = writeCsv(dir, "crash.csv", genericCsv(rows));
    const crash = importOrdersFromFile(
      shop.scope,
      { path: file, actorUserId: shop.users.fulfilment.id },
      {
        sliceOrders: 25,
        afterSlice: (n) => {
          if (n === 4) throw new SimulatedCrash("killed");
        },
      },
    );
    await expect(crash).rejects.toBeInstanceOf(SimulatedCrash);

    const [batch] = (await listBatches(shop.scope)).batches;
    expect(batch.status).toBe("running");
    const partial = await itemCounts(shop);
    expect(partial.size).toBeGreaterThanOrEqual(100);
    expect(partial.size).toBeLessThan(293);
    expectWholeOrders(partial);
    const committed = await shop.scope.selectFrom("import_batches").select(["committed_records", "orders_created", "error_count"]).where("id", "=", batch.id).executeTakeFirstOrThrow();
    expect(committed.orders_created).toBe(partial.size);

    // Its process is gone: once the heartbeat is stale the history says interrupted.
    await makeStale(shop, batch.id);
    expect((await getBatch(shop.scope, batch.id)).status).toBe("interrupted");

    const resumed = await importOrdersFromFile(shop.scope, { path: file, actorUserId: shop.users.fulfilment.id }, { sliceOrders: 25 });
    expect(resumed.batchId).toBe(batch.id);
    const bad = [40, 80, 120, 160, 200, 240, 280];
    expect(resumed.orders).toEqual({ created: 300 - bad.length, updated: 0, unchanged: 0, rejected: bad.length });
    expect(resumed.errors.filter((e) => e.code === "quantity_invalid")).toHaveLength(bad.length);
    const done = await itemCounts(shop);
    expect(done.size).toBe(300 - bad.length);
    expectWholeOrders(done);
    expect(await getBatch(shop.scope, batch.id)).toMatchObject({ status: "completed", records: rows.length, created: 293 });
    const errorRows = await shop.scope.selectFrom("import_errors").select(sql<number>`count(*)`.as("n")).where("batch_id", "=", batch.id).executeTakeFirstOrThrow();
    expect(Number(errorRows.n)).toBe(resumed.errors.length);
  });

  it("imports the same file twice at once without duplicating anything", async () => {
    const s = await freshShop("twice");
    const file = writeCsv(dir, "twice.csv", genericCsv(genericOrders(240, { prefix: "TW" })));
    const [x, y] = await Promise.all([
      importOrdersFromFile(s.scope, { path: file, actorUserId: null }, { sliceOrders: 20 }),
      importOrdersFromFile(s.scope, { path: file, actorUserId: null }, { sliceOrders: 20 }),
    ]);
    expect(x.batchId).not.toBe(y.batchId);
    expect(x.orders.created + y.orders.created).toBe(240);
    expect(x.orders.created + x.orders.unchanged).toBe(240);
    expect(y.orders.created + y.orders.unchanged).toBe(240);
    const counts = await itemCounts(s);
    expect(counts.size).toBe(240);
    expectWholeOrders(counts);
  });

  it("imports overlapping files at once: every order once, with its items once", async () => {
    const s = await freshShop("overlap");
    const all = genericOrders(300, { prefix: "OV" });
    const first = all.filter((r) => Number(String(r.order_id).slice(3)) <= 200);
    const second = all.filter((r) => Number(String(r.order_id).slice(3)) > 100);
    const [x, y] = await Promise.all([
      importOrdersFromFile(s.scope, { path: writeCsv(dir, "ov1.csv", genericCsv(first)), actorUserId: null }, { sliceOrders: 15 }),
      importOrdersFromFile(s.scope, { path: writeCsv(dir, "ov2.csv", genericCsv(second)), actorUserId: null }, { sliceOrders: 15 }),
    ]);
    expect(x.orders.created + y.orders.created).toBe(300);
    const counts = await itemCounts(s);
    expect(counts.size).toBe(300);
    expectWholeOrders(counts);
    const items = await s.scope.selectFrom("order_items").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    expect(Number(items.n)).toBe(all.length);
  });

  it("streams an upload to disk, imports it in the background and removes it once the batch completes", async () => {
    const s = await freshShop("upload");
    const content = genericCsv(genericOrders(30, { prefix: "UP" }));
    const upload = await storeUpload(new Response(content).body, { limitBytes: 1024 * 1024 });
    expect(upload.bytes).toBe(Buffer.byteLength(content));
    expect(existsSync(upload.path)).toBe(true);
    const { batchId, resumed } = await startImport(s.scope, { upload, fileName: "orders.csv", preset: "auto", actorUserId: s.users.owner.id });
    expect(resumed).toBe(false);
    await waitForImport(batchId);
    expect(await getBatch(s.scope, batchId)).toMatchObject({ status: "completed", created: 30, fileName: "orders.csv", createdBy: s.users.owner.name, resumable: false });
    expect(existsSync(upload.path)).toBe(false);
  });

  it("refuses an upload over the limit with a clear message and keeps nothing of it", async () => {
    const before = existsSync(uploadsDir()) ? readdirSync(uploadsDir()).length : 0;
    const big = "x".repeat(5000);
    await expect(storeUpload(new Response(big).body, { limitBytes: 4096 })).rejects.toMatchObject({
      status: 413,
      message: "The file is larger than the upload limit of 4 KB. Split it into smaller files, or ask your administrator to raise UPLOAD_LIMIT_MB.",
    });
    await expect(storeUpload(new Response(big).body, { limitBytes: 4096, declaredBytes: 5000 })).rejects.toMatchObject({ status: 413 });
    expect(readdirSync(uploadsDir()).length).toBe(before);
  });

  it("refuses an unusable upload at once, and removes it", async () => {
    const s = await freshShop("unusable");
    const upload = await storeUpload(new Response("Foo,Bar\n1,2\n").body, { limitBytes: 4096 });
    await expect(startImport(s.scope, { upload, fileName: "foo.csv", actorUserId: null })).rejects.toMatchObject({ status: 400 });
    expect(existsSync(upload.path)).toBe(false);
    expect((await listBatches(s.scope)).batches).toEqual([]);
  });

  it("resumes an interrupted upload from the history page's Resume button, from the kept file", async () => {
    const s = await freshShop("resume-ui");
    const upload = await storeUpload(new Response(genericCsv(genericOrders(120, { prefix: "RU" }))).body, { limitBytes: 1024 * 1024 });
    // The server died midway through this upload's import.
    await expect(
      importOrdersFromFile(s.scope, { path: upload.path, fileName: "big.csv", actorUserId: null }, { sliceOrders: 10, afterSlice: (n) => { if (n === 3) throw new SimulatedCrash("killed"); } }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const [batch] = (await listBatches(s.scope)).batches;
    await expect(resumeImport(s.scope, batch.id, null)).rejects.toMatchObject({ status: 409 });
    await makeStale(s, batch.id);
    expect(await getBatch(s.scope, batch.id)).toMatchObject({ status: "interrupted", resumable: true });
    // Another shop cannot resume it.
    const other = await freshShop("resume-other");
    await expect(resumeImport(other.scope, batch.id, null)).rejects.toMatchObject({ status: 404 });
    await resumeImport(s.scope, batch.id, s.users.owner.id);
    await waitForImport(batch.id);
    expect(await getBatch(s.scope, batch.id)).toMatchObject({ status: "completed", created: 120 });
    expectWholeOrders(await itemCounts(s));
    expect(existsSync(upload.path)).toBe(false);
    await expect(resumeImport(s.scope, batch.id, null)).rejects.toMatchObject({ status: 409, message: "That import has already completed." });
  });

  it("resumes when the same file is uploaded again after an interruption", async () => {
    const s = await freshShop("reupload");
    const content = genericCsv(genericOrders(60, { prefix: "RE" }));
    const first = await storeUpload(new Response(content).body, { limitBytes: 1024 * 1024 });
    await expect(
      importOrdersFromFile(s.scope, { path: first.path, fileName: "again.csv", actorUserId: null }, { sliceOrders: 10, afterSlice: (n) => { if (n === 2) throw new SimulatedCrash("killed"); } }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const [batch] = (await listBatches(s.scope)).batches;
    await makeStale(s, batch.id);
    const second = await storeUpload(new Response(content).body, { limitBytes: 1024 * 1024 });
    const started = await startImport(s.scope, { upload: second, fileName: "again.csv", actorUserId: null });
    expect(started).toEqual({ batchId: batch.id, resumed: true });
    await waitForImport(batch.id);
    expect(await getBatch(s.scope, batch.id)).toMatchObject({ status: "completed", created: 60 });
    expect(existsSync(first.path)).toBe(false);
    expect(existsSync(second.path)).toBe(false);
  });
});

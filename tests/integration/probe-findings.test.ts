// Reproductions of the probe's findings that need a database or a route (issue 13), each made the
// way the probe made it:
//   1: an oversized upload without Content-Length (chunked) crashing the server process
//   4: a newline in ?redirectTo= answering 500 after a correct sign-in
//   6: the signer's name in a carrier's description on the public page before the postal code
//   9: JSON endpoints answering 200 with {"error": ...}
//  12: a GET of a label file marking it printed (and writing history), so a cross-site link could
// Findings 2, 3 and 8 have their own files (accounts-invitations, public-tracking-shops,
// sign-in-throttle); 5 and 7 belong to the import issue.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, useDatabase } from "../../app/lib/db.server";
import { startSession } from "../../app/lib/session.server";
import { orderHistory } from "../../app/modules/audit/audit.server";
import { storeUpload, uploadsDir } from "../../app/modules/imports/uploads.server";
import { generateLabels } from "../../app/modules/labels/batches.server";
import { locateShipments } from "../../app/modules/public-tracking/locate.server";
import { publicTracking } from "../../app/modules/public-tracking/lookup.server";
import { action as importAction } from "../../app/routes/s.$shop.api.imports";
import { loader as batchLoader } from "../../app/routes/s.$shop.api.labels.$batchId";
import { action as fileAction, loader as fileLoader } from "../../app/routes/s.$shop.api.labels.$batchId.file";
import { action as loginAction } from "../../app/routes/login";
import { addEvents, createParcel, hoursAgo, useBuyerTestEnv } from "../fixtures/buyers";
import { seedLabelOrders } from "../fixtures/labels";
import { createTestShop, TEST_PASSWORD, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let dataDir: string;
let ownerCookie: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-probe-"));
  // 64 KB upload limit, so "oversized" is cheap to send.
  useBuyerTestEnv(dataDir, { UPLOAD_LIMIT_MB: String(64 / 1024) });
  handle = await openTestDatabase();
  useDatabase(handle);
  a = await createTestShop(handle.db);
  ownerCookie = (await startSession(handle.db, a.users.owner.id, null)).split(";")[0];
});
afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const routeArgs = (pathname: string, params: Record<string, string>, init: RequestInit = {}) => ({
  request: new Request(`http://localhost${pathname}`, { ...init, headers: { Cookie: ownerCookie, ...(init.headers ?? {}) } }),
  params,
  context: {},
});

/** A body that arrives in many small chunks and announces no length, like `curl -T - ` does. */
function chunkedBody(totalBytes: number, chunkBytes = 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new Uint8Array(chunkBytes).fill(0x41);
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunkBytes;
    },
  });
}

describe(`finding 1: an oversized chunked upload answers 413 and the server stays up (${backend})`, () => {
  it("never leaves an unhandled stream error behind, however the chunks fall", async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on("uncaughtException", onCrash);
    try {
      for (let run = 0; run < 25; run++) {
        // Small chunks keep a write in flight when the limit is crossed (the crash's trigger).
        await expect(storeUpload(chunkedBody(1024 * 1024, 512 + run * 97), { limitBytes: 64 * 1024 })).rejects.toMatchObject({ status: 413 });
      }
      // Give any late 'error' event of a destroyed stream its chance to surface.
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off("uncaughtException", onCrash);
    }
    expect(crashes.map(String)).toEqual([]);
    // Nothing half-written is left behind.
    expect(existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []).toEqual([]);
  });

  it("answers the web upload with 413 and the limit in words", async () => {
    const response = (await importAction(
      routeArgs(`/s/${a.shop.slug}/api/imports?name=big.csv&preset=generic`, { shop: a.shop.slug }, {
        method: "POST",
        body: chunkedBody(2 * 1024 * 1024),
        // Node's fetch needs this for a streamed body.
        duplex: "half",
      } as RequestInit),
    )) as Response;
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/larger than the upload limit of 64 KB/);
  });
});

describe("finding 4: a newline in ?redirectTo= after a correct sign-in", () => {
  it("lands on the home page instead of answering 500 or leaving the site", async () => {
    for (const redirectTo of ["/\n/127.0.0.1:9999/phish", "/\t/127.0.0.1:9999/phish", "/\r\nSet-Cookie: x=1"]) {
      const form = new URLSearchParams({ email: a.users.owner.email, password: TEST_PASSWORD, redirectTo });
      let thrown: unknown;
      try {
        await loginAction({ request: new Request("http://localhost/login", { method: "POST", body: form, headers: { "x-parcel-desk-client-ip": "10.4.0.1" } }), params: {}, context: {} });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(redirectTo)).toBeInstanceOf(Response);
      const response = thrown as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/");
    }
  });
});

describe("finding 6: personal details in a carrier's words stay hidden until the postal code", () => {
  it("shows the scan without the signer's name, and the carrier's words once verified", async () => {
    const parcel = await createParcel(a.scope, { status: "delivered", deliveredAt: hoursAgo(1), buyerName: "Aoife O'Brien" });
    await addEvents(a.scope, parcel, [
      { code: "PU", status: "in_transit", at: hoursAgo(30), description: "Shipment picked up from Dana's Candles, 12 Wick St", substatus: "picked_up", city: "Columbus", region: "OH" },
      { code: "OK", status: "delivered", at: hoursAgo(1), description: "Delivered : A. O'BRIEN", substatus: "delivered", city: "Eugene", region: "OR" },
    ], "dhl");
    const [located] = await locateShipments(handle.db, parcel.trackingNumber);
    const open = await publicTracking(handle.db, parcel.trackingNumber, located, { verified: false });
    const text = JSON.stringify(open);
    expect(text).not.toMatch(/O'BRIEN/i);
    expect(text).not.toContain("Wick St");
    expect(open.kind === "tracking" && open.events.map((e) => e.description)).toEqual(["Delivered", "Picked up by the carrier"]);
    const verified = await publicTracking(handle.db, parcel.trackingNumber, located, { verified: true });
    expect(verified.kind === "tracking" && verified.events[0].description).toBe("Delivered : A. O'BRIEN");
  });
});

describe("finding 9 and 12: label endpoints", () => {
  let batchId: number;
  let shipmentIds: number[];
  beforeAll(async () => {
    await seedLabelOrders(handle.db, a.shop.slug);
    const ready = await a.scope.selectFrom("orders").select("id").where("external_id", "like", "E2E-LABEL-300%").where("external_id", "<>", "E2E-LABEL-3004").execute();
    const result = await generateLabels(a.scope, { format: "pdf", layout: "4x6", packingSlips: false, actorUserId: a.users.owner.id, orderIds: ready.map((r) => r.id) });
    batchId = result.batchId;
    shipmentIds = result.generated.map((g) => g.shipmentId);
    expect(shipmentIds.length).toBeGreaterThan(0);
  });

  it("9: a missing batch answers 404 (not 200 with an error inside)", async () => {
    const missing = (await batchLoader(routeArgs(`/s/${a.shop.slug}/api/labels/999999`, { shop: a.shop.slug, batchId: "999999" }))) as Response;
    expect(missing).toBeInstanceOf(Response);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("Label batch was not found.");
    const bad = (await batchLoader(routeArgs(`/s/${a.shop.slug}/api/labels/x`, { shop: a.shop.slug, batchId: "x" }))) as Response;
    expect(bad).toBeInstanceOf(Response);
    expect(bad.status).toBe(400);
  });

  it("12: downloading a label file with GET changes nothing; printing is a POST", async () => {
    const printed = async () => {
      const rows = await a.scope.selectFrom("shipments").select(["printed_at", "order_id"]).where("id", "in", shipmentIds).execute();
      const history = (await Promise.all(rows.map((r) => orderHistory(a.scope, r.order_id)))).flat().filter((h) => h.action === "label.printed");
      return { printedAt: rows.filter((r) => r.printed_at).length, history: history.length, shipments: rows.length };
    };
    const before = await printed();
    expect(before).toMatchObject({ printedAt: 0, history: 0 });
    const url = `/s/${a.shop.slug}/api/labels/${batchId}/file`;
    const download = (await fileLoader(routeArgs(url, { shop: a.shop.slug, batchId: String(batchId) }))) as Response;
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment/);
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await printed()).toEqual(before);

    const print = (await fileAction(routeArgs(url, { shop: a.shop.slug, batchId: String(batchId) }, { method: "POST" }))) as Response;
    expect(print.status).toBe(200);
    expect(print.headers.get("Content-Disposition")).toMatch(/^attachment/);
    const after = await printed();
    expect(after.printedAt).toBe(after.shipments);
    expect(after.history).toBe(after.shipments);
  });
});

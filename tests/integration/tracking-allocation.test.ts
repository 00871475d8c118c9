// Concurrent tracking-number allocation: 10,000 numbers from parallel workers (on PostgreSQL
// through a pool of several connections, some inside transactions that roll back), no duplicates,
// every one valid in its carrier's format.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { detectTrackingNumber } from "../../app/modules/carriers/tracking-numbers";
import { type AllocationInput, allocateTrackingNumber, allocateTrackingNumbers } from "../../app/modules/carriers/tracking-numbers/allocate.server";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ poolSize: 8 });
});
afterAll(() => handle?.close());

const KINDS: (AllocationInput & { format: string })[] = [
  { carrier: "ups", serviceCode: "ups_ground", shipperId: "8A2F51", format: "ups_1z" },
  { carrier: "ups", serviceCode: "ups_next_day_air", shipperId: "8A2F51", format: "ups_1z" },
  { carrier: "usps", serviceCode: "usps_ground_advantage", shipperId: "281197", format: "usps_impb" },
  { carrier: "fedex", serviceCode: "fedex_2day", shipperId: null, format: "fedex_express_12" },
  { carrier: "fedex", serviceCode: "fedex_home_delivery", shipperId: null, format: "fedex_ground_15" },
  { carrier: "dhl", serviceCode: "dhl_express_worldwide", shipperId: null, format: "dhl_express_10" },
];

class Rollback extends Error {}

describe(`tracking-number allocation on ${backend}`, () => {
  it("hands out 10,000 numbers from parallel workers without a duplicate", { timeout: 120_000 }, async () => {
    const TOTAL = 10_000;
    const WORKERS = 16;
    const committed: { number: string; format: string }[] = [];
    const rolledBack: string[] = [];
    const backends = new Set<number>();
    let handedOut = 0;

    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        let round = 0;
        while (handedOut < TOTAL) {
          const kind = KINDS[(w + round++) % KINDS.length];
          if (w % 2 === 0) {
            handedOut++;
            committed.push({ number: await allocateTrackingNumber(handle.db, kind), format: kind.format });
            continue;
          }
          // Odd workers allocate five at a time inside a transaction; every fourth one rolls back.
          const batch: string[] = [];
          const rollback = round % 4 === 0;
          handedOut += 5;
          try {
            await handle.db.transaction().execute(async (trx) => {
              const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
              backends.add(Number(rows[0].pid));
              for (let i = 0; i < 5; i++) batch.push(await allocateTrackingNumber(trx, kind));
              if (rollback) throw new Rollback();
            });
            for (const number of batch) committed.push({ number, format: kind.format });
          } catch (error) {
            if (!(error instanceof Rollback)) throw error;
            rolledBack.push(...batch);
          }
        }
      }),
    );

    expect(committed.length + rolledBack.length).toBeGreaterThanOrEqual(TOTAL);
    const all = [...committed.map((c) => c.number), ...rolledBack];
    // Unique across everything handed out: a rolled-back serial is skipped, never handed out again.
    expect(new Set(all).size).toBe(all.length);
    expect(rolledBack.length).toBeGreaterThan(0);
    const wrong = committed.filter((c) => detectTrackingNumber(c.number).format !== c.format);
    expect(wrong).toEqual([]);
    // On PostgreSQL the workers really ran on several connections at once.
    if (backend === "postgres") expect(backends.size).toBeGreaterThan(1);
  });

  it("allocates in batches in parallel without overlap", async () => {
    const batches = await Promise.all(
      Array.from({ length: 4 }, () => allocateTrackingNumbers(handle.db, { carrier: "usps", serviceCode: "usps_priority_mail", shipperId: null }, 500)),
    );
    const flat = batches.flat();
    expect(flat).toHaveLength(2000);
    expect(new Set(flat).size).toBe(2000);
    expect(flat.every((n) => detectTrackingNumber(n).format === "usps_impb")).toBe(true);
  });

  it("refuses an unknown service or a malformed shipper number with a message", async () => {
    await expect(allocateTrackingNumber(handle.db, { carrier: "ups", serviceCode: "ups_teleport", shipperId: null })).rejects.toThrow(
      'Unknown service "ups_teleport" for carrier "ups".',
    );
    await expect(allocateTrackingNumber(handle.db, { carrier: "ups", serviceCode: "ups_ground", shipperId: "bad!" })).rejects.toThrow(/6 letters or digits/);
  });
});

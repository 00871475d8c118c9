// Allocating tracking numbers: the next serial from the format's PostgreSQL sequence, built into a
// number in the carrier's format. nextval() is atomic across connections and transactions and
// never hands out a value twice (a rolled-back transaction skips its value rather than returning
// it), so parallel label runs on any number of app instances cannot collide. Never derive a serial
// from max(tracking_number) + 1: two transactions would read the same max.
import { sql } from "kysely";
import type { Queryable } from "../../../lib/db.server";
import { AppError } from "../../../lib/errors";
import { type CarrierCode, findService, type TrackingFormat } from "../registry";
import { generateTrackingNumber } from "./generate";

/** One sequence per number space (db/migrations/2026_11_21_0003_carriers_shipments.ts). */
const SEQUENCE: Record<TrackingFormat, string> = {
  ups_1z: "tracking_serial_ups",
  usps_impb: "tracking_serial_usps",
  fedex_express_12: "tracking_serial_fedex_express",
  fedex_ground_15: "tracking_serial_fedex_ground",
  dhl_express_10: "tracking_serial_dhl",
};

export interface AllocationInput {
  carrier: CarrierCode;
  serviceCode: string;
  /** UPS shipper number or USPS Mailer ID from the shop's carrier account (placeholders when null). */
  shipperId: string | null;
}

function serviceFor(input: AllocationInput) {
  const service = findService(input.carrier, input.serviceCode);
  if (!service) throw new AppError(400, `Unknown service "${input.serviceCode}" for carrier "${input.carrier}".`);
  return service;
}

function build(input: AllocationInput, serial: number): string {
  try {
    return generateTrackingNumber({ service: serviceFor(input), serial, shipperId: input.shipperId });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(400, (error as Error).message);
  }
}

export async function allocateTrackingNumber(db: Queryable, input: AllocationInput): Promise<string> {
  const service = serviceFor(input);
  const { rows } = await sql<{ n: number }>`select nextval(${SEQUENCE[service.trackingFormat]}::regclass) as n`.execute(db);
  return build(input, Number(rows[0].n));
}

/** `count` numbers in one round trip (bulk label runs). */
export async function allocateTrackingNumbers(db: Queryable, input: AllocationInput, count: number): Promise<string[]> {
  if (!Number.isSafeInteger(count) || count < 0 || count > 100_000) throw new AppError(400, `Cannot allocate ${count} tracking numbers at once.`);
  if (count === 0) return [];
  const service = serviceFor(input);
  const { rows } = await sql<{ n: number }>`
    select nextval(${SEQUENCE[service.trackingFormat]}::regclass) as n from generate_series(1, ${count})
  `.execute(db);
  return rows.map((r) => build(input, Number(r.n)));
}

// The carrier simulator: plays realistic journeys for a shop's labelled shipments that have no scan
// yet (status pending), deterministic for a seed, and delivers the events through the same
// ingestion code path as real carriers (or the signed webhook), then runs the exception scan.
//
// Journeys are spread over the last `days` days so a fresh demo shows every stage: most parcels
// delivered, some in flight, stalled, lost, misrouted, failed, returned, never picked up. To make a
// journey fit its place in that window the simulator moves the shipment's label date (and the
// EDDs computed from it, on the shipment and its order) back to the journey's start: it is a tool
// for demos and tests, never for live shops.
import { sql } from "kysely";
import type { ShipmentStatus } from "../../../../db/types";
import { seededRandom } from "../../../lib/random";
import type { ShopScope } from "../../../lib/tenancy.server";
import { recordAudit } from "../../audit/audit.server";
import { estimateDelivery } from "../../carriers/edd";
import { findService, isExpedited } from "../../carriers/registry";
import { scanShop, type ScanResult } from "../../exceptions/scan.server";
import { parseShopSettings } from "../../shops/settings";
import { ingestEvents } from "../ingest.server";
import { type TrackingEvent, trackingEventSchema } from "../../tracking/schemas";
import { signatureHeader } from "../../tracking/signature";
import { journey, type JourneyResult, routeFor, type Scenario, SCENARIOS, type SimEvent, type SimShipment } from "./journeys";
import type { Place } from "./network";

export type SimulationShares = Record<Exclude<Scenario, "normal">, number>;

/** Default shares of each scenario; the rest of the parcels travel normally. */
export const DEFAULT_SHARES: SimulationShares = {
  delayed: 0.08,
  stalled: 0.05,
  lost: 0.03,
  misrouted: 0.05,
  failed_attempt: 0.07,
  pickup_point: 0.04,
  address_issue: 0.04,
  address_unfixed: 0.02,
  damaged: 0.04,
  returned: 0.04,
  not_picked_up: 0.04,
  expired: 0.02,
  voided: 0.02,
  pending: 0.03,
};

export interface SimulateOptions {
  days?: number;
  seed?: number;
  now?: Date;
  shares?: Partial<SimulationShares>;
  /** Share of journeys stopped mid-way at "now" (in transit, out for delivery, waiting at a pickup point...). */
  inFlightShare?: number;
  /** Post signed batches to this webhook URL instead of ingesting in-process. */
  viaWebhook?: string;
  batchSize?: number;
  /** Skip the exception scan at the end. */
  noScan?: boolean;
}

export interface SimulationResult {
  shipments: number;
  events: number;
  scenarios: Partial<Record<Scenario, number>>;
  ingest: { received: number; stored: number; duplicates: number; orphans: number };
  scan: ScanResult | null;
  statuses: Partial<Record<ShipmentStatus, number>>;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function signerOf(buyerName: string): string {
  const parts = buyerName.trim().split(/\s+/);
  if (parts.length < 2) return buyerName.toUpperCase();
  return `${parts[0][0]}. ${parts[parts.length - 1]}`.toUpperCase();
}

export interface Candidate {
  id: number;
  order_id: number;
  tracking_number: string;
  carrier_code: string;
  service_code: string | null;
  dest_region: string | null;
  dest_postal_code: string | null;
  dest_country: string | null;
  city: string;
  buyer_name: string;
}

interface Planned {
  shipment: Candidate;
  scenario: Scenario;
  start: Date;
  events: SimEvent[];
}

function chooseScenario(rng: ReturnType<typeof seededRandom>, shares: SimulationShares, s: SimShipment): Scenario {
  const weights = { ...shares, normal: Math.max(0, 1 - Object.values(shares).reduce((a, b) => a + b, 0)) } as Record<Scenario, number>;
  let scenario = rng.weighted(weights);
  if (scenario === "voided" && s.carrier !== "ups" && s.carrier !== "fedex") scenario = "not_picked_up";
  if (scenario === "misrouted" && (s.destination.country !== "US" || routeFor(s).length < 2)) scenario = "delayed";
  return scenario;
}

/** Where the journey starts so that, at `now`, the parcel is where the scenario wants it. */
function place(s: SimShipment, scenario: Scenario, seed: number, now: Date, days: number, inFlightShare: number): { start: Date; result: JourneyResult } {
  const pick = seededRandom(hash(`${seed}:${s.trackingNumber}:when`));
  const run = (start: Date) => journey(s, scenario, start, seededRandom(hash(`${seed}:${s.trackingNumber}:trip`)));
  const minutesAgo = (min: number, max: number) => new Date(now.getTime() - pick.int(min, max) * 60_000);
  switch (scenario) {
    case "pending":
      return { start: minutesAgo(30, 20 * 60), result: run(now) };
    case "expired":
      return { start: minutesAgo(31 * 1440, 40 * 1440), result: run(now) };
    case "not_picked_up":
      return settle(run, minutesAgo(4 * 1440, 8 * 1440));
    case "voided":
      return settle(run, minutesAgo(4 * 1440, 10 * 1440));
    case "stalled":
    case "lost": {
      const silence = scenario === "stalled" ? pick.int(76 * 60, 9 * 1440) : pick.int(10.5 * 1440, 13 * 1440);
      return settleLast(run, now, silence * 60_000);
    }
    default: {
      const probe = run(new Date(now.getTime() - days * DAY));
      const events = probe.events;
      const span = events.length ? events[events.length - 1].occurredAt.getTime() - events[0].occurredAt.getTime() : 0;
      const inFlight = pick.chance(scenario === "normal" ? inFlightShare : Math.min(0.9, inFlightShare + 0.15)) || span > (days - 1) * DAY;
      if (!inFlight) {
        const latest = now.getTime() - span - 2 * HOUR;
        const earliest = now.getTime() - days * DAY;
        return settle(run, new Date(earliest + pick.next() * Math.max(0, latest - earliest)));
      }
      // Stop at a pause point: the problem itself for most problem journeys, else any stage.
      const pauses = events.map((e, i) => (e.pause ? i : -1)).filter((i) => i >= 0);
      let k = scenario !== "normal" && probe.keyIndex >= 0 && pick.chance(0.6) ? probe.keyIndex : pauses.length ? pauses[pick.int(0, pauses.length - 1)] : events.length - 1;
      // A parcel spends far longer between hubs than on the van: stop at "out for delivery" less often.
      if (k !== probe.keyIndex && pauses.length > 1 && events[k].code === events[pauses[pauses.length - 1]].code && pick.chance(0.5)) k = pauses[pick.int(0, pauses.length - 2)];
      const offset = events[k].occurredAt.getTime() - events[0].occurredAt.getTime();
      const gap = k + 1 < events.length ? events[k + 1].occurredAt.getTime() - events[k].occurredAt.getTime() : 6 * HOUR;
      const wait = pick.int(5, Math.max(6, Math.min(gap / 60_000 - 5, 300))) * 60_000;
      return settleEvent(run, k, new Date(now.getTime() - wait), new Date(now.getTime() - offset - wait));
    }
  }
}

function settle(run: (start: Date) => JourneyResult, start: Date) {
  return { start, result: run(start) };
}

/**
 * Starts so that event k happens at `at`. Local working hours and weekends shift a journey when its
 * start moves, so this corrects the start a few times until the event lands where it should.
 */
function settleEvent(run: (start: Date) => JourneyResult, k: number, at: Date, guess: Date) {
  let start = guess;
  for (let i = 0; i < 5; i++) {
    const r = run(start);
    const event = r.events[Math.min(k, r.events.length - 1)];
    const shift = event ? at.getTime() - event.occurredAt.getTime() : 0;
    if (Math.abs(shift) < 60_000) return { start, result: r };
    start = new Date(start.getTime() + shift);
  }
  return { start, result: run(start) };
}

/** Starts so that the last event lies `silence` before now. */
function settleLast(run: (start: Date) => JourneyResult, now: Date, silence: number) {
  let start = new Date(now.getTime() - 20 * DAY);
  for (let i = 0; i < 4; i++) {
    const r = run(start);
    const last = r.events.length ? r.events[r.events.length - 1].occurredAt.getTime() : start.getTime();
    const shift = now.getTime() - silence - last;
    if (Math.abs(shift) < 60_000) return { start, result: r };
    start = new Date(start.getTime() + shift);
  }
  return { start, result: run(start) };
}

export function planSimulation(candidates: readonly Candidate[], origin: Place, options: Required<Pick<SimulateOptions, "days" | "seed" | "inFlightShare">> & { now: Date; shares: SimulationShares }): Planned[] {
  return candidates.map((c) => {
    const s: SimShipment = {
      trackingNumber: c.tracking_number,
      carrier: c.carrier_code,
      expedited: isExpedited(c.carrier_code, c.service_code),
      origin,
      destination: { city: c.city, region: (c.dest_region ?? "").toUpperCase(), postalCode: c.dest_postal_code, country: (c.dest_country ?? "US").toUpperCase() },
      signer: signerOf(c.buyer_name),
    };
    const scenario = chooseScenario(seededRandom(hash(`${options.seed}:${c.tracking_number}:scenario`)), options.shares, s);
    const { start, result } = place(s, scenario, options.seed, options.now, options.days, options.inFlightShare);
    return { shipment: c, scenario, start, events: result.events.filter((e) => e.occurredAt.getTime() <= options.now.getTime()) };
  });
}

function toInput(e: SimEvent) {
  const local = new Date(e.occurredAt.getTime() + offsetMinutes(e.offset) * 60_000).toISOString().slice(0, 19);
  return {
    eventId: e.eventId,
    trackingNumber: e.trackingNumber,
    carrier: e.carrier,
    occurredAt: `${local}${e.offset}`,
    code: e.code,
    description: e.description,
    location: e.location,
    proof: e.proof,
  };
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith("-") ? -1 : 1;
  const [h, m] = offset.slice(1).split(":").map(Number);
  return sign * (h * 60 + m);
}

export async function simulateShop(scope: ShopScope, options: SimulateOptions = {}): Promise<SimulationResult> {
  const now = options.now ?? new Date();
  const days = options.days ?? 14;
  const seed = options.seed ?? 42;
  const shares = { ...DEFAULT_SHARES, ...options.shares };
  const shop = await scope.db.selectFrom("shops").select(["time_zone", "settings", "webhook_secret"]).where("id", "=", scope.shopId).executeTakeFirstOrThrow();
  const settings = parseShopSettings(shop.settings);
  const ra = settings.returnAddress;
  const origin: Place = { city: ra.city, region: ra.region.toUpperCase(), postalCode: ra.postalCode, country: ra.country.toUpperCase() };

  const candidates = (await scope
    .selectFrom("shipments")
    .innerJoin("orders", (j) => j.onRef("orders.id", "=", "shipments.order_id").onRef("orders.shop_id", "=", "shipments.shop_id"))
    .select([
      "shipments.id",
      "shipments.order_id",
      "shipments.tracking_number",
      "shipments.carrier_code",
      "shipments.service_code",
      "shipments.dest_region",
      "shipments.dest_postal_code",
      "shipments.dest_country",
      "orders.city",
      "orders.buyer_name",
    ])
    .where("shipments.status", "=", "pending")
    .orderBy("shipments.id")
    .execute()) as Candidate[];

  const planned = planSimulation(candidates, origin, { days, seed, now, shares, inFlightShare: options.inFlightShare ?? 0.3 });
  await backdateLabels(scope, planned, shop.time_zone);

  const events = planned.flatMap((p) => p.events).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.eventId < b.eventId ? -1 : 1));
  const ingest = { received: 0, stored: 0, duplicates: 0, orphans: 0 };
  const batchSize = options.batchSize ?? (options.viaWebhook ? 100 : 500);
  for (let i = 0; i < events.length; i += batchSize) {
    const batch = events.slice(i, i + batchSize).map(toInput);
    const r = options.viaWebhook ? await postBatch(options.viaWebhook, shop.webhook_secret, batch) : await ingestEvents(scope, batch.map((e) => trackingEventSchema.parse(e) as TrackingEvent), { source: "simulator", now });
    ingest.received += r.received;
    ingest.stored += r.stored;
    ingest.duplicates += r.duplicates;
    ingest.orphans += r.orphans.length;
  }
  const scan = options.noScan ? null : await scanShop(scope, { now, wait: true });
  const scenarios: Partial<Record<Scenario, number>> = {};
  for (const p of planned) scenarios[p.scenario] = (scenarios[p.scenario] ?? 0) + 1;
  const statusRows = await scope
    .selectFrom("shipments")
    .select(["status", sql<number>`count(*)`.as("n")])
    .where("id", "in", planned.length ? planned.map((p) => p.shipment.id) : [0])
    .groupBy("status")
    .execute();
  const statuses: Partial<Record<ShipmentStatus, number>> = {};
  for (const r of statusRows) statuses[r.status] = Number(r.n);
  return { shipments: planned.length, events: events.length, scenarios: Object.fromEntries(SCENARIOS.filter((s) => scenarios[s]).map((s) => [s, scenarios[s]])), ingest, scan, statuses };
}

/** Moves each played shipment's label date (and the EDDs made from it) to its journey's start. */
async function backdateLabels(scope: ShopScope, planned: readonly Planned[], timeZone: string): Promise<void> {
  if (!planned.length) return;
  const rows = planned.map((p) => {
    const service = p.shipment.service_code ? findService(p.shipment.carrier_code, p.shipment.service_code) : undefined;
    const edd = estimateDelivery({
      orderedAt: p.start,
      now: p.start,
      timeZone,
      cutoffTime: "23:59",
      handlingDays: 0,
      minTransitDays: service?.minTransitDays ?? 2,
      maxTransitDays: service?.maxTransitDays ?? 5,
      shopHolidays: [],
    });
    return { p, edd };
  });
  await scope.transaction(async (tx) => {
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    await sql`
      update shipments s set label_created_at = v.at, created_at = least(s.created_at, v.at), edd_min = v.edd_min, edd_max = v.edd_max,
        edd_original = v.edd_max, edd_current = v.edd_max, updated_at = now()
      from unnest(${col((r) => r.p.shipment.id)}::int8[], ${col((r) => r.p.start)}::timestamptz[], ${col((r) => r.edd.eddMin)}::date[],
        ${col((r) => r.edd.eddMax)}::date[]) as v(id, at, edd_min, edd_max)
      where s.shop_id = ${tx.shopId} and s.id = v.id and s.status = 'pending'`.execute(tx.db);
    await sql`
      update orders o set ship_date = v.ship_date, edd_min = v.edd_min, edd_max = v.edd_max, assigned_at = least(o.assigned_at, v.at),
        placed_at = least(o.placed_at, v.at), updated_at = now()
      from unnest(${col((r) => r.p.shipment.order_id)}::int8[], ${col((r) => r.edd.shipDate)}::date[], ${col((r) => r.edd.eddMin)}::date[],
        ${col((r) => r.edd.eddMax)}::date[], ${col((r) => r.p.start)}::timestamptz[]) as v(id, ship_date, edd_min, edd_max, at)
      where o.shop_id = ${tx.shopId} and o.id = v.id`.execute(tx.db);
    await recordAudit(
      tx,
      rows.map((r) => ({
        actorUserId: null,
        action: "shipment.simulated",
        orderId: r.p.shipment.order_id,
        shipmentId: r.p.shipment.id,
        details: {
          summary: `Carrier simulator: played a ${r.p.scenario.replace(/_/g, " ")} journey (${r.p.events.length} events); label date set to ${r.p.start.toISOString().slice(0, 10)}, EDD ${r.edd.eddMax}.`,
          scenario: r.p.scenario,
        },
      })),
    );
  });
}

async function postBatch(url: string, secret: string, batch: unknown[]): Promise<{ received: number; stored: number; duplicates: number; orphans: string[] }> {
  const body = JSON.stringify(batch);
  const response = await fetch(url, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Parcel-Desk-Signature": signatureHeader(secret, body) } });
  const json = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(`The webhook answered ${response.status}: ${json.error ?? "no message"}`);
  return json as never;
}

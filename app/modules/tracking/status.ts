// Status derivation: a shipment's tracking columns (status, last scan, ship and delivery times,
// current EDD, proof) folded from its events in occurred-at order. Pure.
//
// The rules, in short:
// - The newest event (by occurred-at) decides the status; an event older than the last one applied
//   (a late delivery of an old scan) is kept and counted but never rolls the status back.
// - Not every event is a scan. Label-created messages only move a shipment out of `pending`; EDD
//   notices and system "in transit" lines change neither the status nor the stall timer.
// - A voided label stays voided whatever the carrier sends afterwards.
// - shipped_at is the first physical scan (or the hand-over, if earlier); delivered_at the delivery.
// - EDD: an out-for-delivery scan sets it to that (local) day; a carrier delay pushes it one
//   business day unless it already lies beyond tomorrow; a failed attempt or a rescheduling moves it
//   to at least the next business day. edd_original is never touched here.
import type { ShipmentStatus, TrackingProof } from "../../../db/types";
import { normalizeCountry, normalizeUsState } from "../addresses/regions";
import { addBusinessDays, holidaySet } from "../carriers/business-days";
import type { MappingContext, NormalizedEvent } from "./mapping";
import { deliveryProof } from "./mapping";
import { scanDay } from "./scan-time";

export interface TrackingState {
  status: ShipmentStatus;
  substatus: string | null;
  lastEventAt: Date | null;
  lastScanAt: Date | null;
  lastRegion: string | null;
  lastPostalCode: string | null;
  lastCountry: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  eddCurrent: string | null;
  proof: TrackingProof | null;
  eventsCount: number;
}

export interface EventLocation {
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  facility: string | null;
}

export interface FoldableEvent {
  occurredAt: Date;
  utcOffset: string;
  description: string;
  location: EventLocation;
  proof: TrackingProof | null;
}

export type Effect =
  | { kind: "status"; from: ShipmentStatus; to: ShipmentStatus; at: Date }
  | { kind: "shipped"; at: Date }
  | { kind: "delivered"; at: Date }
  | { kind: "voided"; at: Date }
  | { kind: "edd"; from: string | null; to: string; at: Date };

export interface FoldStep<E> {
  event: E;
  normalized: NormalizedEvent;
  /** The event is the newest seen so far, so it may change the status and the EDD. */
  newest: boolean;
  before: TrackingState;
  after: TrackingState;
  effects: Effect[];
}

/** Statuses after which no carrier event is expected to matter for exceptions. */
export const TERMINAL_STATUSES: ReadonlySet<ShipmentStatus> = new Set(["delivered", "returned_to_sender", "voided"]);

/** Statuses a label-created message may replace. */
const BEFORE_FIRST_SCAN: ReadonlySet<ShipmentStatus> = new Set(["pending", "info_received", "expired"]);

/** US states as their two-letter code, countries as ISO codes; anything else as given. */
export function normalizeLocation(loc: Pick<EventLocation, "region" | "country">): { region: string | null; country: string | null } {
  const country = normalizeCountry(loc.country) ?? (loc.country ? loc.country.toUpperCase() : null);
  const usState = !country || country === "US" || country === "PR" ? normalizeUsState(loc.region) : null;
  return { region: usState ?? loc.region ?? null, country: country ?? (usState ? "US" : null) };
}

function nextBusinessDay(day: string): string {
  return addBusinessDays(day, 1, holidaySet([], day));
}

const maxDay = (a: string | null, b: string) => (a && a > b ? a : b);

/** The EDD after an event, per the rules in the header. */
export function reviseEdd(current: string | null, normalized: NormalizedEvent, day: string): string | null {
  if (normalized.edd === "none") return current;
  if (normalized.status === "out_for_delivery") return day;
  if (normalized.edd === "push" || normalized.exceptions.includes("delayed")) {
    const tomorrow = nextBusinessDay(day);
    if (current && current > tomorrow) return current;
    return nextBusinessDay(maxDay(current, day));
  }
  if (normalized.edd === "next_day" || normalized.status === "attempt_failed") return maxDay(current, nextBusinessDay(day));
  return current;
}

export function applyEvent(state: TrackingState, event: FoldableEvent, normalized: NormalizedEvent): { state: TrackingState; newest: boolean; effects: Effect[] } {
  const next: TrackingState = { ...state, eventsCount: state.eventsCount + 1 };
  const effects: Effect[] = [];
  const at = event.occurredAt;
  const newest = !state.lastEventAt || at.getTime() >= state.lastEventAt.getTime();
  const isVoided = state.status === "voided";

  if (newest) next.lastEventAt = at;

  if (normalized.physical && !isVoided) {
    if (!state.lastScanAt || at.getTime() >= state.lastScanAt.getTime()) {
      next.lastScanAt = at;
      const loc = normalizeLocation(event.location);
      if (loc.region || loc.country || event.location.postalCode) {
        next.lastRegion = loc.region;
        next.lastCountry = loc.country;
        next.lastPostalCode = event.location.postalCode;
      }
    }
    if (!state.shippedAt || at.getTime() < state.shippedAt.getTime()) {
      next.shippedAt = at;
      if (!state.shippedAt) effects.push({ kind: "shipped", at });
    }
  }

  const notice = !normalized.physical && normalized.status === "in_transit";
  const labelOnly = normalized.status === "info_received" && !BEFORE_FIRST_SCAN.has(state.status);
  if (newest && !isVoided && !notice && !labelOnly) {
    next.substatus = normalized.substatus;
    if (normalized.status !== state.status) {
      next.status = normalized.status;
      effects.push({ kind: "status", from: state.status, to: normalized.status, at });
      if (normalized.status === "voided") effects.push({ kind: "voided", at });
    }
    if (normalized.status === "delivered") {
      if (state.status !== "delivered" || !state.deliveredAt) {
        next.deliveredAt = at;
        effects.push({ kind: "delivered", at });
      }
      next.proof = deliveryProof(event.proof, event.description) ?? state.proof;
    } else if (state.status === "delivered") {
      // A carrier correcting a mistaken "delivered" scan: the parcel is not delivered after all.
      next.deliveredAt = null;
      next.proof = null;
    }
  }

  if (newest && !isVoided && next.status !== "returned_to_sender") {
    const edd = reviseEdd(state.eddCurrent, normalized, scanDay(at, event.utcOffset));
    if (edd && edd !== state.eddCurrent) {
      next.eddCurrent = edd;
      effects.push({ kind: "edd", from: state.eddCurrent, to: edd, at });
    }
  }
  return { state: next, newest, effects };
}

/**
 * Applies events in occurred-at order (ties keep arrival order). `normalize` is called with the
 * state just before each event, because some meanings depend on what came before (USPS `01` after a
 * return-to-sender is the parcel arriving back at the shipper, not a delivery).
 */
export function foldEvents<E extends FoldableEvent>(
  initial: TrackingState,
  events: readonly E[],
  normalize: (event: E, context: MappingContext) => NormalizedEvent,
): { state: TrackingState; steps: FoldStep<E>[] } {
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.occurredAt.getTime() - b.e.occurredAt.getTime() || a.i - b.i);
  let state = initial;
  const steps: FoldStep<E>[] = [];
  for (const { e } of ordered) {
    const normalized = normalize(e, { returning: state.status === "returned_to_sender" });
    const applied = applyEvent(state, e, normalized);
    steps.push({ event: e, normalized, newest: applied.newest, before: state, after: applied.state, effects: applied.effects });
    state = applied.state;
  }
  return { state, steps };
}

export function emptyTrackingState(overrides: Partial<TrackingState> = {}): TrackingState {
  return {
    status: "pending",
    substatus: null,
    lastEventAt: null,
    lastScanAt: null,
    lastRegion: null,
    lastPostalCode: null,
    lastCountry: null,
    shippedAt: null,
    deliveredAt: null,
    eddCurrent: null,
    proof: null,
    eventsCount: 0,
    ...overrides,
  };
}

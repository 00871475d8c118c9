// Exception rules: which facts about a parcel open a case (a "signal": type, rule, reason), and which
// facts clear it again. Pure functions; ingestion (event-driven rules), the periodic scan
// (time-driven rules) and the case lifecycle all call these, so one place says what each rule means.
import type { ExceptionType, ShipmentStatus } from "../../../db/types";
import { addBusinessDays, holidaySet } from "../carriers/business-days";
import { carrierName, isExpedited } from "../carriers/registry";
import type { ShopSettings } from "../shops/settings";
import type { NormalizedEvent } from "../tracking/mapping";
import { zonedInstant, zoneClock, zoneDay } from "../tracking/scan-time";
import { normalizeLocation, type EventLocation, type TrackingState } from "../tracking/status";
import { isAirHub, judgeMove, misrouteReason, placeOf, type ScanPlace } from "./geography";

export type Thresholds = ShopSettings["exceptions"];

export interface CaseSignal {
  type: ExceptionType;
  /** The rule that fired (shown on the case and its signals). */
  rule: string;
  /** One human sentence saying why. */
  reason: string;
  at: Date;
}

/** Rule names, so the queue and the timeline can say which rule fired. */
export const RULES = {
  carrierDelay: "carrier_delay_code",
  pastEdd: "past_edd",
  stalled: "no_scan_for_hours",
  notPickedUp: "no_carrier_scan_after_label",
  carrierMisroute: "carrier_misroute_code",
  movedAway: "moved_away_from_destination",
  failedAttempt: "carrier_failed_attempt",
  addressProblem: "carrier_address_problem",
  addressOverridden: "address_check_overridden",
  damage: "carrier_damage_report",
  returned: "carrier_return_to_sender",
  carrierLost: "carrier_lost_code",
  lostByAge: "stalled_for_days",
} as const;

const CODE_RULE: Record<ExceptionType, string> = {
  delayed: RULES.carrierDelay,
  stalled: RULES.stalled,
  not_picked_up: RULES.notPickedUp,
  misrouted: RULES.carrierMisroute,
  failed_attempt: RULES.failedAttempt,
  address_issue: RULES.addressProblem,
  damaged: RULES.damage,
  returned_to_sender: RULES.returned,
  lost: RULES.carrierLost,
};

export interface ShipmentContext {
  carrierCode: string;
  serviceCode: string | null;
  destRegion: string | null;
  destPostalCode: string | null;
  destCountry: string | null;
}

export interface EventFacts {
  code: string;
  description: string;
  occurredAt: Date;
  location: EventLocation;
}

function where(loc: EventLocation): string {
  const place = [loc.city, loc.region].filter(Boolean).join(", ");
  return place ? ` (${place})` : "";
}

/** "UPS 48: Receiver not available... (Marietta, GA)". */
export function carrierSays(carrier: string, event: EventFacts, normalized: NormalizedEvent): string {
  const code = event.code ? ` ${event.code}` : "";
  return `${carrierName(carrier)}${code}: ${event.description || normalized.meaning}${where(event.location)}`;
}

/**
 * Signals from one stored event: every exception type its mapping names, plus the geographic
 * misroute rule for a physical scan that moved away from the destination (not on the return leg,
 * not at a carrier's national air hub, and only for the newest event: a late old scan is judged by
 * the periodic scan against the whole sequence).
 */
export function eventSignals(
  shipment: ShipmentContext,
  event: EventFacts,
  normalized: NormalizedEvent,
  before: TrackingState,
  newest: boolean,
): CaseSignal[] {
  const signals: CaseSignal[] = normalized.exceptions.map((type) => ({
    type,
    rule: CODE_RULE[type],
    reason: carrierSays(shipment.carrierCode, event, normalized),
    at: event.occurredAt,
  }));
  const returning = before.status === "returned_to_sender" || normalized.status === "returned_to_sender";
  if (newest && normalized.physical && !returning && before.lastScanAt && !isAirHub(shipment.carrierCode, event.location)) {
    const current = { ...event.location, ...normalizeLocation(event.location) };
    const previous: ScanPlace = { region: before.lastRegion, postalCode: before.lastPostalCode, country: before.lastCountry };
    const destination = destinationOf(shipment);
    const verdict = judgeMove(previous, current, destination);
    if (verdict?.misrouted) {
      signals.push({ type: "misrouted", rule: RULES.movedAway, reason: misrouteReason(verdict, placeOf(destination)?.key ?? "?"), at: event.occurredAt });
    }
  }
  return signals;
}

export function destinationOf(s: ShipmentContext): ScanPlace {
  return { region: s.destRegion, postalCode: s.destPostalCode, country: s.destCountry };
}

/** What the time-driven rules need to know about a shipment. */
export interface ShipmentFacts extends ShipmentContext {
  status: ShipmentStatus;
  substatus: string | null;
  labelCreatedAt: Date;
  lastScanAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  eddCurrent: string | null;
}

export interface ScanContext {
  now: Date;
  timeZone: string;
  thresholds: Thresholds;
  /** Shop holidays; US federal holidays are added. */
  shopHolidays?: readonly string[];
}

/** Statuses in which a silent parcel is stalled (waiting at a pickup point is not a stall). */
const MOVING: ReadonlySet<ShipmentStatus> = new Set(["in_transit", "out_for_delivery", "exception", "attempt_failed"]);
const NO_SCAN_YET: ReadonlySet<ShipmentStatus> = new Set(["pending", "info_received"]);
const NOT_LATE: ReadonlySet<ShipmentStatus> = new Set(["delivered", "returned_to_sender", "voided", "expired"]);

export function stalledHoursFor(s: Pick<ShipmentContext, "carrierCode" | "serviceCode">, t: Thresholds): number {
  return isExpedited(s.carrierCode, s.serviceCode) ? t.stalledHoursExpedited : t.stalledHours;
}

/** When "not picked up" becomes true: the label's clock time, N business days after the label day. */
export function notPickedUpDeadline(labelCreatedAt: Date, ctx: Pick<ScanContext, "timeZone" | "thresholds" | "shopHolidays">): Date {
  const labelDay = zoneDay(labelCreatedAt, ctx.timeZone);
  const dueDay = addBusinessDays(labelDay, ctx.thresholds.notPickedUpBusinessDays, holidaySet(ctx.shopHolidays ?? [], labelDay));
  const [h, m] = zoneClock(labelCreatedAt, ctx.timeZone).split(":").map(Number);
  return zonedInstant(dueDay, h * 60 + m, ctx.timeZone);
}

function fmtTime(at: Date, timeZone: string): string {
  return `${zoneDay(at, timeZone)} ${zoneClock(at, timeZone)}`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Time-driven rules for one shipment at `now`: delayed, stalled, not picked up, lost by age. */
export function timeSignals(s: ShipmentFacts, ctx: ScanContext): CaseSignal[] {
  const { now, thresholds: t, timeZone } = ctx;
  const out: CaseSignal[] = [];
  const today = zoneDay(now, timeZone);
  if (!NOT_LATE.has(s.status) && s.eddCurrent && today > s.eddCurrent) {
    out.push({ type: "delayed", rule: RULES.pastEdd, reason: `Not delivered and the current EDD (${s.eddCurrent}) has passed.`, at: now });
  }
  const lastMove = s.lastScanAt ?? s.shippedAt;
  if (MOVING.has(s.status) && lastMove && s.substatus !== "third_party") {
    const hours = stalledHoursFor(s, t);
    const silentMs = now.getTime() - lastMove.getTime();
    if (silentMs >= hours * HOUR) {
      out.push({ type: "stalled", rule: RULES.stalled, reason: `No carrier scan for ${Math.floor(silentMs / HOUR)} hours (limit ${hours}); last scan ${fmtTime(lastMove, timeZone)}.`, at: now });
    }
    if (silentMs >= t.lostAfterStalledDays * DAY) {
      out.push({ type: "lost", rule: RULES.lostByAge, reason: `No carrier scan for ${Math.floor(silentMs / DAY)} days (limit ${t.lostAfterStalledDays}); last scan ${fmtTime(lastMove, timeZone)}.`, at: now });
    }
  }
  // The deadline needs calendar work: only for labels older than the shortest possible wait.
  if (NO_SCAN_YET.has(s.status) && !s.lastScanAt && now.getTime() - s.labelCreatedAt.getTime() >= t.notPickedUpBusinessDays * DAY && now.getTime() >= notPickedUpDeadline(s.labelCreatedAt, ctx).getTime()) {
    out.push({
      type: "not_picked_up",
      rule: RULES.notPickedUp,
      reason: `Label created ${fmtTime(s.labelCreatedAt, timeZone)} and no carrier scan after ${t.notPickedUpBusinessDays} business days.`,
      at: now,
    });
  }
  return out;
}

/** A label with no scan at all for this long becomes `expired`. */
export function isExpired(s: Pick<ShipmentFacts, "status" | "lastScanAt" | "labelCreatedAt">, ctx: Pick<ScanContext, "now" | "thresholds">): boolean {
  return NO_SCAN_YET.has(s.status) && !s.lastScanAt && ctx.now.getTime() - s.labelCreatedAt.getTime() >= ctx.thresholds.expiredAfterDays * DAY;
}

export interface OpenCaseFacts {
  type: ExceptionType;
  rule: string;
  lastSignalAt: Date;
}

/** Types a person must close: nothing the carrier says later makes them go away. */
const NEVER_AUTO: ReadonlySet<ExceptionType> = new Set(["damaged", "returned_to_sender"]);
/** Types a return to the sender makes moot (the returned_to_sender case takes over). */
const MOOT_ON_RETURN: ReadonlySet<ExceptionType> = new Set(["delayed", "stalled", "not_picked_up", "misrouted", "failed_attempt", "lost"]);

export interface Clearing {
  note: string;
  /** A resolution code from the triage vocabulary. */
  code: "delivered_late" | "address_corrected" | "no_action_needed";
}

/**
 * Whether an open case's condition has cleared, and the note the auto-resolve records. Facts only
 * (delivered, voided, returned, scanned again, picked up); a delayed case stays open until delivery
 * even if the carrier moves the EDD, so a promise broken to the buyer is never silently forgotten.
 */
export function clearingFor(c: OpenCaseFacts, s: ShipmentFacts, ctx: Pick<ScanContext, "now" | "timeZone" | "thresholds">): Clearing | null {
  if (NEVER_AUTO.has(c.type)) return null;
  if (s.status === "voided") return { note: "Auto-resolved: the label was voided.", code: "no_action_needed" };
  if (s.status === "delivered") {
    const on = s.deliveredAt ? ` on ${zoneDay(s.deliveredAt, ctx.timeZone)}` : "";
    return { note: `Auto-resolved: delivered${on}.`, code: c.type === "delayed" ? "delivered_late" : "no_action_needed" };
  }
  if (s.status === "returned_to_sender" && MOOT_ON_RETURN.has(c.type)) {
    return { note: "Auto-resolved: the parcel is going back to the sender; the returned-to-sender case takes over.", code: "no_action_needed" };
  }
  const scannedAgain = () => (s.lastScanAt ? ` on ${fmtTime(s.lastScanAt, ctx.timeZone)}` : "");
  if (c.type === "stalled" && s.lastScanAt && ctx.now.getTime() - s.lastScanAt.getTime() < stalledHoursFor(s, ctx.thresholds) * HOUR) {
    return { note: `Auto-resolved: the carrier scanned the parcel again${scannedAgain()}.`, code: "no_action_needed" };
  }
  if (c.type === "lost" && s.lastScanAt) {
    const byAge = c.rule === RULES.lostByAge && ctx.now.getTime() - s.lastScanAt.getTime() < ctx.thresholds.lostAfterStalledDays * DAY;
    if (byAge || s.lastScanAt.getTime() > c.lastSignalAt.getTime()) {
      return { note: `Auto-resolved: the carrier scanned the parcel again${scannedAgain()}.`, code: "no_action_needed" };
    }
  }
  if (c.type === "not_picked_up" && (s.lastScanAt || (s.status !== "pending" && s.status !== "info_received" && s.status !== "expired"))) {
    return { note: `Auto-resolved: the carrier picked the parcel up${scannedAgain()}.`, code: "no_action_needed" };
  }
  return null;
}

/** The clearing an event states itself (UPS AH "address corrected" clears address_issue). */
export function eventClearing(type: ExceptionType, carrier: string, event: EventFacts, normalized: NormalizedEvent): Clearing | null {
  if (!normalized.clears.includes(type)) return null;
  return {
    note: `Auto-resolved: ${carrierSays(carrier, event, normalized)}.`,
    code: type === "address_issue" ? "address_corrected" : "no_action_needed",
  };
}

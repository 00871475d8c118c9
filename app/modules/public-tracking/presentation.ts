// What the public tracking page says, decided without I/O: the tracking number a buyer typed, the
// four-step progress bar, the headline for each status, plain-language guidance for each problem,
// scan times in the scan's own local time, and postal codes compared the way buyers type them.
import type { ShipmentStatus } from "../../../db/types";

/** " 1z 999 aa1-0123456784 " -> "1Z999AA10123456784"; null when it cannot be a tracking number. */
export function trackingNumberFromInput(raw: string | null | undefined): string | null {
  const value = (raw ?? "").toUpperCase().replace(/[\s-]+/g, "");
  return /^[A-Z0-9]{6,40}$/.test(value) ? value : null;
}

export const PROGRESS_STEPS = ["Label created", "In transit", "Out for delivery", "Delivered"] as const;

const STEP_OF: Partial<Record<ShipmentStatus, number>> = {
  pending: 0,
  info_received: 0,
  in_transit: 1,
  exception: 1,
  returned_to_sender: 1,
  out_for_delivery: 2,
  attempt_failed: 2,
  available_for_pickup: 2,
  delivered: 3,
};

export interface Progress {
  /** Index into PROGRESS_STEPS of the step reached. */
  step: number;
  /** The parcel is stuck at that step (an exception, a failed attempt, a return). */
  problem: boolean;
}

/**
 * The furthest step the parcel has reached (an exception after "out for delivery" does not move the
 * bar back), and whether it is in trouble now.
 */
export function progressOf(status: ShipmentStatus, eventStatuses: readonly ShipmentStatus[]): Progress {
  if (status === "delivered") return { step: 3, problem: false };
  let step = STEP_OF[status] ?? 0;
  for (const s of eventStatuses) {
    const reached = STEP_OF[s];
    // A return does not count as progress, and neither does a later delivered-looking event here.
    if (reached !== undefined && reached < 3 && s !== "returned_to_sender") step = Math.max(step, reached);
  }
  const problem = ["exception", "attempt_failed", "returned_to_sender", "expired"].includes(status);
  return { step, problem };
}

export type Tone = "good" | "progress" | "warning" | "problem";

export function statusHeadline(status: ShipmentStatus, late: boolean): { title: string; tone: Tone } {
  switch (status) {
    case "pending":
    case "info_received":
      return { title: "Label created: waiting for the carrier", tone: "progress" };
    case "in_transit":
      return late ? { title: "In transit, running late", tone: "warning" } : { title: "In transit", tone: "progress" };
    case "out_for_delivery":
      return { title: "Out for delivery today", tone: "progress" };
    case "attempt_failed":
      return { title: "Delivery attempt failed", tone: "warning" };
    case "available_for_pickup":
      return { title: "Ready for pickup", tone: "warning" };
    case "delivered":
      return { title: "Delivered", tone: "good" };
    case "exception":
      return { title: "There is a problem with this delivery", tone: "problem" };
    case "returned_to_sender":
      return { title: "Returning to the seller", tone: "problem" };
    case "expired":
      return { title: "The carrier never received this parcel", tone: "problem" };
    default:
      return { title: "Tracking", tone: "progress" };
  }
}

export const STATUS_LABELS: Record<ShipmentStatus, string> = {
  pending: "Label created",
  info_received: "Label created",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  attempt_failed: "Delivery attempt failed",
  available_for_pickup: "Ready for pickup",
  delivered: "Delivered",
  exception: "Problem reported",
  returned_to_sender: "Returning to sender",
  expired: "No carrier scans",
  voided: "Label cancelled",
};

// What a scan says before the buyer has proved the destination: our own words for the event's
// normalized detail, never the carrier's text, which can carry the signer's name ("Delivered :
// A. O'BRIEN"), the sender's address or anything a webhook sender typed.
const SCAN_WORDS: Record<string, string> = {};
const words = (text: string, substatuses: string[]) => substatuses.forEach((s) => (SCAN_WORDS[s] = text));
words("Picked up by the carrier", ["picked_up", "accepted", "accepted_at_origin", "dropped_off", "drop_off"]);
words("Received by the carrier", ["origin_scan", "at_origin_facility"]);
words("Arrived at a carrier facility", ["arrival_scan", "arrived_at_delivery_facility", "at_destination_facility", "at_local_facility", "destination_scan", "arrived_at_post_office", "at_usps_facility"]);
words("Departed a carrier facility", ["departure_scan", "departing_origin", "left_origin", "departed_post_office"]);
words("Processed at a carrier facility", ["processing", "processed", "processed_at_facility", "processing_complete", "at_sort_facility"]);
words("In customs clearance", ["in_clearance", "clearance", "clearance_update", "broker_notified"]);
words("Cleared customs", ["cleared_customs", "clearance_release", "broker_release"]);
words("Out for delivery", ["out_for_delivery", "out_for_delivery_today", "with_courier", "loaded_on_vehicle", "en_route_to_delivery", "driver_load"]);
words("Delivered", ["delivered", "picked_up_by_agent", "picked_up_at_post_office"]);
words("Part of the parcel was delivered", ["partial_delivery"]);
words("Delivery attempted: no one was available", ["customer_not_available", "not_home"]);
words("Delivery attempted: the business was closed", ["business_closed"]);
words("Delivery attempted: the carrier left a notice", ["notice_left"]);
words("Ready for pickup", ["ready_for_pickup", "held_for_pickup", "at_access_point", "awaiting_collection", "available_for_pickup", "arrived_at_pickup_point", "hold_at_location"]);
words("Delayed by weather", ["weather_delay"]);
words("Delayed", ["delay", "transport_delay", "missed_delivery_cycle", "clearance_delay"]);
words("Returning to the seller", ["returning", "returned"]);

const EXCEPTION_WORDS: Record<string, string> = {
  address_issue: "Address problem reported",
  damaged: "Damage reported",
  lost: "The carrier cannot locate the parcel",
  misrouted: "Sent to the wrong facility",
  failed_attempt: "Delivery attempt failed",
  delayed: "Delayed",
  returned_to_sender: "Returning to the seller",
};

/** A scan line for a buyer who has not entered the postal code: carrier-level facts in our words. */
export function publicScanWords(event: { status: ShipmentStatus; substatus: string | null; exceptionType: string | null }): string {
  if (event.substatus && SCAN_WORDS[event.substatus]) return SCAN_WORDS[event.substatus];
  if (event.exceptionType && EXCEPTION_WORDS[event.exceptionType]) return EXCEPTION_WORDS[event.exceptionType];
  return STATUS_LABELS[event.status];
}

export type BuyerIssue =
  | "delayed"
  | "failed_attempt"
  | "address_issue"
  | "damaged"
  | "returned_to_sender"
  | "lost"
  | "misrouted"
  | "pickup"
  | "not_scanned"
  | "exception";

/** The problem a buyer should understand, from what the carrier said (carrier-level facts only). */
export function buyerIssue(input: {
  status: ShipmentStatus;
  /** The exception type of the latest event, when the carrier reported one. */
  latestExceptionType: string | null;
  eddCurrent: string | null;
  /** Today's calendar day where the EDD is meant ("YYYY-MM-DD"). */
  today: string;
}): BuyerIssue | null {
  switch (input.status) {
    case "delivered":
      return null;
    case "attempt_failed":
      return "failed_attempt";
    case "returned_to_sender":
      return "returned_to_sender";
    case "available_for_pickup":
      return "pickup";
    case "expired":
      return "not_scanned";
    case "exception": {
      const t = input.latestExceptionType;
      if (t === "address_issue" || t === "damaged" || t === "lost" || t === "misrouted" || t === "delayed" || t === "returned_to_sender") return t;
      if (t === "failed_attempt") return "failed_attempt";
      return "exception";
    }
    default:
      return input.eddCurrent && input.today > input.eddCurrent ? "delayed" : null;
  }
}

export interface Guidance {
  title: string;
  whatHappened: string;
  whatNext: string;
}

export const GUIDANCE: Record<BuyerIssue, Guidance> = {
  delayed: {
    title: "Your parcel is running late",
    whatHappened: "It has not arrived by the estimated delivery date. Weather, busy periods and sorting backlogs often add a day or two.",
    whatNext: "It is still moving, and this page updates with every carrier scan. The seller is keeping an eye on it.",
  },
  failed_attempt: {
    title: "The carrier could not deliver",
    whatHappened: "The driver tried to deliver, but no one was available, the business was closed, or they could not get access.",
    whatNext: "Carriers usually try again on the next business day. Look for a notice from the carrier with options to reschedule or pick the parcel up.",
  },
  address_issue: {
    title: "There is a problem with the delivery address",
    whatHappened: "The carrier says the address is incomplete or could not be found, for example a missing apartment or suite number.",
    whatNext: "The parcel waits until the address is fixed. Send the seller your full address as soon as you can.",
  },
  damaged: {
    title: "The parcel was damaged in transit",
    whatHappened: "The carrier reported damage to the parcel.",
    whatNext: "The carrier decides whether it continues to you or goes back. Either way, the seller can arrange a replacement or a refund.",
  },
  returned_to_sender: {
    title: "The parcel is going back to the seller",
    whatHappened: "The carrier is returning it, usually after failed delivery attempts, a refused delivery or an address problem.",
    whatNext: "Once it is back, the seller can send it again or refund you.",
  },
  lost: {
    title: "The carrier cannot find the parcel",
    whatHappened: "The carrier reported that it cannot locate the parcel in its network.",
    whatNext: "The carrier is searching for it. If it does not turn up, the seller will arrange a replacement or a refund.",
  },
  misrouted: {
    title: "The parcel took a wrong turn",
    whatHappened: "It was sorted to the wrong facility.",
    whatNext: "The carrier is sending it back on its way; this usually adds a day or two.",
  },
  pickup: {
    title: "Your parcel is waiting for you",
    whatHappened: "The carrier is holding it at a pickup point.",
    whatNext: "Bring a photo ID and your tracking number. Parcels that are not picked up in time go back to the seller.",
  },
  not_scanned: {
    title: "The carrier has not received this parcel",
    whatHappened: "A label was created, but the carrier has never scanned the parcel.",
    whatNext: "The seller may not have handed it over yet. Contact the seller if nothing changes.",
  },
  exception: {
    title: "There is a problem with this delivery",
    whatHappened: "The carrier reported a problem that stops the parcel for now.",
    whatNext: "The carrier is working on it, and this page updates with every scan.",
  },
};

/** "-05:00" -> -300; "+05:30" -> 330; anything else -> 0 (UTC). */
export function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim());
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

const DAY = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC" });

/** The scan's wall-clock day and time where it happened (its own UTC offset). */
export function scanLocalTime(at: Date, offset: string): { day: string; time: string } {
  const local = new Date(at.getTime() + offsetMinutes(offset) * 60_000);
  return { day: DAY.format(local), time: TIME.format(local) };
}

/** The same in a named time zone (the buyer's browser, after the page has loaded). */
export function zonedTime(at: Date, timeZone: string): { day: string; time: string } {
  return {
    day: new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone }).format(at),
    time: new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone }).format(at),
  };
}

/**
 * A postal code as compared for verification: letters and digits only, upper case; a US ZIP+4
 * counts as its five-digit ZIP (buyers type either).
 */
export function postalForMatch(value: string, country: string | null): string {
  const v = value.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if ((country ?? "US").toUpperCase() === "US" && /^\d{5}(\d{4})?$/.test(v)) return v.slice(0, 5);
  return v;
}

export function locationLine(e: { city: string | null; region: string | null; country: string | null }, destinationCountry: string | null): string {
  const parts = [e.city, e.region].filter(Boolean);
  if (e.country && e.country !== (destinationCountry ?? "US")) parts.push(e.country);
  return parts.join(", ");
}

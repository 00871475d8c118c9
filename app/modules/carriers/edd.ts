// Estimated delivery dates. Pure: the caller passes the clock, the shop's time zone, its carrier
// account settings (handling days, cut-off) and its holidays.
//
//   ship date = the first day the seller can hand the parcel over: the day the order came in, in
//               the shop's time zone, if that is a shipping day and it came in before the cut-off
//               (at or after the cut-off it is the next shipping day), plus the handling days;
//               never earlier than the first shipping day from now (a backlog order assigned today
//               ships today at the earliest, or tomorrow after the cut-off).
//   EDD min/max = ship date + the service's min/max transit days, counted in carrier business days.
//   The one date shown to buyers (and copied to shipments.edd_original) is the max: a promise the
//   carrier will usually beat rather than miss.
//
// Shipping days exclude weekends, US federal holidays and the shop's own holidays (the seller is
// closed); carrier business days exclude weekends and federal holidays only, because the shop
// being closed does not stop a parcel already in the network.
import { addBusinessDays, type Day, holidaySet, localDay, localTime } from "./business-days";

export interface EddInput {
  /** When the order came in (placed on the marketplace); handling time runs from here. */
  orderedAt: Date;
  /** The clock: a ship date is never in the past. */
  now: Date;
  /** The shop's IANA time zone (shops.time_zone). */
  timeZone: string;
  /** "HH:MM", local to the shop (carrier_accounts.cutoff_time). */
  cutoffTime: string;
  /** Business days the seller needs before handing the parcel over (carrier_accounts.handling_days). */
  handlingDays: number;
  minTransitDays: number;
  maxTransitDays: number;
  /** Days the shop does not ship (holidays table). */
  shopHolidays: Iterable<Day>;
}

export interface Edd {
  shipDate: Day;
  eddMin: Day;
  eddMax: Day;
  /** The single date buyers see: eddMax. */
  edd: Day;
}

/** The first shipping day for something that arrives at `instant`, given the cut-off. */
export function firstShipDay(instant: Date, timeZone: string, cutoffTime: string, shippingHolidays: ReadonlySet<Day>): Day {
  const day = localDay(instant, timeZone);
  const afterCutoff = localTime(instant, timeZone) >= cutoffTime;
  // addBusinessDays(d, 0) is d itself when it is a business day, else the next one.
  const first = addBusinessDays(day, 0, shippingHolidays);
  return first === day && afterCutoff ? addBusinessDays(day, 1, shippingHolidays) : first;
}

export function estimateDelivery(input: EddInput): Edd {
  if (input.minTransitDays < 0 || input.maxTransitDays < input.minTransitDays) {
    throw new Error(`Transit days must satisfy 0 <= min <= max (got ${input.minTransitDays}-${input.maxTransitDays}).`);
  }
  const today = localDay(input.now, input.timeZone);
  const shopHolidays = [...input.shopHolidays];
  // Federal holidays for the years around today (and around an old order's day, when it is one).
  const carrierDays = holidaySet([], today);
  const shippingDays = holidaySet(shopHolidays, today);
  const orderedDay = localDay(input.orderedAt, input.timeZone);
  if (orderedDay.slice(0, 4) !== today.slice(0, 4)) {
    for (const d of holidaySet(shopHolidays, orderedDay)) shippingDays.add(d);
  }

  const ready = firstShipDay(input.orderedAt, input.timeZone, input.cutoffTime, shippingDays);
  const handled = addBusinessDays(ready, Math.max(0, input.handlingDays), shippingDays);
  const earliest = firstShipDay(input.now, input.timeZone, input.cutoffTime, shippingDays);
  const shipDate = handled > earliest ? handled : earliest;
  const eddMin = addBusinessDays(shipDate, input.minTransitDays, carrierDays);
  const eddMax = addBusinessDays(shipDate, input.maxTransitDays, carrierDays);
  return { shipDate, eddMin, eddMax, edd: eddMax };
}

/** "Mon, Nov 24" (a calendar day has no time zone, so it is formatted as UTC). */
export function formatDay(day: Day): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
}

// Every analytics metric, defined once: the sentence the page's definitions panel shows, and the SQL
// that counts it. refresh.server.ts builds the summary queries from these very strings, so what
// the panel says and what the numbers are cannot drift apart. Rates are computed from the summed
// counts in metrics.ts, with the formula written here.
//
// The SQL reads one shipment `s` (and, for the lost test, the CTE `lost_parcels`: the ids of the
// shop's shipments that have a case of type lost) and one case `c`.

export interface MetricDefinition {
  key: string;
  label: string;
  definition: string;
  /** The SQL condition or expression, exactly as the summary refresh runs it. */
  sql?: string;
  /** How a rate is computed from the counts. */
  formula?: string;
}

/** A shipment that counts at all: its label was not voided. */
export const LIVE_SQL = "s.status <> 'voided'";
/** The cohort: shipments that left the seller on a day in the range. */
export const COHORT_SQL = `s.ship_day between :from and :to and ${LIVE_SQL}`;
export const DELIVERED_SQL = "s.status = 'delivered'";
export const WITH_PROOF_SQL = "s.status = 'delivered' and s.proof_type in ('signature', 'photo')";
export const NOT_DELIVERED_SQL =
  "s.status in ('returned_to_sender', 'expired') or (s.status <> 'delivered' and s.id in (select shipment_id from lost_parcels))";
export const IN_FLIGHT_SQL =
  "s.status not in ('delivered', 'returned_to_sender', 'expired') and s.id not in (select shipment_id from lost_parcels)";
export const ON_TIME_SQL = "s.status = 'delivered' and s.delivered_day <= s.edd_original";
export const ON_TIME_KNOWN_SQL = "s.status = 'delivered' and s.delivered_day is not null and s.edd_original is not null";
/**
 * Business days after the ship day up to and including the delivery day (the same count as
 * businessDaysBetween in app/modules/carriers/business-days.ts); `days_off` holds the US federal
 * holidays and the shop's own. Capped at a year so a mistyped date cannot run away.
 */
export const TRANSIT_DAYS_SQL =
  "(select count(*) from generate_series(1, least(s.delivered_day - s.ship_day, 366)) as k(n) " +
  "where extract(isodow from s.ship_day + k.n) < 6 and s.ship_day + k.n not in (select day from days_off))";
/** Cases of the cohort: every case opened on a shipment of the cohort, whatever its state now. */
export const COHORT_CASES_SQL = "c.shipment_id = s.id and " + COHORT_SQL;
/** The week a day belongs to, named by its Monday. */
export const weekExpression = (day: string) => `${day} - (extract(isodow from ${day})::int - 1)`;
export const WEEK_SQL = weekExpression("day");
export const OPENED_DAY_SQL = "(c.opened_at at time zone :time_zone)::date";
export const RESOLVED_DAY_SQL = "(c.resolved_at at time zone :time_zone)::date";

export const METRICS: MetricDefinition[] = [
  {
    key: "shipped",
    label: "Shipped",
    definition:
      "Parcels whose ship date falls in the selected range. The ship date is the day the parcel left you (handed over, or its first carrier scan), in the shop's time zone. Voided labels never count; labels that have not left yet have no ship date and are not counted.",
    sql: COHORT_SQL,
  },
  {
    key: "delivered",
    label: "Delivered",
    definition: "Shipped parcels the carrier has confirmed delivered.",
    sql: DELIVERED_SQL,
  },
  {
    key: "withProof",
    label: "With proof",
    definition: "Delivered parcels with proof of delivery: the recipient's signature or a delivery photo.",
    sql: WITH_PROOF_SQL,
  },
  {
    key: "inFlight",
    label: "In flight",
    definition:
      "Parcels still on their way: not delivered, not returned, not expired and not declared lost (a parcel in an exception such as a failed attempt is still in flight). They are shown separately and never counted as failures.",
    sql: IN_FLIGHT_SQL,
  },
  {
    key: "notDelivered",
    label: "Not delivered",
    definition:
      "Parcels whose journey ended without delivery: returned to sender, expired (no carrier scan within the expiry window after the label), or declared lost (the parcel has a lost case and was never delivered).",
    sql: NOT_DELIVERED_SQL,
  },
  {
    key: "deliveryConfirmationRate",
    label: "Delivery-confirmation rate",
    definition:
      "Of the parcels whose journey has ended, the share the carrier confirmed delivered. In-flight parcels are left out until they arrive or fail, so recent weeks are not penalised for parcels still moving; shown as — while none has finished.",
    formula: "delivered ÷ (shipped − in flight)",
  },
  {
    key: "proofRate",
    label: "Proof rate",
    definition: "Of the delivered parcels, the share with proof of delivery (signature or photo).",
    formula: "with proof ÷ delivered",
  },
  {
    key: "inFlightShare",
    label: "In-flight share",
    definition: "Of the shipped parcels, the share still on its way.",
    formula: "in flight ÷ shipped",
  },
  {
    key: "onTimeRate",
    label: "On-time rate",
    definition:
      "Of the delivered parcels that had an estimated delivery date, the share delivered on or before the first date promised to the buyer (the EDD on the label, never the revised one). Parcels still in flight count once delivered.",
    sql: ON_TIME_SQL,
    formula: `on time ÷ delivered with an EDD (${ON_TIME_KNOWN_SQL})`,
  },
  {
    key: "transitDays",
    label: "Transit time (business days)",
    definition:
      "Business days from the ship date to the delivery date, counting the delivery day but not the ship day, and skipping weekends, US federal holidays and the shop's own holidays. Median: half of the delivered parcels arrived within this many business days; p90: 90% did (nearest rank, like PostgreSQL's percentile_disc).",
    sql: TRANSIT_DAYS_SQL,
  },
  {
    key: "exceptionRate",
    label: "Exception rate",
    definition:
      "Exception cases opened on the shipped parcels, per 100 shipped parcels, by exception type and carrier. Every case counts, open or resolved; a parcel with cases of two types counts once in each.",
    sql: COHORT_CASES_SQL,
    formula: "cases ÷ shipped × 100",
  },
  {
    key: "casesOpenedResolved",
    label: "Cases opened and resolved",
    definition:
      "Exception cases opened, and cases resolved, in each week of the range, by the day they were opened or resolved in the shop's time zone. The carrier, service and destination filters apply; the ship date does not.",
    sql: `${OPENED_DAY_SQL}, ${RESOLVED_DAY_SQL}`,
  },
  {
    key: "week",
    label: "Weeks",
    definition:
      "Weeks start on Monday in the shop's time zone and are named by their Monday; the first and last week of a range can be partial.",
    sql: WEEK_SQL,
  },
];

export function metricDefinition(key: string): MetricDefinition {
  const found = METRICS.find((m) => m.key === key);
  if (!found) throw new Error(`No analytics metric "${key}"`);
  return found;
}

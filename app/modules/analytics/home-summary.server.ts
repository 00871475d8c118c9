// The home page's summary strip: orders waiting to ship, labels printed today, open and overdue
// cases, and the 7-day delivery-confirmation rate. "Today" is the shop's today.
import { sql } from "kysely";
import type { ShopScope } from "../../lib/tenancy.server";
import { addDays, localDay } from "../carriers/business-days";
import { countOverdueCases } from "../exceptions/overdue.server";
import { cohortTotals } from "./report-query.server";
import type { CohortSummary } from "./report-assembly";

export interface HomeSummary {
  today: string;
  /** Orders waiting for a label. */
  toShip: number;
  /** Of those, the ones whose planned ship date is today or already past. */
  dueToday: number;
  /** Labels created today (in the shop's time zone) and not voided. */
  labelsToday: number;
  openCases: number;
  overdueCases: number;
  /** Parcels shipped in the last 7 days, today included. */
  lastSevenDays: CohortSummary;
}

export async function homeSummary(scope: ShopScope, input: { timeZone: string; now?: Date }): Promise<HomeSummary> {
  const now = input.now ?? new Date();
  const today = localDay(now, input.timeZone);
  const orders = await scope
    .selectFrom("orders")
    .select([sql<number>`count(*)`.as("toShip"), sql<number>`count(*) filter (where ship_date <= ${today}::date)`.as("dueToday")])
    .where("status", "=", "to_ship")
    .executeTakeFirstOrThrow();
  const labels = await scope
    .selectFrom("shipments")
    .select(sql<number>`count(*)`.as("n"))
    .where(sql<boolean>`label_created_at >= (${today}::date)::timestamp at time zone ${input.timeZone}`)
    .where(sql<boolean>`label_created_at < (${today}::date + 1)::timestamp at time zone ${input.timeZone}`)
    .where("status", "<>", "voided")
    .executeTakeFirstOrThrow();
  const open = await scope
    .selectFrom("cases")
    .select(sql<number>`count(*)`.as("n"))
    .where("state", "<>", "resolved")
    .executeTakeFirstOrThrow();
  return {
    today,
    toShip: orders.toShip,
    dueToday: orders.dueToday,
    labelsToday: labels.n,
    openCases: open.n,
    overdueCases: await countOverdueCases(scope, now),
    lastSevenDays: await cohortTotals(scope, { from: addDays(today, -6), to: today, now }),
  };
}

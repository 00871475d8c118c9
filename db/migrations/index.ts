// Every migration, in order. Listed explicitly (not read from the folder at run time) so that the
// server, the CLI, Vitest and its global set-up all load them the same way. Add new files here.
import type { Migration } from "kysely/migration";
import * as m0001 from "./2026_11_21_0001_foundation";
import * as m0002 from "./2026_11_21_0002_orders_imports";
import * as m0003 from "./2026_11_21_0003_carriers_shipments";
import * as m0004 from "./2026_11_21_0004_tracking_cases";
import * as m0005 from "./2026_11_21_0005_notifications";
import * as m0400 from "./2026_11_22_0400_import_columns";
import * as m0500 from "./2026_11_22_0500_queue_indexes";
import * as m0600 from "./2026_11_22_0600_analytics_summaries";
import * as m0700 from "./2026_11_22_0700_notification_delivery";
import * as m1300 from "./2026_11_23_1300_accounts";

export const migrations: Record<string, Migration> = {
  "2026_11_21_0001_foundation": m0001,
  "2026_11_21_0002_orders_imports": m0002,
  "2026_11_21_0003_carriers_shipments": m0003,
  "2026_11_21_0004_tracking_cases": m0004,
  "2026_11_21_0005_notifications": m0005,
  "2026_11_22_0400_import_columns": m0400,
  "2026_11_22_0500_queue_indexes": m0500,
  "2026_11_22_0600_analytics_summaries": m0600,
  "2026_11_22_0700_notification_delivery": m0700,
  "2026_11_23_1300_accounts": m1300,
};

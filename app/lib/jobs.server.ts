// Periodic work that runs inside every app instance (exception scans, notification delivery, ...).
// Each job must be safe to run on several instances at once: they coordinate through PostgreSQL
// (advisory locks, FOR UPDATE SKIP LOCKED), never through in-process flags.
import { exceptionScanJob } from "../modules/exceptions/scan.server";
import type { DB } from "./db.server";
import { notificationDeliveryJob } from "../modules/notifications/worker.server";
import { rateLimitPruneJob } from "../modules/public-tracking/rate-limit.server";
import { analyticsRefreshJob } from "../modules/analytics/summaries.server";
import { accountEmailJob } from "../modules/notifications/account-mail.server";
import { accountPruneJob } from "../modules/auth/passwords.server";

export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(db: DB): Promise<void>;
}

/** The jobs the server runs; modules add theirs here. */
export const PERIODIC_JOBS: PeriodicJob[] = [exceptionScanJob, notificationDeliveryJob, rateLimitPruneJob, analyticsRefreshJob, accountEmailJob, accountPruneJob];

/** Starts every job on its interval (never two runs of one job at once in this process). */
export function startPeriodicJobs(db: DB, jobs: PeriodicJob[] = PERIODIC_JOBS): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run(db);
      } catch (error) {
        console.error(`[job ${job.name}] ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}

// Periodic work that runs inside every app instance (exception scans, notification delivery, ...).
// Each job must be safe to run on several instances at once: they coordinate through PostgreSQL
// (advisory locks, FOR UPDATE SKIP LOCKED), never through in-process flags. Modules export their
// jobs; the server's composition root (scripts/serve.ts) lists them and starts them here, so this
// file knows no module.
import type { DB } from "./db.server";

export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(db: DB): Promise<void>;
}

/** Starts every job on its interval (never two runs of one job at once in this process). */
export function startPeriodicJobs(db: DB, jobs: readonly PeriodicJob[]): () => void {
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

import type { Db } from "../db/connect.ts";
import { sendReportingReminders } from "../reporting/reporting-reminders.ts";
import { sendDeadlineReminders } from "./deadline-reminders.ts";

const HOUR_MS = 3600 * 1000;

/**
 * Runs `sendDeadlineReminders` (assessments) and `sendReportingReminders` (UN and regional
 * reporting steps) now and then every hour while the server runs.
 * Returns a function that stops it. A failed run is logged and retried at the
 * next tick, never crashing the server.
 */
export function startReminderJob(
  db: Db,
  options: { intervalMs?: number; log?: (error: unknown) => void } = {},
): () => void {
  const log = options.log ?? ((error: unknown) => console.error("deadline reminders failed:", error));
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      await sendDeadlineReminders(db, now);
      await sendReportingReminders(db, now);
    } catch (error) {
      log(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs ?? HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}

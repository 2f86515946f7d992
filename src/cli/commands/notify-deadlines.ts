import type { Command } from "commander";
import {
  REMINDER_WINDOW_DAYS,
  sendDeadlineReminders,
} from "../../server/notifications/deadline-reminders.ts";
import { withDatabase } from "../with-database.ts";

export function registerNotifyDeadlines(program: Command): void {
  program
    .command("notify-deadlines")
    .description(
      `Remind coordinators and contributors of open assessments whose cycle closes within ${REMINDER_WINDOW_DAYS} days (each deadline once; the server also does this hourly)`,
    )
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const result = await sendDeadlineReminders(db, new Date());
        console.log(
          `Reminded ${result.assessments} assessment(s): ${result.notifications} notification(s) and e-mail(s) queued.`,
        );
      });
    });
}

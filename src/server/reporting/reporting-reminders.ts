import { and, eq, gte, lte, sql } from "drizzle-orm";
import {
  addDays,
  type CalendarEvent,
  REMINDER_DAYS,
  REVIEW_MECHANISM_INFO,
  type ReviewMechanism,
  remindersDue,
  STEP_NAMES,
  type StepKind,
} from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { countries, notifications, reportingCycles, reportingSteps } from "../db/schema.ts";
import { deliverOutbox, publicUrl } from "../mail/send-mail.ts";
import { findUsersWithRoles } from "../notifications/find-recipients.ts";
import { notify } from "../notifications/notify.ts";

/**
 * Reminds each country's coordinators and contributors of its reporting steps 30, 7 and 1 day
 * before their date, in the app and by e-mail. The notification rows record each reminder (step,
 * date, window), so the hourly job sends each one once, and again if the date moves.
 */
export async function sendReportingReminders(
  db: Db,
  now: Date,
): Promise<{ reminders: number; notifications: number }> {
  const today = now.toISOString().slice(0, 10);
  const rows = await db
    .select({
      stepId: reportingSteps.id,
      cycleId: reportingCycles.id,
      country: reportingCycles.countryCode,
      countryName: countries.name,
      regionCode: countries.regionCode,
      mechanism: reportingCycles.mechanism,
      review: reportingCycles.review,
      kind: reportingSteps.kind,
      dueOn: reportingSteps.dueOn,
      endsOn: reportingSteps.endsOn,
      note: reportingSteps.note,
    })
    .from(reportingSteps)
    .innerJoin(reportingCycles, eq(reportingCycles.id, reportingSteps.cycleId))
    .innerJoin(countries, eq(countries.code, reportingCycles.countryCode))
    .where(
      and(
        gte(reportingSteps.dueOn, today),
        lte(reportingSteps.dueOn, addDays(today, Math.max(...REMINDER_DAYS) + 1)),
      ),
    );
  const events: (CalendarEvent & { countryLabel: string })[] = rows.map((r) => ({
    ...r,
    mechanism: r.mechanism as ReviewMechanism,
    kind: r.kind as StepKind,
    countryLabel: r.countryName.en ?? r.country,
  }));
  let reminders = 0;
  let sent = 0;
  const outboxIds: string[] = [];
  for (const due of remindersDue(events, now)) {
    const e = due.event as (typeof events)[number];
    const ids = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const [already] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            eq(notifications.kind, "reporting_deadline"),
            sql`${notifications.payload}->>'stepId' = ${e.stepId}`,
            sql`${notifications.payload}->>'dueOn' = ${e.dueOn}`,
            sql`${notifications.payload}->>'window' = ${String(due.window)}`,
          ),
        )
        .limit(1);
      if (already) return null;
      const people = await findUsersWithRoles(tx, ["coordinator", "contributor"], { country: e.country });
      const step = STEP_NAMES[e.kind];
      const body = REVIEW_MECHANISM_INFO[e.mechanism].name.en;
      const queued = await notify(tx, {
        userIds: people,
        kind: "reporting_deadline",
        payload: {
          stepId: e.stepId,
          country: e.country,
          kind: e.kind,
          mechanism: e.mechanism,
          dueOn: e.dueOn,
          window: String(due.window),
        },
        email: {
          subject: `Childmark: ${e.countryLabel} — ${step} in ${due.daysLeft} day(s)`,
          text: `${step} (${body}, ${e.review}) for ${e.countryLabel} is on ${e.dueOn}.${e.note ? `\n\n${e.note}` : ""}\n\nOpen the calendar: ${publicUrl()}/reporting/calendar?country=${e.country}\n`,
        },
      });
      sent += people.length;
      return queued;
    });
    if (ids) {
      reminders += 1;
      outboxIds.push(...ids);
    }
  }
  await deliverOutbox(db, outboxIds);
  return { reminders, notifications: sent };
}

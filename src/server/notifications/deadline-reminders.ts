import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { assessments, countries, cycles, notifications } from "../db/schema.ts";
import { deliverOutbox, publicUrl } from "../mail/send-mail.ts";
import { findUsersWithRoles } from "./find-recipients.ts";
import { notify } from "./notify.ts";

const DAY_MS = 24 * 3600 * 1000;
/** How long before a cycle closes the people still answering are reminded. */
export const REMINDER_WINDOW_DAYS = 7;

export interface ReminderResult {
  /** Assessments reminded in this run. */
  assessments: number;
  notifications: number;
}

/**
 * Reminds the coordinators and contributors of every open assessment (draft or
 * returned) whose cycle closes within seven days of `now`. The notification
 * rows themselves record the reminder (kind `deadline`, the assessment and the
 * closing date), so each deadline is announced once, and again if it moves.
 */
export async function sendDeadlineReminders(db: Db, now: Date): Promise<ReminderResult> {
  const due = await db
    .select({
      id: assessments.id,
      country: assessments.countryCode,
      countryName: countries.name,
      closesOn: cycles.closesOn,
      cycleName: cycles.name,
    })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(countries, eq(countries.code, assessments.countryCode))
    .where(
      and(
        inArray(assessments.status, ["draft", "returned"]),
        isNull(assessments.areaCode),
        gt(cycles.closesOn, now),
        lte(cycles.closesOn, new Date(now.getTime() + REMINDER_WINDOW_DAYS * DAY_MS)),
      ),
    );
  let reminded = 0;
  let sent = 0;
  const outboxIds: string[] = [];
  for (const a of due) {
    const closesOn = a.closesOn!.toISOString();
    const ids = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const [already] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            eq(notifications.kind, "deadline"),
            sql`${notifications.payload}->>'assessmentId' = ${a.id}`,
            sql`${notifications.payload}->>'closesOn' = ${closesOn}`,
          ),
        )
        .limit(1);
      if (already) return null;
      const people = await findUsersWithRoles(tx, ["coordinator", "contributor"], { country: a.country });
      const country = a.countryName.en ?? a.country;
      const days = Math.max(1, Math.ceil((a.closesOn!.getTime() - now.getTime()) / DAY_MS));
      const queued = await notify(tx, {
        userIds: people,
        kind: "deadline",
        payload: { assessmentId: a.id, country: a.country, closesOn },
        email: {
          subject: `Childmark: the ${country} assessment is due in ${days} day(s)`,
          text: `The assessment of ${country} (${a.cycleName.en ?? ""}) closes on ${closesOn.slice(0, 10)} and is not submitted yet.\n\nOpen it: ${publicUrl()}/assessments/${a.id}\n`,
        },
      });
      sent += people.length;
      return queued;
    });
    if (ids) {
      reminded += 1;
      outboxIds.push(...ids);
    }
  }
  await deliverOutbox(db, outboxIds);
  return { assessments: reminded, notifications: sent };
}

import { addDays, daysUntil, parseIsoDate } from "./dates.ts";
import { COALITION_DEADLINES, type ReviewMechanism, type StepKind } from "./mechanisms.ts";

/** One dated step of a country's review, as the calendar, the reminders and the feed see it. */
export interface CalendarEvent {
  stepId: string;
  cycleId: string;
  country: string;
  mechanism: ReviewMechanism;
  /** The review's name (`CRC — combined 6th and 7th periodic reports`). */
  review: string;
  kind: StepKind;
  dueOn: string;
  endsOn: string | null;
  note: string | null;
}

/** Days before a deadline on which the coalition's team is reminded. */
export const REMINDER_DAYS: readonly number[] = [30, 7, 1];

export interface ReminderDue {
  event: CalendarEvent;
  /** The reminder window this one belongs to (30, 7 or 1 days before). */
  window: number;
  daysLeft: number;
}

/**
 * The reminders due at `now`: for every future step, the narrowest window it has entered
 * (30, 7 or 1 days before its date). A step 5 days away is in the 7-day window; the caller
 * records each (step, date, window) once, so a reminder is sent once per window, and again if
 * the date moves.
 */
export function remindersDue(
  events: readonly CalendarEvent[],
  now: Date,
  windows: readonly number[] = REMINDER_DAYS,
): ReminderDue[] {
  const sorted = [...windows].sort((a, b) => a - b);
  const out: ReminderDue[] = [];
  for (const event of events) {
    const daysLeft = daysUntil(event.dueOn, now);
    if (daysLeft < 0) continue;
    const window = sorted.find((w) => daysLeft <= w);
    if (window !== undefined) out.push({ event, window, daysLeft });
  }
  return out;
}

/** Is this step something the coalition itself must do (submit, attend)? */
export function isCoalitionDeadline(kind: StepKind): boolean {
  return COALITION_DEADLINES.has(kind);
}

/** The next event on or after `today`, coalition deadlines first among those on the same day. */
export function nextEvent(events: readonly CalendarEvent[], today: string): CalendarEvent | null {
  const future = events
    .filter((e) => e.dueOn >= today)
    .sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) ||
        Number(isCoalitionDeadline(b.kind)) - Number(isCoalitionDeadline(a.kind)),
    );
  return future[0] ?? null;
}

/**
 * The weeks of a month view (Monday first): each week seven ISO dates, the days of the
 * neighbouring months included so the grid is whole.
 */
export function monthGrid(month: string): string[][] {
  const first = parseIsoDate(`${month.slice(0, 7)}-01`);
  if (!first) throw new Error(`not a month: ${month}`);
  const offset = (first.getUTCDay() + 6) % 7;
  let day = addDays(first.toISOString().slice(0, 10), -offset);
  const weeks: string[][] = [];
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  } while (day.slice(0, 7) === month.slice(0, 7));
  return weeks;
}

import { addDays, addMonths } from "./dates.ts";
import type { ReviewMechanism, StepKind } from "./mechanisms.ts";

export interface PlannedStep {
  kind: StepKind;
  dueOn: string;
  /** The last day of a step that lasts (a session, a pre-session working group). */
  endsOn?: string;
}

/** A step of a mechanism's usual timetable: months then days from the session's first day. */
export interface StepOffset {
  kind: StepKind;
  months: number;
  days?: number;
  /** Days the step lasts after its first day (a session, a visit). */
  lastsDays?: number;
}

/** A mechanism's usual timetable around the day its review opens, and where it is published. */
export interface MechanismTimetable {
  /** What the "session" step is for this mechanism (a Committee session, a country visit…). */
  anchor: string;
  steps: readonly StepOffset[];
  /** Years between two reviews. */
  cycleYears: number;
  source: string;
}

/**
 * The usual timetables of the mechanisms, as data: a new mechanism is a new entry. Each is a
 * default the coalition corrects to the dates the mechanism announces.
 *
 * - CRC Committee: NGO reports about three months before the pre-session working group, which
 *   meets about four months before the session and adopts the list of issues; the State replies
 *   about two months before the session; concluding observations at its end; the next report in
 *   five years.
 * - UPR: stakeholders submit about six and a half months before the Working Group session; the
 *   mid-term report comes after two and a half years and the next review after four and a half.
 * - European Committee of Social Rights: the State's report on 31 October; comments of national
 *   organisations by the end of June; the Committee's session in the autumn and conclusions
 *   published in the following spring; a yearly cycle over thematic groups of provisions.
 * - GREVIO: the State answers the questionnaire, NGO shadow reports before the evaluation visit,
 *   the evaluation report about a year after the visit, and the State's report on the Committee
 *   of the Parties' recommendations three years later.
 * - Lanzarote Committee (Council of Europe): State and civil-society replies to the monitoring
 *   round's questionnaire, the implementation report adopted in plenary about a year later.
 * - ACERWC: complementary reports of civil society about five months before the session and a
 *   pre-session three months before; concluding observations after the session; periodic reports
 *   every three years.
 * - Special procedures: a country visit and the mandate holder's report to the Council.
 */
export const MECHANISM_TIMETABLES: Readonly<Record<ReviewMechanism, MechanismTimetable>> = {
  crc: {
    anchor: "Committee session",
    cycleYears: 5,
    source: "CRC Committee working methods (CRC/C/66/2): a usual timetable",
    steps: [
      { kind: "ngo_submission", months: -7 },
      { kind: "pre_session", months: -4, lastsDays: 4 },
      { kind: "list_of_issues", months: -4, days: 14 },
      { kind: "state_replies_due", months: -2 },
      { kind: "session", months: 0, lastsDays: 18 },
      { kind: "concluding_observations", months: 0, days: 25 },
      { kind: "next_report_due", months: 60 },
    ],
  },
  upr: {
    anchor: "UPR Working Group session",
    cycleYears: 4.5,
    source: "OHCHR, UPR technical guidelines for stakeholders: a usual timetable",
    steps: [
      { kind: "state_report_due", months: -3 },
      { kind: "ngo_submission", months: -6, days: -15 },
      { kind: "session", months: 0, lastsDays: 11 },
      { kind: "concluding_observations", months: 0, days: 10 },
      { kind: "upr_midterm", months: 30 },
      { kind: "next_report_due", months: 54 },
    ],
  },
  special_procedure: {
    anchor: "country visit",
    cycleYears: 0,
    source: "Special procedures: a visit and the report to the Human Rights Council (usual delay)",
    steps: [
      { kind: "ngo_submission", months: -2 },
      { kind: "session", months: 0, lastsDays: 9 },
      { kind: "concluding_observations", months: 9 },
    ],
  },
  ecsr: {
    anchor: "Committee session examining the reports",
    cycleYears: 1,
    source: "Council of Europe, European Social Charter reporting procedure: a usual timetable",
    steps: [
      { kind: "state_report_due", months: -12 },
      { kind: "ngo_submission", months: -4 },
      { kind: "session", months: 0, lastsDays: 4 },
      { kind: "concluding_observations", months: 5 },
    ],
  },
  grevio: {
    anchor: "evaluation visit",
    cycleYears: 6,
    source: "GREVIO rules of procedure: questionnaire, shadow reports, visit, report (a usual timetable)",
    steps: [
      { kind: "state_report_due", months: -5 },
      { kind: "ngo_submission", months: -2 },
      { kind: "session", months: 0, lastsDays: 5 },
      { kind: "concluding_observations", months: 11 },
      { kind: "follow_up_due", months: 47 },
    ],
  },
  lanzarote: {
    anchor: "plenary adopting the implementation report",
    cycleYears: 4,
    source: "Lanzarote Committee monitoring rounds: a usual timetable",
    steps: [
      { kind: "state_report_due", months: -12 },
      { kind: "ngo_submission", months: -10 },
      { kind: "session", months: 0, lastsDays: 3 },
      { kind: "concluding_observations", months: 2 },
      { kind: "follow_up_due", months: 24 },
    ],
  },
  acerwc: {
    anchor: "Committee session",
    cycleYears: 3,
    source: "ACERWC guidelines for complementary reports: a usual timetable",
    steps: [
      { kind: "state_report_due", months: -12 },
      { kind: "ngo_submission", months: -5 },
      { kind: "pre_session", months: -3, lastsDays: 3 },
      { kind: "session", months: 0, lastsDays: 10 },
      { kind: "concluding_observations", months: 2 },
      { kind: "next_report_due", months: 36 },
    ],
  },
};

/** The date `offset` names from `anchor`: months first, then days. */
const at = (anchor: string, months: number, days = 0) => addDays(addMonths(anchor, months), days);

/**
 * A review's steps by the mechanism's usual timetable (MECHANISM_TIMETABLES) around the first
 * day of its session (or visit), in date order. A planned step is a default: the coalition
 * corrects any date the mechanism announces.
 */
export function planCycle(mechanism: ReviewMechanism, sessionStart: string): PlannedStep[] {
  return MECHANISM_TIMETABLES[mechanism].steps
    .map((s) => {
      const dueOn = at(sessionStart, s.months, s.days);
      return s.lastsDays
        ? { kind: s.kind, dueOn, endsOn: addDays(dueOn, s.lastsDays) }
        : { kind: s.kind, dueOn };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** A State keeps its slot in the UPR: it is reviewed once every 14 Working Group sessions. */
export const UPR_SESSIONS_PER_CYCLE = 14;

/** The Monday on or after `value`: the Working Group's sessions open on a Monday. */
function mondayOnOrAfter(value: string): string {
  const weekday = new Date(`${value}T00:00:00Z`).getUTCDay();
  return addDays(value, (8 - weekday) % 7);
}

/**
 * The usual opening day of the UPR Working Group's session `session`: three sessions a year, in
 * late January, early May and early November, numbered in order (session 45 opened on Monday
 * 22 January 2024). A planned day, not OHCHR's calendar: the coalition corrects it.
 */
export function uprSessionStart(session: number): string {
  const k = session - 45;
  const year = 2024 + Math.floor(k / 3);
  const from = [`${year}-01-18`, `${year}-04-28`, `${year}-11-02`][((k % 3) + 3) % 3]!;
  return mondayOnOrAfter(from);
}

export interface PlannedReview {
  session: number;
  start: string;
  steps: PlannedStep[];
}

/**
 * A State's current UPR review on `today`: of the sessions in its slot (`firstSession`, then every
 * 14 sessions), the first whose steps by the UPR's timetable (planCycle) other than the next
 * review are not all past — its mid-term report, at least, is still to come.
 */
export function currentUprReview(firstSession: number, today: string): PlannedReview {
  for (let session = firstSession; ; session += UPR_SESSIONS_PER_CYCLE) {
    const start = uprSessionStart(session);
    const steps = planCycle("upr", start);
    if (steps.some((s) => s.kind !== "next_report_due" && s.dueOn >= today)) return { session, start, steps };
  }
}

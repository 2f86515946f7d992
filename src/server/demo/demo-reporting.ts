import {
  addDays,
  addMonths,
  currentUprReview,
  type PlannedStep,
  planCycle,
  type ReviewMechanism,
} from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { ratifications, reportingCycles, reportingSteps } from "../db/schema.ts";
import { createReport } from "../reporting/reports.ts";
import { loadCountry } from "../reporting/scope.ts";

/**
 * The session of the Human Rights Council's UPR Working Group at which each demo State was
 * reviewed in the first cycle (UPR Info's `sessions.csv`, in ../shared/data/upr-info). A State
 * keeps its slot: 14 sessions later in each following cycle (currentUprReview). Kosovo is not
 * reviewed by the UPR.
 */
const UPR_FIRST_SESSION: Readonly<Record<string, number>> = {
  RO: 2,
  RS: 3,
  AZ: 4,
  AL: 6,
  BA: 7,
  AM: 8,
  BG: 9,
  GE: 10,
  MD: 12,
};

/**
 * Ratification of the CRC by each demo State (UN Treaty Collection, chapter IV.11): date and
 * whether by ratification, accession or succession. The optional protocols below are marked as
 * demo data to be checked against the Collection before use.
 */
const CRC_RATIFIED: Readonly<Record<string, [string, "ratified" | "acceded"]>> = {
  AL: ["1992-02-27", "ratified"],
  AM: ["1993-06-23", "acceded"],
  AZ: ["1992-08-13", "acceded"],
  BA: ["1993-09-01", "acceded"],
  BG: ["1991-06-03", "ratified"],
  GE: ["1994-06-02", "acceded"],
  MD: ["1993-01-26", "acceded"],
  RO: ["1990-09-28", "ratified"],
  RS: ["2001-03-12", "acceded"],
};
const OPIC: Readonly<Record<string, string>> = { AL: "2013-05-29", GE: "2016-09-19" };
const TREATY_SOURCE = "UN Treaty Collection, chapter IV (demo copy: check the dates before use)";

/** The CRC Committee meets three times a year: its sessions open in mid-January, May and September. */
function committeeSessionsAfter(day: string, count: number): string[] {
  const out: string[] = [];
  for (let year = Number(day.slice(0, 4)); out.length < count; year++)
    for (const month of ["01-12", "05-11", "09-07"]) {
      const start = `${year}-${month}`;
      if (start > day && out.length < count) out.push(start);
    }
  return out;
}

/** A review the demo plans: its mechanism, name, source and steps. */
export interface DemoCycle {
  country: string;
  mechanism: ReviewMechanism;
  review: string;
  source: string;
  steps: (PlannedStep & { note?: string | null })[];
  wordLimit: number | null;
}

/**
 * The reviews of the demo countries, planned relative to `today` (the day the demo is loaded), so
 * the calendar always has coming deadlines: the current fourth-or-later cycle UPR review of each
 * State (its slot from UPR Info's data, the session's day and the other steps by the UPR's usual
 * timetable: currentUprReview and planCycle), a CRC review placed in one of the Committee's
 * sessions from `today` on (a demo timetable, not the Committee's; Moldova's NGO submission is
 * always still to come), and the Council of Europe's yearly Social Charter report.
 */
export function planDemoReviews(today: string): DemoCycle[] {
  const countries = Object.keys(CRC_RATIFIED).concat("XK");
  // Every Committee session from three weeks ago on has a demo country, so the steps of consecutive
  // sessions leave no gap of more than about two months; Moldova's is the first whose NGO
  // submission is still to come (its alternative report is the demo's).
  const crcSessions = committeeSessionsAfter(addDays(today, -20), 6);
  const moldovaSession = crcSessions.find((s) => addMonths(s, -7) >= today)!;
  const out: DemoCycle[] = [];
  for (const [i, country] of countries.entries()) {
    const first = UPR_FIRST_SESSION[country];
    if (first) {
      const upr = currentUprReview(first, today);
      out.push({
        country,
        mechanism: "upr",
        review: `UPR cycle ${Math.floor((upr.session - first) / 14) + 1}, Working Group session ${upr.session}`,
        source:
          "Session: UPR Info (the State's first-cycle slot, every 14 sessions); dates planned by the UPR's usual timetable (demo: check OHCHR's calendar)",
        steps: upr.steps,
        wordLimit: 5_630,
      });
    }
    const session = country === "MD" ? moldovaSession : crcSessions[i % crcSessions.length]!;
    out.push({
      country,
      mechanism: "crc",
      review:
        country === "XK"
          ? "Report under the UNMIK arrangement (demo)"
          : "Combined periodic reports (demo timetable)",
      source:
        "Demo timetable: planCycle around a session of the Committee; replace with the Committee's own dates",
      steps: planCycle("crc", session).map((s) =>
        s.kind === "ngo_submission"
          ? { ...s, note: "Alternative reports to the Committee's secretariat (max. 20,000 words)" }
          : s,
      ),
      wordLimit: 20_000,
    });
    if (country !== "XK" && country !== "AZ") {
      const october =
        `${today.slice(0, 4)}-10-31` > today
          ? `${today.slice(0, 4)}-10-31`
          : `${Number(today.slice(0, 4)) + 1}-10-31`;
      out.push({
        country,
        mechanism: "ecsr",
        review: "European Social Charter: yearly national report",
        source:
          "Council of Europe: national reports are due on 31 October; comments of organisations (demo date)",
        steps: [
          { kind: "state_report_due", dueOn: october },
          { kind: "ngo_submission", dueOn: addDays(addMonths(october, 8), -30) },
        ],
        wordLimit: null,
      });
    }
  }
  return out;
}

/**
 * The reporting cycle of the demo countries: their ratifications (CRC, OPSC, OPAC, OPIC), the
 * reviews planned from `today` (planDemoReviews), and one alternative report started for Moldova.
 */
export async function loadDemoReporting(db: Db, adminId: string, today: string): Promise<void> {
  for (const [country, crc] of Object.entries(CRC_RATIFIED)) {
    await db.insert(ratifications).values([
      {
        countryCode: country,
        instrument: "crc",
        status: crc[1],
        ratifiedOn: crc[0],
        source: TREATY_SOURCE,
      },
      { countryCode: country, instrument: "opsc", status: "ratified", source: TREATY_SOURCE },
      { countryCode: country, instrument: "opac", status: "ratified", source: TREATY_SOURCE },
      OPIC[country]
        ? {
            countryCode: country,
            instrument: "opic",
            status: "ratified",
            ratifiedOn: OPIC[country]!,
            source: TREATY_SOURCE,
          }
        : { countryCode: country, instrument: "opic", status: "not_party", source: TREATY_SOURCE },
    ]);
  }
  let moldovaCrc = "";
  for (const plan of planDemoReviews(today)) {
    const [cycle] = await db
      .insert(reportingCycles)
      .values({
        countryCode: plan.country,
        mechanism: plan.mechanism,
        review: plan.review,
        source: plan.source,
        wordLimit: plan.wordLimit,
      })
      .returning({ id: reportingCycles.id });
    await db.insert(reportingSteps).values(
      plan.steps.map((s) => ({
        cycleId: cycle!.id,
        kind: s.kind,
        dueOn: s.dueOn,
        endsOn: s.endsOn ?? null,
        note: s.note ?? null,
      })),
    );
    if (plan.country === "MD" && plan.mechanism === "crc") moldovaCrc = cycle!.id;
  }
  await createReport(
    db,
    await loadCountry(db, "MD"),
    { cycleId: moldovaCrc },
    { actorId: adminId, actorEmail: null },
  );
}

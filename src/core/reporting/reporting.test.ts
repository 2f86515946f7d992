import { describe, expect, it } from "vitest";
import { type CalendarEvent, monthGrid, nextEvent, remindersDue } from "./calendar.ts";
import { CRC_CLUSTERS, clusterOf, countWords } from "./clusters.ts";
import { currentUprReview, planCycle, uprSessionStart } from "./cycle-plan.ts";
import { addMonths, parseIsoDate } from "./dates.ts";
import { escapeIcsText, foldIcsLine, renderIcs } from "./icalendar.ts";
import { prefillSection } from "./prefill.ts";

const event = (dueOn: string, kind: CalendarEvent["kind"] = "ngo_submission"): CalendarEvent => ({
  stepId: `s-${dueOn}-${kind}`,
  cycleId: "c",
  country: "MD",
  mechanism: "crc",
  review: "CRC",
  kind,
  dueOn,
  endsOn: null,
  note: null,
});

describe("dates", () => {
  it("refuses impossible dates and keeps month ends", () => {
    expect(parseIsoDate("2025-02-30")).toBeNull();
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-03-31", -1)).toBe("2024-02-29");
  });
});

describe("planCycle", () => {
  it("puts the CRC steps in order around the session", () => {
    const steps = planCycle("crc", "2026-09-07");
    expect(steps.map((s) => s.kind)).toEqual([
      "ngo_submission",
      "pre_session",
      "list_of_issues",
      "state_replies_due",
      "session",
      "concluding_observations",
      "next_report_due",
    ]);
    const dates = steps.map((s) => s.dueOn);
    expect(dates).toEqual([...dates].sort());
    expect(steps[0]!.dueOn).toBe("2026-02-07");
    expect(steps.find((s) => s.kind === "pre_session")!.dueOn).toBe("2026-05-07");
  });
  it("gives the UPR a mid-term report after two and a half years", () => {
    const steps = planCycle("upr", "2024-01-22");
    expect(steps.find((s) => s.kind === "upr_midterm")!.dueOn).toBe("2026-07-22");
    expect(steps.find((s) => s.kind === "ngo_submission")!.dueOn < "2023-08-01").toBe(true);
  });
});

describe("UPR sessions", () => {
  it("open on the Working Group's usual Mondays: late January, early May, early November", () => {
    // OHCHR's calendar: sessions 45–52 opened on these days.
    expect([45, 46, 47, 48, 49, 50, 51, 52].map(uprSessionStart)).toEqual([
      "2024-01-22",
      "2024-04-29",
      "2024-11-04",
      "2025-01-20",
      "2025-04-28",
      "2025-11-03",
      "2026-01-19",
      "2026-05-04",
    ]);
    expect(new Date(`${uprSessionStart(3)}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("places a State's current review in its slot, while a step before the next review is to come", () => {
    const review = currentUprReview(12, "2026-03-02");
    expect(review.session).toBe(54);
    expect(review.steps).toEqual(planCycle("upr", review.start));
    // Once the mid-term report of session 54 is past, the next review (session 68) is current.
    const midterm = review.steps.find((s) => s.kind === "upr_midterm")!.dueOn;
    expect(currentUprReview(12, midterm).session).toBe(54);
    expect(currentUprReview(12, addMonths(midterm, 1)).session).toBe(68);
  });
});

describe("reminders", () => {
  const now = new Date("2026-03-01T09:00:00Z");
  it("puts each future step in the narrowest window it has entered", () => {
    const due = remindersDue(
      [
        event("2026-03-02"),
        event("2026-03-05"),
        event("2026-03-20"),
        event("2026-05-01"),
        event("2026-02-20"),
      ],
      now,
    );
    expect(due.map((d) => [d.event.dueOn, d.window])).toEqual([
      ["2026-03-02", 1],
      ["2026-03-05", 7],
      ["2026-03-20", 30],
    ]);
  });
  it("finds the next event, coalition deadlines first on the same day", () => {
    const next = nextEvent(
      [event("2026-03-10", "session"), event("2026-03-10"), event("2026-02-01")],
      "2026-03-01",
    );
    expect(next!.kind).toBe("ngo_submission");
  });
});

describe("month grid", () => {
  it("starts on Monday and covers the month in whole weeks", () => {
    const weeks = monthGrid("2026-03");
    expect(weeks[0]![0]).toBe("2026-02-23");
    expect(weeks.flat()).toContain("2026-03-31");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
});

describe("iCalendar", () => {
  it("escapes text as RFC 5545 says", () => {
    expect(escapeIcsText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });
  it("folds at 75 octets without cutting a UTF-8 character", () => {
    const line = `SUMMARY:${"تقرير بديل ".repeat(20)}`;
    const folded = foldIcsLine(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(2);
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
  });
  it("writes all-day events whose end is the day after", () => {
    const ics = renderIcs("Moldova", [
      {
        uid: "x@childmark",
        date: "2026-03-01",
        summary: "NGO, deadline",
        stamp: new Date("2026-01-01T00:00:00Z"),
      },
    ]);
    expect(ics).toContain("DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260302\r\n");
    expect(ics).toContain("SUMMARY:NGO\\, deadline");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});

describe("clusters and words", () => {
  it("has the ten clusters of the reporting guidelines", () => {
    expect(CRC_CLUSTERS).toHaveLength(10);
    expect(clusterOf("violence")!.articles).toContain("19");
  });
  it("counts words without citation markers", () => {
    expect(countWords("The State's law [1] was amended in 2024 [2].")).toBe(7);
    expect(countWords("")).toBe(0);
  });
});

describe("prefillSection", () => {
  const violence = clusterOf("violence")!;
  it("reports once on recommendations of several mechanisms that ask for the same thing, citing each", () => {
    const rec = (id: string, mechanism: string, reference: string, text: string, status: string | null) => ({
      id,
      mechanism,
      reference,
      text,
      articles: ["19"],
      themes: [],
      status,
      assessedOn: null,
      evidence: null,
    });
    const section = prefillSection(violence, {
      scores: [],
      answers: [],
      consultations: [],
      recommendations: [
        rec(
          "r1",
          "crc",
          "CRC/C/MDA/CO/4-5, para. 27",
          "Explicitly prohibit corporal punishment of children in all settings, including the home",
          "in_progress",
        ),
        rec(
          "r2",
          "upr",
          "A/HRC/54/MD, 120.7",
          "Prohibit corporal punishment of children in all settings including the home",
          null,
        ),
        rec(
          "r3",
          "upr",
          "A/HRC/54/MD, 120.9",
          "Set up child-friendly courts for child victims and witnesses of violence",
          null,
        ),
      ],
    });
    const paragraphs = section.body.split("\n\n");
    const together = paragraphs.filter((p) => p.startsWith("Several mechanisms (CRC, UPR)"));
    expect(together).toHaveLength(1);
    expect(together[0]).toContain("CRC/C/MDA/CO/4-5, para. 27");
    expect(together[0]).toContain("A/HRC/54/MD, 120.7");
    expect(paragraphs.filter((p) => p.includes("A/HRC/54/MD, 120.7"))).toHaveLength(1);
    expect(paragraphs.some((p) => p.startsWith("The Committee recommended (A/HRC/54/MD, 120.9)"))).toBe(true);
    expect(section.citations.filter((c) => c.kind === "recommendation").map((c) => c.href)).toEqual([
      "/recommendations/r1",
      "/recommendations/r2",
      "/recommendations/r3",
    ]);
    expect(
      section.questions.filter((q) => q.includes("CRC/C/MDA/CO/4-5, para. 27; A/HRC/54/MD, 120.7")),
    ).toHaveLength(1);
  });

  it("reports together only the synergies a person confirmed, when the facts name them", () => {
    const rec = (id: string, mechanism: string, reference: string, text: string) => ({
      id,
      mechanism,
      reference,
      text,
      articles: ["19"],
      themes: [],
      status: null,
      assessedOn: null,
      evidence: null,
    });
    const recommendations = [
      rec(
        "r1",
        "crc",
        "CRC/C/MDA/CO/4-5, para. 27",
        "Explicitly prohibit corporal punishment of children in all settings",
      ),
      rec("r2", "upr", "A/HRC/54/MD, 120.7", "Prohibit corporal punishment of children in all settings"),
      rec("r3", "ecsr", "Conclusions 2019, 17§1", "Corporal punishment is not prohibited in the home"),
    ];
    const facts = { scores: [], answers: [], consultations: [], recommendations };
    const together = (synergies?: string[][]) =>
      prefillSection(violence, { ...facts, synergies })
        .body.split("\n\n")
        .filter((p) => p.startsWith("Several mechanisms"));
    // None confirmed: each is reported on its own, however alike their texts.
    expect(together([])).toEqual([]);
    // The person's group, whatever the text similarity says; a member not among the facts is left out.
    const [group] = together([["r1", "r3", "r-elsewhere"]]);
    expect(group).toMatch(/^Several mechanisms \(CRC, ECSR\)/);
    expect(group).toContain("Conclusions 2019, 17§1");
    expect(group).not.toContain("A/HRC/54/MD, 120.7");
    // Without the field (facts gathered before synergies were kept), the suggestions are used.
    expect(together()).toHaveLength(1);
  });

  it("cites every fact and asks about recommendations not implemented", () => {
    const section = prefillSection(violence, {
      scores: [{ article: "19", score: 54.25, change: 3.1, period: "2025" }],
      answers: [
        {
          indicatorCode: "a19.01",
          indicatorText: "Corporal punishment is banned in all settings",
          value: "partially",
          articles: ["19"],
          href: "/assessments/a",
          evidence: [{ label: "Law 140/2013, art. 4", href: "https://example.org/law" }],
        },
      ],
      recommendations: [
        {
          id: "r1",
          reference: "CRC/C/MDA/CO/4-5, para. 27",
          text: "Prohibit corporal punishment",
          articles: ["19"],
          status: "in_progress",
          assessedOn: "2025-06-01",
          evidence: null,
        },
        {
          id: "r2",
          reference: "UPR",
          text: "Other",
          articles: ["28"],
          status: "implemented",
          assessedOn: null,
          evidence: null,
        },
        {
          id: "r3",
          reference: "out",
          text: "Out",
          articles: ["7"],
          status: null,
          assessedOn: null,
          evidence: null,
        },
      ],
      consultations: [{ id: "k", title: "Safe at school", participants: 42, articles: ["19"] }],
    });
    expect(section.body).toContain("54.3 of 100 (+3.1 since the previous cycle) [1]");
    expect(section.citations.map((c) => c.kind)).toEqual([
      "score",
      "evidence",
      "recommendation",
      "recommendation",
      "consultation",
    ]);
    expect(section.citations[1]!.href).toBe("https://example.org/law");
    expect(section.body).not.toContain("Out");
    expect(section.questions).toHaveLength(1);
    expect(section.questions[0]).toContain("CRC/C/MDA/CO/4-5, para. 27");
  });
  it("says plainly when nothing is known", () => {
    const s = prefillSection(clusterOf("definition")!, {
      scores: [],
      answers: [],
      recommendations: [],
      consultations: [],
    });
    expect(s.citations).toEqual([]);
    expect(s.body).toMatch(/no scores/);
  });
  it("cites the latest validated year's budget lines linked to the cluster's articles", () => {
    const line = (id: string, fiscalYear: string, articles: string[], allocated: number | null) => ({
      id,
      fiscalYear,
      name: `Line ${id}`,
      ministry: "Ministry of Social Protection",
      currency: "MDL",
      allocated,
      executed: null,
      articles,
      source: "Budget law, p. 41",
      href: "/budgets/countries/MD",
    });
    const section = prefillSection(violence, {
      scores: [],
      answers: [],
      recommendations: [],
      consultations: [],
      budgets: [
        line("old", "2023", ["19"], 1),
        line("a", "2024", ["19"], 9_000_000),
        line("b", "2024", ["31"], 5),
      ],
    });
    expect(section.body).toBe(
      "Public investment in fiscal year 2024: Line a: 9,000,000 MDL allocated, execution not reported [1].",
    );
    expect(section.citations).toEqual([
      {
        n: 1,
        kind: "budget",
        label: "Line a (Ministry of Social Protection), budget 2024: Budget law, p. 41",
        href: "/budgets/countries/MD",
      },
    ]);
  });
});

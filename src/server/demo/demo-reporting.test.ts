import { describe, expect, it } from "vitest";
import { addDays } from "../../core/index.ts";
import { planDemoReviews } from "./demo-reporting.ts";

/** The steps of the planned demo reviews due from `today` to 90 days later. */
function comingSteps(today: string) {
  const until = addDays(today, 90);
  return planDemoReviews(today).flatMap((plan) =>
    plan.steps
      .filter((s) => s.dueOn >= today && s.dueOn <= until)
      .map((s) => ({ country: plan.country, mechanism: plan.mechanism, ...s })),
  );
}

describe("the demo's reporting calendar", () => {
  it("has a step in the next 90 days whatever day the demo is loaded (every third day of 2024–2032)", () => {
    const empty: string[] = [];
    for (let day = "2024-01-01"; day < "2033-01-01"; day = addDays(day, 3))
      if (!comingSteps(day).length) empty.push(day);
    expect(empty).toEqual([]);
  });

  it("has a step in the next 90 days today, and Moldova's NGO submission to the CRC is still to come", () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(comingSteps(today).length).toBeGreaterThan(0);
    const md = planDemoReviews(today).find((p) => p.country === "MD" && p.mechanism === "crc")!;
    expect(md.steps.find((s) => s.kind === "ngo_submission")!.dueOn >= today).toBe(true);
  });

  it("plans each State's UPR review in its own slot, with a step still to come", () => {
    for (const today of ["2026-03-02", "2031-08-15"]) {
      const upr = planDemoReviews(today).filter((p) => p.mechanism === "upr");
      expect(upr.map((p) => p.country).sort()).toEqual([
        "AL",
        "AM",
        "AZ",
        "BA",
        "BG",
        "GE",
        "MD",
        "RO",
        "RS",
      ]);
      for (const plan of upr) {
        expect(plan.steps.some((s) => s.kind !== "next_report_due" && s.dueOn >= today)).toBe(true);
        expect(plan.steps.map((s) => s.dueOn)).toEqual(plan.steps.map((s) => s.dueOn).sort());
      }
    }
    // Moldova was first reviewed at session 12: session 54 in the fourth cycle, 68 in the fifth.
    expect(
      planDemoReviews("2026-03-02").find((p) => p.country === "MD" && p.mechanism === "upr")!.review,
    ).toBe("UPR cycle 4, Working Group session 54");
    expect(
      planDemoReviews("2031-08-15").find((p) => p.country === "MD" && p.mechanism === "upr")!.review,
    ).toBe("UPR cycle 5, Working Group session 68");
  });
});

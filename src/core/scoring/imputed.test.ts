import { describe, expect, it } from "vitest";
import {
  buildAnswers,
  buildFramework,
  buildIndicator,
  buildNode,
} from "../../../test/support/arbitraries.ts";
import {
  buildAnalysisModel,
  createEvaluator,
  DEFAULT_SETTINGS,
  evaluate,
  nominalConfiguration,
} from "../analysis/model.ts";
import { releaseAnalysisInput } from "../analysis/release.ts";
import { scoresCsv } from "../publishing/downloads.ts";
import { buildReleaseSnapshot, type ReleaseAnswer, releaseImputedCounts } from "../publishing/snapshot.ts";
import { compileFramework } from "./compile.ts";
import { scoreAnswers } from "./engine.ts";
import { imputedTargets, keepPeriods, previousCycleAnswers } from "./imputed.ts";
import { type ScoreRow, toScoreRows } from "./rows.ts";

/*
 * root ─ prev (imputation: previous) ─ p (percentage, dimension laws), c (checklist)
 *      └ plain ─ q (percentage, dimension laws)
 */
const framework = (version = "1", crosswalks?: unknown) =>
  buildFramework({
    version,
    nodes: [
      buildNode("root", null),
      buildNode("prev", "root", { imputation: "previous" }),
      buildNode("plain", "root"),
    ],
    indicators: [
      buildIndicator("p", "prev", { type: "percentage", classifications: { dimension: ["laws"] } }),
      buildIndicator("c", "prev", { type: "checklist" }),
      buildIndicator("q", "plain", { type: "percentage", classifications: { dimension: ["laws"] } }),
    ],
    classifications: [
      { code: "dimension", label: { en: "Dimension" }, values: [{ code: "laws", label: { en: "Laws" } }] },
    ],
    ...(crosswalks ? { crosswalks } : {}),
  } as Parameters<typeof buildFramework>[0]);

const fw = framework();
const cell = (rows: Iterable<ScoreRow>, entity: string, period: string, node: string) =>
  [...rows].find((r) => r.entity === entity && r.period === period && r.node === node)!;

describe("imputed values counted by every score that uses them", () => {
  it("lists the items that count an indicator: itself, the nodes above it, its classification values", () => {
    const targets = imputedTargets(fw);
    expect(targets.get("p")).toEqual(["p", "prev", "root", "dimension:laws"]);
    expect(targets.get("c")).toEqual(["c", "prev", "root"]);
  });

  it("gives each row its count: 1 on the imputed indicator, the number below on nodes and classification values", () => {
    const table = scoreAnswers(compileFramework(fw), [
      ...buildAnswers("A", "2023", { p: 40, c: "yes", q: 10 }),
      ...buildAnswers("A", "2024", { c: "no", q: 20 }),
      ...buildAnswers("B", "2024", { p: 80, c: "yes", q: 30 }),
    ]);
    const rows = [...toScoreRows(table, fw)];
    const a = (node: string) => cell(rows, "A", "2024", node);
    expect(a("p")).toMatchObject({ score: 40, coverage: 0, imputed: true, imputedCount: 1 });
    expect([a("prev"), a("root"), a("dimension:laws")].map((r) => r.imputedCount)).toEqual([1, 1, 1]);
    expect([a("c"), a("q"), a("plain")].map((r) => r.imputedCount)).toEqual([0, 0, 0]);
    expect(
      rows.filter((r) => r.entity === "B" || r.period === "2023").every((r) => r.imputedCount === 0),
    ).toBe(true);
  });
});

describe("the previous cycle's value when one cycle is scored on its own", () => {
  const earlier: ReleaseAnswer[] = [
    { country: "A", indicator: "p", value: 40, justification: null, evidence: [] },
    { country: "A", indicator: "q", value: 10, justification: null, evidence: [] },
    { country: "B", indicator: "p", value: 70, justification: null, evidence: [] },
  ];
  const now: ReleaseAnswer[] = [
    { country: "A", indicator: "c", value: "no", justification: null, evidence: [] },
    { country: "A", indicator: "q", value: 20, justification: null, evidence: [] },
    { country: "B", indicator: "p", value: 80, justification: null, evidence: [] },
    { country: "B", indicator: "c", value: "yes", justification: null, evidence: [] },
  ];
  const meta = {
    slug: "test-2024-v1",
    frameworkCode: "test",
    frameworkVersion: "1",
    version: 1,
    period: "2024",
    cycleName: { en: "2024" },
    publishedAt: "2024-12-01T00:00:00.000Z",
    notes: "First release of 2024.",
    supersedes: null,
    isDemo: false,
  };
  const countries = [
    { code: "A", name: { en: "A" } },
    { code: "B", name: { en: "B" } },
  ];
  const build = (withEarlier: boolean, f = fw, fromVersion = "1") =>
    buildReleaseSnapshot({
      release: { ...meta, frameworkVersion: f.version },
      framework: f,
      countries,
      answers: now,
      comparison: null,
      ...(withEarlier
        ? { earlier: [{ period: "2023", frameworkVersion: fromVersion, answers: earlier }] }
        : {}),
    });

  it("reads the earlier release's answers: A's p is 2023's 40, marked imputed, coverage 0", () => {
    // Before this, a release scored its own period alone and A's p had no value at all.
    const alone = build(false);
    expect(alone.scores.find((s) => s.country === "A" && s.item === "p")).toMatchObject({ score: null });
    const snap = build(true);
    const score = (c: string, item: string) => snap.scores.find((s) => s.country === c && s.item === item)!;
    expect(score("A", "p")).toMatchObject({ score: 40, coverage: 0, imputed: true });
    // prev = mean(p 0.4 imputed, c 0) with coverage 0.5 (c answered): 20; root = (20 + 20) / 2.
    expect(score("A", "prev")).toMatchObject({ score: 20, coverage: 0.5 });
    expect(score("A", "root").score).toBe(20);
    // Only the release's period is in the snapshot: answered values stay, nothing else is carried.
    expect(score("B", "p")).toMatchObject({ score: 80, coverage: 1 });
    expect(score("B", "p").imputed).toBeUndefined();
    expect(snap.scores.every((s) => s.country === "A" || s.country === "B")).toBe(true);
    expect(snap.scores).toHaveLength(alone.scores.length);
    // The regional average is the release period's: (40 + 80) / 2 for p.
    expect(snap.regional.find((r) => r.item === "p")?.average).toBe(60);
    // And the downloads carry the flag: 1 on p, 1 on the nodes and classification value above it.
    const counts = releaseImputedCounts(snap);
    expect(["p", "prev", "root", "dimension:laws", "c", "q"].map((i) => counts("A", i))).toEqual([
      1, 1, 1, 1, 0, 0,
    ]);
    const csv = scoresCsv(snap).split("\r\n");
    expect(csv[0]!.endsWith(",change,imputed")).toBe(true);
    expect(csv.find((l) => l.startsWith("A,A,p,"))!.endsWith(",1")).toBe(true);
    expect(csv.find((l) => l.startsWith("B,B,p,"))!.endsWith(",0")).toBe(true);
  });

  it("gives the uncertainty analysis of the release the same nominal scores (it reads the earlier release too)", () => {
    const snap = build(true);
    const earlierList = [{ period: "2023", frameworkVersion: "1", answers: earlier }];
    const rootScores = (withEarlier: boolean) => {
      const { columns, period } = releaseAnalysisInput(snap, withEarlier ? earlierList : []);
      const model = buildAnalysisModel(compileFramework(fw), columns, period, {
        ...DEFAULT_SETTINGS,
        draws: 100,
      });
      const ev = createEvaluator(model);
      const scores = evaluate(ev, nominalConfiguration(model));
      return Object.fromEntries(model.entities.map((e, k) => [e, scores[k]]));
    };
    const published = Object.fromEntries(
      snap.scores.filter((s) => s.item === "root").map((s) => [s.country, s.score]),
    );
    expect(published).toEqual({ A: 20, B: 90 });
    const nominal = rootScores(true);
    expect(nominal.A).toBeCloseTo(20, 9);
    expect(nominal.B).toBeCloseTo(90, 9);
    // Without the earlier answers, A's p would be missing: prev = c alone (0), root (0 + 20) / 2.
    expect(rootScores(false).A).toBeCloseTo(10, 12);
  });

  it("translates an earlier framework version's codes through the crosswalk, and carries no changed measure", () => {
    const renamed = framework("2", [
      { fromVersion: "1", entries: [{ from: "old_p", to: "p", change: "renamed" }] },
    ]);
    const old = [{ entity: "A", period: "2023", indicator: "old_p", value: 40 }];
    expect(previousCycleAnswers(renamed, "1", old)).toEqual([{ ...old[0], indicator: "p" }]);
    // Under its own code in version 1, p was another measure: "p" of version 1 maps to nothing.
    expect(previousCycleAnswers(renamed, "1", [{ ...old[0]!, indicator: "p" }])).toEqual([]);
    const rescored = framework("2", [
      { fromVersion: "1", entries: [{ from: "p", to: "p", change: "rescored" }] },
    ]);
    expect(previousCycleAnswers(rescored, "1", [{ ...old[0]!, indicator: "p" }])).toEqual([]);
    // Indicators not under the previous-cycle policy are never carried.
    expect(previousCycleAnswers(fw, "1", [{ ...old[0]!, indicator: "q" }])).toEqual([]);
  });

  it("keeps only the asked periods of a table", () => {
    const table = scoreAnswers(compileFramework(fw), [
      ...buildAnswers("A", "2023", { p: 40 }),
      ...buildAnswers("A", "2024", { q: 20 }),
    ]);
    const kept = keepPeriods(table, ["2024"]);
    expect(kept.periods).toEqual(["2024"]);
    const withoutChange = (rows: ReturnType<typeof toScoreRows>) => [...rows].map(({ change: _, ...r }) => r);
    expect(withoutChange(toScoreRows(kept, fw))).toEqual(
      withoutChange(toScoreRows(table, fw)).filter((r) => r.period === "2024"),
    );
    // A period read only for the imputation is no "previous period" to measure change against.
    expect(cell(toScoreRows(table, fw), "A", "2024", "root").change).not.toBeNull();
    expect(cell(toScoreRows(kept, fw), "A", "2024", "root").change).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Framework } from "../../core/framework/model.ts";
import { scoreAreas } from "../../core/network/area-scores.ts";
import { buildReleaseSnapshot } from "../../core/publishing/snapshot.ts";
import type { Answer } from "../../core/scoring/engine.ts";
import { buildDemoAnswers, DEMO_CYCLES } from "../demo/demo-answers.ts";
import { readDemoFramework } from "../demo/demo-framework.ts";

// A country with two regions; the North has two districts, the South one; a district of the
// South and the whole East have no assessment.
const AREAS = [
  { code: "N", parent: null, level: 1, name: { en: "North" } },
  { code: "N-1", parent: "N", level: 2, name: { en: "North one" } },
  { code: "N-2", parent: "N", level: 2, name: { en: "North two" } },
  { code: "S", parent: null, level: 1, name: { en: "South" } },
  { code: "S-1", parent: "S", level: 2, name: { en: "South one" } },
  { code: "S-2", parent: "S", level: 2, name: { en: "South two" } },
  { code: "E", parent: null, level: 1, name: { en: "East" } },
];

let framework: Framework;
let demo: Answer[];
const period = DEMO_CYCLES[1]!.code;

beforeAll(async () => {
  framework = await readDemoFramework();
  demo = buildDemoAnswers(framework).filter((a) => a.period === period);
});

/** The demo answers of `country`, given to `area`. */
const asArea = (country: string, area: string): Answer[] =>
  demo.filter((a) => a.entity === country).map((a) => ({ ...a, entity: area }));

const scoreOf = (areas: ReturnType<typeof scoreAreas>, code: string, item: string) =>
  areas.find((a) => a.code === code)?.scores.find((s) => s.item === item);

describe("scoreAreas", () => {
  it("scores an assessed area as a country with the same answers would be scored among the same peers", () => {
    const areas = scoreAreas({
      framework,
      country: "MD",
      period,
      areas: AREAS,
      answers: [...asArea("MD", "N-1"), ...asArea("GE", "N-2"), ...asArea("AM", "S-1")],
    });
    const release = buildReleaseSnapshot({
      release: {
        slug: "x",
        frameworkCode: framework.code,
        frameworkVersion: framework.version,
        version: 1,
        period,
        cycleName: { en: period },
        publishedAt: "2026-01-01T00:00:00.000Z",
        notes: "",
        supersedes: null,
        isDemo: true,
      },
      framework,
      countries: ["MD", "GE", "AM"].map((code) => ({ code, name: { en: code } })),
      answers: demo
        .filter((a) => ["MD", "GE", "AM"].includes(a.entity))
        .map((a) => ({
          country: a.entity,
          indicator: a.indicator,
          value: a.value,
          justification: null,
          evidence: [],
        })),
      comparison: null,
    });
    const root = framework.nodes.find((n) => n.parent === null)!.code;
    for (const [area, country] of [
      ["N-1", "MD"],
      ["N-2", "GE"],
      ["S-1", "AM"],
    ] as const) {
      for (const node of framework.nodes) {
        const expected = release.scores.find((s) => s.country === country && s.item === node.code)!;
        expect(scoreOf(areas, area, node.code)?.score, `${area} ${node.code}`).toBe(expected.score);
        expect(scoreOf(areas, area, node.code)?.band).toBe(expected.band);
      }
      expect(areas.find((a) => a.code === area)!.source).toBe("assessed");
    }
    // Ranks compare the three districts, as the release ranks the three countries.
    const rootRanks = ["N-1", "N-2", "S-1"].map((a) => scoreOf(areas, a, root)!.rank);
    expect(rootRanks).toEqual(
      ["MD", "GE", "AM"].map((c) => release.scores.find((s) => s.country === c && s.item === root)!.rank),
    );
  });

  it("rolls a region up from the districts below it that have a score, and ranks the regions among themselves", () => {
    const areas = scoreAreas({
      framework,
      country: "MD",
      period,
      areas: AREAS,
      answers: [...asArea("MD", "N-1"), ...asArea("GE", "N-2"), ...asArea("AM", "S-1")],
    });
    const root = framework.nodes.find((n) => n.parent === null)!.code;
    const north = areas.find((a) => a.code === "N")!;
    expect(north.source).toBe("rolled-up");
    expect(north.from).toBe(2);
    const n1 = scoreOf(areas, "N-1", root)!.score!;
    const n2 = scoreOf(areas, "N-2", root)!.score!;
    expect(scoreOf(areas, "N", root)!.score).toBeCloseTo((n1 + n2) / 2, framework.precision);
    const south = areas.find((a) => a.code === "S")!;
    expect(south.from).toBe(1);
    expect(scoreOf(areas, "S", root)!.score).toBe(scoreOf(areas, "S-1", root)!.score);
    // Regions rank among regions (1 and 2), whatever the districts' ranks.
    const regionRanks = ["N", "S"].map((a) => scoreOf(areas, a, root)!.rank).sort();
    expect(regionRanks[0]).toBe(1);
    expect([1, 2]).toContain(regionRanks[1]);
    // No data below the East and none of its own: left out; so is the unassessed district.
    expect(areas.map((a) => a.code)).toEqual(["N", "N-1", "N-2", "S", "S-1"]);
  });

  it("prefers an area's own assessment to a roll-up, and rolls up through levels", () => {
    const deep = [
      { code: "R", parent: null, level: 1, name: { en: "Region" } },
      { code: "D", parent: "R", level: 2, name: { en: "District" } },
      { code: "C", parent: "D", level: 3, name: { en: "Commune" } },
      { code: "O", parent: null, level: 1, name: { en: "Other region" } },
    ];
    const areas = scoreAreas({
      framework,
      country: "MD",
      period,
      areas: deep,
      answers: [...asArea("MD", "C"), ...asArea("GE", "O")],
    });
    const root = framework.nodes.find((n) => n.parent === null)!.code;
    expect(areas.map((a) => [a.code, a.source])).toEqual([
      ["O", "assessed"],
      ["R", "rolled-up"],
      ["D", "rolled-up"],
      ["C", "assessed"],
    ]);
    expect(scoreOf(areas, "R", root)!.score).toBe(scoreOf(areas, "C", root)!.score);
    expect(scoreAreas({ framework, country: "MD", period, areas: deep, answers: [] })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { buildDemoReleases } from "../../../test/support/release-fixture.ts";
import { compileFramework } from "../scoring/compile.ts";
import { scoreAnswers } from "../scoring/engine.ts";
import { toScoreRows } from "../scoring/rows.ts";
import { buildReleaseSnapshot, indexRelease } from "./snapshot.ts";

describe("release snapshots", async () => {
  const { framework, first, second } = await buildDemoReleases();
  const root = framework.nodes.find((n) => n.parent === null)!.code;

  it("hold the engine's scores of the published answers", () => {
    const table = scoreAnswers(
      compileFramework(framework),
      second.answers.map((a) => ({
        entity: a.country,
        period: second.release.period,
        indicator: a.indicator,
        value: a.value,
      })),
    );
    const rows = [...toScoreRows(table, framework)];
    expect(second.scores).toHaveLength(rows.length);
    const index = indexRelease(second);
    for (const row of rows) expect(index.score(row.entity, row.node)?.score).toBe(row.score);
    expect(second.countries.map((c) => c.code)).toEqual([...second.countries.map((c) => c.code)].sort());
  });

  it("compute change against the comparison release, item by item", () => {
    const a = indexRelease(first);
    const b = indexRelease(second);
    expect(second.release.comparison).toEqual({ slug: first.release.slug, period: first.release.period });
    let compared = 0;
    for (const s of second.scores) {
      const before = a.score(s.country, s.item)?.score;
      if (s.score === null || before === null || before === undefined) expect(s.change).toBeNull();
      else {
        expect(s.change).toBeCloseTo(s.score - before, framework.precision);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(first.scores.every((s) => s.change === null)).toBe(true);
    expect(b.regional(root)).not.toBeNull();
  });

  it("average the countries' unrounded scores for the regional figure", () => {
    const scored = second.scores.filter((s) => s.item === root && s.score !== null);
    const mean = scored.reduce((sum, s) => sum + s.score!, 0) / scored.length;
    expect(indexRelease(second).regional(root)).toBeCloseTo(mean, 0);
  });

  it("carry the trend of earlier periods, one point per period", () => {
    expect(second.trend.map((p) => p.period)).toEqual([first.release.period, second.release.period]);
    const correction = buildReleaseSnapshot({
      release: { ...second.release, slug: "cpi-demo-2025-v2", version: 2, notes: "Correction" },
      framework,
      countries: second.countries,
      answers: second.answers,
      comparison: first,
    });
    expect(correction.trend.map((p) => p.release)).toEqual([first.release.slug, "cpi-demo-2025-v2"]);
    const points = second.trend.at(-1)!.scores;
    expect(new Set(points.map((p) => p.item)).has(root)).toBe(true);
    expect(points.every((p) => framework.nodes.some((n) => n.code === p.item))).toBe(true);
  });

  it("is deterministic and plain JSON", () => {
    const again = buildReleaseSnapshot({
      release: second.release,
      framework,
      countries: [...second.countries].reverse(),
      answers: [...second.answers].reverse(),
      comparison: first,
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(second));
    expect(JSON.parse(JSON.stringify(second))).toEqual(second);
  });
});

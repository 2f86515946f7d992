import { describe, expect, it } from "vitest";
import { cellIndex, compileFramework, type Framework, scoreAnswers } from "../../core/index.ts";
import { readAnswersCsv } from "../data/read-answers-csv.ts";
import { buildDemoAnswers, DEMO_COUNTRIES, DEMO_CYCLES } from "./demo-answers.ts";
import { formatAnswersCsv } from "./demo-answers-csv.ts";
import { readDemoFramework } from "./demo-framework.ts";
import { DEMO_RANGES } from "./demo-ranges.ts";

const fw: Framework = await readDemoFramework();
const answers = buildDemoAnswers(fw);

/** Root scores of every country and cycle, keyed `country/cycle`. */
function scoreRoots(f: Framework) {
  const table = scoreAnswers(compileFramework(f), answers);
  const root = table.columns.findIndex((c) => c.key === "cpi");
  const out = new Map<string, { score: number; band: number }>();
  table.periods.forEach((period, p) => {
    table.entities.forEach((entity, e) => {
      const i = cellIndex(table, p, e, root);
      out.set(`${entity}/${period}`, { score: table.score[i]!, band: table.band[i]! });
    });
  });
  return { table, roots: out };
}

describe("demo countries and cycles", () => {
  it("are the ten ChildPact countries, Kosovo as XK, named in English and French, in two cycles", () => {
    expect(DEMO_COUNTRIES.map((c) => c.code).sort()).toEqual(
      ["AL", "AM", "AZ", "BA", "BG", "GE", "MD", "RO", "RS", "XK"].sort(),
    );
    for (const c of DEMO_COUNTRIES) {
      expect(c.name.en && c.name.fr, c.code).toBeTruthy();
      expect(c.coalition, c.code).toBeTruthy();
    }
    expect(DEMO_COUNTRIES.find((c) => c.code === "XK")?.name.en).toBe("Kosovo");
    expect(DEMO_CYCLES.map((c) => c.code)).toEqual(["2023", "2025"]);
    for (const c of DEMO_CYCLES) expect(`${c.label.en} ${c.label.fr}`).toMatch(/demo.*démonstration/);
  });
});

describe("buildDemoAnswers", () => {
  it("is deterministic, and another seed gives other answers", () => {
    expect(buildDemoAnswers(fw)).toEqual(answers);
    expect(buildDemoAnswers(fw, "another seed")).not.toEqual(answers);
  });

  it("answers for 10 countries × 2 cycles, leaving a few answers out", () => {
    const pairs = new Set(answers.map((a) => `${a.entity}/${a.period}`));
    expect(pairs.size).toBe(20);
    const full = 20 * fw.indicators.length;
    expect(answers.length).toBeLessThan(full);
    expect(answers.length).toBeGreaterThan(full * 0.95);
  });

  it("gives valid values: checklist choices (some na), finite numbers inside the demo ranges", () => {
    const byCode = new Map(fw.indicators.map((i) => [i.code, i]));
    let na = 0;
    for (const a of answers) {
      const ind = byCode.get(a.indicator)!;
      if (ind.type === "checklist") {
        expect(["yes", "partially", "no", "na"]).toContain(a.value);
        if (a.value === "na") na++;
      } else {
        expect(typeof a.value, a.indicator).toBe("number");
        const range = DEMO_RANGES[a.indicator]!;
        const [lo, hi] = [Math.min(range.best, range.worst), Math.max(range.best, range.worst)];
        expect(a.value as number).toBeGreaterThanOrEqual(lo);
        expect(a.value as number).toBeLessThanOrEqual(hi);
      }
    }
    expect(na).toBeGreaterThan(5);
    expect(answers.filter((a) => a.entity === "XK" && a.indicator === "a34.02").map((a) => a.value)).toEqual([
      "na",
      "na",
    ]);
  });

  it("has a demo range for exactly the statistical indicators of the framework", () => {
    const statistics = fw.indicators.filter((i) => i.type !== "checklist").map((i) => i.code);
    expect(Object.keys(DEMO_RANGES).sort()).toEqual(statistics.sort());
  });

  it("scores every country and cycle with the core engine, spread over at least three bands", () => {
    const { table, roots } = scoreRoots(fw);
    expect(table.skipped).toEqual([]);
    expect(roots.size).toBe(20);
    for (const [key, { score }] of roots) expect(Number.isNaN(score), key).toBe(false);
    const bands = new Set([...roots.values()].map((r) => r.band));
    expect(bands.has(-1)).toBe(false);
    expect(bands.size).toBeGreaterThanOrEqual(3);
  });

  it("mostly improves from the first cycle to the second, and some countries regress", () => {
    const { roots } = scoreRoots(fw);
    const changes = DEMO_COUNTRIES.map(
      (c) => roots.get(`${c.code}/2025`)!.score - roots.get(`${c.code}/2023`)!.score,
    );
    const improved = changes.filter((d) => d > 0).length;
    expect(improved).toBeGreaterThanOrEqual(6);
    expect(improved).toBeLessThan(10);
    for (const d of changes) expect(Math.abs(d)).toBeLessThan(15);
  });

  it("round-trips through the long CSV that `childmark score` reads", () => {
    const csv = formatAnswersCsv(answers);
    expect(csv.split("\n")[0]).toBe("entity,period,indicator,value");
    const read = readAnswersCsv(csv, "demo.csv");
    expect(read.length).toBe(answers.length);
    expect(read.map((a) => `${a.entity}/${a.period}/${a.indicator}/${a.value}`)).toEqual(
      answers.map((a) => `${a.entity}/${a.period}/${a.indicator}/${a.value}`),
    );
  });
});

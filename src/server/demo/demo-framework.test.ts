import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Framework, isNumeric, validateFramework } from "../../core/index.ts";
import { DEMO_FRAMEWORK_PATH, readDemoFramework } from "./demo-framework.ts";

const fw: Framework = await readDemoFramework();
/** Every text is in English and French; Arabic covers the labels and indicator texts (the rest falls back). */
const LANGUAGES = ["en", "fr"];

/** Every piece of text in the framework, with where it sits. */
function listTexts(f: Framework): { where: string; text: Record<string, string> }[] {
  const out: { where: string; text: Record<string, string> }[] = [
    { where: "title", text: f.title },
    { where: "description", text: f.description ?? {} },
  ];
  for (const b of f.bands) out.push({ where: `band ${b.code}`, text: b.label });
  for (const c of f.classifications) {
    out.push({ where: `classification ${c.code}`, text: c.label });
    for (const v of c.values) out.push({ where: `${c.code}:${v.code}`, text: v.label });
  }
  for (const n of f.nodes) {
    out.push({ where: `node ${n.code} label`, text: n.label });
    out.push({ where: `node ${n.code} description`, text: n.description ?? {} });
  }
  for (const i of f.indicators) {
    out.push({ where: `${i.code} text`, text: i.text });
    out.push({ where: `${i.code} guidance`, text: i.guidance ?? {} });
    out.push({ where: `${i.code} evidence`, text: i.evidence.description ?? {} });
  }
  return out;
}

describe("CPI demo framework (examples/cpi-demo/framework.json)", () => {
  it("is a valid framework, scored 0–100 to one decimal", () => {
    const result = validateFramework(JSON.parse(readFileSync(DEMO_FRAMEWORK_PATH, "utf8")));
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(fw.scoreScale).toBe(100);
    expect(fw.precision).toBe(1);
    expect(fw.languages).toEqual(["en", "fr", "ar"]);
  });

  it("says it is a demonstration, not the published CPI", () => {
    expect(fw.title.en).toMatch(/demonstration/i);
    expect(fw.title.en).toMatch(/not the published CPI/);
    expect(fw.description?.en).toMatch(/NOT the published CPI/);
    expect(fw.description?.fr).toMatch(/PAS la méthodologie publiée/);
  });

  it("has the CPI's four sections under the root and at least 12 UNCRC article nodes", () => {
    const sections = fw.nodes.filter((n) => n.parent === "cpi").map((n) => n.code);
    expect(fw.nodes.find((n) => n.parent === null)?.code).toBe("cpi");
    expect(sections).toEqual(["vulnerability", "governance", "articles", "social_work"]);
    const articles = fw.nodes.filter((n) => n.parent === "articles");
    expect(articles.length).toBeGreaterThanOrEqual(12);
    for (const n of ["19", "20", "21", "32", "34", "35", "37", "39", "40"]) {
      expect(articles.map((a) => a.code)).toContain(`art${n}`);
    }
    // Every article node holds indicators tagged with its own article.
    for (const node of articles) {
      const inds = fw.indicators.filter((i) => i.node === node.code);
      expect(inds.length, node.code).toBeGreaterThanOrEqual(4);
      for (const i of inds) expect(i.classifications.uncrc, i.code).toContain(node.code.slice(3));
    }
  });

  it("has at least 120 indicators, mixing checklists and statistics, in every section", () => {
    expect(fw.indicators.length).toBeGreaterThanOrEqual(120);
    const types = new Set(fw.indicators.map((i) => i.type));
    expect([...types].sort()).toEqual(["checklist", "number", "percentage"]);
    const vulnerability = fw.indicators.filter((i) => i.node === "vulnerability");
    expect(vulnerability.length).toBeGreaterThanOrEqual(15);
    expect(vulnerability.every((i) => i.type !== "checklist")).toBe(true);
    const lowerIsBetter = vulnerability.filter((i) => isNumeric(i) && i.scoring.direction === "lower");
    expect(lowerIsBetter.map((i) => i.code)).toContain("cv.01");
    const goalposts = vulnerability.map((i) => (isNumeric(i) ? String(i.scoring.min) : ""));
    expect(goalposts).toContain("data");
    expect(goalposts.some((g) => g !== "data")).toBe(true);
    expect(fw.indicators.filter((i) => i.node === "governance").length).toBeGreaterThanOrEqual(15);
    expect(fw.indicators.filter((i) => i.node === "social_work").length).toBeGreaterThanOrEqual(10);
  });

  it("tags every indicator with exactly one dimension, its UNCRC articles, and uses all five dimensions", () => {
    const dimension = fw.classifications.find((c) => c.code === "dimension");
    expect(dimension?.values.map((v) => v.code)).toEqual([
      "laws_policy",
      "services",
      "capacity",
      "accountability",
      "coordination",
    ]);
    expect(dimension?.values[0]?.label.en).toBe("Laws and policy");
    const used = new Set<string>();
    for (const i of fw.indicators) {
      expect(i.classifications.dimension?.length, i.code).toBe(1);
      expect(i.classifications.uncrc?.length, i.code).toBeGreaterThanOrEqual(1);
      used.add(i.classifications.dimension![0]!);
    }
    expect(used.size).toBe(5);
    const sdg = fw.classifications.find((c) => c.code === "sdg")?.values.map((v) => v.code);
    expect(sdg).toEqual(expect.arrayContaining(["16.2", "16.9", "4.2", "8.7", "5.3", "1.3"]));
  });

  it("asks for evidence on every checklist indicator", () => {
    for (const i of fw.indicators.filter((x) => x.type === "checklist")) {
      expect(i.evidence.required, i.code).toBe(true);
      expect(i.evidence.description?.en, i.code).toBeTruthy();
    }
  });

  it("has bands weak / emerging / established / advanced with colours", () => {
    expect(fw.bands.map((b) => [b.code, b.min, b.max])).toEqual([
      ["weak", 0, 40],
      ["emerging", 40, 60],
      ["established", 60, 80],
      ["advanced", 80, 100],
    ]);
    for (const b of fw.bands) expect(b.color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("has every text in English and French, and the French is a translation", () => {
    const gaps: string[] = [];
    for (const { where, text } of listTexts(fw)) {
      for (const lang of LANGUAGES) if (!text[lang]?.trim()) gaps.push(`${where} [${lang}]`);
    }
    expect(gaps).toEqual([]);
    const untranslated = fw.indicators.filter(
      (i) => i.text.en === i.text.fr || i.guidance?.en === i.guidance?.fr,
    );
    expect(untranslated.map((i) => i.code)).toEqual([]);
  });

  it("has in Arabic its title, description, every label and every indicator text", () => {
    // Node descriptions, guidance and evidence notes are not translated: they fall back to English.
    const wanted = listTexts(fw).filter(({ where }) => !/ (description|guidance|evidence)$/.test(where));
    expect(wanted.length).toBe(2 + 4 + 3 + 45 + 22 + 158);
    const arabicScript = /[\u0600-\u06ff]/;
    const gaps = wanted.filter(({ text }) => !arabicScript.test(text.ar ?? "")).map(({ where }) => where);
    expect(gaps).toEqual([]);
    expect(fw.title.ar).toMatch(/ليس مؤشر حماية الطفل المنشور/);
    expect(fw.description?.ar).toMatch(/ليس المنهجية المنشورة/);
    // Article nodes carry the same Arabic title as their UNCRC classification value.
    const uncrc = fw.classifications.find((c) => c.code === "uncrc")!;
    for (const node of fw.nodes.filter((n) => n.parent === "articles")) {
      const value = uncrc.values.find((v) => v.code === node.code.slice(3));
      expect(node.label.ar, node.code).toBe(value?.label.ar);
    }
  });
});

describe("the demo's budget indicator", () => {
  it("takes ge.07 (share of the planned budget spent) from the demo's budget data", async () => {
    const { budgetIndicatorValue } = await import("../../core/index.ts");
    const { DEMO_BUDGET_COUNTRIES, demoBudgetData } = await import("./demo-budgets.ts");
    const indicator = fw.indicators.find((i) => i.code === "ge.07")!;
    expect(indicator.type).toBe("percentage");
    const source = "source" in indicator ? indicator.source : undefined;
    expect(source).toEqual({
      kind: "budget",
      figure: "executionRate",
      sector: "child-protection",
      basis: "current",
    });
    expect(DEMO_BUDGET_COUNTRIES.length).toBeGreaterThanOrEqual(3);
    for (const code of DEMO_BUDGET_COUNTRIES) {
      const { lines, context } = demoBudgetData(code);
      const years = new Map<number, Partial<Record<string, number>>>();
      for (const c of context) years.set(c.year, { ...years.get(c.year), [c.series]: c.value });
      const found = budgetIndicatorValue(
        source!,
        "percentage",
        lines,
        [...years].map(([year, v]) => ({ year, ...v })),
      )!;
      // By hand: executed ÷ allocated of the child-protection lines in the last year with both.
      const last = lines.filter((l) => l.sector === "child-protection" && l.amounts.executed !== null);
      const year = last
        .map((l) => l.fiscalYear)
        .sort()
        .at(-1)!;
      const inYear = last.filter((l) => l.fiscalYear === year);
      const sum = (pick: (l: (typeof inYear)[number]) => number) => inYear.reduce((t, l) => t + pick(l), 0);
      expect(found.fiscalYear, code).toBe(year);
      expect(found.value, code).toBeCloseTo(
        (100 * sum((l) => l.amounts.executed!)) / sum((l) => l.amounts.allocated!),
        9,
      );
      expect(found.value).toBeGreaterThan(50);
      expect(found.value).toBeLessThan(110);
    }
  });
});

import { describe, expect, it } from "vitest";
import { FRAMEWORK_FORMAT, type FrameworkInput } from "./model.ts";
import { type FrameworkIssue, formatIssue, formatPath, validateFramework } from "./validate.ts";

const valid = (): FrameworkInput => ({
  code: "cpi",
  version: "2024",
  title: { en: "Child Protection Index", fr: "Indice" },
  defaultLanguage: "en",
  languages: ["en", "fr"],
  bands: [
    { code: "low", label: { en: "Low" }, min: 0, max: 50 },
    { code: "high", label: { en: "High" }, min: 50, max: 100 },
  ],
  classifications: [
    { code: "dimension", label: { en: "Dimension" }, values: [{ code: "laws", label: { en: "Laws" } }] },
  ],
  nodes: [
    { code: "root", parent: null, label: { en: "Index" } },
    { code: "s1", parent: "root", label: { en: "Section 1" } },
  ],
  indicators: [
    {
      code: "i1",
      node: "s1",
      text: { en: "Is there a law?" },
      type: "checklist",
      classifications: { dimension: ["laws"] },
    },
    { code: "i2", node: "s1", text: { en: "Share" }, type: "number", scoring: { min: 0, max: 10 } },
  ],
});

function issuesOf(input: unknown): FrameworkIssue[] {
  const result = validateFramework(input);
  if (result.ok) throw new Error("expected the framework to be invalid");
  return result.issues;
}

describe("validateFramework", () => {
  it("accepts a valid framework and applies defaults", () => {
    const result = validateFramework(valid());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.framework.format).toBe(FRAMEWORK_FORMAT);
    expect(result.framework.scoreScale).toBe(100);
    expect(result.framework.nodes[0]).toMatchObject({
      weight: 1,
      aggregation: "arithmetic",
      missing: "reweight",
      minCoverage: 0,
    });
    expect(result.framework.indicators[0]).toMatchObject({ scoring: { yes: 1, partially: 0.5, no: 0 } });
    expect(result.framework.indicators[1]).toMatchObject({
      scoring: { min: 0, max: 10, direction: "higher", log: false, cap: true },
    });
  });

  it("defaults percentage goalposts to 0 and 100 field by field, number goalposts to the data", () => {
    const fw = valid();
    fw.indicators.push(
      { code: "p1", node: "s1", text: { en: "P1" }, type: "percentage", scoring: { direction: "lower" } },
      { code: "p2", node: "s1", text: { en: "P2" }, type: "percentage", scoring: { max: "data" } },
      { code: "p3", node: "s1", text: { en: "P3" }, type: "percentage" },
      { code: "n1", node: "s1", text: { en: "N1" }, type: "number", scoring: { log: true } },
    );
    const result = validateFramework(fw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const goalposts = result.framework.indicators
      .slice(2)
      .map((i) => "min" in i.scoring && [i.scoring.min, i.scoring.max]);
    expect(goalposts).toEqual([
      [0, 100],
      [0, "data"],
      [0, 100],
      ["data", "data"],
    ]);
  });

  it("reports every meaning problem at once, each at its JSON path", () => {
    const fw = valid();
    fw.title = { fr: "Indice" };
    fw.nodes.push(
      { code: "s1", parent: "root", label: { en: "Duplicate" } }, // nodes[2]
      { code: "below", parent: "loop_a", label: { en: "Below a loop" } }, // nodes[3]
      { code: "loop_a", parent: "loop_b", label: { en: "A" } }, // nodes[4]
      { code: "loop_b", parent: "loop_a", label: { en: "B" } }, // nodes[5]
      { code: "stray", parent: "nowhere", label: { en: "Stray" } }, // nodes[6]
      { code: "heavy", parent: "root", label: { fr: "Lourd" }, weight: -2 }, // nodes[7]
    );
    fw.indicators.push(
      { code: "i1", node: "s1", text: { en: "Again" }, type: "checklist" }, // indicators[2]
      { code: "i3", node: "ghost", text: { en: " " }, type: "checklist", weight: -1 }, // indicators[3]
      { code: "i4", node: "s1", text: { en: "Pct" }, type: "percentage", scoring: { min: 50, max: 50 } }, // indicators[4]
      {
        code: "i5",
        node: "s1",
        text: { en: "Log" },
        type: "number",
        scoring: { min: 0, max: 10, log: true },
      }, // indicators[5]
      {
        code: "i6",
        node: "s1",
        text: { en: "Class" },
        type: "checklist",
        classifications: { dimension: ["laws", "money"], topic: ["x"] },
      }, // indicators[6]
      {
        code: "i7",
        node: "s1",
        text: { en: "Scale" },
        type: "scale",
        scoring: {
          choices: [
            { code: "a", label: { en: "A" }, score: 0 },
            { code: "a", label: { fr: "B" }, score: 1 },
          ],
        },
      }, // indicators[7]
    );
    fw.bands = [
      { code: "low", label: { en: "Low" }, min: 0, max: 40 },
      { code: "mid", label: { fr: "Moyen" }, min: 45, max: 80 }, // gap after low
      { code: "high", label: { en: "High" }, min: 70, max: 100 }, // overlaps mid
    ];
    const found = issuesOf(fw).map((i) => `${formatPath(i.path)}: ${i.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'title.en: title is missing in the default language "en"',
        'nodes[2].code: duplicate node code "s1"',
        'nodes[4].parent: cycle in the tree: "loop_a" is its own ancestor ("loop_a" → "loop_b" → "loop_a")',
        'nodes[6].parent: unknown parent node "nowhere"',
        "nodes[7].weight: weight must be zero or more (found -2)",
        'nodes[7].label.en: label is missing in "en"',
        'indicators[2].code: duplicate code "i1"',
        'indicators[3].node: unknown node "ghost"',
        "indicators[3].weight: weight must be zero or more (found -1)",
        'indicators[3].text.en: text is missing in "en"',
        "indicators[4].scoring.min: goalposts need min < max (found min 50, max 50)",
        "indicators[5].scoring.log: a log transform needs goalposts above zero",
        'indicators[6].classifications.dimension: unknown dimension value "money"',
        'indicators[6].classifications.topic: unknown classification "topic"',
        'indicators[7].scoring.choices[1].code: duplicate choice "a"',
        'indicators[7].scoring.choices[1].label: label is missing in "en"',
        'bands[1].min: gap between bands "low" and "mid"',
        'bands[2].min: band "high" overlaps band "mid"',
        'bands[1].label: label is missing in "en"',
      ]),
    );
    // The cycle is reported once, and not at the node that merely hangs below it.
    expect(found.filter((f) => f.includes("cycle"))).toHaveLength(1);
    expect(found.some((f) => f.startsWith("nodes[3]"))).toBe(false);
    // Exactly the problems planted above, nothing spurious.
    expect(found).toHaveLength(19);
  });

  it("reports a tree without exactly one root, and bands that do not span the score scale", () => {
    const fw = valid();
    fw.nodes.push({ code: "root2", parent: null, label: { en: "Second root" } });
    fw.languages = ["fr"];
    fw.bands = [
      { code: "low", label: { en: "Low" }, min: 5, max: 50 },
      { code: "high", label: { en: "High" }, min: 50, max: 90 },
    ];
    const found = issuesOf(fw).map((i) => `${formatPath(i.path)}: ${i.message}`);
    expect(found).toEqual([
      'languages: must include the default language "en"',
      "nodes: the tree needs exactly one root node (parent empty); found 2",
      "bands[0].min: the lowest band must start at 0 (found 5)",
      "bands[1].max: the highest band must end at the score scale 100 (found 90)",
    ]);
  });

  it("reports shape problems from the schema with their paths", () => {
    const fw = valid() as Record<string, unknown>;
    fw.nodes = [{ code: "has space", parent: null, label: { en: "Index" } }];
    fw.precision = 1.5;
    const issues = issuesOf(fw);
    expect(issues.map((i) => formatPath(i.path))).toEqual(
      expect.arrayContaining(["nodes[0].code", "precision"]),
    );
    expect(issues.find((i) => formatPath(i.path) === "nodes[0].code")?.message).toContain("no spaces");
  });
});

describe("the gap analysis", () => {
  it("accepts known values on both sides", () => {
    const fw = valid();
    fw.classifications![0]!.values.push({ code: "services", label: { en: "Services" } });
    fw.gap = { classification: "dimension", policy: ["laws"], implementation: ["services"] };
    expect(validateFramework(fw).ok).toBe(true);
  });

  it("names an unknown classification, unknown values and a value on both sides", () => {
    const fw = valid();
    fw.gap = { classification: "dimension", policy: ["laws"], implementation: ["laws", "nope"] };
    expect(issuesOf(fw).map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual([
      'gap.implementation[0]: "laws" cannot be both policy and implementation',
      'gap.implementation[1]: unknown dimension value "nope"',
    ]);
    fw.gap = { classification: "sector", policy: ["laws"], implementation: ["x"] };
    expect(issuesOf(fw)[0]!.message).toBe('unknown classification "sector"');
  });
});

describe("formatIssue", () => {
  it("names the cell when there is one, else the JSON path", () => {
    expect(formatIssue({ path: ["indicators", 3, "scoring", "min"], message: "bad" })).toBe(
      "indicators[3].scoring.min: bad",
    );
    expect(formatIssue({ path: [], message: "empty" })).toBe("(file): empty");
    expect(
      formatIssue({
        path: ["nodes", 0],
        message: "bad",
        location: { sheet: "nodes", row: 2, column: "parent" },
      }),
    ).toBe("nodes row 2 column parent: bad");
  });
});

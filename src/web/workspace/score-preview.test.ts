import { describe, expect, it } from "vitest";
import hdiJson from "../../../examples/hdi/framework.json";
import { compileFramework, framework } from "../../core/index.ts";
import type { AnswerContent } from "./answer-saver.ts";
import { indexFramework } from "./framework-index.ts";
import { previewScores } from "./score-preview.ts";

const hdi = framework.parse(hdiJson);
const compiled = compileFramework(hdi);
const answers = (values: Record<string, number>): [string, AnswerContent][] =>
  Object.entries(values).map(([code, value]) => [code, { value, justification: null }]);

describe("score preview", () => {
  it("scores one country with the engine: overall, band and each section", () => {
    // Fixed goalposts: life expectancy 85 and 18/15 years of schooling reach the top.
    const top = previewScores(
      hdi,
      compiled,
      "XX",
      "2025",
      answers({ le: 85, eys: 18, mys: 15, gnipc: 75000 }),
    );
    expect(top.overall.score).toBeCloseTo(1, 6);
    expect(hdi.bands[top.band]?.code).toBe("very_high");
    expect(top.sections.map((s) => s.code)).toEqual(["health", "education", "income"]);

    const lower = previewScores(
      hdi,
      compiled,
      "XX",
      "2025",
      answers({ le: 52.5, eys: 18, mys: 15, gnipc: 75000 }),
    );
    expect(lower.sections.find((s) => s.code === "health")?.score).toBeCloseTo(0.5, 6);
    expect(lower.overall.score).toBeLessThan(top.overall.score!);
  });

  it("has no score without answers, and ignores cleared ones", () => {
    const none = previewScores(hdi, compiled, "XX", "2025", [["le", { value: null, justification: null }]]);
    expect(none.overall.score).toBeNull();
    expect(none.band).toBe(-1);
  });
});

describe("framework index", () => {
  it("lists the indicators under each node and the ancestors of each indicator", () => {
    const index = indexFramework(hdi);
    expect(index.root.node.code).toBe("hdi");
    expect(index.root.indicatorCodes).toEqual(["le", "eys", "mys", "gnipc"]);
    expect(index.nodes.get("education")?.indicatorCodes).toEqual(["eys", "mys"]);
    expect(index.ancestors.get("mys")).toEqual(["education", "hdi"]);
    expect(index.root.children.map((c) => c.node.code)).toEqual(["health", "education", "income"]);
  });
});

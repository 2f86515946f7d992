import { describe, expect, it } from "vitest";
import hdiJson from "../../../examples/hdi/framework.json";
import { framework } from "../framework/model.ts";
import { compileFramework } from "./compile.ts";
import { scoreAnswers } from "./engine.ts";
import { scorePreview } from "./preview.ts";
import { toScoreRows } from "./rows.ts";

const hdi = framework.parse(hdiJson);
const withMean = {
  ...hdi,
  nodes: hdi.nodes.map((n) => (n.code === "education" ? { ...n, imputation: "mean" as const } : n)),
};
const answers = [
  { entity: "AA", period: "2025", indicator: "le", value: 70 },
  { entity: "AA", period: "2025", indicator: "eys", value: 12 },
  { entity: "AA", period: "2025", indicator: "mys", value: 9 },
  { entity: "AA", period: "2025", indicator: "gnipc", value: 20000 },
  { entity: "BB", period: "2025", indicator: "le", value: 60 },
  { entity: "BB", period: "2025", indicator: "eys", value: 10 },
  { entity: "BB", period: "2025", indicator: "gnipc", value: 5000 },
];

describe("score preview of one country", () => {
  it("reads the same figures as the stored rows, with the imputed indicator and its counts", () => {
    const table = scoreAnswers(compileFramework(withMean), answers);
    const preview = scorePreview(withMean, table, "BB", "2025");
    const rows = [...toScoreRows(table, withMean)].filter((r) => r.entity === "BB");
    const row = (node: string) => rows.find((r) => r.node === node)!;
    expect(preview.imputed).toEqual(["mys"]);
    expect(preview.overall.score).toBeCloseTo(row("hdi").score!, withMean.precision);
    expect(preview.overall.imputedCount).toBe(row("hdi").imputedCount);
    expect(preview.overall.imputedCount).toBe(1);
    expect(preview.sections.map((s) => [s.code, s.imputedCount])).toEqual([
      ["health", 0],
      ["education", 1],
      ["income", 0],
    ]);
    expect(preview.band >= 0 ? withMean.bands[preview.band]!.code : null).toBe(row("hdi").band);
  });

  it("has no score for a country or period the table does not hold", () => {
    const table = scoreAnswers(compileFramework(withMean), answers);
    const none = scorePreview(withMean, table, "CC", "2025");
    expect(none.overall.score).toBeNull();
    expect(none.band).toBe(-1);
    expect(none.imputed).toEqual([]);
  });
});

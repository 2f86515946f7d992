import { describe, expect, it } from "vitest";
import { buildDemoReleases } from "../../../test/support/release-fixture.ts";
import { pageEnv } from "../context.ts";
import { portalLanguages } from "../render.tsx";
import { scoringRule } from "./answers.ts";

describe("scoring rules in words", async () => {
  const { second } = await buildDemoReleases();
  const ctx = { releases: [], languages: portalLanguages(second.framework), mode: "static" as const };
  const env = (lang: string) => pageEnv(second, { page: "methodology", lang }, lang, ctx);
  const checklist = second.framework.indicators.find((i) => i.type === "checklist")!;
  const numeric = second.framework.indicators.find((i) => i.type === "number")!;

  it("give indicator scores on the framework's scale, as every other score on the portal", () => {
    expect(second.framework.scoreScale).toBe(100);
    expect(scoringRule(env("en"), checklist)).toBe("Yes scores 100, partially 50, no 0 (out of 100).");
    expect(scoringRule(env("en"), numeric)).toMatch(/\(score 0\) and .* \(score 100\)/);
    expect(scoringRule(env("fr"), checklist)).toContain("(sur 100)");
  });
});

describe("scoring rules follow the nodes above an indicator", async () => {
  const { second } = await buildDemoReleases();
  const ctx = { releases: [], languages: portalLanguages(second.framework), mode: "static" as const };
  const numeric = second.framework.indicators.find((i) => i.type === "number")!;
  const node = second.framework.nodes.find((n) => n.code === numeric.node)!;
  /** The demo release with extra settings on the numeric indicator's node. */
  const withNode = (extra: Partial<typeof node>) => {
    const snap = structuredClone(second);
    Object.assign(snap.framework.nodes.find((n) => n.code === numeric.node)!, extra);
    return pageEnv(snap, { page: "methodology", lang: "en" }, "en", ctx);
  };

  it("names a node's goalposts instead of the indicator's own", () => {
    const own = scoringRule(withNode({}), numeric);
    const env = withNode({ goalposts: { min: 7, max: 42 } });
    const rule = scoringRule(env, numeric);
    expect(rule).not.toBe(own);
    const direction = numeric.type === "number" && numeric.scoring.direction === "lower" ? [42, 7] : [7, 42];
    // Numbers with a unit are wrapped in isolates (U+2066 … U+2069) to stay whole in Arabic.
    expect(rule).toMatch(
      new RegExp(
        `goalposts \u2066?${direction[0]}[^(]*\\(score 0\\) and \u2066?${direction[1]}[^(]*\\(score 100\\)`,
      ),
    );
  });

  it("describes a distance, a banding and an imputation set on a node", () => {
    expect(scoringRule(withNode({ normalisation: "distance", reference: 50 }), numeric)).toMatch(
      /divided by .*50.*reaching the reference scores 100|reference, .*50.*, divided by the value/,
    );
    const country = second.countries[0]!;
    expect(scoringRule(withNode({ normalisation: "distance", reference: country.code }), numeric)).toContain(
      `the value of ${country.name.en} in the same cycle`,
    );
    const banded = withNode({
      normalisation: "banded",
      thresholds: [
        { from: 0, score: 0 },
        { from: 10, score: 0.5 },
        { from: 20, score: 1 },
      ],
    });
    expect(scoringRule(banded, numeric)).toMatch(
      /^Scored by bands \(out of 100\): below \u2066?10[^:]*: 0; from \u2066?10[^:]*: 50; from \u2066?20[^:]*: 100\.$/,
    );
    expect(scoringRule(withNode({ imputation: "previous" }), numeric)).toMatch(
      /A missing answer is replaced by the country's value in its previous cycle, and marked as imputed\.$/,
    );
  });
});

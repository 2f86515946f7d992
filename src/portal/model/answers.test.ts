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

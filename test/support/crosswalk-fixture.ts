import type { FrameworkInput } from "../../src/core/framework/model.ts";
import { buildReleaseSnapshot, type ReleaseSnapshot } from "../../src/core/publishing/snapshot.ts";
import { buildFramework, buildIndicator, buildNode } from "./arbitraries.ts";

/*
 * Two framework versions of one index: version 2 renames section "health" to "care" and its
 * indicator "h1" to "care1", splits "e1" into "e1a" and "e1b", rescores "p1", and removes "old".
 * Changes since the version-1 release follow the crosswalk; without it they would be lost.
 */
export const v1 = buildFramework({
  version: "1",
  nodes: [buildNode("root", null), buildNode("health", "root"), buildNode("edu", "root")],
  indicators: [
    buildIndicator("h1", "health", { type: "checklist" }),
    buildIndicator("old", "health", { type: "checklist" }),
    buildIndicator("e1", "edu", { type: "checklist" }),
    buildIndicator("p1", "edu", { type: "percentage" }),
  ],
});
const crosswalks: FrameworkInput["crosswalks"] = [
  {
    fromVersion: "1",
    entries: [
      { from: "health", to: "care", change: "renamed" },
      { from: "h1", to: "care1", change: "renamed" },
      { from: "e1", to: "e1a", change: "split" },
      { from: "e1", to: "e1b", change: "split" },
      { from: "p1", to: "p1", change: "rescored", note: { en: "Goalposts now 0–50" } },
      { from: "old", to: null, change: "removed" },
    ],
  },
];
export const v2 = buildFramework({
  version: "2",
  crosswalks,
  nodes: [buildNode("root", null), buildNode("care", "root"), buildNode("edu", "root")],
  indicators: [
    buildIndicator("care1", "care", { type: "checklist" }),
    buildIndicator("e1a", "edu", { type: "checklist" }),
    buildIndicator("e1b", "edu", { type: "checklist" }),
    buildIndicator("p1", "edu", { type: "percentage", scoring: { min: 0, max: 50 } }),
  ],
});

export function release(
  fw: typeof v1,
  period: string,
  answers: Record<string, string | number>,
  comparison: ReleaseSnapshot | null,
) {
  return buildReleaseSnapshot({
    release: {
      slug: `t-${period}-v1`,
      frameworkCode: fw.code,
      frameworkVersion: fw.version,
      version: 1,
      period,
      cycleName: { en: period },
      publishedAt: `${period}-06-01T00:00:00.000Z`,
      notes: "",
      supersedes: null,
      isDemo: false,
    },
    framework: fw,
    countries: [{ code: "MD", name: { en: "Moldova" } }],
    answers: Object.entries(answers).map(([indicator, value]) => ({
      country: "MD",
      indicator,
      value,
      justification: null,
      evidence: [],
    })),
    comparison,
  });
}

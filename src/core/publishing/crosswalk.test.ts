import { describe, expect, it } from "vitest";
import { buildFramework } from "../../../test/support/arbitraries.ts";
import { release, v1, v2 } from "../../../test/support/crosswalk-fixture.ts";
import { crosswalkOrigins } from "../framework/crosswalk.ts";
import { validateFramework } from "../framework/validate.ts";
import type { ReleaseSnapshot } from "./snapshot.ts";

const score = (snap: ReleaseSnapshot, item: string) =>
  snap.scores.find((s) => s.country === "MD" && s.item === item)!;

describe("crosswalk between framework versions", () => {
  it("gives each new item its code in the earlier version and what changed", () => {
    const origin = crosswalkOrigins(v2, "1");
    expect(origin("care")).toEqual({ previous: "health", change: "renamed" });
    expect(origin("e1a")).toEqual({ previous: "e1", change: "split" });
    expect(origin("p1")).toEqual({ previous: "p1", change: "rescored" });
    expect(origin("edu")).toEqual({ previous: "edu", change: null });
    // The same version, or one without a crosswalk: codes as they are.
    expect(crosswalkOrigins(v2, "2")("care")).toEqual({ previous: "care", change: null });
  });

  it("measures change since a release on the earlier version through the crosswalk, and keeps the trend", () => {
    // Version 1: health = h1 yes, old no → 50; edu = e1 partially (50), p1 20% → 35; root 42.5.
    const first = release(v1, "2023", { h1: "yes", old: "no", e1: "partially", p1: 20 }, null);
    // Version 2: care = care1 yes → 100; edu = e1a yes, e1b no, p1 20 of 50 → (100 + 0 + 40)/3.
    const second = release(v2, "2024", { care1: "yes", e1a: "yes", e1b: "no", p1: 20 }, first);
    expect(score(second, "care").change).toBe(50); // 100 − health's 50
    expect(score(second, "care1").change).toBe(0); // yes then, yes now
    expect(score(second, "e1a").change).toBe(50); // against e1's 50
    expect(score(second, "p1").change).toBe(20); // 40 − 20: the goalposts changed (flagged below)
    expect(score(second, "edu").change).toBeCloseTo(46.7 - 35, 6);
    expect(second.crosswalk).toEqual({
      fromVersion: "1",
      toVersion: "2",
      items: [
        { item: "care", previous: "health", change: "renamed" },
        { item: "care1", previous: "h1", change: "renamed" },
        { item: "e1a", previous: "e1", change: "split" },
        { item: "e1b", previous: "e1", change: "split" },
        { item: "p1", previous: "p1", change: "rescored" },
      ],
    });
    // The trend of the renamed section continues under its new code.
    const care = second.trend.map((p) => p.scores.find((s) => s.item === "care")?.score);
    expect(care).toEqual([50, 100]);
    expect(second.trend[0]!.scores.some((s) => s.item === "health")).toBe(false);
  });

  it("leaves change empty for an item with no counterpart, and adds nothing when the version is the same", () => {
    const noWalk = buildFramework({ ...v2, crosswalks: undefined } as never);
    const first = release(v1, "2023", { h1: "yes", old: "no", e1: "partially", p1: 20 }, null);
    const second = release(noWalk, "2024", { care1: "yes", e1a: "yes", e1b: "no", p1: 20 }, first);
    expect(score(second, "care").change).toBeNull();
    expect(score(second, "edu").change).not.toBeNull();
    const again = release(v1, "2024", { h1: "no", old: "no", e1: "partially", p1: 20 }, first);
    expect(again.crosswalk).toBeUndefined();
    expect(score(again, "health").change).toBe(-50);
  });

  it("refuses a crosswalk that names an item this version lacks, or removes with a target", () => {
    const result = validateFramework({
      ...v2,
      crosswalks: [
        {
          fromVersion: "1",
          entries: [
            { from: "a", to: "nowhere", change: "renamed" },
            { from: "b", to: "care", change: "removed" },
          ],
        },
      ],
    });
    expect(result.ok).toBe(false);
    const found = result.ok ? [] : result.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(found).toEqual([
      'crosswalks.0.entries.0.to: no node or indicator "nowhere" in this version',
      'crosswalks.0.entries.1.to: "removed" needs "to": null (found "care")',
    ]);
  });
});

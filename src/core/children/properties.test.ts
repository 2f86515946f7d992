import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateConsultation, type ChildResponse, DIMENSIONS, groupOf } from "./aggregate.ts";
import { SAMPLE_DEFINITION } from "./fixtures.ts";
import { REMOVED, screenText } from "./screen-text.ts";
import { hiddenGroups } from "./suppress.ts";

const RUNS = { numRuns: 200 };

const responseArb: fc.Arbitrary<ChildResponse> = fc.record({
  band: fc.constantFrom("8-12", "13-17"),
  gender: fc.constantFrom("girl", "boy", "other", null),
  country: fc.constantFrom("MD", "GE", "AM"),
  region: fc.constantFrom("North", "South", "Centre", null),
  answers: fc.record(
    { heard: fc.constantFrom("yes", "no", "not-sure"), safe: fc.constantFrom("1", "2", "3", "4", "5") },
    { requiredKeys: [] },
  ),
});

describe("suppression properties", () => {
  it("hides every group under the threshold and leaves a hidden pool of 0 or at least the threshold", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 40 })),
        fc.integer({ min: 5, max: 20 }),
        (sizes, threshold) => {
          const map = new Map(Object.entries(sizes));
          const hidden = hiddenGroups(map, threshold);
          const pooled = [...hidden].reduce((s, k) => s + map.get(k)!, 0);
          for (const [key, n] of map) if (n < threshold) expect(hidden.has(key)).toBe(true);
          expect(pooled === 0 || pooled >= threshold || hidden.size === map.size).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("shows no group under the threshold, and no total minus shown groups under it, in any breakdown", () => {
    fc.assert(
      fc.property(
        fc.array(responseArb, { maxLength: 120 }),
        fc.integer({ min: 5, max: 15 }),
        (rs, threshold) => {
          const result = aggregateConsultation(SAMPLE_DEFINITION, rs, threshold);
          for (const q of result.questions) {
            if (!q.total) continue;
            expect(q.total.n).toBeGreaterThanOrEqual(threshold);
            for (const b of q.breakdowns) {
              const shown = b.groups.reduce((s, g) => s + g.n, 0);
              for (const g of b.groups) expect(g.n).toBeGreaterThanOrEqual(threshold);
              const rest = q.total.n - shown;
              expect(rest === 0 || rest >= threshold).toBe(true);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it("never names a group that has fewer children than the threshold", () => {
    fc.assert(
      fc.property(fc.array(responseArb, { maxLength: 80 }), (rs) => {
        const result = aggregateConsultation(SAMPLE_DEFINITION, rs, 10);
        for (const d of DIMENSIONS) {
          const small = new Set(
            [...new Set(rs.map((r) => groupOf(r, d)))].filter(
              (key) => rs.filter((r) => groupOf(r, d) === key).length < 10,
            ),
          );
          const named = result.participants?.breakdowns.find((b) => b.dimension === d)?.groups ?? [];
          for (const g of named) expect(small.has(g.key)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("leaves no e-mail address in a screened text", () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), fc.string(), (a, email, b) => {
        const out = screenText(`${a} ${email} ${b}`);
        expect(out.text).not.toContain(email);
        expect(out.needsModeration).toBe(true);
        expect(out.text.includes(REMOVED)).toBe(true);
      }),
      RUNS,
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  type Candidates,
  checkPublish,
  compareWithPrevious,
  initialSelection,
  isCorrection,
  nextVersion,
  publishRequest,
} from "./publish-form.ts";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function candidates(previous: Candidates["previous"]): Candidates {
  return {
    cycleId: id(9),
    frameworkCode: "cpi-demo",
    period: "2025",
    previous,
    nextSlug: `cpi-demo-2025-v${(previous?.version ?? 0) + 1}`,
    assessments: [
      {
        id: id(1),
        country: "AM",
        status: "validated",
        publishable: true,
        inPrevious: true,
        changedAnswers: 0,
      },
      {
        id: id(2),
        country: "GE",
        status: "validated",
        publishable: true,
        inPrevious: true,
        changedAnswers: 3,
      },
      {
        id: id(3),
        country: "MD",
        status: "draft",
        publishable: false,
        inPrevious: false,
        changedAnswers: null,
      },
      {
        id: id(4),
        country: "UA",
        status: "validated",
        publishable: true,
        inPrevious: false,
        changedAnswers: null,
      },
    ],
  };
}

const first = candidates(null);
const correction = candidates({
  slug: "cpi-demo-2025-v1",
  version: 1,
  publishedAt: "2026-01-05T10:00:00.000Z",
});

describe("the publish panel's choices", () => {
  it("starts with every validated assessment checked and never a draft", () => {
    expect([...initialSelection(correction)].sort()).toEqual([id(1), id(2), id(4)]);
    expect(initialSelection(correction).has(id(3))).toBe(false);
  });

  it("knows a first release from a correction and the version it will get", () => {
    expect(isCorrection(first)).toBe(false);
    expect(nextVersion(first)).toBe(1);
    expect(isCorrection(correction)).toBe(true);
    expect(nextVersion(correction)).toBe(2);
  });

  it("requires notes for a correction only, saying which version corrects which", () => {
    const all = initialSelection(correction);
    expect(checkPublish(first, initialSelection(first), "")).toEqual([]);
    expect(checkPublish(correction, all, "   ")).toEqual([
      { kind: "notes-required", version: 2, previousVersion: 1, previousSlug: "cpi-demo-2025-v1" },
    ]);
    expect(checkPublish(correction, all, "Georgia's justice answers corrected.")).toEqual([]);
  });

  it("refuses an empty choice, even when only a draft's id is left checked", () => {
    expect(checkPublish(first, new Set(), "")).toEqual([{ kind: "choose-one" }]);
    expect(checkPublish(first, new Set([id(3)]), "")).toEqual([{ kind: "choose-one" }]);
  });

  it("sends only checked validated ids and trimmed notes, or no notes at all", () => {
    expect(publishRequest(correction, new Set([id(2), id(3)]), "  Fixed.  ")).toEqual({
      assessmentIds: [id(2)],
      notes: "Fixed.",
    });
    expect(publishRequest(first, new Set([id(4), id(1)]), " ")).toEqual({ assessmentIds: [id(1), id(4)] });
  });

  it("says what changes against the previous release", () => {
    // AM left out, GE republished with 3 changed answers, UA new.
    expect(compareWithPrevious(correction, new Set([id(2), id(4)]))).toEqual({
      added: ["UA"],
      dropped: ["AM"],
      changed: ["GE"],
    });
    expect(compareWithPrevious(first, new Set([id(1)]))).toEqual({ added: [], dropped: [], changed: [] });
  });
});

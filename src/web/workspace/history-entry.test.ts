import { describe, expect, it } from "vitest";
import type { Indicator } from "../../core/index.ts";
import type { HistoryEntry } from "../../server/api-schemas/assessments.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { describeHistoryEntry } from "./history-entry.ts";

const t = (key: MessageKey, vars?: Record<string, string | number>) =>
  vars ? `${key}(${Object.values(vars).join(",")})` : key;
const indicator = { code: "cv.01", type: "number" } as unknown as Indicator;
const base: HistoryEntry = {
  id: 1,
  version: 1,
  changedAt: "2026-01-01T00:00:00Z",
  changedBy: "Ana Popescu",
  before: null,
  after: null,
  source: "entry",
  reason: null,
  evidence: null,
};

describe("describeHistoryEntry", () => {
  it("shows a value change as before → after with its version and author", () => {
    const line = describeHistoryEntry(
      {
        ...base,
        version: 2,
        before: { value: 12, justification: null },
        after: { value: 15, justification: null },
      },
      indicator,
      t,
      "en",
    );
    expect(line.heading).toBe("wsHistoryVersion(2)");
    expect(line.author).toBe("Ana Popescu");
    expect(line.change).toEqual({ before: "12", after: "15" });
  });

  it("says evidence changed, with the version left unchanged, rather than (no answer) → (no answer)", () => {
    const line = describeHistoryEntry(
      {
        ...base,
        version: 2,
        source: "evidence",
        evidence: {
          action: "added",
          id: null,
          kind: "citation",
          citation: "Law 99/2010",
          url: null,
          legalReference: null,
          fileName: null,
        },
      },
      indicator,
      t,
      "en",
    );
    expect(line).toMatchObject({
      heading: "wsHistoryUnchanged(2)",
      change: null,
      note: "wsHistoryEvidence_added(Law 99/2010)",
    });
  });

  it("names the opening of an empty answer and never calls an author 'someone'", () => {
    const opened = describeHistoryEntry(
      { ...base, after: { value: null, justification: null } },
      indicator,
      t,
      "en",
    );
    expect(opened).toMatchObject({ change: null, note: "wsHistoryOpened" });
    const imported = describeHistoryEntry(
      { ...base, changedBy: null, source: "import", after: { value: 3, justification: null } },
      indicator,
      t,
      "en",
    );
    expect(imported.author).toBe("wsAuthorImport");
    expect(describeHistoryEntry({ ...base, changedBy: null }, indicator, t, "en").author).toBe(
      "wsAuthorSystem",
    );
  });
});

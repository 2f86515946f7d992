import { describe, expect, it } from "vitest";
import { IssueLocator } from "./xlsx/locate-issues.ts";
import { splitXlsFormHeader, toLanguageCode } from "./xlsx/xlsform-languages.ts";
import { isChecklistList, normaliseType } from "./xlsx/xlsform-questions.ts";
import { toCode } from "./xlsx/xlsform-sheets.ts";

describe("XLSForm header and type helpers", () => {
  it.each([
    ["English (en)", "en", true],
    ["Français (fr)", "fr", true],
    ["中文 (zh-Hans)", "zh-Hans", true],
    ["fr", "fr", true],
    ["chinese", "zh", true],
    ["English", "en", true],
    ["Klingon", "klingon", false],
  ])("language %s → %s", (name, code, known) => {
    expect(toLanguageCode(name)).toEqual({ code, known });
  });

  it("splits new and old header styles", () => {
    expect(splitXlsFormHeader("label::English (en)")).toEqual({ field: "label", language: "English (en)" });
    expect(splitXlsFormHeader("label:english")).toEqual({ field: "label", language: "english" });
    expect(splitXlsFormHeader("Hint")).toEqual({ field: "hint" });
    expect(splitXlsFormHeader("media::audio::chinese")).toEqual({
      field: "media::audio",
      language: "chinese",
    });
  });

  it("normalises types and recognises checklist lists", () => {
    expect(normaliseType("select one from yes_or_no")).toBe("select_one yes_or_no");
    expect(normaliseType("  Begin_Group ")).toBe("begin group");
    expect(isChecklistList(["Yes", "No"])).toBe(true);
    expect(isChecklistList(["yes", "partially", "no"])).toBe(true);
    expect(isChecklistList(["1", "0"])).toBe(false);
    expect(isChecklistList(["yes", "no", "dont_know"])).toBe(false);
    expect(toCode("_1")).toBe("1");
    expect(toCode("Spec test")).toBe("Spec_test");
  });
});

describe("IssueLocator", () => {
  const locator = new IssueLocator(() => "en");
  locator.remember(["indicators"], { sheet: "indicators", row: 1 });
  locator.remember(["indicators", 3], { sheet: "indicators", row: 5 });
  locator.remember(["indicators", 3, "scoring", "choices", 1], { sheet: "choices", row: 9 });
  locator.remember(["title", "fr"], { sheet: "framework", row: 7, column: "value" });

  it.each([
    [["indicators", 3, "weight"], { sheet: "indicators", row: 5, column: "weight" }],
    [["indicators", 3, "text", "en"], { sheet: "indicators", row: 5, column: "text::en" }],
    [["indicators", 3, "scoring", "min"], { sheet: "indicators", row: 5, column: "min" }],
    [
      ["indicators", 3, "classifications", "uncrc"],
      { sheet: "indicators", row: 5, column: "classification::uncrc" },
    ],
    [["indicators", 3, "evidence", "required"], { sheet: "indicators", row: 5, column: "evidence_required" }],
    [["indicators", 3, "scoring", "choices", 1, "label"], { sheet: "choices", row: 9, column: "label::en" }],
    [["indicators"], { sheet: "indicators", row: 1 }],
    [["title", "fr"], { sheet: "framework", row: 7, column: "value" }],
  ])("maps %j to its cell", (path, location) => {
    expect(locator.locate(path)).toEqual(location);
  });
});

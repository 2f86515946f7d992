import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, restoreFormulaText, spreadsheetCell } from "./formula-text.ts";

describe("spreadsheet formula text", () => {
  it("starts text with a quote when a spreadsheet would read a formula", () => {
    expect(neutraliseFormula('=HYPERLINK("https://evil.example","x")')).toBe(
      `'=HYPERLINK("https://evil.example","x")`,
    );
    for (const start of ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
      expect(neutraliseFormula(start)).toBe(`'${start}`);
    expect(neutraliseFormula("Moldova = 1")).toBe("Moldova = 1");
    expect(neutraliseFormula("")).toBe("");
  });

  it("leaves numbers as numbers, negative ones included", () => {
    expect(spreadsheetCell(-3.5)).toBe(-3.5);
    expect(spreadsheetCell(null)).toBe(null);
    expect(spreadsheetCell("-3.5")).toBe("'-3.5");
  });

  it("reads back every text exactly as it was", () => {
    fc.assert(
      fc.property(
        fc.string(),
        (text) => restoreFormulaText(neutraliseFormula(text)) === text || text.startsWith("'"),
      ),
    );
    expect(restoreFormulaText(neutraliseFormula("=1+1"))).toBe("=1+1");
    expect(restoreFormulaText("'plain")).toBe("'plain");
  });
});

describe("texts that already start with a quote", () => {
  it("round-trip unchanged", () => {
    for (const text of ["'- ", "''=1", "'abc", "'", "-", "a'-"]) {
      expect(restoreFormulaText(neutraliseFormula(text))).toBe(text);
    }
    expect(neutraliseFormula("'- ")).toBe("''- ");
    expect(restoreFormulaText("'=SUM(A1)")).toBe("=SUM(A1)");
  });
});

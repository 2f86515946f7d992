import { describe, expect, it } from "vitest";
import { formatNumberText, parseNumberText } from "./number-text.ts";

describe("typed numbers", () => {
  it("reads the decimal point, the decimal comma and Arabic-Indic digits", () => {
    expect(parseNumberText("12.5")).toBe(12.5);
    expect(parseNumberText(" 12,5 ")).toBe(12.5);
    expect(parseNumberText("1 234,5")).toBe(1234.5);
    expect(parseNumberText("١٢٫٥")).toBe(12.5);
    expect(parseNumberText("۴۲")).toBe(42);
    expect(parseNumberText("-3")).toBe(-3);
  });

  it("tells an empty field from something that is not a number", () => {
    expect(parseNumberText("")).toBeNull();
    expect(parseNumberText("12a")).toBeNaN();
    expect(parseNumberText("1,2,3")).toBeNaN();
  });

  it("writes the comma where the language does (French, Arabic, Romanian, Russian), not in English", () => {
    expect(formatNumberText(12.5, "fr")).toBe("12,5");
    expect(formatNumberText(12.5, "ro")).toBe("12,5");
    expect(formatNumberText(12.5, "ru")).toBe("12,5");
    expect(formatNumberText(12.5, "ar")).toBe("12,5");
    expect(formatNumberText(12.5, "en")).toBe("12.5");
    expect(formatNumberText(null, "en")).toBe("");
  });
});

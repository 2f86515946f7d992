import { describe, expect, it } from "vitest";
import { checkCycleForm } from "./check-cycle-form.ts";

describe("checkCycleForm", () => {
  const filled = {
    period: "2026",
    nameEn: "2026",
    nameFr: "",
    count: 1,
    opensOn: "",
    closesOn: "2026-12-01",
  };

  it("accepts a complete form", () => {
    expect(checkCycleForm(filled)).toEqual({});
  });

  it("names each missing part", () => {
    expect(checkCycleForm({ ...filled, period: " ", nameEn: "", count: 0 })).toEqual({
      period: "required",
      name: "nameOneLanguage",
      countries: "chooseCountries",
    });
  });

  it("refuses a deadline before the opening", () => {
    expect(checkCycleForm({ ...filled, opensOn: "2026-12-02" })).toEqual({
      closesOn: "deadlineBeforeOpening",
    });
  });
});

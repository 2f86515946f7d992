import { describe, expect, it } from "vitest";
import { availableSteps } from "./assessment-toolbar.tsx";
import { formatSize, formatValue, splitFieldErrors } from "./format.ts";

const none = {
  canWrite: false,
  canAssign: false,
  canSubmit: false,
  canReview: false,
  canReopen: false,
  writableSections: null,
  reviewSections: [],
};

describe("review formatting", () => {
  it("writes sizes in B, kB and MB", () => {
    expect(formatSize(217, "en")).toBe("217 B");
    expect(formatSize(2048, "en")).toBe("2 kB");
    expect(formatSize(5.5 * 1048576, "en")).toBe("5.5 MB");
  });

  it("gives no text for a missing value and keeps zero", () => {
    expect(formatValue(null)).toBeNull();
    expect(formatValue("")).toBeNull();
    expect(formatValue(0)).toBe("0");
    expect(formatValue("yes")).toBe("yes");
  });

  it("splits the server's details by field", () => {
    expect(
      splitFieldErrors([
        "url: an http:// or https:// address",
        "sourceDate: a date as YYYY",
        "no field here",
      ]),
    ).toEqual({
      url: "an http:// or https:// address",
      sourceDate: "a date as YYYY",
    });
  });
});

describe("workflow steps offered", () => {
  it("follows the status and the person's permissions", () => {
    const coordinator = { ...none, canWrite: true, canSubmit: true, canAssign: true };
    const reviewer = { ...none, canReview: true };
    const admin = { ...none, canReview: true, canReopen: true, canSubmit: true };
    expect(availableSteps("draft", coordinator)).toEqual(["submit"]);
    expect(availableSteps("returned", coordinator)).toEqual(["submit"]);
    expect(availableSteps("submitted", coordinator)).toEqual([]);
    expect(availableSteps("submitted", reviewer)).toEqual(["start-review"]);
    expect(availableSteps("in_review", reviewer)).toEqual(["return", "validate"]);
    expect(availableSteps("validated", reviewer)).toEqual([]);
    expect(availableSteps("validated", admin)).toEqual(["reopen"]);
  });
});

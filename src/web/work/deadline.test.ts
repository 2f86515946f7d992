import { describe, expect, it } from "vitest";
import { describeDeadline } from "./deadline.ts";

describe("describeDeadline", () => {
  const today = new Date("2026-11-23T14:00:00Z");

  it("counts calendar days and warns within a week", () => {
    expect(describeDeadline("2026-11-30", today)).toEqual({ days: 7, soon: true, late: false });
    expect(describeDeadline("2026-12-01", today)).toEqual({ days: 8, soon: false, late: false });
    expect(describeDeadline("2026-11-23", today)).toEqual({ days: 0, soon: true, late: false });
  });

  it("says how late a passed deadline is", () => {
    expect(describeDeadline("2026-11-20", today)).toEqual({ days: -3, soon: false, late: true });
  });

  it("accepts date-times", () => {
    expect(describeDeadline("2026-11-25T23:59:00+00:00", today).days).toBe(2);
  });
});

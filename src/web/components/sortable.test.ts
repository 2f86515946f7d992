import { describe, expect, it } from "vitest";
import { compareValues } from "./sortable.tsx";

describe("table sorting", () => {
  it("orders numbers and text both ways", () => {
    expect([3, 1, 2].sort((a, b) => compareValues(a, b, "ascending"))).toEqual([1, 2, 3]);
    expect([3, 1, 2].sort((a, b) => compareValues(a, b, "descending"))).toEqual([3, 2, 1]);
    expect(["Serbia", "Albania"].sort((a, b) => compareValues(a, b, "ascending"))).toEqual([
      "Albania",
      "Serbia",
    ]);
  });

  it("keeps missing values last whichever way the column is sorted", () => {
    expect([null, 2, 1].sort((a, b) => compareValues(a, b, "ascending"))).toEqual([1, 2, null]);
    expect([null, 2, 1].sort((a, b) => compareValues(a, b, "descending"))).toEqual([2, 1, null]);
  });
});

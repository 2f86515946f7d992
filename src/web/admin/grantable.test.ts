import { describe, expect, it } from "vitest";
import type { Actor } from "../../core/index.ts";
import { grantableCodes, grantableRoles, grantableScopes } from "./grantable.ts";

const regionOf = new Map([
  ["MD", "ECA"],
  ["GE", "ECA"],
  ["KE", "ESA"],
]);
const coordinatorMD: Actor = {
  userId: "u",
  isAdmin: false,
  grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }],
};

describe("what an inviter may give", () => {
  it("lets a coordinator give contributor, reviewer and viewer roles in their own country only", () => {
    expect(grantableRoles(coordinatorMD, "country", "MD", regionOf)).toEqual([
      "contributor",
      "reviewer",
      "viewer",
    ]);
    expect(grantableRoles(coordinatorMD, "country", "GE", regionOf)).toEqual([]);
    expect(grantableCodes(coordinatorMD, "country", regionOf)).toEqual(["MD"]);
    expect(grantableScopes(coordinatorMD, regionOf)).toEqual(["country"]);
  });

  it("lets an admin give every role everywhere", () => {
    const admin: Actor = { userId: "a", isAdmin: true, grants: [] };
    expect(grantableRoles(admin, "platform", "", regionOf)).toContain("admin");
    expect(grantableScopes(admin, regionOf)).toEqual(["country", "region", "platform"]);
    expect(grantableCodes(admin, "region", regionOf)).toEqual(["ECA", "ESA"]);
  });
});

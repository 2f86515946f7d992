import { describe, expect, it } from "vitest";
import { type Actor, can, type ReviewRight, reviewableSections, reviewRightAllows } from "./permissions.ts";

const right: ReviewRight = {
  groupId: "g1",
  scopeType: "country",
  scopeCode: "MD",
  framework: "fw1",
  sections: ["articles"],
  themes: ["violence"],
  recommendations: ["r2"],
};
const member: Actor = {
  userId: "u1",
  isAdmin: false,
  grants: [{ role: "contributor", scopeType: "group", scopeCode: "g1" }],
  reviewRights: [right],
};
const md = { country: "MD", region: "CP", framework: "fw1" };

describe("a working group's review rights", () => {
  it("allow reviewing and commenting on the answers below a granted section, in its country and framework only", () => {
    const inside = { ...md, nodePath: ["art19.1", "art19", "articles", "root"] };
    expect(can(member, "assessment:review", inside)).toBe(true);
    expect(can(member, "comment:write", inside)).toBe(true);
    expect(can(member, "assessment:read", md)).toBe(true);
    expect(can(member, "assessment:review", { ...inside, nodePath: ["v1", "vulnerability", "root"] })).toBe(
      false,
    );
    expect(can(member, "assessment:review", { ...inside, country: "GE" })).toBe(false);
    expect(can(member, "assessment:review", { ...inside, framework: "fw2" })).toBe(false);
    expect(can(member, "assessment:read", { ...md, framework: undefined })).toBe(false);
    // A whole assessment's step (no place in the tree) and writing answers: never.
    expect(can(member, "assessment:review", md)).toBe(false);
    expect(can(member, "answer:write", inside)).toBe(false);
    expect(can(member, "assessment:reopen", inside)).toBe(false);
  });

  it("allow the tracking of the recommendations chosen or of a granted theme only", () => {
    const rec = (id: string, themes: string[]) => ({
      country: "MD",
      region: "CP",
      recommendation: { id, themes },
    });
    expect(can(member, "recommendation:track", rec("r1", ["violence", "health"]))).toBe(true);
    expect(can(member, "recommendation:read-tracking", rec("r2", []))).toBe(true);
    expect(can(member, "recommendation:track", rec("r3", ["health"]))).toBe(false);
    expect(can(member, "recommendation:track", { ...rec("r2", []), country: "GE" })).toBe(false);
    // A State's tracking as a whole (dashboards, tags) is not a recommendation of the right.
    expect(can(member, "recommendation:read-tracking", { country: "MD", region: "CP" })).toBe(false);
    expect(can(member, "recommendation:publish", rec("r2", []))).toBe(false);
  });

  it("cover a region's countries when given over the region, and name the reviewable sections", () => {
    const regional = { ...right, scopeType: "region" as const, scopeCode: "CP" };
    expect(reviewRightAllows(regional, "assessment:read", { ...md, country: "GE" })).toBe(true);
    expect(reviewRightAllows(regional, "assessment:read", { ...md, region: "XX" })).toBe(false);
    expect(reviewableSections(member, md)).toEqual(["articles"]);
    expect(reviewableSections(member, { ...md, country: "GE" })).toEqual([]);
    expect(reviewableSections({ ...member, reviewRights: [] }, md)).toEqual([]);
  });
});

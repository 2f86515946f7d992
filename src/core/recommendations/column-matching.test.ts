import { describe, expect, it } from "vitest";
import { matchColumns } from "./column-matching.ts";
import { splitList } from "./normalise.ts";

describe("matchColumns", () => {
  it("matches UPR Info's original and normalised columns alike", () => {
    const original = [
      "To",
      "To-Rgrp",
      "To-Org",
      "Text",
      "From",
      "From-Rgrp",
      "From-Org",
      "Response",
      "Action",
      "Issue",
      "Session",
    ];
    expect(matchColumns(original)).toEqual({
      To: "state",
      Text: "text",
      From: "recommendingStates",
      Response: "position",
      Action: "actionCategory",
      Issue: "themes",
      Session: "session",
    });
    const normalised = [
      "id",
      "state_under_review",
      "sur_regional_group",
      "recommending_state",
      "text",
      "response",
      "action_category",
      "issues",
      "upr_session",
      "upr_cycle",
    ];
    expect(matchColumns(normalised)).toEqual({
      state_under_review: "state",
      recommending_state: "recommendingStates",
      text: "text",
      response: "position",
      action_category: "actionCategory",
      issues: "themes",
      upr_session: "session",
      upr_cycle: "cycle",
    });
  });

  it("gives each field one column and leaves unknown columns out", () => {
    expect(matchColumns(["Country", "State", "Notes"])).toEqual({ Country: "state" });
  });
});

describe("splitList with commas", () => {
  it("splits on commas and semicolons, but keeps commas inside items of a semicolon list", () => {
    expect(splitList("Rights of the Child,Women's rights", { commas: true })).toEqual([
      "Rights of the Child",
      "Women's rights",
    ]);
    expect(splitList("Justice; Detention", { commas: true })).toEqual(["Justice", "Detention"]);
    expect(splitList("D6 Rights related to name, identity; A12 Norms", { commas: true })).toEqual([
      "D6 Rights related to name, identity",
      "A12 Norms",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { groupSynergies, type SynergyInput } from "./synergies.ts";

const RECS: SynergyInput[] = [
  {
    id: "crc-27",
    mechanism: "crc",
    text: "Explicitly prohibit corporal punishment of children in all settings, including the home",
    articles: ["19", "37"],
    themes: ["violence"],
  },
  {
    id: "upr-101",
    mechanism: "upr",
    text: "Prohibit corporal punishment of children in every setting, the home included, by law",
    articles: ["19"],
    themes: [],
  },
  {
    id: "ecsr-17",
    mechanism: "ecsr",
    text: "The law does not prohibit corporal punishment of children in the home",
    articles: [],
    themes: ["violence"],
  },
  // The same words, one mechanism: never a synergy on its own.
  {
    id: "upr-102",
    mechanism: "upr",
    text: "Ensure free birth registration for all children, including Roma children",
    articles: ["7"],
    themes: [],
  },
  {
    id: "upr-103",
    mechanism: "upr",
    text: "Guarantee free birth registration of all children, Roma children included",
    articles: ["7"],
    themes: [],
  },
  // Similar text, different mechanism, but no article or theme in common: not grouped.
  {
    id: "crc-40",
    mechanism: "crc",
    text: "Ensure free birth registration for all children, including Roma children",
    articles: [],
    themes: ["minorities"],
  },
  // Same article, unrelated text: not grouped.
  {
    id: "acerwc-3",
    mechanism: "acerwc",
    text: "Raise the minimum age of marriage to eighteen years for girls and boys",
    articles: ["19"],
    themes: ["violence"],
  },
];

describe("synergies between mechanisms' recommendations", () => {
  it("groups recommendations of different mechanisms that share an article or theme and say the same", () => {
    const groups = groupSynergies(RECS);
    expect(groups.map((g) => g.ids)).toEqual([["crc-27", "ecsr-17", "upr-101"]]);
    const [group] = groups;
    expect(group!.mechanisms).toEqual(["crc", "ecsr", "upr"]);
    expect(group!.articles).toEqual(["19"]);
    expect(group!.themes).toEqual(["violence"]);
    expect(group!.score).toBeGreaterThanOrEqual(0.25);
  });

  it("groups nothing when the texts are less similar than the threshold, or all from one mechanism", () => {
    expect(groupSynergies(RECS, 0.99)).toEqual([]);
    expect(groupSynergies(RECS.filter((r) => r.mechanism === "upr"))).toEqual([]);
    expect(groupSynergies([])).toEqual([]);
  });
});

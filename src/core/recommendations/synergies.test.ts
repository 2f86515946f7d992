import { describe, expect, it } from "vitest";
import { rankBySimilarity } from "./similarity.ts";
import { commonStatus, groupSynergies, openSynergies, type SynergyInput, synergyKey } from "./synergies.ts";

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

  it("scores a pair as the module's ranking does (one TF-IDF space over all the recommendations)", () => {
    const [group] = groupSynergies(RECS);
    const candidates = RECS.map((r) => ({ id: r.id, text: r.text }));
    const crc = rankBySimilarity(RECS[0]!.text, candidates, RECS.length);
    const scoreOf = (id: string) => crc.find((s) => s.id === id)!.score;
    // The pairs that joined: crc-27 with upr-101 (article 19) and with ecsr-17 (theme violence);
    // upr-101 and ecsr-17 share no tag, so their pair does not count.
    expect(group!.score).toBe(Math.min(scoreOf("upr-101"), scoreOf("ecsr-17")));
  });

  it("suggests what is not decided: confirmed members leave, a dismissed set stays away until it grows", () => {
    const none = { confirmed: new Set<string>(), dismissed: new Set<string>() };
    expect(openSynergies(RECS, none).map((g) => g.ids)).toEqual([["crc-27", "ecsr-17", "upr-101"]]);
    // Once crc-27 and upr-101 are a confirmed group, the regional body's conclusion has no partner left.
    expect(openSynergies(RECS, { ...none, confirmed: new Set(["crc-27", "upr-101"]) })).toEqual([]);
    const dismissed = new Set([synergyKey(["upr-101", "crc-27", "ecsr-17"])]);
    expect(openSynergies(RECS, { ...none, dismissed })).toEqual([]);
    // A later review saying the same makes another set, suggested again. (Its words, now in more
    // texts, weigh less: only the closest pair, the CRC's and GREVIO's, stays above the threshold.)
    const later: SynergyInput = {
      id: "grevio-4",
      mechanism: "grevio",
      text: "Prohibit corporal punishment of children in the home and in all other settings",
      articles: ["19"],
      themes: ["violence"],
    };
    expect(openSynergies([...RECS, later], { ...none, dismissed }).map((g) => g.ids)).toEqual([
      ["crc-27", "grevio-4"],
    ]);
  });

  it("keys a set by its sorted ids and tracks a group by the status its members share", () => {
    expect(synergyKey(["b", "a", "b"])).toBe("a,b");
    expect(commonStatus(["implemented", "implemented"])).toBe("implemented");
    expect(commonStatus(["implemented", "in_progress"])).toBeNull();
    expect(commonStatus(["implemented", null])).toBeNull();
    expect(commonStatus([])).toBeNull();
  });
});

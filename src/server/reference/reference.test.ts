import { describe, expect, it } from "vitest";
import { rankBySimilarity } from "../../core/index.ts";
import { findSdgTarget, listSdgTargets } from "./sdg-targets.ts";
import { findUncrcArticle, UNCRC_ARTICLES } from "./uncrc-articles.ts";

describe("built-in reference lists", () => {
  it("has the 169 SDG targets of the 17 goals in the six UN languages", () => {
    const targets = listSdgTargets();
    expect(targets).toHaveLength(169);
    expect(new Set(targets.map((t) => t.goal)).size).toBe(17);
    for (const t of targets)
      expect(Object.keys(t.title).sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
    expect(findSdgTarget("16.2")?.title.en).toMatch(
      /^End abuse, exploitation, trafficking and all forms of violence against/,
    );
    expect(findSdgTarget("4.A")?.code).toBe("4.a");
    expect(findSdgTarget("18.1")).toBeUndefined();
  });

  it("numbers the 54 UNCRC articles with English and French titles", () => {
    expect(UNCRC_ARTICLES).toHaveLength(54);
    expect(findUncrcArticle("19")?.title.en).toBe("Protection from all forms of violence");
    expect(findUncrcArticle("40")?.title.fr).toBe("Justice pour mineurs");
    expect(findUncrcArticle("55")).toBeUndefined();
  });

  it("lets a recommendation's text rank articles and targets", () => {
    const text =
      "Take measures to end the trafficking and sale of children and protect them from sexual exploitation";
    const targets = listSdgTargets().map((t) => ({ id: t.code, text: t.title.en! }));
    expect(rankBySimilarity(text, targets, 3).map((s) => s.id)).toContain("16.2");
    const articles = UNCRC_ARTICLES.map((a) => ({ id: a.number, text: a.title.en! }));
    expect(rankBySimilarity(text, articles, 3).map((s) => s.id)).toEqual(
      expect.arrayContaining(["34", "35"]),
    );
  });
});

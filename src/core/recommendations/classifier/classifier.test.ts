import { describe, expect, it } from "vitest";
import {
  ARTICLE_VOCABULARY,
  articleClassifier,
  buildClassifier,
  learnWeights,
  targetClassifier,
  trainClassifier,
} from "./index.ts";

const top = (list: { id: string }[], n = 3) => list.slice(0, n).map((s) => s.id);

describe("curated classifier", () => {
  it("corporal punishment: article 19 first, 28 or 37 after; SDG 16.2", () => {
    const text = "Prohibit corporal punishment of children in all settings, including the home and schools";
    const articles = articleClassifier.suggest(text);
    expect(articles[0]!.id).toBe("19");
    expect(top(articles)).toContain("28");
    expect(articles[0]!.because).toContain("corporal punishment");
    expect(top(targetClassifier.suggest(text), 1)).toEqual(["16.2"]);
  });

  it("domestic violence: article 19; SDG 5.2 and 16.1 among the first three", () => {
    const text = "Adopt a law criminalising domestic violence and provide shelters for victims";
    expect(articleClassifier.suggest(text)[0]!.id).toBe("19");
    const targets = top(targetClassifier.suggest(text));
    expect(targets[0]).toBe("5.2");
    expect(targets).toContain("16.1");
  });

  it("birth registration → 7 and 16.9; juvenile justice → 40 and 16.3; child labour → 32 and 8.7", () => {
    expect(articleClassifier.suggest("Ensure free birth registration for all children")[0]!.id).toBe("7");
    expect(targetClassifier.suggest("Ensure free birth registration for all children")[0]!.id).toBe("16.9");
    const justice = "Raise the minimum age of criminal responsibility and establish juvenile courts";
    expect(articleClassifier.suggest(justice)[0]!.id).toBe("40");
    expect(top(targetClassifier.suggest(justice))).toContain("16.3");
    expect(articleClassifier.suggest("Eradicate the worst forms of child labour")[0]!.id).toBe("32");
    expect(targetClassifier.suggest("Eradicate the worst forms of child labour")[0]!.id).toBe("8.7");
  });

  it("themes add their labels, excluded labels and texts about nothing give nothing", () => {
    const withTheme = articleClassifier.suggest("Continue its efforts", { themes: ["Trafficking"] });
    expect(top(withTheme, 2)).toEqual(["35", "34"]);
    expect(withTheme[0]!.because).toEqual(["Trafficking"]);
    expect(articleClassifier.suggest("Continue its efforts")).toEqual([]);
    const text = "Prohibit corporal punishment";
    expect(top(articleClassifier.suggest(text, { exclude: ["19"] }))).not.toContain("19");
  });

  it("scores are 0–1 and ordered; learned weights add evidence from labelled texts", () => {
    const list = articleClassifier.suggest("torture, detention and juvenile justice of children");
    for (const s of list) expect(s.score).toBeGreaterThan(0);
    for (const s of list) expect(s.score).toBeLessThan(1);
    expect(list.map((s) => s.score)).toEqual([...list.map((s) => s.score)].sort((a, b) => b - a));
    const examples = Array.from({ length: 10 }, (_, i) => ({
      text: `kafala placements ${i}`,
      labels: ["20"],
    }));
    const learned = learnWeights(
      [...examples, ...examples.map((e) => ({ text: `schools ${e.text.slice(-1)}`, labels: ["28"] }))],
      5,
    );
    const classifier = buildClassifier({ vocabulary: {}, learned });
    expect(classifier.suggest("more kafala placements")[0]!.id).toBe("20");
  });

  it("a trained classifier learns from labelled texts, keeps the vocabulary, and shows only what passes its threshold", () => {
    const examples = Array.from({ length: 60 }, (_, i) => [
      { text: `Increase kafala placements in region ${i}`, labels: ["20"] },
      { text: `Build more schools in district ${i}`, labels: ["28"] },
      { text: `Train teachers and build schools for girls in province ${i}`, labels: ["28", "2"] },
    ]).flat();
    const trained = trainClassifier({ vocabulary: ARTICLE_VOCABULARY, examples, seed: 3 });
    expect(trained.threshold).toBeGreaterThan(0);
    expect(trained.threshold).toBeLessThan(1);
    expect(trained.suggest("more kafala placements")[0]!.id).toBe("20");
    const girls = top(trained.suggest("schools for girls", { minScore: trained.threshold }));
    expect(girls.sort()).toEqual(["2", "28"]);
    // A label no example shows still comes from the curated vocabulary.
    expect(top(trained.suggest("Prohibit corporal punishment of children"))).toContain("19");
    for (const s of trained.suggest("kafala placements and schools")) expect(s.score).toBeLessThanOrEqual(1);
    // Nothing is shown when nothing passes the threshold; the same examples give the same model.
    expect(trained.suggest("Continue its efforts", { minScore: 0.99 })).toEqual([]);
    const again = trainClassifier({ vocabulary: ARTICLE_VOCABULARY, examples, seed: 3 });
    expect(again.suggest("schools for girls")).toEqual(trained.suggest("schools for girls"));
    const themed = trainClassifier({
      vocabulary: {},
      examples,
      themeLabels: { Trafficking: ["35", "34"] },
    });
    const withTheme = themed.suggest("Continue its efforts", { themes: ["Trafficking"], minScore: 0.9 });
    expect(withTheme.map((s) => s.id).sort()).toEqual(["34", "35"]);
    expect(withTheme[0]!.because).toEqual(["Trafficking"]);
  });
});

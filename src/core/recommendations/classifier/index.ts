import { ARTICLE_VOCABULARY } from "./article-vocabulary.ts";
import { buildClassifier } from "./classifier.ts";
import { ISSUE_LABELS } from "./issue-labels.ts";
import { TARGET_VOCABULARY } from "./target-vocabulary.ts";

export * from "./article-vocabulary.ts";
export * from "./classifier.ts";
export * from "./issue-labels.ts";
export * from "./target-vocabulary.ts";

const articleThemes = Object.fromEntries(Object.entries(ISSUE_LABELS).map(([k, v]) => [k, v.articles]));
const targetThemes = Object.fromEntries(Object.entries(ISSUE_LABELS).map(([k, v]) => [k, v.targets]));

/** UNCRC articles from the curated vocabulary and the recommendation's themes. */
export const articleClassifier = buildClassifier({
  vocabulary: ARTICLE_VOCABULARY,
  themeLabels: articleThemes,
});
/** SDG targets from the curated vocabulary and the recommendation's themes. */
export const targetClassifier = buildClassifier({ vocabulary: TARGET_VOCABULARY, themeLabels: targetThemes });
export * from "./trained.ts";

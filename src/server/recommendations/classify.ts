import { eq, inArray, sql } from "drizzle-orm";
import {
  articleClassifier,
  type Classifier,
  type LabelSuggestion,
  type SuggestionSource,
  type TrainedClassifier,
  targetClassifier,
} from "../../core/index.ts";
import {
  type ClassificationSuggestionsOut,
  type TagChange,
  tagChange,
} from "../api-schemas/recommendations.ts";
import type { Db } from "../db/connect.ts";
import { recommendations } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { currentClassifiers } from "./trained-classifiers.ts";

export { type TagChange, tagChange };

import { findSdgTarget } from "../reference/sdg-targets.ts";
import { findUncrcArticle } from "../reference/uncrc-articles.ts";

const COLUMNS = {
  themes: "themes",
  affectedGroups: "affected_groups",
  uncrcArticles: "uncrc_articles",
  sdgTargets: "sdg_targets",
  indicatorCodes: "indicator_codes",
} as const;

/**
 * Adds and removes tags on many recommendations in one statement. UNCRC articles must be 1–54
 * and SDG targets one of the 169; a tag already present is not repeated.
 */
export async function tagRecommendations(db: Db, change: TagChange): Promise<{ updated: number }> {
  const problems = [
    ...(change.add.uncrcArticles ?? [])
      .filter((a) => !findUncrcArticle(a))
      .map((a) => `add.uncrcArticles: no UNCRC article "${a}" (1–54)`),
    ...(change.add.sdgTargets ?? [])
      .filter((t) => !findSdgTarget(t))
      .map((t) => `add.sdgTargets: no SDG target "${t}"`),
  ];
  if (problems.length > 0) throw new UserError("unknown tags", problems);
  const sets = Object.entries(COLUMNS).map(([field, column]) => {
    const add = (change.add[field as keyof typeof COLUMNS] ?? []).map((v) =>
      field === "sdgTargets" ? v.toLowerCase() : v,
    );
    const remove = change.remove[field as keyof typeof COLUMNS] ?? [];
    const col = sql.identifier(column);
    // Lists travel as JSON text: drizzle would spread a JS array into a list of parameters.
    const added = sql`array(select jsonb_array_elements_text(${JSON.stringify(add)}::jsonb))`;
    const removed = sql`array(select jsonb_array_elements_text(${JSON.stringify(remove)}::jsonb))`;
    return sql`${col} = array(select x from unnest(${col} || ${added}) with ordinality as t(x, n)
      where x <> all(${removed}) group by x order by min(n))`;
  });
  const rows = await db.execute(
    sql`update recommendations set ${sql.join(sets, sql`, `)} where id in ${sql`(${sql.join(
      change.ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`} returning id`,
  );
  const updated = (rows as unknown as { rows: unknown[] }).rows.length;
  if (updated !== change.ids.length) {
    const found = await db
      .select({ id: recommendations.id })
      .from(recommendations)
      .where(inArray(recommendations.id, change.ids));
    const known = new Set(found.map((f) => f.id));
    throw new UserError(
      "unknown recommendations",
      change.ids.filter((id) => !known.has(id)).map((id) => `ids: no recommendation ${id}`),
      404,
    );
  }
  return { updated };
}

export type ClassificationSuggestions = ClassificationSuggestionsOut;

/**
 * Suggests UNCRC articles and SDG targets for a recommendation, with a score, the phrases that led
 * to each and where each came from, leaving out those it already has: from the model trained on
 * this database's classified recommendations (`trained-classifiers.ts`) when there is one for the
 * kind, else from the curated vocabulary of each article and target and from the recommendation's
 * themes (UPR Info issues). Nothing is applied: a person accepts a suggestion by tagging it
 * (`tagRecommendations`) or ignores it.
 */
export async function suggestClassifications(
  db: Db,
  id: string,
  limit = 5,
): Promise<ClassificationSuggestions> {
  const [rec] = await db
    .select({
      text: recommendations.text,
      themes: recommendations.themes,
      articles: recommendations.uncrcArticles,
      targets: recommendations.sdgTargets,
    })
    .from(recommendations)
    .where(eq(recommendations.id, id));
  if (!rec) throw new UserError(`no recommendation ${id}`, [], 404);
  const trained = await currentClassifiers(db);
  const text = rec.text.en ?? Object.values(rec.text)[0] ?? "";
  const options = { limit, themes: rec.themes };
  const suggest = (
    model: TrainedClassifier | null | undefined,
    vocabulary: Classifier,
    exclude: string[],
  ): (LabelSuggestion & { source: SuggestionSource })[] =>
    model
      ? model.suggest(text, { ...options, exclude })
      : vocabulary.suggest(text, { ...options, exclude }).map((s) => ({ ...s, source: "vocabulary" }));
  const about = (model: TrainedClassifier | null | undefined) =>
    model && trained ? { examples: model.model.examples, trainedAt: trained.trainedAt.toISOString() } : null;
  return {
    uncrcArticles: suggest(trained?.articles, articleClassifier, rec.articles).map((s) => ({
      ...s,
      title: findUncrcArticle(s.id)?.title.en ?? "",
    })),
    sdgTargets: suggest(trained?.targets, targetClassifier, rec.targets).map((s) => ({
      ...s,
      title: findSdgTarget(s.id)?.title.en ?? "",
    })),
    models: { uncrcArticles: about(trained?.articles), sdgTargets: about(trained?.targets) },
  };
}

import { and, eq, sql } from "drizzle-orm";
import { rankBySimilarity } from "../../core/index.ts";
import {
  type IndicatorDecision,
  indicatorDecision,
  indicatorDecisionOut,
  indicatorSuggestion,
  indicatorSuggestionQuery,
} from "../api-schemas/recommendations.ts";
import type { Db } from "../db/connect.ts";
import { indicators, recommendationIndicatorRejections, recommendations } from "../db/schema.ts";
import { UserError } from "../errors.ts";

export {
  type IndicatorDecision,
  indicatorDecision,
  indicatorDecisionOut,
  indicatorSuggestion,
  indicatorSuggestionQuery,
};

/**
 * Indicators of a framework version ranked by text similarity (indicator text and guidance) with
 * the recommendation, with a score. Those already linked and those a person rejected are left out;
 * nothing is linked until someone accepts (`decideIndicator`).
 */
export async function suggestIndicators(db: Db, id: string, versionId: string, limit: number) {
  const rec = await readRecommendation(db, id);
  const rows = await db
    .select({ code: indicators.code, text: indicators.text, guidance: indicators.guidance })
    .from(indicators)
    .where(eq(indicators.versionId, versionId));
  if (rows.length === 0)
    throw new UserError(`frameworkVersionId: no framework version ${versionId}`, [], 404);
  const rejected = await db
    .select({ code: recommendationIndicatorRejections.indicatorCode })
    .from(recommendationIndicatorRejections)
    .where(eq(recommendationIndicatorRejections.recommendationId, id));
  const skip = new Set([...rec.indicatorCodes, ...rejected.map((r) => r.code)]);
  const textOf = new Map(rows.map((r) => [r.code, r.text.en ?? Object.values(r.text)[0] ?? ""]));
  const candidates = rows
    .filter((r) => !skip.has(r.code))
    .map((r) => ({
      id: r.code,
      text: `${textOf.get(r.code)} ${r.guidance?.en ?? Object.values(r.guidance ?? {})[0] ?? ""}`,
    }));
  const text = rec.text.en ?? Object.values(rec.text)[0] ?? "";
  return rankBySimilarity(text, candidates, limit).map((s) => ({
    code: s.id,
    score: s.score,
    text: textOf.get(s.id) ?? "",
  }));
}

/**
 * A person's decision on a suggested indicator: `accept` links it (added to the recommendation's
 * indicator codes, and any earlier rejection forgotten); `reject` remembers it so it is not
 * suggested again. The code must belong to the framework version.
 */
export async function decideIndicator(db: Db, id: string, decision: IndicatorDecision, userId: string) {
  await readRecommendation(db, id);
  const [known] = await db
    .select({ code: indicators.code })
    .from(indicators)
    .where(
      and(eq(indicators.versionId, decision.frameworkVersionId), eq(indicators.code, decision.indicatorCode)),
    );
  if (!known)
    throw new UserError(`indicatorCode: no indicator "${decision.indicatorCode}" in that framework version`);
  const where = and(
    eq(recommendationIndicatorRejections.recommendationId, id),
    eq(recommendationIndicatorRejections.indicatorCode, decision.indicatorCode),
  );
  if (decision.decision === "accept") {
    await db.delete(recommendationIndicatorRejections).where(where);
    await db
      .update(recommendations)
      .set({
        indicatorCodes: sql`case when ${decision.indicatorCode} = any(indicator_codes) then indicator_codes
          else array_append(indicator_codes, ${decision.indicatorCode}::text) end`,
      })
      .where(eq(recommendations.id, id));
  } else {
    await db
      .insert(recommendationIndicatorRejections)
      .values({ recommendationId: id, indicatorCode: decision.indicatorCode, rejectedBy: userId })
      .onConflictDoNothing();
    await db
      .update(recommendations)
      .set({ indicatorCodes: sql`array_remove(indicator_codes, ${decision.indicatorCode}::text)` })
      .where(eq(recommendations.id, id));
  }
  const after = await readRecommendation(db, id);
  return { decision: decision.decision, indicatorCodes: after.indicatorCodes };
}

async function readRecommendation(db: Db, id: string) {
  const [rec] = await db
    .select({
      id: recommendations.id,
      text: recommendations.text,
      indicatorCodes: recommendations.indicatorCodes,
    })
    .from(recommendations)
    .where(eq(recommendations.id, id));
  if (!rec) throw new UserError(`no recommendation ${id}`, [], 404);
  return rec;
}

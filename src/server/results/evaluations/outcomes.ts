import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { OutcomeBody } from "../../api-schemas/evaluations.ts";
import type { Db } from "../../db/connect.ts";
import { advocacyOutcomeRecommendations, advocacyOutcomes, recommendations } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { checkPlanNode } from "./check-plan-parts.ts";

async function checkRecommendations(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(inArray(recommendations.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new UserError(`recommendationIds: no recommendation ${missing.join(", ")}`);
}

async function linkRecommendations(db: Db, outcomeId: string, ids: string[]): Promise<void> {
  await db
    .delete(advocacyOutcomeRecommendations)
    .where(eq(advocacyOutcomeRecommendations.outcomeId, outcomeId));
  const unique = [...new Set(ids)];
  if (unique.length) {
    await db
      .insert(advocacyOutcomeRecommendations)
      .values(unique.map((recommendationId) => ({ outcomeId, recommendationId })));
  }
}

const columns = ({ recommendationIds: _, ...rest }: OutcomeBody) => rest;

/** Records an advocacy outcome of a plan and the UN recommendations it answers. */
export async function createOutcome(
  db: Db,
  planId: string,
  body: OutcomeBody,
  actorId: string | null,
): Promise<string> {
  await checkPlanNode(db, planId, body.nodeId);
  await checkRecommendations(db, body.recommendationIds);
  const [row] = await db
    .insert(advocacyOutcomes)
    .values({ ...columns(body), planId, createdBy: actorId })
    .returning({ id: advocacyOutcomes.id });
  await linkRecommendations(db, row!.id, body.recommendationIds);
  return row!.id;
}

/** Changes an advocacy outcome; its linked recommendations become the ones given. */
export async function updateOutcome(
  db: Db,
  planId: string,
  outcomeId: string,
  body: OutcomeBody,
): Promise<void> {
  await checkPlanNode(db, planId, body.nodeId);
  await checkRecommendations(db, body.recommendationIds);
  const [row] = await db
    .update(advocacyOutcomes)
    .set(columns(body))
    .where(and(eq(advocacyOutcomes.id, outcomeId), eq(advocacyOutcomes.planId, planId)))
    .returning({ id: advocacyOutcomes.id });
  if (!row) throw new UserError(`no outcome ${outcomeId} in this plan`, [], 404);
  await linkRecommendations(db, outcomeId, body.recommendationIds);
}

/** A plan's advocacy outcomes, latest first, each with the recommendations it answers. */
export async function readOutcomes(db: Db, planId: string) {
  const rows = await db
    .select()
    .from(advocacyOutcomes)
    .where(eq(advocacyOutcomes.planId, planId))
    .orderBy(desc(advocacyOutcomes.achievedOn), asc(advocacyOutcomes.createdAt));
  const links = rows.length
    ? await db
        .select({
          outcomeId: advocacyOutcomeRecommendations.outcomeId,
          id: recommendations.id,
          mechanism: recommendations.mechanism,
          stateName: recommendations.stateName,
          symbol: recommendations.documentSymbol,
          paragraph: recommendations.paragraph,
          text: recommendations.text,
        })
        .from(advocacyOutcomeRecommendations)
        .innerJoin(recommendations, eq(recommendations.id, advocacyOutcomeRecommendations.recommendationId))
        .where(
          inArray(
            advocacyOutcomeRecommendations.outcomeId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((o) => ({
    id: o.id,
    title: o.title,
    description: o.description,
    kind: o.kind as OutcomeBody["kind"],
    achievedOn: o.achievedOn,
    nodeId: o.nodeId,
    evidence: o.evidence,
    recommendations: links
      .filter((l) => l.outcomeId === o.id)
      .map((l) => ({
        id: l.id,
        mechanism: l.mechanism,
        stateName: l.stateName,
        symbol: [l.symbol, l.paragraph].filter(Boolean).join(" ¶") || null,
        text: l.text,
      })),
  }));
}

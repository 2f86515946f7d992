import { and, eq, inArray } from "drizzle-orm";
import { aggregateConsultation, consultationDefinition } from "../../core/index.ts";
import type { ChildrenViewOut } from "../api-schemas/children.ts";
import type { Db } from "../db/connect.ts";
import { consultationLinks, consultations, organisations } from "../db/schema.ts";
import { readResponses } from "./read-results.ts";

/**
 * "What children said" about an indicator: every question linked to it in a closed consultation
 * whose organisation made the results public (or, with `includeUnpublished`, for the country
 * team's workspace), as the share agreeing and the number of children. For a country, its own
 * group when that group is shown in the country breakdown; otherwise every country together
 * (`country: null`), never a group under the threshold.
 */
export async function readChildrenView(
  db: Db,
  indicatorCode: string,
  options: { country?: string; includeUnpublished?: boolean; organisationIds?: string[] } = {},
): Promise<ChildrenViewOut> {
  const rows = await db
    .select({
      consultation: consultations,
      question: consultationLinks.questionCode,
      organisation: organisations.name,
    })
    .from(consultationLinks)
    .innerJoin(consultations, eq(consultations.id, consultationLinks.consultationId))
    .innerJoin(organisations, eq(organisations.id, consultations.organisationId))
    .where(
      and(
        eq(consultationLinks.kind, "indicator"),
        eq(consultationLinks.ref, indicatorCode),
        eq(consultations.status, "closed"),
        options.includeUnpublished ? undefined : eq(consultations.resultsPublic, true),
        options.organisationIds ? inArray(consultations.organisationId, options.organisationIds) : undefined,
      ),
    );
  const out: ChildrenViewOut = [];
  for (const row of rows) {
    const definition = consultationDefinition.parse(row.consultation.definition);
    const aggregate = aggregateConsultation(definition, await readResponses(db, row.consultation.id));
    const result = aggregate.questions.find((q) => q.code === row.question);
    const question = definition.questions.find((q) => q.code === row.question);
    if (!result?.total || !question) continue;
    const group = options.country
      ? result.breakdowns
          .find((b) => b.dimension === "country")
          ?.groups.find((g) => g.key === options.country)
      : undefined;
    const shown = group ?? result.total;
    out.push({
      consultationId: row.consultation.id,
      title: definition.title,
      organisation: row.organisation,
      closedAt: row.consultation.closedAt?.toISOString() ?? null,
      question: { code: question.code, text: question.text },
      ageBands: definition.ageBands.map((b) => b.code),
      country: group ? options.country! : null,
      children: shown.n,
      agreeing: shown.agreeing,
      counts: shown.counts,
    });
  }
  return out;
}

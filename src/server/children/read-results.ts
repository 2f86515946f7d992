import { and, eq, inArray } from "drizzle-orm";
import {
  aggregateConsultation,
  type ChildResponse,
  type ConsultationAggregate,
  consultationDefinition,
} from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { consultationAnswers, consultationModeration, consultationSubmissions } from "../db/schema.ts";

/** Every child's answers of a consultation, with the coarse facts they gave; never leaves the server as such. */
export async function readResponses(db: Db, consultationId: string): Promise<ChildResponse[]> {
  const rows = await db
    .select({
      id: consultationSubmissions.id,
      band: consultationSubmissions.ageBand,
      gender: consultationSubmissions.gender,
      region: consultationSubmissions.region,
      country: consultationSubmissions.countryCode,
      question: consultationAnswers.questionCode,
      value: consultationAnswers.value,
    })
    .from(consultationSubmissions)
    .leftJoin(consultationAnswers, eq(consultationAnswers.submissionId, consultationSubmissions.id))
    .where(eq(consultationSubmissions.consultationId, consultationId));
  const byId = new Map<
    string,
    ChildResponse & { answers: Record<string, ChildResponse["answers"][string]> }
  >();
  for (const r of rows) {
    let child = byId.get(r.id);
    if (!child) {
      child = { band: r.band, gender: r.gender, region: r.region, country: r.country, answers: {} };
      byId.set(r.id, child);
    }
    if (r.question && r.value !== null) child.answers[r.question] = r.value;
  }
  return [...byId.values()];
}

/** Free texts a moderator approved or redacted, in no particular order of children. */
export async function readQuotes(db: Db, consultationId: string) {
  const rows = await db
    .select({ question: consultationAnswers.questionCode, text: consultationAnswers.value })
    .from(consultationModeration)
    .innerJoin(
      consultationAnswers,
      and(
        eq(consultationAnswers.submissionId, consultationModeration.submissionId),
        eq(consultationAnswers.questionCode, consultationModeration.questionCode),
      ),
    )
    .where(
      and(
        eq(consultationModeration.consultationId, consultationId),
        inArray(consultationModeration.status, ["approved", "redacted"]),
      ),
    );
  return rows
    .map((r) => ({ question: r.question, text: String(r.text) }))
    .sort((a, b) => a.question.localeCompare(b.question) || a.text.localeCompare(b.text));
}

/**
 * The results of a consultation as they may be shown: aggregates with small groups suppressed,
 * and moderated quotes only when the consultation as a whole reached the threshold.
 */
export async function readResults(
  db: Db,
  consultation: { id: string; definition: unknown },
): Promise<ConsultationAggregate & { quotes: { question: string; text: string }[] }> {
  const definition = consultationDefinition.parse(consultation.definition);
  const aggregate = aggregateConsultation(definition, await readResponses(db, consultation.id));
  return { ...aggregate, quotes: aggregate.participants ? await readQuotes(db, consultation.id) : [] };
}

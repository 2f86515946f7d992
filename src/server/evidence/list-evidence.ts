import { and, asc, eq, isNull } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { answers, evidenceSources, indicators, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { presentEvidence } from "./present-evidence.ts";
import type { EvidenceOut } from "./schemas.ts";

/** The current (not removed) evidence of one answer, oldest first; empty when there is none or no answer yet. */
export async function listEvidence(
  db: Db,
  assessment: LoadedAssessment,
  indicatorCode: string,
): Promise<EvidenceOut[]> {
  if (!assessment.framework.indicators.some((i) => i.code === indicatorCode)) {
    throw new UserError(`no indicator "${indicatorCode}" in this framework`, [], 404);
  }
  const rows = await db
    .select({ evidence: evidenceSources, author: users.name })
    .from(evidenceSources)
    .innerJoin(answers, eq(answers.id, evidenceSources.answerId))
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .leftJoin(users, eq(users.id, evidenceSources.createdBy))
    .where(
      and(
        eq(answers.assessmentId, assessment.id),
        eq(indicators.code, indicatorCode),
        isNull(evidenceSources.removedAt),
      ),
    )
    .orderBy(asc(evidenceSources.createdAt), asc(evidenceSources.id));
  return rows.map((r) => presentEvidence(r.evidence, indicatorCode, r.author));
}

import { eq } from "drizzle-orm";
import { countAnswerExtras } from "../assessments/answer-counts.ts";
import type { StoredValue } from "../assessments/answer-value.ts";
import type { Db } from "../db/connect.ts";
import { answers, indicators, users } from "../db/schema.ts";

export interface CurrentRow extends StoredValue {
  version: number;
  reviewState: string | null;
  updatedBy: string | null;
  evidenceCount: number;
}

/**
 * Every stored answer of an assessment by indicator code, with who last
 * changed it and its evidence count: three queries whatever the size.
 */
export async function readCurrentAnswers(db: Db, assessmentId: string): Promise<Map<string, CurrentRow>> {
  const rows = await db
    .select({
      id: answers.id,
      code: indicators.code,
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
      justification: answers.justification,
      version: answers.version,
      reviewState: answers.reviewState,
      updatedBy: users.name,
    })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .leftJoin(users, eq(users.id, answers.updatedBy))
    .where(eq(answers.assessmentId, assessmentId));
  const extras = await countAnswerExtras(db, assessmentId);
  return new Map(
    rows.map(({ id, code, ...row }) => [code, { ...row, evidenceCount: extras.evidence.get(id) ?? 0 }]),
  );
}

import { and, eq, inArray } from "drizzle-orm";
import type { Framework } from "../../src/core/index.ts";
import { importAnswers } from "../../src/server/data/import-answers.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { answers, assessments, evidenceSources, indicators } from "../../src/server/db/schema.ts";
import { buildDemoAnswers } from "../../src/server/demo/demo-answers.ts";
import { buildAssessments } from "./factories.ts";

export interface PublishableCycle {
  versionId: string;
  cycleId: string;
  framework: Framework;
  /** Assessment id by country. */
  assessments: Record<string, string>;
}

/**
 * A cycle of a new copy of the demo framework (or of `framework`, answered like the demo) with the demo's 2025 answers for `countries`;
 * `validated` of them are validated (the others stay drafts). Needs `seedReference` first.
 * Each answer of the first three indicators carries a citation. `framework`: a variant of the demo
 * framework (same codes), e.g. with other texts.
 */
export async function buildPublishableCycle(
  db: Db,
  options: { countries: string[]; validated: string[]; period?: string; framework?: Framework },
): Promise<PublishableCycle> {
  const period = options.period ?? "2026";
  const built = await buildAssessments(db, {
    countries: options.countries,
    period,
    framework: options.framework,
  });
  const demo = buildDemoAnswers(built.framework).filter(
    (a) => a.period === "2025" && options.countries.includes(a.entity),
  );
  await importAnswers(db, {
    framework: built.versionId,
    answers: demo.map((a) => ({ ...a, period })),
  });
  await addCitations(db, built.versionId, Object.values(built.assessments), built.framework);
  if (options.validated.length)
    await db
      .update(assessments)
      .set({ status: "validated" })
      .where(
        inArray(
          assessments.id,
          options.validated.map((c) => built.assessments[c]!),
        ),
      );
  return built;
}

async function addCitations(
  db: Db,
  versionId: string,
  assessmentIds: string[],
  fw: Framework,
): Promise<void> {
  const codes = fw.indicators.slice(0, 3).map((i) => i.code);
  const rows = await db
    .select({ id: answers.id, code: indicators.code })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(
      and(
        inArray(answers.assessmentId, assessmentIds),
        eq(indicators.versionId, versionId),
        inArray(indicators.code, codes),
      ),
    );
  if (rows.length)
    await db.insert(evidenceSources).values(
      rows.map((r) => ({
        answerId: r.id,
        kind: "citation",
        citation: `Law on the rights of the child, art. ${r.code}`,
        sourceDate: "2025-03-01",
      })),
    );
}

/** The answer row of one indicator in one assessment. */
export async function answerOf(db: Db, assessmentId: string, code: string): Promise<string> {
  const [row] = await db
    .select({ id: answers.id })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(and(eq(answers.assessmentId, assessmentId), eq(indicators.code, code)));
  if (!row) throw new Error(`no answer ${code} in ${assessmentId}`);
  return row.id;
}

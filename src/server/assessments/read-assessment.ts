import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { SignedInUser } from "../auth/actor.ts";
import type { Db } from "../db/connect.ts";
import { answers, areas, assessmentEvents, countries, cycles, indicators, users } from "../db/schema.ts";
import { describePermissions } from "./actor-permissions.ts";
import { countAnswerExtras } from "./answer-counts.ts";
import { presentValue } from "./answer-value.ts";
import { indicatorsCoveredBy, pathsOfIndicators } from "./framework-paths.ts";
import { listAssignments } from "./list-assignments.ts";
import { assessmentTarget, type LoadedAssessment } from "./load-assessment.ts";
import type { assessmentOut } from "./schemas.ts";

/**
 * The workspace's read model: the assessment, its framework, every answer with
 * its evidence and comment counts, the assignments and what the actor may do.
 * One query per table whatever the number of indicators (no N+1).
 */
export async function readAssessment(
  db: Db,
  assessment: LoadedAssessment,
  actor: SignedInUser,
): Promise<z.infer<typeof assessmentOut>> {
  const [names] = await db
    .select({ country: countries.name, cycle: cycles.name })
    .from(cycles)
    .innerJoin(countries, eq(countries.code, assessment.countryCode))
    .where(eq(cycles.id, assessment.cycleId));
  const [area] = assessment.areaCode
    ? await db
        .select({ name: areas.name })
        .from(areas)
        .where(and(eq(areas.countryCode, assessment.countryCode), eq(areas.code, assessment.areaCode)))
    : [];
  const rows = await db
    .select({
      id: answers.id,
      indicator: indicators.code,
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
      justification: answers.justification,
      version: answers.version,
      reviewState: answers.reviewState,
      updatedAt: answers.updatedAt,
      updatedBy: users.name,
    })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .leftJoin(users, eq(users.id, answers.updatedBy))
    .where(eq(answers.assessmentId, assessment.id))
    .orderBy(indicators.position);
  const extras = await countAnswerExtras(db, assessment.id);
  const assigned = await listAssignments(db, assessment.id);
  const returnedAt = assessment.status === "returned" ? await lastReturnedAt(db, assessment.id) : null;
  const mine = indicatorsCoveredBy(
    pathsOfIndicators(assessment.framework),
    assigned.filter((a) => a.userId === actor.userId).map((a) => a.itemCode),
  );

  return {
    assessment: {
      id: assessment.id,
      status: assessment.status,
      country: { code: assessment.countryCode, name: names?.country ?? {} },
      area: assessment.areaCode
        ? { code: assessment.areaCode, name: area?.name ?? { en: assessment.areaCode } }
        : null,
      cycle: { id: assessment.cycleId, name: names?.cycle ?? {} },
      frameworkVersionId: assessment.versionId,
      period: assessment.period,
      deadline: assessment.closesOn?.toISOString() ?? null,
    },
    framework: assessment.framework,
    answers: rows.map((r) => ({
      indicator: r.indicator,
      value: presentValue(r),
      justification: r.justification,
      version: r.version,
      reviewState: r.reviewState,
      // A reviewer keeps the "needs rework" mark until cleared; this tells them the answer was touched since.
      changedSinceReturn: returnedAt !== null && r.updatedAt > returnedAt,
      updatedAt: r.updatedAt.toISOString(),
      updatedBy: r.updatedBy,
      evidenceCount: extras.evidence.get(r.id) ?? 0,
      commentCount: extras.comments.get(r.id) ?? 0,
      assignedToMe: mine.has(r.indicator),
    })),
    assignments: assigned,
    assignedToMe: [...mine],
    myPermissions: describePermissions(actor, assessmentTarget(assessment), assessment.framework),
  };
}

/** When the assessment was last returned to its country. */
async function lastReturnedAt(db: Db, assessmentId: string): Promise<Date | null> {
  const [event] = await db
    .select({ at: assessmentEvents.createdAt })
    .from(assessmentEvents)
    .where(and(eq(assessmentEvents.assessmentId, assessmentId), eq(assessmentEvents.toStatus, "returned")))
    .orderBy(desc(assessmentEvents.id))
    .limit(1);
  return event?.at ?? null;
}

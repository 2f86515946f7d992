import { and, count, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { type Actor, can, reviewableSections } from "../../core/index.ts";
import { loadAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import {
  answers,
  areas,
  assessmentEvents,
  assessments,
  countries,
  cycles,
  frameworkVersions,
  indicators,
} from "../db/schema.ts";
import { listChanges } from "./list-changes.ts";
import type { ReviewQueueItem } from "./schemas.ts";

const WAITING_STATUSES = ["submitted", "in_review"] as const;

/**
 * The assessments waiting for a reviewer: submitted or in review, in the
 * reviewer's scope, oldest submission first, each with its answers counted
 * by review state (approved, returned, and waiting: answered, not yet
 * approved or returned) and the answers changed
 * since the previous submission.
 */
export async function listReviewQueue(db: Db, actor: Actor): Promise<ReviewQueueItem[]> {
  const rows = await db
    .select({
      id: assessments.id,
      country: assessments.countryCode,
      countryName: countries.name,
      region: countries.regionCode,
      period: cycles.period,
      versionId: cycles.versionId,
      frameworkId: frameworkVersions.frameworkId,
      status: assessments.status,
      areaCode: assessments.areaCode,
      areaName: areas.name,
    })
    .from(assessments)
    .innerJoin(countries, eq(countries.code, assessments.countryCode))
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .leftJoin(
      areas,
      and(eq(areas.countryCode, assessments.countryCode), eq(areas.code, assessments.areaCode)),
    )
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycles.versionId))
    .where(inArray(assessments.status, [...WAITING_STATUSES]))
    .orderBy(assessments.countryCode);
  // The whole assessment (null), or the sections a working group of the person may review.
  const sectionsOf = new Map<string, string[] | null>();
  for (const a of rows) {
    const place = { country: a.country, region: a.region };
    if (can(actor, "assessment:review", place)) sectionsOf.set(a.id, null);
    else {
      const sections = reviewableSections(actor, { ...place, framework: a.frameworkId });
      if (sections.length) sectionsOf.set(a.id, sections);
    }
  }
  const mine = rows.filter((a) => sectionsOf.has(a.id));
  if (mine.length === 0) return [];
  const ids = mine.map((a) => a.id);

  const states = await db
    .select({ id: answers.assessmentId, state: answers.reviewState, n: count() })
    .from(answers)
    .where(
      and(
        inArray(answers.assessmentId, ids),
        or(isNotNull(answers.valueText), isNotNull(answers.valueNumber), isNotNull(answers.reviewState)),
      ),
    )
    .groupBy(answers.assessmentId, answers.reviewState);
  const totals = await db
    .select({ versionId: indicators.versionId, n: count() })
    .from(indicators)
    .where(inArray(indicators.versionId, [...new Set(mine.map((a) => a.versionId))]))
    .groupBy(indicators.versionId);
  const submitted = await db
    .select({ id: assessmentEvents.assessmentId, at: sql<Date>`max(${assessmentEvents.createdAt})` })
    .from(assessmentEvents)
    .where(and(inArray(assessmentEvents.assessmentId, ids), eq(assessmentEvents.toStatus, "submitted")))
    .groupBy(assessmentEvents.assessmentId)
    .orderBy(desc(sql`max(${assessmentEvents.createdAt})`));
  const submittedAt = new Map(submitted.map((s) => [s.id, new Date(s.at)]));

  const items: ReviewQueueItem[] = [];
  for (const a of mine) {
    const countOf = (state: string | null) => states.find((s) => s.id === a.id && s.state === state)?.n ?? 0;
    const total = totals.find((t) => t.versionId === a.versionId)?.n ?? 0;
    const approved = countOf("approved");
    const returned = countOf("needs_rework");
    const changes = await listChanges(db, await loadAssessment(db, a.id));
    items.push({
      id: a.id,
      country: a.country,
      countryName: a.countryName,
      area: a.areaCode ? { code: a.areaCode, name: a.areaName ?? { en: a.areaCode } } : null,
      period: a.period,
      status: a.status,
      submittedAt: submittedAt.get(a.id)?.toISOString() ?? null,
      indicators: total,
      approved,
      returned,
      waiting: countOf(null),
      changedSinceSubmission: changes.since ? changes.changes.length : null,
      reviewSections: sectionsOf.get(a.id) ?? null,
    });
  }
  return items.sort((x, y) => (x.submittedAt ?? "").localeCompare(y.submittedAt ?? ""));
}

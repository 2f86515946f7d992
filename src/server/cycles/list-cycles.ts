import { and, count, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { type Actor, can, completionPercent } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { answers, assessments, countries, cycles, indicators } from "../db/schema.ts";
import type { CycleDetail } from "./schemas.ts";

/**
 * The cycles an actor may see, each with the assessments they may read and
 * their completion. Platform roles see every cycle; others see the cycles
 * with an assessment in their scope. Four queries whatever the count.
 */
export async function listCycles(db: Db, actor: Actor, cycleId?: string): Promise<CycleDetail[]> {
  const cycleRows = await db
    .select()
    .from(cycles)
    .where(cycleId ? eq(cycles.id, cycleId) : undefined)
    .orderBy(sql`${cycles.period} desc`, cycles.createdAt);
  if (!cycleRows.length) return [];
  const ids = cycleRows.map((c) => c.id);
  const assessmentRows = await db
    .select({
      id: assessments.id,
      cycleId: assessments.cycleId,
      country: assessments.countryCode,
      countryName: countries.name,
      region: countries.regionCode,
      status: assessments.status,
    })
    .from(assessments)
    .innerJoin(countries, eq(countries.code, assessments.countryCode))
    .where(and(inArray(assessments.cycleId, ids), isNull(assessments.areaCode)))
    .orderBy(assessments.countryCode);
  const visible = assessmentRows.filter((a) =>
    can(actor, "assessment:read", { country: a.country, region: a.region }),
  );
  const answered = await countAnswered(
    db,
    visible.map((a) => a.id),
  );
  const totals = await countIndicators(db, [...new Set(cycleRows.map((c) => c.versionId))]);
  // A grant over the whole platform (an empty target) sees every cycle, even one without assessments yet.
  const seesAll = can(actor, "cycle:read", {});

  return cycleRows.flatMap((c) => {
    const mine = visible.filter((a) => a.cycleId === c.id);
    if (!seesAll && !mine.length) return [];
    const total = totals.get(c.versionId) ?? 0;
    return [
      {
        id: c.id,
        frameworkVersionId: c.versionId,
        period: c.period,
        name: c.name,
        status: c.status,
        isDemo: c.isDemo,
        opensOn: c.opensOn?.toISOString() ?? null,
        closesOn: c.closesOn?.toISOString() ?? null,
        assessments: mine.map((a) => {
          const done = answered.get(a.id) ?? 0;
          return {
            id: a.id,
            country: a.country,
            countryName: a.countryName,
            status: a.status,
            answered: done,
            total,
            completion: completionPercent(done, total),
          };
        }),
      },
    ];
  });
}

export async function countAnswered(db: Db, assessmentIds: string[]): Promise<Map<string, number>> {
  if (!assessmentIds.length) return new Map();
  const rows = await db
    .select({ id: answers.assessmentId, n: count() })
    .from(answers)
    .where(
      and(
        inArray(answers.assessmentId, assessmentIds),
        or(isNotNull(answers.valueText), isNotNull(answers.valueNumber)),
      ),
    )
    .groupBy(answers.assessmentId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function countIndicators(db: Db, versionIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: indicators.versionId, n: count() })
    .from(indicators)
    .where(inArray(indicators.versionId, versionIds))
    .groupBy(indicators.versionId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

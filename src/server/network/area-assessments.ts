import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { type Answer, completionPercent, type ReleaseArea, scoreAreas } from "../../core/index.ts";
import { readFrameworkDefinition } from "../assessments/framework-cache.ts";
import { countAnswered, countIndicators } from "../cycles/list-cycles.ts";
import type { Db } from "../db/connect.ts";
import { answers, areas, assessments, cycles, indicators } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readAreas } from "./areas.ts";

/**
 * Assessments of areas below a country: an area's assessment is an assessment like the country's
 * (same cycle, framework, editor, review and history), with `area_code` set. It is started for a
 * cycle the country takes part in; its scores compare the country's areas (see `scoreAreas`).
 */

export interface AreaAssessmentRow {
  id: string;
  area: string;
  status: string;
  answered: number;
  total: number;
  completion: number;
}

export interface AreaCycle {
  id: string;
  period: string;
  name: Record<string, string>;
  frameworkVersionId: string;
  /** The country's own assessment of the cycle. */
  countryAssessmentId: string;
  assessments: AreaAssessmentRow[];
}

/** The cycles the country takes part in, newest first, each with its areas' assessments. */
export async function listAreaCycles(db: Db, country: string): Promise<AreaCycle[]> {
  const own = await db
    .select({
      id: cycles.id,
      period: cycles.period,
      name: cycles.name,
      versionId: cycles.versionId,
      assessmentId: assessments.id,
    })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(and(eq(assessments.countryCode, country), isNull(assessments.areaCode)))
    .orderBy(desc(cycles.period));
  if (!own.length) return [];
  const rows = await db
    .select({
      id: assessments.id,
      cycleId: assessments.cycleId,
      area: assessments.areaCode,
      status: assessments.status,
    })
    .from(assessments)
    .where(and(eq(assessments.countryCode, country), isNotNull(assessments.areaCode)))
    .orderBy(asc(assessments.areaCode));
  const answered = await countAnswered(
    db,
    rows.map((r) => r.id),
  );
  const totals = await countIndicators(db, [...new Set(own.map((c) => c.versionId))]);
  return own.map((c) => {
    const total = totals.get(c.versionId) ?? 0;
    return {
      id: c.id,
      period: c.period,
      name: c.name,
      frameworkVersionId: c.versionId,
      countryAssessmentId: c.assessmentId,
      assessments: rows
        .filter((r) => r.cycleId === c.id)
        .map((r) => {
          const done = answered.get(r.id) ?? 0;
          return {
            id: r.id,
            area: r.area!,
            status: r.status,
            answered: done,
            total,
            completion: completionPercent(done, total),
          };
        }),
    };
  });
}

/**
 * Starts the assessment of an area for a cycle the country takes part in, in the caller's
 * transaction; a second one for the same area and cycle is refused (409).
 */
export async function startAreaAssessment(
  tx: Db,
  country: string,
  input: { cycleId: string; area: string },
): Promise<{ id: string }> {
  const [area] = await tx
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.countryCode, country), eq(areas.code, input.area)));
  if (!area)
    throw new UserError(`area: ${country} has no area "${input.area}"; add it to the country's areas first`);
  const [own] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(
      and(
        eq(assessments.cycleId, input.cycleId),
        eq(assessments.countryCode, country),
        isNull(assessments.areaCode),
      ),
    );
  if (!own) throw new UserError(`cycleId: ${country} does not take part in that cycle`);
  const [row] = await tx
    .insert(assessments)
    .values({ cycleId: input.cycleId, countryCode: country, areaCode: input.area })
    .onConflictDoNothing()
    .returning({ id: assessments.id });
  if (!row) throw new UserError(`area: ${input.area} already has an assessment in that cycle`, [], 409);
  return row;
}

/**
 * The answers of a country's area assessments in a cycle (entity: the area's code), of the
 * `statuses` given (every status when absent).
 */
export async function loadAreaAnswers(
  db: Db,
  country: string,
  cycleId: string,
  period: string,
  statuses?: readonly string[],
): Promise<Answer[]> {
  const rows = await db
    .select({
      area: assessments.areaCode,
      indicator: indicators.code,
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
    })
    .from(answers)
    .innerJoin(assessments, eq(assessments.id, answers.assessmentId))
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(
      and(
        eq(assessments.cycleId, cycleId),
        eq(assessments.countryCode, country),
        isNotNull(assessments.areaCode),
        statuses ? inArray(assessments.status, [...statuses]) : undefined,
      ),
    );
  return rows
    .filter((r) => r.valueText !== null || r.valueNumber !== null)
    .map((r) => ({ entity: r.area!, period, indicator: r.indicator, value: r.valueText ?? r.valueNumber }));
}

/**
 * The scores of a country's areas in a cycle, from the answers of their assessments: the
 * `statuses` given (every status for working figures; `validated` for a release).
 */
export async function areaCycleScores(
  db: Db,
  country: string,
  cycleId: string,
  statuses?: readonly string[],
): Promise<ReleaseArea[]> {
  const [cycle] = await db
    .select({ period: cycles.period, versionId: cycles.versionId })
    .from(cycles)
    .where(eq(cycles.id, cycleId));
  if (!cycle) throw new UserError("no such cycle", [], 404);
  const list = await loadAreaAnswers(db, country, cycleId, cycle.period, statuses);
  if (!list.length) return [];
  return scoreAreas({
    framework: await readFrameworkDefinition(db, cycle.versionId),
    country,
    period: cycle.period,
    areas: await readAreas(db, country),
    answers: list,
  });
}

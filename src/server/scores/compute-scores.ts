import { and, eq, inArray, notInArray } from "drizzle-orm";
import { type Answer, compileFramework, scoreAnswers, toScoreRows } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { insertInChunks } from "../db/insert-in-chunks.ts";
import {
  answers,
  assessments,
  cycles,
  frameworkVersions,
  indicators,
  scoreSnapshots,
  scoreValues,
} from "../db/schema.ts";

/**
 * Loads every answer of every cycle of a framework version, as engine input
 * (entity = country, period = cycle), leaving out the cycles in `except`.
 */
export async function loadVersionAnswers(
  db: Db,
  versionId: string,
  except: readonly string[] = [],
): Promise<Answer[]> {
  const rows = await db
    .select({
      entity: assessments.countryCode,
      period: cycles.period,
      indicator: indicators.code,
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
    })
    .from(answers)
    .innerJoin(assessments, eq(assessments.id, answers.assessmentId))
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(
      except.length
        ? and(eq(cycles.versionId, versionId), notInArray(cycles.id, [...except]))
        : eq(cycles.versionId, versionId),
    );
  return rows.map((r) => ({
    entity: r.entity,
    period: r.period,
    indicator: r.indicator,
    value: r.valueText ?? r.valueNumber,
  }));
}

/**
 * Recomputes the scores of every cycle of a framework version with the core
 * engine and stores them as new current snapshots (older ones are kept).
 * Node and classification scores are stored; indicator scores are cheap to recompute.
 */
export async function computeScores(
  db: Db,
  versionId: string,
  /** Every answer of these cycles, when the caller holds them (an import): the others are read. */
  known?: { cycleIds: readonly string[]; answers: readonly Answer[] },
): Promise<{ snapshots: number; values: number }> {
  const [version] = await db
    .select({ definition: frameworkVersions.definition })
    .from(frameworkVersions)
    .where(eq(frameworkVersions.id, versionId));
  if (!version) throw new Error(`framework version ${versionId} not found`);
  const fw = version.definition;
  const stored = await loadVersionAnswers(db, versionId, known?.cycleIds);
  const table = scoreAnswers(compileFramework(fw), known ? [...stored, ...known.answers] : stored);
  const cycleRows = await db
    .select({ id: cycles.id, period: cycles.period })
    .from(cycles)
    .where(eq(cycles.versionId, versionId));
  const cycleIds = new Map(cycleRows.map((c) => [c.period, c.id]));
  if (cycleRows.length) {
    await db
      .update(scoreSnapshots)
      .set({ isCurrent: false })
      .where(inArray(scoreSnapshots.cycleId, [...cycleIds.values()]));
  }
  const snapshotIds = new Map<string, string>();
  for (const period of table.periods) {
    const [snap] = await db
      .insert(scoreSnapshots)
      .values({ cycleId: cycleIds.get(period)! })
      .returning({ id: scoreSnapshots.id });
    snapshotIds.set(period, snap!.id);
  }
  const values = [];
  for (const row of toScoreRows(table, fw)) {
    if (row.kind === "indicator") continue;
    values.push({
      snapshotId: snapshotIds.get(row.period)!,
      countryCode: row.entity,
      node: row.node,
      kind: row.kind,
      score: row.score,
      band: row.band,
      rank: row.rank,
      coverage: row.coverage,
      change: row.change,
    });
  }
  await insertInChunks(values, (chunk) =>
    db.insert(scoreValues).values(chunk).returning({ node: scoreValues.node }),
  );
  return { snapshots: snapshotIds.size, values: values.length };
}

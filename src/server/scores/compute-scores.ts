import { and, eq, inArray, isNull, ne, notInArray } from "drizzle-orm";
import {
  type Answer,
  compileFramework,
  type Framework,
  keepPeriods,
  previousCycleAnswers,
  type ScoreTable,
  scoreAnswers,
  toScoreRows,
  usesPreviousCycle,
} from "../../core/index.ts";
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
  /** Only this cycle's answers, when given. */
  onlyCycle?: string,
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
      and(
        eq(cycles.versionId, versionId),
        isNull(assessments.areaCode),
        except.length ? notInArray(cycles.id, [...except]) : undefined,
        onlyCycle ? eq(cycles.id, onlyCycle) : undefined,
      ),
    );
  return rows.map((r) => ({
    entity: r.entity,
    period: r.period,
    indicator: r.indicator,
    value: r.valueText ?? r.valueNumber,
  }));
}

/** A framework version's scores, computed but not stored yet (see `scoreVersion`, `storeScores`). */
export interface VersionScores {
  versionId: string;
  framework: Framework;
  table: ScoreTable;
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
  return storeScores(db, await scoreVersion(db, versionId, known));
}

/**
 * Reads what the scores of a framework version need and computes them,
 * writing nothing: an import does this before its short write transaction.
 */
export async function scoreVersion(
  db: Db,
  versionId: string,
  /** Every answer of these cycles, when the caller holds them (an import): the others are read. */
  known?: { cycleIds: readonly string[]; answers: readonly Answer[] },
): Promise<VersionScores> {
  const [version] = await db
    .select({ definition: frameworkVersions.definition })
    .from(frameworkVersions)
    .where(eq(frameworkVersions.id, versionId));
  if (!version) throw new Error(`framework version ${versionId} not found`);
  const framework = version.definition;
  const stored = await loadVersionAnswers(db, versionId, known?.cycleIds);
  const own = known ? [...stored, ...known.answers] : stored;
  return { versionId, framework, table: await scoreVersionAnswers(db, versionId, framework, own) };
}

/**
 * Scores the answers of a framework version's cycles (`own`) as the stored scores are: with the
 * compiled framework, and, when a node imputes from the country's previous cycle, with the
 * answers of the same framework's other versions carried in (their periods dropped afterwards).
 * The workspace's live preview scores through here too, so that it equals the stored score.
 */
export async function scoreVersionAnswers(
  db: Db,
  versionId: string,
  framework: Framework,
  own: readonly Answer[],
): Promise<ScoreTable> {
  const cf = compileFramework(framework);
  if (!usesPreviousCycle(framework)) return scoreAnswers(cf, own);
  const ownPeriods = new Set(own.map((a) => a.period));
  const carried = await otherVersionsAnswers(db, versionId, framework, ownPeriods);
  return keepPeriods(scoreAnswers(cf, [...carried, ...own]), [...ownPeriods]);
}

/**
 * For the "country's previous cycle" imputation: the answers of the same framework's cycles under
 * its other versions (a new version's first cycle is otherwise scored alone), in this version's
 * codes (see `previousCycleAnswers`). Periods of this version's own cycles are left out (the
 * scored table keeps only those, see `keepPeriods`).
 */
async function otherVersionsAnswers(
  db: Db,
  versionId: string,
  framework: Framework,
  ownPeriods: Set<string>,
): Promise<Answer[]> {
  const [self] = await db
    .select({ frameworkId: frameworkVersions.frameworkId })
    .from(frameworkVersions)
    .where(eq(frameworkVersions.id, versionId));
  if (!self) return [];
  const others = await db
    .select({ id: frameworkVersions.id, version: frameworkVersions.version })
    .from(frameworkVersions)
    .where(and(eq(frameworkVersions.frameworkId, self.frameworkId), ne(frameworkVersions.id, versionId)));
  for (const c of await db
    .select({ period: cycles.period })
    .from(cycles)
    .where(eq(cycles.versionId, versionId)))
    ownPeriods.add(c.period);
  const out: Answer[] = [];
  for (const other of others) {
    const answersThere = (await loadVersionAnswers(db, other.id)).filter((a) => !ownPeriods.has(a.period));
    out.push(...previousCycleAnswers(framework, other.version, answersThere));
  }
  return out;
}

/** Stores computed scores as the new current snapshots of their cycles (older ones are kept). */
export async function storeScores(
  db: Db,
  { versionId, framework: fw, table }: VersionScores,
): Promise<{ snapshots: number; values: number }> {
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
  // Periods of other versions' cycles, read only for the previous-cycle imputation, are not stored.
  for (const period of table.periods.filter((p) => cycleIds.has(p))) {
    const [snap] = await db
      .insert(scoreSnapshots)
      .values({ cycleId: cycleIds.get(period)! })
      .returning({ id: scoreSnapshots.id });
    snapshotIds.set(period, snap!.id);
  }
  const values = [];
  for (const row of toScoreRows(table, fw)) {
    if (row.kind === "indicator" || !snapshotIds.has(row.period)) continue;
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
      imputed: row.imputedCount,
    });
  }
  await insertInChunks(values, (chunk) =>
    db.insert(scoreValues).values(chunk).returning({ node: scoreValues.node }),
  );
  return { snapshots: snapshotIds.size, values: values.length };
}

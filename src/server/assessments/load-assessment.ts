import { eq } from "drizzle-orm";
import type { Framework, Target } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { assessments, countries, cycles } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readFrameworkDefinition } from "./framework-cache.ts";

export const ASSESSMENT_STATUSES = ["draft", "submitted", "in_review", "returned", "validated"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export interface LoadedAssessment {
  id: string;
  status: AssessmentStatus;
  countryCode: string;
  regionCode: string | null;
  cycleId: string;
  period: string;
  versionId: string;
  framework: Framework;
  closesOn: Date | null;
}

/** Loads an assessment with its cycle, country and framework definition, or answers 404. */
export async function loadAssessment(db: Db, id: string): Promise<LoadedAssessment> {
  const [row] = await db
    .select({
      id: assessments.id,
      status: assessments.status,
      countryCode: assessments.countryCode,
      regionCode: countries.regionCode,
      cycleId: cycles.id,
      period: cycles.period,
      versionId: cycles.versionId,
      closesOn: cycles.closesOn,
    })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(countries, eq(countries.code, assessments.countryCode))
    .where(eq(assessments.id, id));
  if (!row) throw new UserError("no such assessment", [], 404);
  const framework = await readFrameworkDefinition(db, row.versionId);
  return { ...row, framework, status: row.status as AssessmentStatus };
}

/** The permission target of an assessment (its country and region), optionally narrowed to an indicator's node path. */
export function assessmentTarget(assessment: LoadedAssessment, indicatorCode?: string): Target {
  const target: Target = { country: assessment.countryCode, region: assessment.regionCode };
  if (!indicatorCode) return target;
  return { ...target, nodePath: nodePathOf(assessment.framework, indicatorCode) };
}

/** Codes of the indicator and of every node above it, from its parent up to the root. */
export function nodePathOf(fw: Framework, indicatorCode: string): string[] {
  const indicator = fw.indicators.find((i) => i.code === indicatorCode);
  if (!indicator) return [];
  const parents = new Map(fw.nodes.map((n) => [n.code, n.parent]));
  const path = [indicatorCode];
  let node: string | null | undefined = indicator.node;
  while (node) {
    path.push(node);
    node = parents.get(node);
  }
  return path;
}

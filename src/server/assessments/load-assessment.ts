import type { Framework, Target } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { preparedStatement, runPrepared } from "../db/prepared.ts";
import { UserError } from "../errors.ts";
import { readFrameworkDefinition } from "./framework-cache.ts";

export const ASSESSMENT_STATUSES = ["draft", "submitted", "in_review", "returned", "validated"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export interface LoadedAssessment {
  id: string;
  status: AssessmentStatus;
  countryCode: string;
  /** Null for a country's own assessment; the area's code for an area below the country. */
  areaCode: string | null;
  regionCode: string | null;
  cycleId: string;
  period: string;
  versionId: string;
  /** The framework (every version shares it): a working group's review rights name it. */
  frameworkId: string;
  framework: Framework;
  closesOn: Date | null;
}

/** Loads an assessment with its cycle, country and framework definition, or answers 404. */
export async function loadAssessment(db: Db, id: string): Promise<LoadedAssessment> {
  // A path parameter that is no uuid names no assessment (and must not reach a uuid cast).
  const [row] = UUID.test(id)
    ? await runPrepared<{
        id: string;
        status: string;
        countryCode: string;
        areaCode: string | null;
        regionCode: string | null;
        cycleId: string;
        period: string;
        versionId: string;
        frameworkId: string;
        closesOn: Date | string | null;
      }>(db, LOAD_ASSESSMENT, [id])
    : [];
  if (!row) throw new UserError("no such assessment", [], 404);
  const framework = await readFrameworkDefinition(db, row.versionId);
  const closesOn = row.closesOn === null ? null : new Date(row.closesOn);
  return { ...row, closesOn, framework, status: row.status as AssessmentStatus };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An assessment with its cycle and country (a prepared statement: every workspace request runs it). */
const LOAD_ASSESSMENT = preparedStatement(
  "load_assessment",
  ["uuid"],
  `select a.id, a.status, a.country_code as "countryCode", a.area_code as "areaCode", c.region_code as "regionCode",
    y.id as "cycleId", y.period, y.version_id as "versionId", v.framework_id as "frameworkId",
    y.closes_on as "closesOn"
  from assessments a
  join cycles y on y.id = a.cycle_id
  join framework_versions v on v.id = y.version_id
  join countries c on c.code = a.country_code
  where a.id = $1`,
);

/**
 * The permission target of an assessment (its country, region and framework), optionally narrowed
 * to an indicator's node path.
 */
export function assessmentTarget(assessment: LoadedAssessment, indicatorCode?: string): Target {
  const target: Target = {
    country: assessment.countryCode,
    region: assessment.regionCode,
    framework: assessment.frameworkId,
  };
  if (!indicatorCode) return target;
  return { ...target, nodePath: nodePathOf(assessment.framework, indicatorCode) };
}

/** The permission target of a section of an assessment: the node and every node above it. */
export function sectionTarget(assessment: LoadedAssessment, nodeCode: string): Target {
  const parents = new Map(assessment.framework.nodes.map((n) => [n.code, n.parent]));
  const path: string[] = [];
  let node: string | null | undefined = nodeCode;
  while (node && !path.includes(node)) {
    path.push(node);
    node = parents.get(node);
  }
  return { ...assessmentTarget(assessment), nodePath: path };
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

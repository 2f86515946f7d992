import {
  type Answer,
  compileFramework,
  type ScorePreview,
  scoreAnswers,
  scorePreview,
  usesPreviousCycle,
} from "../../core/index.ts";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import { typeValue } from "../data/validate-answers.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { loadAreaAnswers } from "../network/area-assessments.ts";
import { loadVersionAnswers, scoreVersionAnswers } from "./compute-scores.ts";

/**
 * The live score of an assessment with the values on screen: its saved answers with `values` over
 * them, scored with every other answer of the framework version exactly as the stored scores are
 * (data goalposts, the cycle's mean or median, the group's mean, the country's previous cycle), so
 * that the preview equals the score stored once the same answers are saved. Writes nothing.
 * A value that does not fit its indicator is scored as unanswered, as it could not be saved.
 */
export async function previewAssessmentScores(
  db: Db,
  assessment: LoadedAssessment,
  values: Readonly<Record<string, string | number | null>>,
): Promise<ScorePreview> {
  const fw = assessment.framework;
  const byCode = new Map(fw.indicators.map((ind) => [ind.code, ind]));
  const unknown = Object.keys(values).filter((code) => !byCode.has(code));
  if (unknown.length)
    throw new UserError(`answers: ${unknown.slice(0, 5).join(", ")} is no indicator of this framework`);
  const { period } = assessment;
  // An area is scored among the country's areas (see scoreAreas); a country among the countries.
  const entity = assessment.areaCode ?? assessment.countryCode;
  const others: Answer[] = [];
  const mine = new Map<string, Answer["value"]>();
  // A period's scores read that period's answers only (data goalposts, means, ranks), unless a
  // node imputes from the previous cycle: then every cycle, as the stored scores are computed.
  const onlyCycle = usesPreviousCycle(fw) ? undefined : assessment.cycleId;
  const stored = assessment.areaCode
    ? await loadAreaAnswers(db, assessment.countryCode, assessment.cycleId, period)
    : await loadVersionAnswers(db, assessment.versionId, [], onlyCycle);
  for (const a of stored) {
    if (a.entity === entity && a.period === period) mine.set(a.indicator, a.value);
    else others.push(a);
  }
  for (const [code, raw] of Object.entries(values)) {
    const typed = raw === null || raw === "" ? null : typeValue(byCode.get(code)!, raw);
    if (typed === null || typeof typed === "string") mine.delete(code);
    else mine.set(code, typed.valueText ?? typed.valueNumber);
  }
  for (const [indicator, value] of mine) others.push({ entity, period, indicator, value });
  const table = assessment.areaCode
    ? scoreAnswers(compileFramework(fw), others)
    : await scoreVersionAnswers(db, assessment.versionId, fw, others);
  return scorePreview(fw, table, entity, period);
}

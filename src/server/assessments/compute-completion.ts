import { and, eq, isNotNull, or } from "drizzle-orm";
import type { Framework } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { answers, indicators } from "../db/schema.ts";
import { countAnswerExtras } from "./answer-counts.ts";
import { indicatorsCoveredBy, pathsOfIndicators } from "./framework-paths.ts";
import { listAssignments } from "./list-assignments.ts";
import type { LoadedAssessment } from "./load-assessment.ts";
import type { CompletionOut, Progress } from "./schemas.ts";

const DIMENSION = "dimension";

/**
 * How far an assessment is: indicators answered and answers with evidence,
 * overall, by section (top-level nodes, below a single root), by assigned person (over their
 * items) and by dimension (the `dimension` classification, when the framework has one).
 */
export async function computeCompletion(db: Db, assessment: LoadedAssessment): Promise<CompletionOut> {
  const fw = assessment.framework;
  const answeredRows = await db
    .select({ id: answers.id, indicator: indicators.code })
    .from(answers)
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(
      and(
        eq(answers.assessmentId, assessment.id),
        or(isNotNull(answers.valueText), isNotNull(answers.valueNumber)),
      ),
    );
  const { evidence } = await countAnswerExtras(db, assessment.id);
  const assigned = await listAssignments(db, assessment.id);
  const answered = new Set(answeredRows.map((r) => r.indicator));
  const withEvidence = new Set(answeredRows.filter((r) => evidence.has(r.id)).map((r) => r.indicator));
  const paths = pathsOfIndicators(fw);

  const measure = (codes: Iterable<string>): Progress => {
    let total = 0;
    let done = 0;
    let proven = 0;
    for (const code of codes) {
      total++;
      if (answered.has(code)) done++;
      if (withEvidence.has(code)) proven++;
    }
    return {
      answered: done,
      total,
      withEvidence: proven,
      share: total ? done / total : 0,
      evidenceShare: done ? proven / done : 0,
    };
  };

  const people = new Map<string, { name: string; items: string[] }>();
  for (const a of assigned) {
    const person = people.get(a.userId) ?? { name: a.userName, items: [] };
    person.items.push(a.itemCode);
    people.set(a.userId, person);
  }
  const dimension = fw.classifications.find((c) => c.code === DIMENSION);

  return {
    overall: measure(paths.keys()),
    bySection: sectionNodes(fw).map((n) => ({
      code: n.code,
      label: n.label,
      ...measure(indicatorsCoveredBy(paths, [n.code])),
    })),
    byPerson: [...people].map(([userId, p]) => ({
      userId,
      name: p.name,
      ...measure(indicatorsCoveredBy(paths, p.items)),
    })),
    byDimension: (dimension?.values ?? []).map((v) => ({
      code: v.code,
      label: v.label,
      ...measure(
        fw.indicators.filter((i) => i.classifications[DIMENSION]?.includes(v.code)).map((i) => i.code),
      ),
    })),
  };
}

/** The sections: the top-level nodes, or the children of the root when a single root holds the index. */
function sectionNodes(fw: Framework) {
  const roots = fw.nodes.filter((n) => n.parent === null);
  const children = roots.length === 1 ? fw.nodes.filter((n) => n.parent === roots[0]!.code) : [];
  return children.length ? children : roots;
}

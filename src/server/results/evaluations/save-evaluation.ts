import { eq } from "drizzle-orm";
import type { EvaluationBody } from "../../api-schemas/evaluations.ts";
import type { Db } from "../../db/connect.ts";
import { evaluationFindings, evaluations } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { checkPlanNode, loadPlanEvaluation } from "./check-plan-parts.ts";

/** Each rating must be a point of the evaluation's own scale (400 naming the finding). */
function checkRatings(body: EvaluationBody): void {
  const points = new Set(body.scale.map((p) => p.value));
  body.findings.forEach((f, i) => {
    if (f.rating !== null && !points.has(f.rating)) {
      throw new UserError(
        `findings/${i}/rating: ${f.rating} is not a point of the scale (${[...points].join(", ")})`,
      );
    }
  });
}

async function writeFindings(db: Db, evaluationId: string, body: EvaluationBody): Promise<void> {
  await db.delete(evaluationFindings).where(eq(evaluationFindings.evaluationId, evaluationId));
  if (body.findings.length === 0) return;
  await db.insert(evaluationFindings).values(body.findings.map((f) => ({ ...f, evaluationId })));
}

const columns = (body: EvaluationBody) => ({
  title: body.title,
  type: body.type,
  nodeId: body.nodeId,
  periodStart: body.periodStart,
  periodEnd: body.periodEnd,
  evaluators: body.evaluators,
  scale: body.scale,
});

/** Records an evaluation of a plan (or of one of its nodes) with its findings. */
export async function createEvaluation(
  db: Db,
  planId: string,
  body: EvaluationBody,
  actorId: string | null,
): Promise<string> {
  checkRatings(body);
  await checkPlanNode(db, planId, body.nodeId);
  const [row] = await db
    .insert(evaluations)
    .values({ ...columns(body), planId, createdBy: actorId })
    .returning({ id: evaluations.id });
  await writeFindings(db, row!.id, body);
  return row!.id;
}

/** Changes an evaluation; its findings become the ones given (its recommendations stay). */
export async function updateEvaluation(
  db: Db,
  planId: string,
  evaluationId: string,
  body: EvaluationBody,
): Promise<void> {
  await loadPlanEvaluation(db, planId, evaluationId);
  checkRatings(body);
  await checkPlanNode(db, planId, body.nodeId);
  await db.update(evaluations).set(columns(body)).where(eq(evaluations.id, evaluationId));
  await writeFindings(db, evaluationId, body);
}

import { asc, eq } from "drizzle-orm";
import {
  type ImplementationInput,
  type ImplementationOutput,
  implementationInput,
  implementationOutput,
} from "../api-schemas/recommendations.ts";
import type { Db } from "../db/connect.ts";
import { implementationAssessments, recommendations, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";

export { type ImplementationInput, type ImplementationOutput, implementationInput, implementationOutput };

/** Records how far a recommendation is implemented, by the government's claim or the coalition's view. */
export async function recordImplementation(
  db: Db,
  recommendationId: string,
  input: ImplementationInput,
  assessorId: string | null,
): Promise<ImplementationOutput> {
  await requireRecommendation(db, recommendationId);
  const [row] = await db
    .insert(implementationAssessments)
    .values({ ...input, recommendationId, assessorId })
    .returning();
  const [person] = assessorId
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, assessorId))
    : [];
  return presentImplementation(row!, person ?? null);
}

/** Every implementation assessment of a recommendation, oldest first: its timeline. */
export async function listImplementation(db: Db, recommendationId: string): Promise<ImplementationOutput[]> {
  await requireRecommendation(db, recommendationId);
  const rows = await db
    .select({ a: implementationAssessments, person: { id: users.id, name: users.name } })
    .from(implementationAssessments)
    .leftJoin(users, eq(users.id, implementationAssessments.assessorId))
    .where(eq(implementationAssessments.recommendationId, recommendationId))
    .orderBy(asc(implementationAssessments.assessedOn), asc(implementationAssessments.createdAt));
  return rows.map((r) => presentImplementation(r.a, r.person));
}

/** The latest assessment of each kind, or null: the last one of a timeline (assessed on, then recorded). */
export function currentByKind(timeline: readonly ImplementationOutput[]) {
  const last = (kind: string) => timeline.filter((a) => a.assessedByKind === kind).at(-1) ?? null;
  return { government: last("government"), coalition: last("coalition") };
}

async function requireRecommendation(db: Db, id: string): Promise<void> {
  const [found] = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(eq(recommendations.id, id));
  if (!found) throw new UserError(`no recommendation ${id}`, [], 404);
}

export function presentImplementation(
  row: typeof implementationAssessments.$inferSelect,
  person: { id: string; name: string } | null,
): ImplementationOutput {
  return {
    id: row.id,
    recommendationId: row.recommendationId,
    status: row.status as ImplementationOutput["status"],
    assessedByKind: row.assessedByKind as ImplementationOutput["assessedByKind"],
    assessorId: row.assessorId,
    assessorName: row.assessorName,
    assessedOn: row.assessedOn,
    evidenceText: row.evidenceText,
    evidenceUrl: row.evidenceUrl,
    evidenceUrls: row.evidenceUrls,
    responsibleInstitutions: row.responsibleInstitutions,
    dueOn: row.dueOn,
    followUpActions: row.followUpActions,
    recordedBy: person,
    synergyId: row.synergyId,
    createdAt: row.createdAt.toISOString(),
  };
}

import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { ASSESSOR_KINDS, IMPLEMENTATION_STATUSES } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { implementationAssessments, recommendations } from "../db/schema.ts";
import { UserError } from "../errors.ts";

const isoDay = z.iso.date();

/** A new implementation assessment, as the API and the future tracking screens send it. */
export const implementationInput = z.object({
  status: z.enum(IMPLEMENTATION_STATUSES),
  assessedByKind: z.enum(ASSESSOR_KINDS),
  assessorName: z.string().trim().max(200).optional(),
  assessedOn: isoDay,
  evidenceText: z.string().max(20_000).optional(),
  evidenceUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  responsibleInstitutions: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  dueOn: isoDay.optional(),
  followUpActions: z.string().max(20_000).optional(),
});
export type ImplementationInput = z.infer<typeof implementationInput>;

export const implementationOutput = implementationInput.extend({
  id: z.uuid(),
  recommendationId: z.uuid(),
  assessorId: z.uuid().nullable(),
  assessorName: z.string().nullable(),
  evidenceText: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  dueOn: z.string().nullable(),
  followUpActions: z.string().nullable(),
  createdAt: z.string(),
});
export type ImplementationOutput = z.infer<typeof implementationOutput>;

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
  return presentImplementation(row!);
}

/** Every implementation assessment of a recommendation, oldest first: its timeline. */
export async function listImplementation(db: Db, recommendationId: string): Promise<ImplementationOutput[]> {
  await requireRecommendation(db, recommendationId);
  const rows = await db
    .select()
    .from(implementationAssessments)
    .where(eq(implementationAssessments.recommendationId, recommendationId))
    .orderBy(asc(implementationAssessments.assessedOn), asc(implementationAssessments.createdAt));
  return rows.map(presentImplementation);
}

async function requireRecommendation(db: Db, id: string): Promise<void> {
  const [found] = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(eq(recommendations.id, id));
  if (!found) throw new UserError(`no recommendation ${id}`, [], 404);
}

function presentImplementation(row: typeof implementationAssessments.$inferSelect): ImplementationOutput {
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
    responsibleInstitutions: row.responsibleInstitutions,
    dueOn: row.dueOn,
    followUpActions: row.followUpActions,
    createdAt: row.createdAt.toISOString(),
  };
}

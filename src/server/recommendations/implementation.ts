import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { ASSESSOR_KINDS, IMPLEMENTATION_STATUSES } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { implementationAssessments, recommendations, users } from "../db/schema.ts";
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
  evidenceUrls: z
    .array(z.url({ protocol: /^https?$/ }).max(2000))
    .max(20)
    .default([]),
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
  /** Who recorded it (the signed-in person), apart from `assessorName` (who assessed, as written). */
  recordedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
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

function presentImplementation(
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
    createdAt: row.createdAt.toISOString(),
  };
}

import { desc, inArray, sql } from "drizzle-orm";
import { can, consultationDefinition, pickText } from "../../core/index.ts";
import type { ConsultationSummaryOut } from "../api-schemas/children.ts";
import type { SignedInUser } from "../auth/actor.ts";
import type { Db } from "../db/connect.ts";
import { consultationSubmissions, consultations } from "../db/schema.ts";
import { listOrganisations, organisationTarget } from "../results/load-plan.ts";
import type { LoadedConsultation } from "./load-consultation.ts";

/** How many children answered each consultation. */
async function participantCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: consultationSubmissions.consultationId, n: sql<number>`count(*)::int` })
    .from(consultationSubmissions)
    .where(inArray(consultationSubmissions.consultationId, ids))
    .groupBy(consultationSubmissions.consultationId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** The summary of a consultation: its number of participants only once it reaches the threshold. */
export function summarise(
  row: typeof consultations.$inferSelect,
  organisation: { id: string; name: string },
  participants: number,
): ConsultationSummaryOut {
  const definition = consultationDefinition.parse(row.definition);
  return {
    id: row.id,
    organisation,
    title: definition.title,
    status: row.status as ConsultationSummaryOut["status"],
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    participants: participants >= definition.threshold ? participants : null,
    threshold: definition.threshold,
    resultsPublic: row.resultsPublic,
  };
}

/** The consultations the actor may read, newest first. */
export async function listConsultations(db: Db, actor: SignedInUser): Promise<ConsultationSummaryOut[]> {
  const readable = (await listOrganisations(db)).filter((o) =>
    can(actor, "consultation:read", organisationTarget(o)),
  );
  if (!readable.length) return [];
  const rows = await db
    .select()
    .from(consultations)
    .where(
      inArray(
        consultations.organisationId,
        readable.map((o) => o.id),
      ),
    )
    .orderBy(desc(consultations.createdAt));
  const counts = await participantCounts(
    db,
    rows.map((r) => r.id),
  );
  const orgs = new Map(readable.map((o) => [o.id, { id: o.id, name: o.name }]));
  return rows.map((r) => summarise(r, orgs.get(r.organisationId)!, counts.get(r.id) ?? 0));
}

/** The participants of one consultation (raw; callers suppress). */
export async function countParticipants(db: Db, consultation: LoadedConsultation): Promise<number> {
  return (await participantCounts(db, [consultation.id])).get(consultation.id) ?? 0;
}

/** A consultation's title in a language, for file names and headings. */
export function titleOf(consultation: LoadedConsultation, lang = "en"): string {
  return pickText(consultationDefinition.parse(consultation.definition).title, lang);
}

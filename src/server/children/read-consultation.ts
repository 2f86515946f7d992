import { and, eq, sql } from "drizzle-orm";
import { can } from "../../core/index.ts";
import type { ConsultationOut } from "../api-schemas/children.ts";
import type { SignedInUser } from "../auth/actor.ts";
import type { Db } from "../db/connect.ts";
import { consultationModeration, consultationSessions } from "../db/schema.ts";
import { organisationTarget } from "../results/load-plan.ts";
import { countParticipants, summarise } from "./list-consultations.ts";
import type { LoadedConsultation } from "./load-consultation.ts";

/** A consultation for its coalition: the question set, the session codes and what the reader may do. */
export async function readConsultation(
  db: Db,
  consultation: LoadedConsultation,
  actor: SignedInUser,
): Promise<ConsultationOut> {
  const sessions = await db
    .select()
    .from(consultationSessions)
    .where(eq(consultationSessions.consultationId, consultation.id))
    .orderBy(consultationSessions.createdAt);
  const [pending] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consultationModeration)
    .where(
      and(
        eq(consultationModeration.consultationId, consultation.id),
        eq(consultationModeration.status, "pending"),
      ),
    );
  const target = organisationTarget(consultation.organisation);
  const summary = summarise(
    consultation,
    { id: consultation.organisation.id, name: consultation.organisation.name },
    await countParticipants(db, consultation),
  );
  return {
    ...summary,
    version: consultation.version,
    definition: consultation.definition,
    sessions: sessions.map((s) => ({
      id: s.id,
      code: s.code,
      label: s.label,
      country: s.countryCode,
      sharedDevice: s.sharedDevice,
    })),
    pendingModeration: pending?.n ?? 0,
    may: {
      design: can(actor, "consultation:design", target),
      moderate: can(actor, "consultation:moderate", target),
    },
  };
}

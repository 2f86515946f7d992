import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { assessmentEvents, users } from "../db/schema.ts";
import type { EventOut } from "./schemas.ts";

/** The workflow timeline of an assessment, oldest first: who moved it from which status to which, when and why. */
export async function listEvents(db: Db, assessmentId: string): Promise<EventOut[]> {
  const rows = await db
    .select({ event: assessmentEvents, actor: users.name })
    .from(assessmentEvents)
    .leftJoin(users, eq(users.id, assessmentEvents.actorId))
    .where(eq(assessmentEvents.assessmentId, assessmentId))
    .orderBy(asc(assessmentEvents.id));
  return rows.map(({ event, actor }) => ({
    id: event.id,
    from: event.fromStatus,
    to: event.toStatus,
    actor,
    reason: event.reason,
    answerCount: event.answerVersions ? Object.keys(event.answerVersions).length : null,
    at: event.createdAt.toISOString(),
  }));
}

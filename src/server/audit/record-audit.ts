import type { FastifyRequest } from "fastify";
import type { AuditAction } from "../api-schemas/audit.ts";
import type { Db } from "../db/connect.ts";
import { auditEvents } from "../db/schema.ts";

export type { AuditAction } from "../api-schemas/audit.ts";

/** Who did something: a signed-in user (id and e-mail), the command line, or an unknown person. */
export interface AuditActor {
  actorId?: string | null;
  /** The user's e-mail; as typed for a failed sign-in; "cli" for the command line. */
  actorEmail?: string | null;
  ip?: string | null;
}

export interface AuditEvent extends AuditActor {
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  country?: string | null;
  region?: string | null;
  outcome?: "success" | "failure";
  /** What else a reader needs (counts, file names, the roles before and after); never passwords or tokens. */
  details?: Record<string, unknown> | null;
}

/** The actor of the command line: no user, no address. */
export const CLI_ACTOR: AuditActor = { actorId: null, actorEmail: "cli", ip: null };

/**
 * Appends one event to the audit log. Call it with the transaction of the action it records,
 * so the event is written exactly when the action is (both or neither).
 */
export async function recordAudit(tx: Db, event: AuditEvent): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: event.actorId ?? null,
    actorEmail: event.actorEmail ?? null,
    ip: event.ip ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    country: event.country ?? null,
    region: event.region ?? null,
    outcome: event.outcome ?? "success",
    details: event.details ?? null,
  });
}

/** The actor of an HTTP request: the signed-in user (if any) and the client's address. */
export function auditActorOf(request: FastifyRequest): AuditActor {
  return {
    actorId: request.actor?.userId ?? null,
    actorEmail: request.actor?.email ?? null,
    ip: request.ip ?? null,
  };
}

/** The target fields of an event about one assessment: its id, country and region. */
export function auditTargetOf(assessment: { id: string; countryCode: string; regionCode: string | null }) {
  return {
    targetType: "assessment",
    targetId: assessment.id,
    country: assessment.countryCode,
    region: assessment.regionCode,
  };
}

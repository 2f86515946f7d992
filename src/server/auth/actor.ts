import { eq, inArray } from "drizzle-orm";
import type { Actor, Grant, ReviewRight, Role, ScopeType } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { preparedStatement, runPrepared } from "../db/prepared.ts";
import { roleAssignments, users, workingGroupReviewRights } from "../db/schema.ts";

export interface SignedInUser extends Actor {
  email: string;
  name: string;
  locale: string;
}

/** A user's columns and one of their grants (null columns when they have none): one row per grant. */
const actorColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  isAdmin: users.isAdmin,
  isActive: users.isActive,
  locale: users.locale,
  role: roleAssignments.role,
  scopeType: roleAssignments.scopeType,
  scopeCode: roleAssignments.scopeCode,
  sections: roleAssignments.sections,
};

type ActorRow = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  isActive: boolean;
  locale: string;
  role: string | null;
  scopeType: string | null;
  scopeCode: string | null;
  sections: string[] | null;
};

/** Folds the rows of one user (one per grant) into the signed-in user; undefined when absent or deactivated. */
function foldActor(rows: ActorRow[]): SignedInUser | undefined {
  const user = rows[0];
  if (!user?.isActive) return undefined;
  const grants: Grant[] = rows
    .filter((r) => r.role !== null)
    .map((r) => ({
      role: r.role as Role,
      scopeType: r.scopeType as ScopeType,
      scopeCode: r.scopeCode,
      sections: r.sections,
    }));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    locale: user.locale,
    grants,
  };
}

/** Loads an active user with their grants (one query); undefined when absent or deactivated. */
export async function loadActor(db: Db, userId: string): Promise<SignedInUser | undefined> {
  const rows = await db
    .select(actorColumns)
    .from(users)
    .leftJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(eq(users.id, userId));
  return withReviewRights(db, foldActor(rows));
}

/**
 * Adds the review rights of the working groups the person belongs to (one more query, only for
 * members of a group): a revoked right is gone from their next request.
 */
async function withReviewRights<T extends Actor>(db: Db, actor: T | undefined): Promise<T | undefined> {
  if (!actor) return actor;
  const groups = [
    ...new Set(actor.grants.filter((g) => g.scopeType === "group" && g.scopeCode).map((g) => g.scopeCode!)),
  ];
  if (!groups.length) return actor;
  const rows = await db
    .select()
    .from(workingGroupReviewRights)
    .where(inArray(workingGroupReviewRights.groupId, groups));
  if (!rows.length) return actor;
  const reviewRights: ReviewRight[] = rows.map((r) => ({
    groupId: r.groupId,
    scopeType: r.scopeType as ReviewRight["scopeType"],
    scopeCode: r.scopeCode,
    framework: r.frameworkId,
    sections: r.sections,
    themes: r.themes,
    recommendations: r.recommendationIds,
  }));
  return { ...actor, reviewRights };
}

export interface SessionActor {
  actor: SignedInUser;
  csrfToken: string;
  mustEnrolTwoFactor: boolean;
}

/**
 * The unexpired session of a stored session id with its active user and their
 * grants, in one query (the auth hook runs it on every API request);
 * undefined when there is no such session or the user is deactivated.
 */
export async function loadSessionActor(db: Db, sessionId: string): Promise<SessionActor | undefined> {
  const rows = await runPrepared<ActorRow & { csrfToken: string; mustEnrolTwoFactor: boolean }>(
    db,
    SESSION_ACTOR,
    [sessionId],
  );
  const actor = await withReviewRights(db, foldActor(rows));
  if (!actor) return undefined;
  return { actor, csrfToken: rows[0]!.csrfToken, mustEnrolTwoFactor: rows[0]!.mustEnrolTwoFactor };
}

/** sessions ⋈ users ⟕ role_assignments: one row per grant (a prepared statement: the hook runs it on every request). */
const SESSION_ACTOR = preparedStatement(
  "session_actor",
  ["text"],
  `select u.id, u.email, u.name, u.is_admin as "isAdmin", u.is_active as "isActive", u.locale,
    r.role, r.scope_type as "scopeType", r.scope_code as "scopeCode", r.sections,
    s.csrf_token as "csrfToken", s.must_enrol_two_factor as "mustEnrolTwoFactor"
  from sessions s
  join users u on u.id = s.user_id
  left join role_assignments r on r.user_id = u.id
  where s.id = $1 and s.expires_at > now()`,
);

import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { type Actor, can, type Grant, ROLE_ACTIONS, ROLES, type Target } from "../../core/index.ts";
import type { applicationBody } from "../api-schemas/network.ts";
import type { SignedInUser } from "../auth/actor.ts";
import type { Db } from "../db/connect.ts";
import { membershipApplications, roleAssignments, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { notify } from "../notifications/notify.ts";
import { recordHistory } from "./history.ts";
import { type Network, networkTarget } from "./load-network.ts";
import { createOrganisation } from "./save-organisation.ts";

type Application = typeof membershipApplications.$inferSelect;

/** The active people who may do `action` on a target (those a membership application goes to). */
export async function peopleWhoMay(db: Db, action: "network:manage", target: Target): Promise<string[]> {
  const roles = ROLES.filter((r) => ROLE_ACTIONS[r].includes(action));
  const rows = await db
    .select({
      userId: users.id,
      isAdmin: users.isAdmin,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeCode: roleAssignments.scopeCode,
    })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(users.isActive, true), inArray(roleAssignments.role, roles)));
  const actors = new Map<string, Actor>();
  for (const r of rows) {
    const actor = actors.get(r.userId) ?? { userId: r.userId, isAdmin: false, grants: [] as Grant[] };
    (actor.grants as Grant[]).push({
      role: r.role as Grant["role"],
      scopeType: r.scopeType as Grant["scopeType"],
      scopeCode: r.scopeCode,
    });
    actors.set(r.userId, actor);
  }
  // Administrators are told only when nobody else may decide, so a coalition's own coordinator hears first.
  const deciders = [...actors.values()].filter((a) => can(a, action, target)).map((a) => a.userId);
  if (deciders.length) return deciders;
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isAdmin, true), eq(users.isActive, true)));
  return admins.map((a) => a.id);
}

/** Files an application to join `parentId` and tells those who may decide it. Returns the id and the e-mails to send. */
export async function applyForMembership(
  tx: Db,
  network: Network,
  actor: SignedInUser,
  body: z.infer<typeof applicationBody>,
): Promise<{ id: string; outbox: string[] }> {
  const parent = network.rows.get(body.parentId);
  if (!parent)
    throw new UserError(`parentId: no organisation ${body.parentId}`, ["parentId: unknown organisation"]);
  if (parent.kind !== "coalition" && parent.kind !== "regional") {
    throw new UserError("parentId: apply to a coalition or to the regional network", [
      "parentId: not a network",
    ]);
  }
  const [row] = await tx
    .insert(membershipApplications)
    .values({ ...body, appliedBy: actor.userId })
    .returning({ id: membershipApplications.id });
  const deciders = await peopleWhoMay(tx, "network:manage", networkTarget(network, parent.id));
  const outbox = await notify(tx, {
    userIds: deciders,
    kind: "membership-application",
    payload: { applicationId: row!.id, organisation: body.name, parentId: parent.id },
    email: {
      subject: `${body.name} applies to join ${parent.name}`,
      text: `${actor.name} (${actor.email}) applies for ${body.name} to become a member of ${parent.name}.\n\n${body.motivation}\n\nApprove or refuse the application in Childmark, under Network.`,
    },
  });
  return { id: row!.id, outbox };
}

/** The applications the actor may decide, and those they filed themselves. */
export async function listApplications(db: Db, network: Network, actor: SignedInUser) {
  const rows = await db
    .select({ application: membershipApplications, applicant: users.name })
    .from(membershipApplications)
    .innerJoin(users, eq(users.id, membershipApplications.appliedBy))
    .orderBy(desc(membershipApplications.appliedAt));
  return rows
    .map(({ application, applicant }) => ({
      application,
      applicant,
      canDecide: can(actor, "network:manage", networkTarget(network, application.parentId)),
    }))
    .filter((r) => r.canDecide || r.application.appliedBy === actor.userId)
    .map((r) => presentApplication(network, r.application, r.applicant, r.canDecide));
}

function presentApplication(network: Network, a: Application, applicant: string, canDecide: boolean) {
  return {
    id: a.id,
    parentId: a.parentId,
    parentName: network.rows.get(a.parentId)?.name ?? "",
    name: a.name,
    countryCode: a.countryCode,
    website: a.website,
    contactEmail: a.contactEmail,
    themes: a.themes,
    motivation: a.motivation,
    appliedBy: applicant,
    appliedAt: a.appliedAt.toISOString(),
    status: a.status as "pending" | "approved" | "refused",
    reason: a.reason,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    organisationId: a.organisationId,
    canDecide: canDecide && a.status === "pending",
  };
}

/**
 * Approves an application (the organisation becomes a member of the coalition, and the applicant
 * its coordinator) or refuses it with a reason; the applicant is told either way.
 */
export async function decideApplication(
  tx: Db,
  application: Application,
  parentName: string,
  actor: SignedInUser,
  decision: { decision: "approve" | "refuse"; reason: string | null },
): Promise<string[]> {
  if (application.status !== "pending") {
    throw new UserError(`this application was already ${application.status}`, [], 409);
  }
  let organisationId: string | null = null;
  if (decision.decision === "approve") {
    organisationId = await createOrganisation(
      tx,
      {
        parentId: application.parentId,
        name: application.name,
        names: {},
        kind: "member",
        countryCode: application.countryCode,
        description: null,
        themes: application.themes,
        crcArticles: [],
        website: application.website,
        contactEmail: application.contactEmail,
        contactPhone: null,
        listedInDirectory: false,
        publishesContacts: false,
        publishesLogo: false,
        latitude: null,
        longitude: null,
      },
      actor.userId,
    );
    await recordHistory(tx, {
      organisationId,
      change: "application-approved",
      after: { applicationId: application.id, appliedAt: application.appliedAt.toISOString() },
      reason: decision.reason,
      changedBy: actor.userId,
    });
    await tx.insert(roleAssignments).values({
      userId: application.appliedBy,
      role: "coordinator",
      scopeType: "organisation",
      scopeCode: organisationId,
    });
    await tx
      .update(users)
      .set({ organisationId })
      .where(and(eq(users.id, application.appliedBy), eq(users.isActive, true)));
  }
  const status = decision.decision === "approve" ? "approved" : "refused";
  const [updated] = await tx
    .update(membershipApplications)
    .set({ status, reason: decision.reason, decidedBy: actor.userId, decidedAt: new Date(), organisationId })
    .where(and(eq(membershipApplications.id, application.id), eq(membershipApplications.status, "pending")))
    .returning({ id: membershipApplications.id });
  if (!updated) throw new UserError("this application was decided meanwhile", [], 409);
  const why = decision.reason ? `\n\nReason: ${decision.reason}` : "";
  return notify(tx, {
    userIds: [application.appliedBy],
    kind: `membership-${status}`,
    payload: {
      applicationId: application.id,
      organisation: application.name,
      organisationId,
      reason: decision.reason,
    },
    email: {
      subject: `${parentName} ${status} the application of ${application.name}`,
      text:
        status === "approved"
          ? `${application.name} is now a member of ${parentName}. You coordinate it in Childmark, under Network.${why}`
          : `${parentName} refused the application of ${application.name}.${why}`,
    },
  });
}

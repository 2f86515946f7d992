import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { type Action, can, type Target } from "../../core/index.ts";
import type { followBody, groupBody, meetingBody } from "../api-schemas/network.ts";
import type { SignedInUser } from "../auth/actor.ts";
import { requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import {
  indicators,
  recommendations,
  resultIndicators,
  roleAssignments,
  users,
  workingGroupDocuments,
  workingGroupFollows,
  workingGroupMeetings,
  workingGroupOrganisations,
  workingGroups,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { loadNetwork, type Network, networkTarget } from "./load-network.ts";

export type GroupRow = typeof workingGroups.$inferSelect;

/** Where a group lies for `can`: its organisation's place, and the group itself for its members' roles. */
export function groupTarget(network: Network, group: GroupRow): Target {
  return { ...networkTarget(network, group.organisationId), group: group.id };
}

/** The group if the caller may do `action` on it; 404 otherwise (absent or out of scope). */
export async function loadAuthorizedGroup(db: Db, request: FastifyRequest, id: string, action: Action) {
  const actor = requireActor(request);
  const [group] = await db.select().from(workingGroups).where(eq(workingGroups.id, id));
  if (!group) throw new UserError(`no working group ${id}`, [], 404);
  const network = await loadNetwork(db);
  if (!can(actor, action, groupTarget(network, group)))
    throw new UserError(`no working group ${id}`, [], 404);
  return { group, network, actor };
}

const inGroup = (groupId: string) =>
  and(eq(roleAssignments.scopeType, "group"), eq(roleAssignments.scopeCode, groupId));

/** Creates a working group of an organisation, with the organisations taking part and its creator as lead. */
export async function createGroup(
  tx: Db,
  network: Network,
  body: z.infer<typeof groupBody>,
  actorId: string,
) {
  const unknown = body.organisationIds.filter((id) => !network.rows.has(id));
  if (unknown.length) throw new UserError(`organisationIds: no organisation ${unknown.join(", ")}`);
  const { organisationIds, ...fields } = body;
  const [row] = await tx
    .insert(workingGroups)
    .values({ ...fields, createdBy: actorId })
    .returning({ id: workingGroups.id });
  const taking = [...new Set([body.organisationId, ...organisationIds])];
  await tx
    .insert(workingGroupOrganisations)
    .values(taking.map((organisationId) => ({ groupId: row!.id, organisationId })));
  await tx
    .insert(roleAssignments)
    .values({ userId: actorId, role: "coordinator", scopeType: "group", scopeCode: row!.id });
  return row!.id;
}

/** The groups the actor may read, with their size. */
export async function listGroups(db: Db, network: Network, actor: SignedInUser) {
  const rows = await db.select().from(workingGroups).orderBy(asc(workingGroups.name));
  const visible = rows.filter((g) => can(actor, "group:read", groupTarget(network, g)));
  if (!visible.length) return [];
  const ids = visible.map((g) => g.id);
  const members = await db
    .select({ id: roleAssignments.scopeCode, n: sql<number>`count(distinct ${roleAssignments.userId})::int` })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.scopeType, "group"), inArray(roleAssignments.scopeCode, ids)))
    .groupBy(roleAssignments.scopeCode);
  const documents = await db
    .select({
      id: workingGroupDocuments.groupId,
      n: sql<number>`count(distinct ${workingGroupDocuments.documentId})::int`,
    })
    .from(workingGroupDocuments)
    .where(inArray(workingGroupDocuments.groupId, ids))
    .groupBy(workingGroupDocuments.groupId);
  const count = (list: { id: string | null; n: number }[], id: string) =>
    list.find((r) => r.id === id)?.n ?? 0;
  return visible.map((g) => ({
    ...summaryOf(network, g),
    memberCount: count(members, g.id),
    documentCount: count(documents, g.id),
  }));
}

function summaryOf(network: Network, g: GroupRow) {
  return {
    id: g.id,
    name: g.name,
    kind: g.kind as "thematic" | "task",
    organisationId: g.organisationId,
    organisationName: network.rows.get(g.organisationId)?.name ?? "",
    themes: g.themes,
  };
}

/** A group's space: members, organisations, documents with their versions, meetings, what it follows. */
export async function readGroup(db: Db, network: Network, group: GroupRow, actor: SignedInUser) {
  const target = groupTarget(network, group);
  const members = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(inGroup(group.id))
    .orderBy(asc(users.name));
  const organisationRows = await db
    .select({ id: workingGroupOrganisations.organisationId })
    .from(workingGroupOrganisations)
    .where(eq(workingGroupOrganisations.groupId, group.id));
  const files = await db
    .select({ file: workingGroupDocuments, by: users.name })
    .from(workingGroupDocuments)
    .leftJoin(users, eq(users.id, workingGroupDocuments.uploadedBy))
    .where(eq(workingGroupDocuments.groupId, group.id))
    .orderBy(asc(workingGroupDocuments.title), desc(workingGroupDocuments.version));
  const documents = new Map<string, { documentId: string; title: string; versions: unknown[] }>();
  for (const { file, by } of files) {
    const doc = documents.get(file.documentId) ?? {
      documentId: file.documentId,
      title: file.title,
      versions: [],
    };
    doc.versions.push({
      fileId: file.id,
      version: file.version,
      fileName: file.fileName,
      mediaType: file.mediaType,
      fileSize: file.fileSize,
      uploadedBy: by,
      uploadedAt: file.uploadedAt.toISOString(),
    });
    documents.set(file.documentId, doc);
  }
  const meetings = await db
    .select()
    .from(workingGroupMeetings)
    .where(eq(workingGroupMeetings.groupId, group.id))
    .orderBy(desc(workingGroupMeetings.heldOn));
  const follows = await db
    .select()
    .from(workingGroupFollows)
    .where(eq(workingGroupFollows.groupId, group.id))
    .orderBy(asc(workingGroupFollows.createdAt));
  const people = new Map<string, { userId: string; name: string; email: string; lead: boolean }>();
  for (const m of members) {
    const person = people.get(m.userId) ?? { userId: m.userId, name: m.name, email: m.email, lead: false };
    person.lead ||= m.role === "coordinator";
    people.set(m.userId, person);
  }
  return {
    ...summaryOf(network, group),
    memberCount: people.size,
    documentCount: documents.size,
    description: group.description,
    dueOn: group.dueOn,
    organisations: organisationRows.map((o) => ({ id: o.id, name: network.rows.get(o.id)?.name ?? "" })),
    members: [...people.values()],
    documents: [...documents.values()] as never,
    meetings: meetings.map((m) => ({
      id: m.id,
      heldOn: m.heldOn,
      title: m.title,
      notes: m.notes,
      decisions: m.decisions,
    })),
    follows: follows.map((f) => ({ kind: f.kind as "recommendation", ref: f.ref, label: f.label })),
    canWrite: can(actor, "group:write", target),
    canManage: can(actor, "group:manage", target),
  };
}

/** Adds a person (by the e-mail of their account) to a group, as a member or its lead. */
export async function addGroupMember(tx: Db, groupId: string, body: { email: string; lead: boolean }) {
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, body.email.toLowerCase()), eq(users.isActive, true)));
  if (!user)
    throw new UserError(`email: nobody has an account with ${body.email}: invite them first`, [
      "email: no account",
    ]);
  await tx.delete(roleAssignments).where(and(eq(roleAssignments.userId, user.id), inGroup(groupId)));
  await tx.insert(roleAssignments).values({
    userId: user.id,
    role: body.lead ? "coordinator" : "contributor",
    scopeType: "group",
    scopeCode: groupId,
  });
  return user.id;
}

/** Takes a person out of a group; 404 when they are not in it. */
export async function removeGroupMember(tx: Db, groupId: string, userId: string) {
  const removed = await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), inGroup(groupId)))
    .returning({ id: roleAssignments.id });
  if (!removed.length) throw new UserError(`no member ${userId} in this group`, [], 404);
}

/** Records a meeting with its notes and decisions. */
export async function addMeeting(
  tx: Db,
  groupId: string,
  body: z.infer<typeof meetingBody>,
  actorId: string,
) {
  const [row] = await tx
    .insert(workingGroupMeetings)
    .values({ groupId, ...body, createdBy: actorId })
    .returning({ id: workingGroupMeetings.id });
  return row!.id;
}

/**
 * Follows a recommendation (its id), a framework indicator (its code) or a plan's indicator (its
 * id), each checked to exist; the label is the item's own text. Following twice changes nothing.
 */
export async function followItem(
  tx: Db,
  actor: SignedInUser,
  groupId: string,
  body: z.infer<typeof followBody>,
) {
  const label = await labelOf(tx, actor, body);
  await tx
    .insert(workingGroupFollows)
    .values({ groupId, ...body, label, createdBy: actor.userId })
    .onConflictDoNothing();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function labelOf(db: Db, actor: SignedInUser, body: z.infer<typeof followBody>): Promise<string> {
  const missing = () => new UserError(`ref: no ${body.kind} "${body.ref}"`, [`ref: unknown ${body.kind}`]);
  if (body.kind === "indicator") {
    const [row] = await db
      .select({ code: indicators.code })
      .from(indicators)
      .where(eq(indicators.code, body.ref))
      .limit(1);
    if (!row) throw missing();
    return row.code;
  }
  if (!UUID.test(body.ref)) throw missing();
  if (body.kind === "recommendation") {
    const [row] = await db
      .select({ text: recommendations.text, state: recommendations.stateName })
      .from(recommendations)
      .where(eq(recommendations.id, body.ref));
    if (!row) throw missing();
    const text = row.text.en ?? Object.values(row.text)[0] ?? "";
    return `${row.state}: ${text.slice(0, 160)}`;
  }
  const [row] = await db
    .select({ title: resultIndicators.title })
    .from(resultIndicators)
    .where(eq(resultIndicators.id, body.ref));
  // A plan is internal to its organisation's scope: following one needs the right to read plans somewhere.
  if (!row || !can(actor, "plan:read")) throw missing();
  return row.title.en ?? Object.values(row.title)[0] ?? body.ref;
}

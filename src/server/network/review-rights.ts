import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { can, type Target } from "../../core/index.ts";
import type { reviewRightBody } from "../api-schemas/network.ts";
import type { SignedInUser } from "../auth/actor.ts";
import type { Db } from "../db/connect.ts";
import {
  countries,
  frameworkNodes,
  frameworks,
  frameworkVersions,
  recommendations,
  regions,
  users,
  workingGroupReviewHistory,
  workingGroupReviewRights,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";

type Body = z.infer<typeof reviewRightBody>;
type RightRow = typeof workingGroupReviewRights.$inferSelect;

/**
 * Who may grant a working group review rights: those who manage the group through a role of
 * their own organisation, country, region or the platform (a group's lead alone may not give her
 * own group rights), over the group's own place only: a coalition's group reviews in the
 * coalition's country; a regional network's group in its region or one of its countries.
 */
export function mayGrantReview(actor: SignedInUser, groupTarget: Target): boolean {
  const outside = { ...actor, grants: actor.grants.filter((g) => g.scopeType !== "group"), reviewRights: [] };
  return can(outside, "group:manage", groupTarget);
}

/**
 * Checks the body against the group's place and the framework; 400 naming what to fix. Returns
 * the framework's id (`frameworkId` may name the framework or one of its versions).
 */
async function checkBody(db: Db, groupTarget: Target, body: Body): Promise<string | null> {
  if (body.scopeType === "country") {
    const [country] = await db
      .select({ region: countries.regionCode })
      .from(countries)
      .where(eq(countries.code, body.scopeCode));
    if (!country)
      throw new UserError(`scopeCode: no country ${body.scopeCode}`, ["scopeCode: unknown country"]);
    const inside = groupTarget.country
      ? groupTarget.country === body.scopeCode
      : !!groupTarget.region && country.region === groupTarget.region;
    if (!inside)
      throw new UserError(`scopeCode: ${body.scopeCode} is outside the group's organisation`, [
        "scopeCode: outside the group's organisation",
      ]);
  } else if (groupTarget.country || groupTarget.region !== body.scopeCode) {
    throw new UserError(
      `scopeCode: a group reviews in its organisation's own place; the region ${body.scopeCode} is not it`,
      ["scopeCode: outside the group's organisation"],
    );
  }
  let frameworkId: string | null = null;
  if (body.frameworkId) {
    const [framework] = await db
      .select({ id: frameworks.id })
      .from(frameworks)
      .where(eq(frameworks.id, body.frameworkId));
    const [version] = framework
      ? []
      : await db
          .select({ id: frameworkVersions.frameworkId })
          .from(frameworkVersions)
          .where(eq(frameworkVersions.id, body.frameworkId));
    frameworkId = framework?.id ?? version?.id ?? null;
    if (!frameworkId)
      throw new UserError(`frameworkId: no framework ${body.frameworkId}`, [
        "frameworkId: unknown framework",
      ]);
  }
  if (body.sections.length) {
    const found = await db
      .selectDistinct({ code: frameworkNodes.code })
      .from(frameworkNodes)
      .innerJoin(frameworkVersions, eq(frameworkVersions.id, frameworkNodes.versionId))
      .where(
        and(eq(frameworkVersions.frameworkId, frameworkId!), inArray(frameworkNodes.code, body.sections)),
      );
    const known = new Set(found.map((f) => f.code));
    const unknown = body.sections.filter((c) => !known.has(c));
    if (unknown.length)
      throw new UserError(
        `sections: no section ${unknown.join(", ")} in this framework`,
        unknown.map((c) => `sections: unknown section ${c}`),
      );
  }
  if (body.recommendationIds.length) {
    const found = await db
      .select({ id: recommendations.id })
      .from(recommendations)
      .where(inArray(recommendations.id, body.recommendationIds));
    const known = new Set(found.map((f) => f.id));
    const unknown = body.recommendationIds.filter((id) => !known.has(id));
    if (unknown.length)
      throw new UserError(
        `recommendationIds: no recommendation ${unknown.join(", ")}`,
        unknown.map((id) => `recommendationIds: unknown recommendation ${id}`),
      );
  }
  return frameworkId;
}

function valuesOf(body: Body, frameworkId: string | null) {
  return {
    scopeType: body.scopeType,
    scopeCode: body.scopeCode,
    frameworkId: body.sections.length ? frameworkId : null,
    sections: [...new Set(body.sections)],
    themes: [...new Set(body.themes)],
    recommendationIds: [...new Set(body.recommendationIds)],
  };
}

function snapshot(row: RightRow): Record<string, unknown> {
  return {
    scopeType: row.scopeType,
    scopeCode: row.scopeCode,
    frameworkId: row.frameworkId,
    sections: row.sections,
    themes: row.themes,
    recommendationIds: row.recommendationIds,
  };
}

/** Gives a group review rights, with its history entry. Call inside a transaction. */
export async function grantReview(tx: Db, groupId: string, groupTarget: Target, body: Body, actorId: string) {
  const frameworkId = await checkBody(tx, groupTarget, body);
  const [row] = await tx
    .insert(workingGroupReviewRights)
    .values({ groupId, ...valuesOf(body, frameworkId), createdBy: actorId })
    .returning();
  await tx.insert(workingGroupReviewHistory).values({
    groupId,
    rightId: row!.id,
    change: "granted",
    after: snapshot(row!),
    changedBy: actorId,
  });
  return row!.id;
}

async function loadRight(tx: Db, groupId: string, rightId: string): Promise<RightRow> {
  const [row] = await tx
    .select()
    .from(workingGroupReviewRights)
    .where(and(eq(workingGroupReviewRights.id, rightId), eq(workingGroupReviewRights.groupId, groupId)));
  if (!row) throw new UserError(`no review right ${rightId} in this group`, [], 404);
  return row;
}

/** Changes a group's review right (its place, sections, themes, recommendations). Call inside a transaction. */
export async function changeReview(
  tx: Db,
  groupId: string,
  rightId: string,
  groupTarget: Target,
  body: Body,
  actorId: string,
) {
  const before = await loadRight(tx, groupId, rightId);
  const frameworkId = await checkBody(tx, groupTarget, body);
  const [row] = await tx
    .update(workingGroupReviewRights)
    .set({ ...valuesOf(body, frameworkId), updatedAt: new Date() })
    .where(eq(workingGroupReviewRights.id, rightId))
    .returning();
  await tx.insert(workingGroupReviewHistory).values({
    groupId,
    rightId,
    change: "changed",
    before: snapshot(before),
    after: snapshot(row!),
    changedBy: actorId,
  });
}

/** Revokes a group's review right: its members lose it from their next request. Call inside a transaction. */
export async function revokeReview(tx: Db, groupId: string, rightId: string, actorId: string) {
  const before = await loadRight(tx, groupId, rightId);
  await tx.delete(workingGroupReviewRights).where(eq(workingGroupReviewRights.id, rightId));
  await tx.insert(workingGroupReviewHistory).values({
    groupId,
    rightId,
    change: "revoked",
    before: snapshot(before),
    changedBy: actorId,
  });
}

/** A group's review rights and their history (newest first, with who made each change). */
export async function readReviewRights(db: Db, groupId: string) {
  const rows = await db
    .select({ right: workingGroupReviewRights, frameworkCode: frameworks.code })
    .from(workingGroupReviewRights)
    .leftJoin(frameworks, eq(frameworks.id, workingGroupReviewRights.frameworkId))
    .where(eq(workingGroupReviewRights.groupId, groupId))
    .orderBy(asc(workingGroupReviewRights.createdAt), asc(workingGroupReviewRights.id));
  const history = await db
    .select({ row: workingGroupReviewHistory, who: users.name })
    .from(workingGroupReviewHistory)
    .leftJoin(users, eq(users.id, workingGroupReviewHistory.changedBy))
    .where(eq(workingGroupReviewHistory.groupId, groupId))
    .orderBy(desc(workingGroupReviewHistory.id));
  const places = await readPlaceNames(
    db,
    rows.map((r) => r.right),
  );
  const labels = await readSectionLabels(
    db,
    rows.flatMap((r) => r.right.frameworkId ?? []),
  );
  return {
    rights: rows.map(({ right, frameworkCode }) => ({
      id: right.id,
      scopeType: right.scopeType as "country" | "region",
      scopeCode: right.scopeCode,
      scopeName: places.get(`${right.scopeType}:${right.scopeCode}`) ?? null,
      frameworkId: right.frameworkId,
      frameworkCode,
      sections: right.sections,
      sectionLabels: right.sections.map(
        (code) => (right.frameworkId && labels.get(`${right.frameworkId}:${code}`)) || { en: code },
      ),
      themes: right.themes,
      recommendationIds: right.recommendationIds,
      updatedAt: right.updatedAt.toISOString(),
    })),
    history: history.map(({ row, who }) => ({
      rightId: row.rightId,
      change: row.change as "granted" | "changed" | "revoked",
      before: row.before,
      after: row.after,
      changedBy: who,
      changedAt: row.changedAt.toISOString(),
    })),
  };
}

/** The names of the countries and regions rights are given over, by `type:code`. */
async function readPlaceNames(
  db: Db,
  rights: readonly { scopeType: string; scopeCode: string }[],
): Promise<Map<string, Record<string, string>>> {
  const codes = (type: string) => [
    ...new Set(rights.filter((r) => r.scopeType === type).map((r) => r.scopeCode)),
  ];
  const names = new Map<string, Record<string, string>>();
  const countryCodes = codes("country");
  if (countryCodes.length) {
    for (const c of await db
      .select({ code: countries.code, name: countries.name })
      .from(countries)
      .where(inArray(countries.code, countryCodes)))
      names.set(`country:${c.code}`, c.name);
  }
  const regionCodes = codes("region");
  if (regionCodes.length) {
    for (const r of await db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(inArray(regions.code, regionCodes)))
      names.set(`region:${r.code}`, r.name);
  }
  return names;
}

/** The labels of the frameworks' nodes (their newest version's), by `frameworkId:code`. */
async function readSectionLabels(
  db: Db,
  frameworkIds: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const labels = new Map<string, Record<string, string>>();
  if (!frameworkIds.length) return labels;
  const nodes = await db
    .select({
      frameworkId: frameworkVersions.frameworkId,
      code: frameworkNodes.code,
      label: frameworkNodes.label,
    })
    .from(frameworkNodes)
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, frameworkNodes.versionId))
    .where(inArray(frameworkVersions.frameworkId, [...new Set(frameworkIds)]))
    .orderBy(asc(frameworkVersions.createdAt));
  // Oldest version first: a newer version's label replaces an older one's.
  for (const n of nodes) labels.set(`${n.frameworkId}:${n.code}`, n.label);
  return labels;
}

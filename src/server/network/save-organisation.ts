import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { checkStatusChange, type MembershipStatus, STATUS_DATE } from "../../core/index.ts";
import type { organisationFields, statusBody } from "../api-schemas/network.ts";
import type { Db } from "../db/connect.ts";
import { countries, organisations } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { recordHistory } from "./history.ts";
import type { OrganisationRow } from "./load-network.ts";

type Fields = z.infer<typeof organisationFields>;
const today = () => new Date().toISOString().slice(0, 10);

/** The fields the history keeps of a profile (what changed, before and after). */
export function profileOf(row: Partial<OrganisationRow>): Record<string, unknown> {
  const {
    name,
    names,
    kind,
    countryCode,
    description,
    themes,
    crcArticles,
    website,
    contactEmail,
    contactPhone,
  } = row;
  const { listedInDirectory, publishesContacts, publishesLogo, latitude, longitude } = row;
  return {
    name,
    names,
    kind,
    countryCode,
    description,
    themes,
    crcArticles,
    website,
    contactEmail,
    contactPhone,
    listedInDirectory,
    publishesContacts,
    publishesLogo,
    latitude,
    longitude,
  };
}

export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

async function assertCountry(tx: Db, code: string | null): Promise<void> {
  if (!code) return;
  const [row] = await tx.select({ code: countries.code }).from(countries).where(eq(countries.code, code));
  if (!row) throw new UserError(`countryCode: unknown country "${code}"`, [`countryCode: unknown country`]);
}

/** Adds an organisation below `parentId` as a member (joined today); the first line of its history. */
export async function createOrganisation(
  tx: Db,
  fields: Fields & { parentId: string },
  actorId: string,
  status: MembershipStatus = "member",
): Promise<string> {
  await assertCountry(tx, fields.countryCode);
  const [row] = await tx
    .insert(organisations)
    .values({ ...fields, status, [STATUS_DATE[status]]: today() })
    .returning();
  await recordHistory(tx, {
    organisationId: row!.id,
    change: "created",
    after: { ...profileOf(row!), status },
    changedBy: actorId,
  });
  return row!.id;
}

/** Changes an organisation's profile if nobody changed it since `expectedVersion` (409 otherwise). */
export async function updateOrganisation(
  tx: Db,
  current: OrganisationRow,
  fields: Fields & { expectedVersion: number },
  actorId: string,
): Promise<number> {
  const { expectedVersion, ...values } = fields;
  await assertCountry(tx, values.countryCode);
  const [row] = await tx
    .update(organisations)
    .set({ ...values, version: expectedVersion + 1 })
    .where(and(eq(organisations.id, current.id), eq(organisations.version, expectedVersion)))
    .returning();
  if (!row) throw staleVersion(expectedVersion);
  const diff = changedFields(profileOf(current), profileOf(row));
  await recordHistory(tx, { organisationId: current.id, change: "updated", ...diff, changedBy: actorId });
  return row.version;
}

/** Moves a membership to another status (applied, member, suspended, left), with its date and reason. */
export async function changeStatus(
  tx: Db,
  current: OrganisationRow,
  body: z.infer<typeof statusBody>,
  actorId: string,
): Promise<number> {
  const from = current.status as MembershipStatus;
  const problem = checkStatusChange(from, body.status, body.reason);
  if (problem) throw new UserError(problem, [problem]);
  const [row] = await tx
    .update(organisations)
    .set({ status: body.status, [STATUS_DATE[body.status]]: today(), version: body.expectedVersion + 1 })
    .where(and(eq(organisations.id, current.id), eq(organisations.version, body.expectedVersion)))
    .returning({ version: organisations.version });
  if (!row) throw staleVersion(body.expectedVersion);
  await recordHistory(tx, {
    organisationId: current.id,
    change: "status",
    before: { status: from },
    after: { status: body.status },
    reason: body.reason,
    changedBy: actorId,
  });
  return row.version;
}

export function staleVersion(expected: number): UserError {
  return new UserError(
    `someone changed this organisation since version ${expected}: reload it and make your change again`,
    [],
    409,
  );
}

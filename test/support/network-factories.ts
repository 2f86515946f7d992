import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../src/server/db/connect.ts";
import {
  membershipApplications,
  organisations,
  roleAssignments,
  workingGroupDocuments,
  workingGroupOrganisations,
  workingGroups,
} from "../../src/server/db/schema.ts";
import { uploadsDir } from "../../src/server/evidence/uploads-dir.ts";
import { buildUser, type Session, signInAs } from "./factories.ts";

export interface BuiltNetwork {
  regionalId: string;
  coalitionId: string;
  /** A member organisation of the coalition, listed in the directory without its contacts or its logo. */
  memberId: string;
  groupId: string;
  /** One version of a document of the group (a small PDF in the uploads folder). */
  fileId: string;
  /** A pending application to join the coalition. */
  applicationId: string;
}

/**
 * A regional network over a country's coalition with one member, a working group of the
 * coalition with a document, and a pending application to join the coalition. `ids` fixes the
 * ids (so personas' grants can name them before the network exists); `secret` goes into the
 * member's unpublished contacts and the group's document.
 */
export async function buildNetwork(
  db: Db,
  options: {
    country: string;
    region: string;
    applicantId: string;
    secret?: string;
    ids?: Partial<BuiltNetwork>;
    /** False to leave the uploads folder untouched (the document's row then names a missing file). */
    writeFile?: boolean;
  },
): Promise<BuiltNetwork> {
  const { country, region, ids = {}, secret = "internal" } = options;
  const insert = async (values: typeof organisations.$inferInsert) => {
    const [row] = await db.insert(organisations).values(values).returning({ id: organisations.id });
    return row!.id;
  };
  const regionalId = await insert({
    id: ids.regionalId,
    name: `Network ${region}`,
    kind: "regional",
    regionCode: region,
    listedInDirectory: true,
  });
  const coalitionId = await insert({
    id: ids.coalitionId,
    name: `Coalition ${country}`,
    kind: "coalition",
    countryCode: country,
    parentId: regionalId,
    listedInDirectory: true,
  });
  const logoPath = `network-logo-${randomUUID()}.png`;
  const memberId = await insert({
    id: ids.memberId,
    name: `Member NGO ${country}`,
    kind: "member",
    countryCode: country,
    parentId: coalitionId,
    listedInDirectory: true,
    publishesContacts: false,
    contactEmail: "director@member.example.org",
    contactPhone: `${secret} +373 22 000 000`,
    // A logo it has not chosen to publish, the secret in its bytes.
    logoPath,
    logoMediaType: "image/png",
    logoSize: 40,
    logoSha256: "0".repeat(64),
    publishesLogo: false,
  });
  const [group] = await db
    .insert(workingGroups)
    .values({
      id: ids.groupId,
      organisationId: coalitionId,
      name: "Violence against children",
      kind: "thematic",
    })
    .returning({ id: workingGroups.id });
  await db.insert(workingGroupOrganisations).values({ groupId: group!.id, organisationId: coalitionId });
  const filePath = `network-${group!.id}.pdf`;
  if (options.writeFile !== false) {
    mkdirSync(uploadsDir(), { recursive: true });
    writeFileSync(join(uploadsDir(), filePath), `%PDF-1.4\n% ${secret} minutes\n%%EOF\n`);
    writeFileSync(join(uploadsDir(), logoPath), `\x89PNG\r\n\x1a\n${secret} logo`, "latin1");
  }
  const [file] = await db
    .insert(workingGroupDocuments)
    .values({
      id: ids.fileId,
      groupId: group!.id,
      documentId: crypto.randomUUID(),
      version: 1,
      title: `${secret} minutes`,
      filePath,
      fileName: "minutes.pdf",
      mediaType: "application/pdf",
      fileSize: 30,
      sha256: "0".repeat(64),
    })
    .returning({ id: workingGroupDocuments.id });
  const [application] = await db
    .insert(membershipApplications)
    .values({
      id: ids.applicationId,
      parentId: coalitionId,
      name: `Applicant NGO ${country}`,
      countryCode: country,
      contactEmail: "apply@applicant.example.org",
      motivation: `${secret} motivation`,
      appliedBy: options.applicantId,
    })
    .returning({ id: membershipApplications.id });
  return {
    regionalId,
    coalitionId,
    memberId,
    groupId: group!.id,
    fileId: file!.id,
    applicationId: application!.id,
  };
}

/** Makes a user a member (or the lead) of a working group. */
export async function joinGroup(db: Db, userId: string, groupId: string, lead = false): Promise<void> {
  await db
    .insert(roleAssignments)
    .values({ userId, role: lead ? "coordinator" : "contributor", scopeType: "group", scopeCode: groupId });
}

/** A new account coordinating one organisation (a role scoped to it), signed in. */
export async function signInCoordinatorOf(
  app: FastifyInstance,
  db: Db,
  organisationId: string,
): Promise<Session> {
  return signInAs(
    app,
    await buildUser(db, {
      grants: [{ role: "coordinator", scopeType: "organisation", scopeCode: organisationId }],
    }),
  );
}

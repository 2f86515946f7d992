import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import {
  frameworkNodes,
  frameworks,
  frameworkVersions,
  membershipApplications,
  organisationHistory,
  organisations,
  roleAssignments,
  users,
  workingGroupDocuments,
  workingGroupMeetings,
  workingGroupOrganisations,
  workingGroupReviewHistory,
  workingGroupReviewRights,
  workingGroups,
} from "../db/schema.ts";
import { storeFile } from "../evidence/store-file.ts";
import { CHILDPACT_REGION } from "../reference/countries.ts";
import { DEMO_COUNTRIES } from "./demo-countries.ts";
import { demoPdf } from "./demo-evidence.ts";
import { demoLogoPng } from "./demo-logos.ts";

/** Invented member organisations of each demo coalition (kinds of NGO such coalitions count). */
const MEMBER_KINDS = [
  { suffix: "Children's Rights Centre", themes: ["violence", "justice"], articles: [19, 37, 40] },
  { suffix: "Family Support Foundation", themes: ["alternative care", "family"], articles: [9, 20, 21] },
  { suffix: "Youth Participation Network", themes: ["participation"], articles: [12, 13] },
];

/**
 * The demo's network (all invented beside the coalitions' real names): ChildPact as the regional
 * network over the ten national coalitions, two to three member NGOs each (a few listed in the
 * public directory), a published logo for the network and each coalition, two working groups of
 * the network with documents and a meeting (Moldova's areas below the country are loaded with
 * their assessments, see demo/demo-areas.ts). Call after the coalitions exist.
 */
export async function loadDemoNetwork(tx: Db, adminId: string): Promise<void> {
  // The regional network exists already (its strategic plan is in the Results demo): complete its profile.
  const profile = {
    names: { fr: "ChildPact — Coalition régionale pour la protection de l'enfance" },
    status: "member",
    description:
      "The regional network of national child-rights coalitions of the Balkans, the Black Sea and the Caucasus.",
    themes: ["child protection", "advocacy", "monitoring"],
    website: "https://www.childpact.org",
    listedInDirectory: true,
    joinedOn: "2011-01-01",
    latitude: 50.85,
    longitude: 4.35,
  };
  const [existing] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, "regional"), eq(organisations.regionCode, CHILDPACT_REGION.code)));
  const [childpact] = existing
    ? await tx
        .update(organisations)
        .set(profile)
        .where(eq(organisations.id, existing.id))
        .returning({ id: organisations.id })
    : await tx
        .insert(organisations)
        .values({
          name: "ChildPact — Regional Coalition for Child Protection",
          kind: "regional",
          regionCode: CHILDPACT_REGION.code,
          ...profile,
        })
        .returning({ id: organisations.id });
  const regionalId = childpact!.id;
  const coalitions = await tx
    .select({ id: organisations.id, name: organisations.name, country: organisations.countryCode })
    .from(organisations)
    .where(
      inArray(
        organisations.countryCode,
        DEMO_COUNTRIES.map((c) => c.code),
      ),
    );
  await tx
    .update(organisations)
    .set({
      parentId: regionalId,
      joinedOn: "2011-06-01",
      listedInDirectory: true,
      themes: ["child protection", "advocacy"],
    })
    .where(
      inArray(
        organisations.id,
        coalitions.map((c) => c.id),
      ),
    );
  const members: (typeof organisations.$inferInsert)[] = [];
  coalitions.forEach((coalition, i) => {
    const country = DEMO_COUNTRIES.find((c) => c.code === coalition.country)!;
    const count = i % 2 === 0 ? 3 : 2;
    for (const [j, kind] of MEMBER_KINDS.slice(0, count).entries()) {
      members.push({
        name: `${country.name.en} ${kind.suffix} (demo)`,
        kind: "member",
        countryCode: country.code,
        parentId: coalition.id,
        themes: kind.themes,
        crcArticles: kind.articles,
        status: j === 2 && i % 4 === 0 ? "suspended" : "member",
        joinedOn: `${2014 + j}-03-01`,
        contactEmail: `office@${country.code.toLowerCase()}-member-${j + 1}.example.org`,
        contactPhone: "+000 000 000",
        website: `https://${country.code.toLowerCase()}-member-${j + 1}.example.org`,
        listedInDirectory: j === 0,
        publishesContacts: j === 0 && i % 3 === 0,
      });
    }
  });
  const inserted = await tx
    .insert(organisations)
    .values(members)
    .returning({ id: organisations.id, status: organisations.status });
  await tx.insert(organisationHistory).values([
    ...inserted.map((m) => ({
      organisationId: m.id,
      change: "created",
      after: { status: "member" },
      changedBy: adminId,
    })),
    ...inserted
      .filter((m) => m.status === "suspended")
      .map((m) => ({
        organisationId: m.id,
        change: "status",
        before: { status: "member" },
        after: { status: "suspended" },
        reason: "Membership fees unpaid for two years (demo)",
        changedBy: adminId,
      })),
  ]);
  const groupIds = await loadDemoGroups(
    tx,
    adminId,
    regionalId,
    coalitions.map((c) => c.id),
  );
  await loadDemoPeople(tx, coalitions, groupIds);
  if (groupIds[0]) await loadDemoReviewRights(tx, adminId, groupIds[0]);
  await loadDemoLogos(tx, [regionalId, ...coalitions.map((c) => c.id)]);
}

/**
 * Review rights of the "Violence against children" group: in Moldova, the framework's section on
 * the UNCRC child-protection articles and the recommendations on violence, given by the admin.
 */
async function loadDemoReviewRights(tx: Db, adminId: string, groupId: string) {
  if (!DEMO_COUNTRIES.some((c) => c.code === "MD")) return;
  const [section] = await tx
    .select({ frameworkId: frameworks.id, code: frameworkNodes.code })
    .from(frameworkNodes)
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, frameworkNodes.versionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(frameworkNodes.code, "articles"))
    .orderBy(asc(frameworks.createdAt))
    .limit(1);
  const right = {
    scopeType: "country",
    scopeCode: "MD",
    frameworkId: section?.frameworkId ?? null,
    sections: section ? [section.code] : [],
    themes: ["violence"],
    recommendationIds: [] as string[],
  };
  const [row] = await tx
    .insert(workingGroupReviewRights)
    .values({ groupId, ...right, createdBy: adminId })
    .returning({ id: workingGroupReviewRights.id });
  await tx
    .insert(workingGroupReviewHistory)
    .values({ groupId, rightId: row!.id, change: "granted", after: right, changedBy: adminId });
}

/** A published logo for the regional network and each coalition: a badge of its own colour. */
async function loadDemoLogos(tx: Db, ids: string[]) {
  for (const [i, id] of ids.entries()) {
    const stored = await storeFile(demoLogoPng((i * 137) % 360));
    await tx
      .update(organisations)
      .set({
        logoPath: stored.path,
        logoMediaType: "image/png",
        logoSize: stored.size,
        logoSha256: stored.sha256,
        publishesLogo: true,
      })
      .where(eq(organisations.id, id));
  }
}

/**
 * Invented people of the coalitions (no password: they cannot sign in) in the two working groups,
 * one leading each, and one person whose organisation applies to join Moldova's coalition.
 */
const DEMO_PEOPLE = [
  { name: "Elena Rusu (demo)", country: "MD", groups: [0, 1], lead: 0 },
  { name: "Nino Beridze (demo)", country: "GE", groups: [0], lead: null },
  { name: "Armen Petrosyan (demo)", country: "AM", groups: [0, 1], lead: 1 },
  { name: "Ana Kovačević (demo)", country: "BA", groups: [1], lead: null },
  { name: "Ivan Georgiev (demo)", country: "BG", groups: [0], lead: null },
] as const;

async function loadDemoPeople(
  tx: Db,
  coalitions: { id: string; country: string | null }[],
  groupIds: string[],
) {
  const coalitionOf = (country: string) => coalitions.find((c) => c.country === country)?.id ?? null;
  const people = DEMO_PEOPLE.filter((p) => coalitionOf(p.country));
  if (!people.length) return;
  const rows = await tx
    .insert(users)
    .values(
      people.map((p) => ({
        name: p.name,
        email: `${p.name.split(" ")[0]!.toLowerCase()}@${p.country.toLowerCase()}-coalition.example.org`,
        organisationId: coalitionOf(p.country),
      })),
    )
    .returning({ id: users.id });
  await tx.insert(roleAssignments).values(
    people.flatMap((p, i) =>
      p.groups
        .filter((g) => groupIds[g])
        .map((g) => ({
          userId: rows[i]!.id,
          role: p.lead === g ? "coordinator" : "contributor",
          scopeType: "group",
          scopeCode: groupIds[g]!,
        })),
    ),
  );
  const moldova = coalitionOf("MD");
  if (!moldova) return;
  const [applicant] = await tx
    .insert(users)
    .values({ name: "Olga Ciobanu (demo)", email: "olga@md-applicant.example.org" })
    .returning({ id: users.id });
  await tx.insert(membershipApplications).values({
    parentId: moldova,
    name: "Moldova Street Children Outreach (demo)",
    countryCode: "MD",
    website: "https://md-applicant.example.org",
    contactEmail: "olga@md-applicant.example.org",
    themes: ["street children", "participation"],
    motivation:
      "We run outreach for children living and working on the street in Chișinău and Bălți and want to bring their situation into the coalition's monitoring and alternative reports.",
    appliedBy: applicant!.id,
  });
}

async function loadDemoGroups(
  tx: Db,
  adminId: string,
  regionalId: string,
  coalitionIds: string[],
): Promise<string[]> {
  const ids: string[] = [];
  const groups = [
    {
      name: "Violence against children",
      kind: "thematic",
      description:
        "Follows the recommendations on violence (UNCRC article 19) and compares the coalitions' evidence.",
      themes: ["violence"],
      documents: ["Terms of reference", "Evidence map 2025"],
      meeting: {
        heldOn: "2026-02-12",
        title: "Kick-off meeting (online)",
        notes:
          "Coalitions presented their monitoring of article 19. Six coalitions share data on reported cases.",
        decisions: ["Use one template for case data", "Draft the evidence map by April"],
      },
    },
    {
      name: "Alternative report 2026",
      kind: "task",
      description: "Writes the network's contribution to the UPR alternative reports due in 2026.",
      themes: ["reporting"],
      dueOn: "2026-09-30",
      documents: ["Report outline"],
      meeting: {
        heldOn: "2026-03-05",
        title: "Outline review",
        notes: "Chapters assigned to the coalitions of Moldova, Georgia and Armenia.",
        decisions: ["First draft by 15 May"],
      },
    },
  ];
  for (const g of groups) {
    const [row] = await tx
      .insert(workingGroups)
      .values({
        organisationId: regionalId,
        name: g.name,
        kind: g.kind,
        description: g.description,
        themes: g.themes,
        dueOn: g.dueOn ?? null,
        createdBy: adminId,
      })
      .returning({ id: workingGroups.id });
    const groupId = row!.id;
    ids.push(groupId);
    await tx
      .insert(workingGroupOrganisations)
      .values(
        [regionalId, ...coalitionIds.slice(0, 5)].map((organisationId) => ({ groupId, organisationId })),
      );
    for (const title of g.documents) {
      const bytes = demoPdf(`${g.name}: ${title}`);
      const stored = await storeFile(bytes);
      await tx.insert(workingGroupDocuments).values({
        groupId,
        documentId: crypto.randomUUID(),
        version: 1,
        title,
        filePath: stored.path,
        fileName: `${title.toLowerCase().replaceAll(" ", "-")}.pdf`,
        mediaType: "application/pdf",
        fileSize: stored.size,
        sha256: stored.sha256,
        uploadedBy: adminId,
      });
    }
    await tx.insert(workingGroupMeetings).values({ groupId, ...g.meeting, createdBy: adminId });
  }
  return ids;
}

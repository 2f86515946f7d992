import { z } from "zod";
import { MEMBERSHIP_STATUSES, ORGANISATION_KINDS, ROLES } from "../../core/index.ts";
import { isoDate } from "./results.ts";

/*
 * The network: organisations with their membership, people and history; membership
 * applications; working groups with documents, meetings and followed items; areas below the
 * country; the public directory. Request and response shapes of /api/network and
 * /api/public/directory.
 */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().default(null);
const themes = z.array(text(60).min(1)).max(30).default([]);
const website = z
  .url({ protocol: /^https?$/, error: "give a web address starting with http:// or https://" })
  .max(300)
  .nullable()
  .default(null);

export const organisationParams = z.object({ id: z.uuid() });
export const personParams = organisationParams.extend({ userId: z.uuid() });

/** What an organisation says about itself; the same fields on creation and on change. */
export const organisationFields = z.object({
  name: text(200).min(1, "give the organisation's name"),
  names: z.record(z.string().min(2).max(35), text(200)).default({}),
  kind: z.enum(ORGANISATION_KINDS),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, "a country code of two capital letters")
    .nullable()
    .default(null),
  description: optionalText(4000),
  themes,
  crcArticles: z.array(z.number().int().min(1).max(54)).max(54).default([]),
  website,
  contactEmail: z.email().max(200).nullable().default(null),
  contactPhone: optionalText(60),
  listedInDirectory: z.boolean().default(false),
  publishesContacts: z.boolean().default(false),
  /** With `listedInDirectory`: its logo appears there too. */
  publishesLogo: z.boolean().default(false),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
});
export const organisationCreateBody = organisationFields.extend({
  /** The coalition or network it is a member of. */
  parentId: z.uuid(),
});
export const organisationUpdateBody = organisationFields.extend({ expectedVersion: z.number().int().min(1) });
export const statusBody = z.object({
  status: z.enum(MEMBERSHIP_STATUSES),
  reason: optionalText(2000),
  expectedVersion: z.number().int().min(1),
});

export const organisationSummaryOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  parentId: z.uuid().nullable(),
  countryCode: z.string().nullable(),
  status: z.enum(MEMBERSHIP_STATUSES),
  themes: z.array(z.string()),
  listedInDirectory: z.boolean(),
  memberCount: z.number().int(),
  canManage: z.boolean(),
});

export const organisationOut = organisationSummaryOut.extend({
  names: z.record(z.string(), z.string()),
  parentName: z.string().nullable(),
  description: z.string().nullable(),
  crcArticles: z.array(z.number()),
  website: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  publishesContacts: z.boolean(),
  publishesLogo: z.boolean(),
  /** Its logo (shown from `/api/network/organisations/{id}/logo`), or null. */
  logo: z.object({ mediaType: z.string(), size: z.number().int(), sha256: z.string() }).nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  appliedOn: z.string().nullable(),
  joinedOn: z.string().nullable(),
  suspendedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  version: z.number().int(),
  /** The statuses it may move to now (empty for those who may not manage it). */
  nextStatuses: z.array(z.enum(MEMBERSHIP_STATUSES)),
  members: z.array(organisationSummaryOut),
});

export const historyOut = z.object({
  change: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});

export const personOut = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(ROLES)),
});
export const peopleOut = z.object({
  people: z.array(personOut),
  /** Invitations sent and not yet accepted. */
  invited: z.array(z.object({ email: z.string(), role: z.enum(ROLES), expiresAt: z.string() })),
  /** The roles you may give in this organisation. */
  grantableRoles: z.array(z.enum(ROLES)),
});
export const inviteBody = z.object({ email: z.email().max(200), role: z.enum(ROLES) });
export const roleBody = z.object({ role: z.enum(ROLES) });

export const applicationBody = z.object({
  parentId: z.uuid(),
  name: text(200).min(1, "give your organisation's name"),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .default(null),
  website,
  contactEmail: z.email().max(200),
  themes,
  motivation: text(4000).min(1, "say why your organisation wants to join"),
});
export const applicationParams = z.object({ id: z.uuid() });
export const decisionBody = z
  .object({ decision: z.enum(["approve", "refuse"]), reason: optionalText(2000) })
  .refine((d) => d.decision === "approve" || !!d.reason, {
    message: "give the reason for refusing: the applicant is told",
    path: ["reason"],
  });
export const applicationOut = z.object({
  id: z.uuid(),
  parentId: z.uuid(),
  parentName: z.string(),
  name: z.string(),
  countryCode: z.string().nullable(),
  website: z.string().nullable(),
  contactEmail: z.string(),
  themes: z.array(z.string()),
  motivation: z.string(),
  appliedBy: z.string(),
  appliedAt: z.string(),
  status: z.enum(["pending", "approved", "refused"]),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  canDecide: z.boolean(),
});

export const groupParams = z.object({ id: z.uuid() });
export const groupMemberParams = groupParams.extend({ userId: z.uuid() });
export const groupFileParams = groupParams.extend({ fileId: z.uuid() });
export const groupBody = z.object({
  organisationId: z.uuid(),
  name: text(200).min(1, "give the group a name"),
  kind: z.enum(["thematic", "task"]),
  description: text(4000).default(""),
  themes,
  dueOn: isoDate.nullable().default(null),
  organisationIds: z.array(z.uuid()).max(200).default([]),
});
export const groupMemberBody = z.object({ email: z.email().max(200), lead: z.boolean().default(false) });
export const meetingBody = z.object({
  heldOn: isoDate,
  title: text(200).min(1, "give the meeting a title"),
  notes: text(20000).default(""),
  decisions: z.array(text(2000).min(1)).max(100).default([]),
});
export const FOLLOW_KINDS = ["recommendation", "indicator", "plan-indicator"] as const;
export const followBody = z.object({ kind: z.enum(FOLLOW_KINDS), ref: text(100).min(1) });

export const groupSummaryOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(["thematic", "task"]),
  organisationId: z.uuid(),
  organisationName: z.string(),
  themes: z.array(z.string()),
  memberCount: z.number().int(),
  documentCount: z.number().int(),
});
export const groupDocumentOut = z.object({
  documentId: z.uuid(),
  title: z.string(),
  versions: z.array(
    z.object({
      fileId: z.uuid(),
      version: z.number().int(),
      fileName: z.string(),
      mediaType: z.string(),
      fileSize: z.number().int(),
      uploadedBy: z.string().nullable(),
      uploadedAt: z.string(),
    }),
  ),
});
export const groupOut = groupSummaryOut.extend({
  description: z.string(),
  dueOn: z.string().nullable(),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  members: z.array(z.object({ userId: z.uuid(), name: z.string(), email: z.string(), lead: z.boolean() })),
  documents: z.array(groupDocumentOut),
  meetings: z.array(
    z.object({
      id: z.uuid(),
      heldOn: z.string(),
      title: z.string(),
      notes: z.string(),
      decisions: z.array(z.string()),
    }),
  ),
  follows: z.array(z.object({ kind: z.enum(FOLLOW_KINDS), ref: z.string(), label: z.string() })),
  canWrite: z.boolean(),
  canManage: z.boolean(),
});

/**
 * A working group's review rights: over one country or one region, chosen sections of a framework
 * and/or recommendations by theme or by id.
 */
export const reviewRightBody = z
  .object({
    scopeType: z.enum(["country", "region"]),
    scopeCode: z.string().trim().min(1, "name the country or region").max(20),
    frameworkId: z
      .uuid()
      .nullable()
      .default(null)
      .describe("The framework, or one of its versions (the right covers every version)"),
    sections: z.array(text(60).min(1)).max(200).default([]),
    themes,
    recommendationIds: z.array(z.uuid()).max(500).default([]),
  })
  .refine((b) => b.sections.length || b.themes.length || b.recommendationIds.length, {
    message: "give sections of a framework, recommendation themes or recommendations to review",
    path: ["sections"],
  })
  .refine((b) => !b.sections.length || b.frameworkId, {
    message: "name the framework the sections belong to",
    path: ["frameworkId"],
  });
export const reviewRightParams = groupParams.extend({ rightId: z.uuid() });
export const reviewRightOut = z.object({
  id: z.uuid(),
  scopeType: z.enum(["country", "region"]),
  scopeCode: z.string(),
  scopeName: z.record(z.string(), z.string()).nullable().describe("The country's or region's name"),
  frameworkId: z.uuid().nullable(),
  frameworkCode: z.string().nullable(),
  sections: z.array(z.string()),
  sectionLabels: z
    .array(z.record(z.string(), z.string()))
    .describe("Each section's label (its framework's newest version), in the order of `sections`"),
  themes: z.array(z.string()),
  recommendationIds: z.array(z.string()),
  updatedAt: z.string(),
});
export const reviewRightsOut = z.object({
  rights: z.array(reviewRightOut),
  history: z.array(
    z.object({
      rightId: z.uuid(),
      change: z.enum(["granted", "changed", "revoked"]),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
      changedBy: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
  canManage: z.boolean(),
});

export const areaParams = z.object({ country: z.string().regex(/^[A-Z]{2}$/, "a country code") });
export const areasBody = z.object({
  areas: z
    .array(
      z.object({
        code: text(40).min(1),
        parent: text(40).nullable().default(null),
        name: z.record(z.string().min(2).max(35), text(200)),
      }),
    )
    .max(5000),
});
export const areaOut = z.object({
  code: z.string(),
  parent: z.string().nullable(),
  level: z.number().int(),
  name: z.record(z.string(), z.string()),
});

/** The assessments of a country's areas, per cycle the country takes part in. */
export const areaCycleOut = z.object({
  id: z.uuid(),
  period: z.string(),
  name: z.record(z.string(), z.string()),
  frameworkVersionId: z.uuid(),
  countryAssessmentId: z.uuid().describe("The country's own assessment of the cycle"),
  assessments: z.array(
    z.object({
      id: z.uuid(),
      area: z.string(),
      status: z.string(),
      answered: z.number().int(),
      total: z.number().int(),
      completion: z.number(),
    }),
  ),
});
export const startAreaAssessmentBody = z.object({
  cycleId: z.uuid(),
  area: text(40).min(1).describe("The area's code"),
});
export const areaScoresQuery = z.object({ cycle: z.uuid().describe("The cycle's id") });
/** An area's scores (see ReleaseArea in src/core/publishing/snapshot.ts). */
export const areaScoresOut = z.object({
  country: z.string(),
  code: z.string(),
  parent: z.string().nullable(),
  level: z.number().int(),
  name: z.record(z.string(), z.string()),
  source: z.enum(["assessed", "rolled-up"]),
  scores: z.array(
    z.object({
      item: z.string(),
      score: z.number().nullable(),
      band: z.string().nullable(),
      rank: z.number().int().nullable(),
    }),
  ),
  from: z.number().int().optional().describe("For a rolled-up area: how many areas below it had a score"),
});

/** The upload of a country's area shapes: which property of each feature holds the area's code. */
export const areaShapesFields = z.object({
  codeProperty: z.string().trim().max(80).optional(),
});

/** A country's area shapes: a GeoJSON FeatureCollection, one MultiPolygon per area code. */
export const areaShapesOut = z.object({
  country: z.string(),
  fileName: z.string(),
  format: z.string(),
  codeProperty: z.string(),
  uploadedAt: z.string(),
  shapes: z.object({
    type: z.literal("FeatureCollection"),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    features: z.array(
      z.object({
        type: z.literal("Feature"),
        properties: z.object({ code: z.string() }),
        geometry: z.object({
          type: z.literal("MultiPolygon"),
          coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
        }),
      }),
    ),
  }),
});
export type AreaShapesOut = z.infer<typeof areaShapesOut>;

/** An organisation in the public directory: only what it chose to publish. */
export const directoryEntryOut = z.object({
  id: z.uuid(),
  name: z.string(),
  names: z.record(z.string(), z.string()),
  kind: z.string(),
  parentId: z.uuid().nullable(),
  countryCode: z.string().nullable(),
  description: z.string().nullable(),
  themes: z.array(z.string()),
  crcArticles: z.array(z.number()),
  website: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** Its logo, when it chose to publish it: where to fetch it, its media type and hash. */
  logo: z.object({ url: z.string(), mediaType: z.string(), sha256: z.string() }).nullable(),
});
export type DirectoryEntryOut = z.infer<typeof directoryEntryOut>;

/** What a member import would do (dry run) or did: each row's action, every problem by row and column. */
export const memberImportOut = z.object({
  dryRun: z.boolean(),
  written: z.boolean(),
  added: z.number().int(),
  updated: z.number().int(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      name: z.string(),
      action: z.enum(["add", "update"]),
      organisationId: z.uuid().nullable(),
    }),
  ),
  problems: z.array(
    z.object({
      row: z.number().int(),
      column: z.string().nullable(),
      message: z.string(),
      /** "row 4, column website: …" */
      text: z.string(),
    }),
  ),
});
export type MemberImportOut = z.infer<typeof memberImportOut>;

export const logoFields = z.object({ expectedVersion: z.coerce.number().int().min(1) });
export const logoQuery = z.object({ expectedVersion: z.coerce.number().int().min(1) });

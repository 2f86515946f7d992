import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  char,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  AnalysisResult,
  AnalysisSettings,
  AreaShapeCollection,
  BudgetSnapshot,
  Citation,
  ConsultationDefinition,
  DisaggregationCategory,
  Finding,
  Framework,
  LocalText,
  PlanLevel,
  PlanPeriod,
  ReleaseSnapshot,
  TrackingSnapshot,
} from "../../core/index.ts";

/*
 * The Childmark database. snake_case columns, real foreign keys, an index for
 * every query the application makes. Migrations in ./migrations are generated
 * from this file by drizzle-kit and committed.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const regions = pgTable("regions", {
  code: text("code").primaryKey(),
  name: jsonb("name").$type<LocalText>().notNull(),
});

/** ISO 3166-1 countries (Kosovo as `XK`). */
export const countries = pgTable(
  "countries",
  {
    code: char("code", { length: 2 }).primaryKey(),
    iso3: char("iso3", { length: 3 }).notNull().unique(),
    name: jsonb("name").$type<LocalText>().notNull(),
    regionCode: text("region_code").references(() => regions.code),
  },
  (t) => [index("countries_region_idx").on(t.regionCode)],
);

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** `coalition` (national network), `regional` (secretariat), `member`, `other`. */
    kind: text("kind").notNull().default("coalition"),
    countryCode: char("country_code", { length: 2 }).references(() => countries.code),
    /** For a regional network: its region (its plans are then in the region's scope, not a country's). */
    regionCode: text("region_code").references(() => regions.code),
    /** Opt-in: the organisation's approved plans that are marked public appear on the portal. */
    publishesPlans: boolean("publishes_plans").notNull().default(false),
    createdAt: createdAt(),
    /** The organisation it belongs to in the network: a member's coalition, a coalition's regional network. */
    parentId: uuid("parent_id").references((): AnyPgColumn => organisations.id),
    /** The name in other languages (by BCP 47 code); `name` is the one it uses itself. */
    names: jsonb("names").$type<LocalText>().notNull().default({}),
    description: text("description"),
    /** Areas of work: thematic tags. */
    themes: jsonb("themes").$type<string[]>().notNull().default([]),
    /** UNCRC article numbers it works on. */
    crcArticles: jsonb("crc_articles").$type<number[]>().notNull().default([]),
    website: text("website"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    /** Membership of its parent: `applied`, `member`, `suspended`, `left` (core/network). */
    status: text("status").notNull().default("member"),
    appliedOn: date("applied_on"),
    joinedOn: date("joined_on"),
    suspendedOn: date("suspended_on"),
    leftOn: date("left_on"),
    /** Opt-in: the organisation appears in the public directory (only the fields below it allows). */
    listedInDirectory: boolean("listed_in_directory").notNull().default(false),
    /** Opt-in, with `listedInDirectory`: its contact e-mail and phone appear there too. */
    publishesContacts: boolean("publishes_contacts").notNull().default(false),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** Its logo, an image checked by content and stripped of metadata: `<yyyy>/<uuid>` under the uploads folder. */
    logoPath: text("logo_path"),
    logoMediaType: text("logo_media_type"),
    logoSize: integer("logo_size"),
    logoSha256: text("logo_sha256"),
    /** Opt-in, with `listedInDirectory`: its logo appears there too. */
    publishesLogo: boolean("publishes_logo").notNull().default(false),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("organisations_country_idx").on(t.countryCode),
    index("organisations_parent_idx").on(t.parentId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    isAdmin: boolean("is_admin").notNull().default(false),
    isActive: boolean("is_active").notNull().default(true),
    /** Preferred interface language (BCP 47). */
    locale: text("locale").notNull().default("en"),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    createdAt: createdAt(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** Set with `is_active = false` when an administrator deactivates the account; who and why. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    deactivatedBy: uuid("deactivated_by").references((): AnyPgColumn => users.id),
    deactivationReason: text("deactivation_reason"),
  },
  (t) => [unique("users_email_unique").on(t.email)],
);

export const frameworks = pgTable("frameworks", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  title: jsonb("title").$type<LocalText>().notNull(),
  createdAt: createdAt(),
});

/** One version of a framework; `definition` is the validated framework file, the source of truth for scoring. */
export const frameworkVersions = pgTable(
  "framework_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id),
    version: text("version").notNull(),
    title: jsonb("title").$type<LocalText>().notNull(),
    defaultLanguage: text("default_language").notNull(),
    definition: jsonb("definition").$type<Framework>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique("framework_versions_unique").on(t.frameworkId, t.version)],
);

export const frameworkNodes = pgTable(
  "framework_nodes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    parentCode: text("parent_code"),
    label: jsonb("label").$type<LocalText>().notNull(),
    weight: doublePrecision("weight").notNull(),
    aggregation: text("aggregation").notNull(),
    missingPolicy: text("missing_policy").notNull(),
    minCoverage: real("min_coverage").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [unique("framework_nodes_code_unique").on(t.versionId, t.code)],
);

export const indicators = pgTable(
  "indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "cascade" }),
    nodeId: uuid("node_id")
      .notNull()
      .references(() => frameworkNodes.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    type: text("type").notNull(),
    text: jsonb("text").$type<LocalText>().notNull(),
    guidance: jsonb("guidance").$type<LocalText>(),
    unit: text("unit"),
    weight: doublePrecision("weight").notNull(),
    scoring: jsonb("scoring").notNull(),
    evidenceRequired: boolean("evidence_required").notNull().default(false),
    position: integer("position").notNull(),
  },
  (t) => [
    unique("indicators_code_unique").on(t.versionId, t.code),
    index("indicators_node_idx").on(t.nodeId),
  ],
);

export const classifications = pgTable(
  "classifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => frameworkVersions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    label: jsonb("label").$type<LocalText>().notNull(),
  },
  (t) => [unique("classifications_code_unique").on(t.versionId, t.code)],
);

export const classificationValues = pgTable(
  "classification_values",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    classificationId: uuid("classification_id")
      .notNull()
      .references(() => classifications.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    label: jsonb("label").$type<LocalText>().notNull(),
  },
  (t) => [unique("classification_values_code_unique").on(t.classificationId, t.code)],
);

export const indicatorClassifications = pgTable(
  "indicator_classifications",
  {
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    valueId: uuid("value_id")
      .notNull()
      .references(() => classificationValues.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.valueId] }),
    index("indicator_classifications_value_idx").on(t.valueId),
  ],
);

/** An assessment cycle: one framework version, one period label (`2025`), many country assessments. */
export const cycles = pgTable(
  "cycles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => frameworkVersions.id),
    period: text("period").notNull(),
    name: jsonb("name").$type<LocalText>().notNull(),
    status: text("status").notNull().default("open"),
    isDemo: boolean("is_demo").notNull().default(false),
    opensOn: timestamp("opens_on", { withTimezone: true }),
    closesOn: timestamp("closes_on", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [unique("cycles_period_unique").on(t.versionId, t.period)],
);

export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    /**
     * Null for the country's own assessment; an area's code (see `areas`) for the assessment of an
     * area below the country. Country-level figures (scores, releases, review of the cycle) read
     * only the rows where it is null; area scores read the others (src/server/areas).
     */
    areaCode: text("area_code"),
    status: text("status").notNull().default("draft"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("assessments_country_unique").on(t.cycleId, t.countryCode, t.areaCode).nullsNotDistinct(),
    index("assessments_country_idx").on(t.countryCode),
  ],
);

/** The current answer to one indicator in one assessment; `version` detects concurrent edits. */
export const answers = pgTable(
  "answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id),
    valueText: text("value_text"),
    valueNumber: doublePrecision("value_number"),
    /** Required when the value is "not applicable". */
    justification: text("justification"),
    /** `needs_rework` when a reviewer returned it, `approved` when a reviewer approved it; null otherwise. */
    reviewState: text("review_state"),
    /** Who set `review_state` and when; an approval is cleared when the value changes. */
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("answers_indicator_unique").on(t.assessmentId, t.indicatorId),
    index("answers_indicator_idx").on(t.indicatorId),
  ],
);

/** Append-only: every change to an answer (a trigger refuses UPDATE and DELETE). */
export const answerHistory = pgTable(
  "answer_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    answerId: uuid("answer_id")
      .notNull()
      .references(() => answers.id),
    version: integer("version").notNull(),
    valueBefore: jsonb("value_before"),
    valueAfter: jsonb("value_after"),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** `import`, `entry`, `restore`… */
    source: text("source").notNull(),
    reason: text("reason"),
  },
  (t) => [index("answer_history_answer_idx").on(t.answerId, t.version)],
);

export const evidenceSources = pgTable(
  "evidence_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    answerId: uuid("answer_id")
      .notNull()
      .references(() => answers.id),
    /** `citation`, `url`, `legal`, `file`. */
    kind: text("kind").notNull(),
    citation: text("citation"),
    url: text("url"),
    legalReference: text("legal_reference"),
    sourceDate: text("source_date"),
    /** Stored file, relative to the uploads folder; never the uploader's path. */
    filePath: text("file_path"),
    fileName: text("file_name"),
    mediaType: text("media_type"),
    fileSize: integer("file_size"),
    sha256: text("sha256"),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedBy: uuid("removed_by").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_sources_answer_idx").on(t.answerId)],
);

/** A computed set of scores for a cycle, kept so published figures never move silently. */
export const scoreSnapshots = pgTable(
  "score_snapshots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
    isCurrent: boolean("is_current").notNull().default(true),
  },
  (t) => [index("score_snapshots_cycle_idx").on(t.cycleId).where(sql`is_current`)],
);

export const scoreValues = pgTable(
  "score_values",
  {
    snapshotId: uuid("snapshot_id")
      .notNull()
      .references(() => scoreSnapshots.id, { onDelete: "cascade" }),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    node: text("node").notNull(),
    kind: text("kind").notNull(),
    score: doublePrecision("score"),
    band: text("band"),
    rank: integer("rank"),
    coverage: real("coverage"),
    change: doublePrecision("change"),
    /** Imputed indicator values the score counts (see `toScoreRows`' `imputedCount`); 0 when none. */
    imputed: integer("imputed").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.countryCode, t.node] }),
    index("score_values_node_idx").on(t.snapshotId, t.node),
  ],
);

/** A role held by a user over the platform, a region or a country (see core/access/permissions.ts). */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    scopeType: text("scope_type").notNull(),
    scopeCode: text("scope_code"),
    /** Contributors limited to some sections: node codes. */
    sections: jsonb("sections").$type<string[]>(),
    createdAt: createdAt(),
  },
  (t) => [index("role_assignments_user_idx").on(t.userId)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    /** Opened for a user whose role requires two-factor sign-in and who has none: only enrolment works. */
    mustEnrolTwoFactor: boolean("must_enrol_two_factor").notNull().default(false),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Single-use, expiring tokens sent by e-mail: invitations and password resets (stored hashed). */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    email: text("email").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** For invitations: the role to grant on acceptance. */
    grant: jsonb("grant"),
    createdBy: uuid("created_by").references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("auth_tokens_email_idx").on(t.email)],
);

/** E-mail messages: sent by SMTP when configured; always kept here so an admin can read them. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [index("outbox_created_idx").on(t.createdAt)],
);

/** A contributor assigned to a node (section, article) or one indicator of an assessment. */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** A node code or an indicator code of the assessment's framework. */
    itemCode: text("item_code").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique("assignments_unique").on(t.assessmentId, t.userId, t.itemCode),
    index("assignments_user_idx").on(t.userId),
  ],
);

/** Comments on an answer; `rework` comments are a reviewer's reason for returning it. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    answerId: uuid("answer_id")
      .notNull()
      .references(() => answers.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull().default("comment"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("comments_answer_idx").on(t.answerId, t.createdAt)],
);

/** Every workflow step of an assessment (submitted, returned, validated, reopened…), with its reason. */
export const assessmentEvents = pgTable(
  "assessment_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    reason: text("reason"),
    /** On submission: each answer's version, so a reviewer can see what changed since. */
    answerVersions: jsonb("answer_versions").$type<Record<string, number>>(),
    createdAt: createdAt(),
  },
  (t) => [index("assessment_events_assessment_idx").on(t.assessmentId, t.id)],
);

/** In-app notifications (also e-mailed through the outbox). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** A PostgreSQL `tsvector` (full-text search document); drizzle has no built-in type for it. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A recommendation of a UN mechanism to a State (UPR, CRC Committee, other treaty bodies, special
 * procedures). `importKey` (normalised text + State under review + session, hashed) makes a
 * recommendation unique: re-imports and duplicates merge into the same row.
 */
export const recommendations = pgTable(
  "recommendations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** crc | upr | ccpr | cescr | cedaw | cat | crpd | cmw | ced | special_procedure, or a regional body: ecsr | grevio | lanzarote | acerwc */
    mechanism: text("mechanism").notNull(),
    /** UPR session or cycle, treaty-body session (`19`, `cycle 3`, `CRC/C/95`). */
    session: text("session"),
    cycle: text("cycle"),
    documentSymbol: text("document_symbol"),
    paragraph: text("paragraph"),
    issuedOn: date("issued_on"),
    stateCode: char("state_code", { length: 2 }).references(() => countries.code),
    /** The State's name as written in the source, kept even when `stateCode` is known. */
    stateName: text("state_name").notNull(),
    recommendingStates: text("recommending_states").array().notNull().default(sql`'{}'::text[]`),
    text: jsonb("text").$type<LocalText>().notNull(),
    /**
     * Search document: every language of the text, English stemming. Kept by a trigger
     * (migration 0005) on insert and on any change of `text`, so it is never written by hand, and a
     * restored backup gets it recomputed. Stored rather than an expression index: searches then
     * never re-parse texts.
     */
    searchVector: tsvector("search_vector"),
    /** supported | supported_in_part | noted | voluntary_pledge, or null (treaty bodies). */
    position: text("position"),
    positionSource: text("position_source"),
    actionCategory: integer("action_category"),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    affectedGroups: text("affected_groups").array().notNull().default(sql`'{}'::text[]`),
    uncrcArticles: text("uncrc_articles").array().notNull().default(sql`'{}'::text[]`),
    sdgTargets: text("sdg_targets").array().notNull().default(sql`'{}'::text[]`),
    indicatorCodes: text("indicator_codes").array().notNull().default(sql`'{}'::text[]`),
    importKey: text("import_key").notNull().unique("recommendations_import_key_unique"),
    importId: uuid("import_id").references(() => recommendationImports.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("recommendations_search_idx").using("gin", t.searchVector),
    index("recommendations_themes_idx").using("gin", t.themes),
    index("recommendations_groups_idx").using("gin", t.affectedGroups),
    index("recommendations_articles_idx").using("gin", t.uncrcArticles),
    index("recommendations_sdgs_idx").using("gin", t.sdgTargets),
    index("recommendations_recommending_idx").using("gin", t.recommendingStates),
    index("recommendations_state_idx").on(t.stateCode, t.session),
    index("recommendations_filters_idx").on(t.mechanism, t.session, t.position),
    // The order of search results: the first page of a broad search reads it instead of sorting.
    index("recommendations_order_idx").on(t.stateName, t.session, t.paragraph, t.id),
  ],
);

/** One import of a recommendations file: what was read, added, merged. */
export const recommendationImports = pgTable("recommendation_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  fileName: text("file_name").notNull(),
  preset: text("preset").notNull(),
  mappingName: text("mapping_name"),
  rowsRead: integer("rows_read").notNull(),
  added: integer("added").notNull(),
  duplicates: integer("duplicates").notNull(),
  importedBy: uuid("imported_by").references(() => users.id),
  createdAt: createdAt(),
});

/** A saved column mapping of the generic import: `{ "source column": "field" }`. */
export const importMappings = pgTable("import_mappings", {
  name: text("name").primaryKey(),
  columns: jsonb("columns").$type<Record<string, string>>().notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An assessment of how far a recommendation is implemented, at a date. The government's own claim
 * (`government`) and the coalition's assessment (`coalition`) are separate rows, never merged.
 */
export const implementationAssessments = pgTable(
  "implementation_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    /** not_started | in_progress | partially_implemented | implemented | regressed */
    status: text("status").notNull(),
    /** government | coalition */
    assessedByKind: text("assessed_by_kind").notNull(),
    assessorId: uuid("assessor_id").references(() => users.id),
    assessorName: text("assessor_name"),
    assessedOn: date("assessed_on").notNull(),
    evidenceText: text("evidence_text"),
    evidenceUrl: text("evidence_url"),
    /** Further links to the evidence (reports, laws, news), beyond `evidenceUrl`. */
    evidenceUrls: text("evidence_urls").array().notNull().default(sql`'{}'::text[]`),
    responsibleInstitutions: text("responsible_institutions").array().notNull().default(sql`'{}'::text[]`),
    dueOn: date("due_on"),
    followUpActions: text("follow_up_actions"),
    /** The confirmed synergy this assessment was recorded for, one row per member (null: recorded alone). */
    synergyId: uuid("synergy_id").references((): AnyPgColumn => recommendationSynergies.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
  },
  (t) => [index("implementation_assessments_rec_idx").on(t.recommendationId, t.assessedOn)],
);

/**
 * A synergy decided by a person: recommendations of several mechanisms to one State that ask for
 * the same thing, `confirmed` (tracked once: its members are in `recommendationSynergyMembers`)
 * or `dismissed` (that exact set, `memberKey` = the sorted ids comma-joined, is not suggested again).
 */
export const recommendationSynergies = pgTable(
  "recommendation_synergies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stateCode: char("state_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    /** confirmed | dismissed (checked by the database). */
    decision: text("decision").notNull(),
    memberKey: text("member_key").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("recommendation_synergies_dismissed_key")
      .on(t.stateCode, t.memberKey)
      .where(sql`${t.decision} = 'dismissed'`),
    index("recommendation_synergies_state_idx").on(t.stateCode, t.decision),
  ],
);

/** The members of a confirmed synergy: a recommendation is in one confirmed synergy at most. */
export const recommendationSynergyMembers = pgTable(
  "recommendation_synergy_members",
  {
    recommendationId: uuid("recommendation_id")
      .primaryKey()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    synergyId: uuid("synergy_id")
      .notNull()
      .references(() => recommendationSynergies.id, { onDelete: "cascade" }),
  },
  (t) => [index("recommendation_synergy_members_synergy_idx").on(t.synergyId)],
);

/** A search of recommendations a user saved by name: `query` is the URL query string. */
export const recommendationSavedSearches = pgTable(
  "recommendation_saved_searches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    query: text("query").notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("recommendation_saved_searches_user_name").on(t.userId, t.name)],
);

/** An index indicator a person rejected as a suggestion for a recommendation: never suggested again. */
export const recommendationIndicatorRejections = pgTable(
  "recommendation_indicator_rejections",
  {
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    rejectedBy: uuid("rejected_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.indicatorCode] })],
);

/**
 * A published release: the immutable public snapshot of (some validated assessments of) a cycle.
 * A trigger (migration 0008) refuses UPDATE and DELETE: a correction is a new row (`version` + 1)
 * that names the one it supersedes, and every old release keeps its permalink (`slug`).
 */
export const releases = pgTable(
  "releases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** `${frameworkCode}-${period}-v${version}`. */
    slug: text("slug").notNull().unique("releases_slug_unique"),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => cycles.id),
    frameworkCode: text("framework_code").notNull(),
    period: text("period").notNull(),
    version: integer("version").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    /** Who published (null from the command line). */
    publishedBy: uuid("published_by").references(() => users.id),
    /** `api`, `cli` or `demo`. */
    publishedVia: text("published_via").notNull(),
    notes: text("notes").notNull(),
    supersedesId: uuid("supersedes_id").references((): AnyPgColumn => releases.id),
    /** The assessments whose answers the snapshot holds. */
    assessmentIds: uuid("assessment_ids").array().notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    snapshot: jsonb("snapshot").$type<ReleaseSnapshot>().notNull(),
  },
  (t) => [
    unique("releases_cycle_version_unique").on(t.cycleId, t.version),
    index("releases_framework_idx").on(t.frameworkCode, t.period, t.version),
  ],
);

/**
 * An uncertainty and sensitivity analysis of a release (Monte Carlo rank intervals, Sobol
 * indices, leave-one-out shifts): written once, complete, when a run ends; a new run is a new
 * `version`. A trigger (hand-written, end of its migration) refuses DELETE and any UPDATE except
 * publishing it once (`published_at` and `published_by` from null). The portal shows the latest
 * published analysis of a release.
 */
export const releaseAnalyses = pgTable(
  "release_analyses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    releaseId: uuid("release_id")
      .notNull()
      .references(() => releases.id),
    version: integer("version").notNull(),
    settings: jsonb("settings").$type<AnalysisSettings>().notNull(),
    result: jsonb("result").$type<AnalysisResult>().notNull(),
    /** Model evaluations made, and how long the run took (wall clock). */
    evaluations: integer("evaluations").notNull(),
    elapsedMs: integer("elapsed_ms").notNull(),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id),
  },
  (t) => [unique("release_analyses_release_version_unique").on(t.releaseId, t.version)],
);

/**
 * A coalition's tracking of UN recommendations to its State, made public: an
 * immutable snapshot (texts, positions, the latest coalition assessment and the
 * government's claim, with public evidence). A new publication is a new version.
 */
export const trackingPublications = pgTable(
  "tracking_publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** `${country}-tracking-v${version}`, lower case. */
    slug: text("slug").notNull().unique("tracking_publications_slug_unique"),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    version: integer("version").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid("published_by").references(() => users.id),
    notes: text("notes").notNull(),
    snapshot: jsonb("snapshot").$type<TrackingSnapshot>().notNull(),
  },
  (t) => [unique("tracking_publications_country_version_unique").on(t.countryCode, t.version)],
);

/**
 * Failed sign-ins, counted per account ("account:{email}", known or not, so the
 * answer never tells whether an account exists) and per client ("ip:{address}").
 * A success deletes the account's row; rows a day without failure are pruned.
 */
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
});

/**
 * A user's TOTP authenticator. `secret` is AES-GCM encrypted when
 * CHILDMARK_SECRET_KEY is set ("gcm:…"), plain otherwise ("plain:…").
 * Unconfirmed (`confirmedAt` null) until the person enters a first code.
 */
export const userTwoFactor = pgTable("user_two_factor", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  /** The TOTP time step of the last accepted code: a code is accepted once. */
  lastUsedStep: integer("last_used_step"),
  createdAt: createdAt(),
});

/** Single-use recovery codes of two-factor sign-in, stored as their SHA-256. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Platform-wide settings an administrator changes, one JSON value per key. */
export const platformSettings = pgTable("platform_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id),
});

/**
 * Security-relevant and administrative actions (sign-ins, role changes, publishing, imports,
 * exports of unpublished data, backups). Append-only: a trigger refuses DELETE and every
 * UPDATE except clearing `ip` once it is older than the retention period (see docs/audit.md).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Who acted: a user, or null (a failed sign-in, the command line). */
    actorId: uuid("actor_id").references(() => users.id),
    /** The e-mail of the actor as known then, or as typed for a failed sign-in; "cli" for the command line. */
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    /** The country and region the action concerns, so a log can be filtered by place. */
    country: text("country"),
    region: text("region"),
    ip: text("ip"),
    outcome: text("outcome").notNull().default("success"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_action_idx").on(t.action, t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_country_idx").on(t.country, t.at),
  ],
);

/*
 * Results: an organisation's strategic plans as results frameworks. A plan holds
 * its own vocabulary (levels, periods, disaggregation categories) as data; nodes form
 * the tree; indicators sit on any node; values (targets and actuals) are per period,
 * versioned like answers, with an append-only history.
 */

export const resultPlans = pgTable(
  "result_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: jsonb("title").$type<LocalText>().notNull(),
    /** Levels from the top of the tree down (goal, outcome, output, activity…), named by the organisation. */
    levels: jsonb("levels").$type<PlanLevel[]>().notNull(),
    /** Reporting periods in order (years, quarters or the plan's own). */
    periods: jsonb("periods").$type<PlanPeriod[]>().notNull(),
    disaggregations: jsonb("disaggregations").$type<DisaggregationCategory[]>().notNull(),
    /** `draft` or `approved` (targets locked). */
    status: text("status").notNull().default("draft"),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    /** Shown on the portal when approved and the organisation publishes plans. */
    isPublic: boolean("is_public").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("result_plans_organisation_idx").on(t.organisationId)],
);

export const resultNodes = pgTable(
  "result_nodes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => resultPlans.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => resultNodes.id, { onDelete: "cascade" }),
    /** Key of one of the plan's levels. */
    level: text("level").notNull(),
    /** The plan's own numbering (e.g. `SG1`, `1.2`). */
    code: text("code").notNull(),
    title: jsonb("title").$type<LocalText>().notNull(),
    description: jsonb("description").$type<LocalText>(),
    responsible: text("responsible"),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    /** `average`, `weighted` or `none`. */
    rollUp: text("roll_up").notNull().default("average"),
    weight: doublePrecision("weight").notNull().default(1),
    position: integer("position").notNull().default(0),
    /** Detects concurrent edits of the node's definition (409 on a stale `expectedVersion`). */
    version: integer("version").notNull().default(1),
    /** The node's key in an IATI file (e.g. `result:3` or a result's own reference), to merge re-imports. */
    externalRef: text("external_ref"),
  },
  (t) => [
    unique("result_nodes_plan_code_unique").on(t.planId, t.code),
    index("result_nodes_parent_idx").on(t.parentId),
  ],
);

/** Where a linked indicator's actual comes from, instead of being typed in. */
export type ResultIndicatorLink =
  | { kind: "index"; frameworkCode: string; itemCode: string; country: string }
  | {
      kind: "recommendations";
      recommendationIds: string[];
      status: "in_progress" | "partially_implemented" | "implemented";
    };

export const resultIndicators = pgTable(
  "result_indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => resultPlans.id, { onDelete: "cascade" }),
    nodeId: uuid("node_id")
      .notNull()
      .references(() => resultNodes.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    title: jsonb("title").$type<LocalText>().notNull(),
    /** `number`, `percentage`, `scale` or `narrative`. */
    type: text("type").notNull(),
    unit: text("unit"),
    /** For `scale`: the lowest and highest points. */
    scaleMin: doublePrecision("scale_min"),
    scaleMax: doublePrecision("scale_max"),
    direction: text("direction").notNull().default("increase"),
    cumulation: text("cumulation").notNull().default("latest"),
    baselineValue: doublePrecision("baseline_value"),
    baselineDate: date("baseline_date"),
    weight: doublePrecision("weight").notNull().default(1),
    /** Keys of the plan's disaggregation categories this indicator is broken down by. */
    disaggregations: text("disaggregations").array().notNull().default(sql`'{}'::text[]`),
    link: jsonb("link").$type<ResultIndicatorLink>(),
    position: integer("position").notNull().default(0),
    /** Detects concurrent edits of the indicator's definition (409 on a stale `expectedVersion`). */
    version: integer("version").notNull().default(1),
    /** The indicator's key in an IATI file (its `ref`, or result and indicator positions), to merge re-imports. */
    externalRef: text("external_ref"),
  },
  (t) => [
    unique("result_indicators_plan_code_unique").on(t.planId, t.code),
    index("result_indicators_node_idx").on(t.nodeId),
  ],
);

/** A target or an actual of one indicator in one period; `version` detects concurrent edits. */
export const resultValues = pgTable(
  "result_values",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => resultIndicators.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    /** `target` or `actual`. */
    kind: text("kind").notNull(),
    value: doublePrecision("value"),
    /** A narrative indicator's text, or the qualitative note of a value. */
    narrative: text("narrative"),
    /** Category key → value key → number. */
    breakdown: jsonb("breakdown").$type<Record<string, Record<string, number>>>(),
    comment: text("comment"),
    evidence: text("evidence"),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("result_values_unique").on(t.indicatorId, t.period, t.kind)],
);

/** Append-only: every change to a result value (a trigger refuses UPDATE and DELETE). */
export const resultValueHistory = pgTable(
  "result_value_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    valueId: uuid("value_id")
      .notNull()
      .references(() => resultValues.id),
    version: integer("version").notNull(),
    valueBefore: jsonb("value_before"),
    valueAfter: jsonb("value_after"),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** `entry`, `import`, `demo`… */
    source: text("source").notNull(),
  },
  (t) => [index("result_value_history_value_idx").on(t.valueId, t.version)],
);

/*
 * Evaluations of a plan (or of one node of it): findings per criterion rated on the
 * evaluation's own scale, recommendations with a management response and a follow-up
 * status whose every change is kept; and advocacy outcomes (a law passed, a policy changed)
 * linked to the UN recommendations they answer.
 */

/** One point of an evaluation's rating scale: its value and its label in languages. */
export type EvaluationScalePoint = { value: number; label: LocalText };

export const evaluations = pgTable(
  "evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => resultPlans.id, { onDelete: "cascade" }),
    /** The part of the plan evaluated; null for the whole plan. */
    nodeId: uuid("node_id").references(() => resultNodes.id, { onDelete: "set null" }),
    title: jsonb("title").$type<LocalText>().notNull(),
    /** `mid_term`, `final` or `thematic`. */
    type: text("type").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    evaluators: text("evaluators").notNull(),
    /** The rating scale, lowest first. */
    scale: jsonb("scale").$type<EvaluationScalePoint[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("evaluations_plan_idx").on(t.planId)],
);

/** A finding on one criterion: a rating on the evaluation's scale, a narrative and evidence. */
export const evaluationFindings = pgTable(
  "evaluation_findings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evaluationId: uuid("evaluation_id")
      .notNull()
      .references(() => evaluations.id, { onDelete: "cascade" }),
    /** relevance | coherence | effectiveness | efficiency | impact | sustainability | ethics */
    criterion: text("criterion").notNull(),
    rating: integer("rating"),
    /** The narrative in languages (language → text; none given: `{}`). */
    narrative: jsonb("narrative").$type<LocalText>().notNull().default({}),
    /** Links or citations of the evidence (reports, data, minutes). */
    evidence: jsonb("evidence").$type<string[]>().notNull().default([]),
  },
  (t) => [unique("evaluation_findings_criterion_unique").on(t.evaluationId, t.criterion)],
);

export const evaluationRecommendations = pgTable(
  "evaluation_recommendations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evaluationId: uuid("evaluation_id")
      .notNull()
      .references(() => evaluations.id, { onDelete: "cascade" }),
    /** The recommendation in languages (language → text). */
    text: jsonb("text").$type<LocalText>().notNull(),
    /** `accepted`, `partially_accepted` or `rejected`, with the management's response. */
    responseDecision: text("response_decision"),
    managementResponse: jsonb("management_response").$type<LocalText>().notNull().default({}),
    /** `not_started`, `in_progress`, `completed` or `no_longer_relevant`. */
    status: text("status").notNull().default("not_started"),
    dueOn: date("due_on"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("evaluation_recommendations_evaluation_idx").on(t.evaluationId)],
);

/** Append-only: every change of an evaluation recommendation's response or status, who and when. */
export const evaluationRecommendationHistory = pgTable(
  "evaluation_recommendation_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => evaluationRecommendations.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    responseDecision: text("response_decision"),
    note: text("note"),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evaluation_recommendation_history_idx").on(t.recommendationId, t.id)],
);

/** An advocacy outcome of a plan: a law passed, a policy changed, on a date, with evidence. */
export const advocacyOutcomes = pgTable(
  "advocacy_outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => resultPlans.id, { onDelete: "cascade" }),
    nodeId: uuid("node_id").references(() => resultNodes.id, { onDelete: "set null" }),
    title: jsonb("title").$type<LocalText>().notNull(),
    description: jsonb("description").$type<LocalText>().notNull().default({}),
    /** `law`, `policy`, `budget`, `practice` or `other`. */
    kind: text("kind").notNull(),
    achievedOn: date("achieved_on").notNull(),
    evidence: jsonb("evidence").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("advocacy_outcomes_plan_idx").on(t.planId)],
);

/** The UN recommendations an advocacy outcome answers. */
export const advocacyOutcomeRecommendations = pgTable(
  "advocacy_outcome_recommendations",
  {
    outcomeId: uuid("outcome_id")
      .notNull()
      .references(() => advocacyOutcomes.id, { onDelete: "cascade" }),
    recommendationId: uuid("recommendation_id")
      .notNull()
      .references(() => recommendations.id),
  },
  (t) => [primaryKey({ columns: [t.outcomeId, t.recommendationId] })],
);

/* Children's consultations (module 8) keep their tables beside their routes. */

/*
 * Children's consultations. What a child sends is kept with no name, e-mail, IP address, user
 * agent or exact time: a submission holds only the coarse facts the child chose to give (age band,
 * gender, region) and the country of the session, and the day. A test checks these columns.
 */

/** A consultation of one organisation: its question set (validated by core), and whether it is open. */
export const consultations = pgTable(
  "consultations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    definition: jsonb("definition").$type<ConsultationDefinition>().notNull(),
    /** `draft` (being designed), `open` (children may answer), `closed` (results final). */
    status: text("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    /** Opt-in: the closed consultation's aggregate results appear on the public portal beside the index. */
    resultsPublic: boolean("results_public").notNull().default(false),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consultations_organisation_idx").on(t.organisationId)],
);

/** What a question's answers speak to, kept apart from the definition so the portal can look them up. */
export const consultationLinks = pgTable(
  "consultation_links",
  {
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    questionCode: text("question_code").notNull(),
    /** `indicator`, `article` or `recommendation`. */
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.consultationId, t.questionCode, t.kind, t.ref] }),
    index("consultation_links_ref_idx").on(t.kind, t.ref),
  ],
);

/** Each saved change of a consultation's question set: who, when, and the definition before and after. */
export const consultationHistory = pgTable(
  "consultation_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    /** The version this change made. */
    version: integer("version").notNull(),
    before: jsonb("before").$type<ConsultationDefinition>(),
    after: jsonb("after").$type<ConsultationDefinition>().notNull(),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** `designed` (the designer), `imported` (an XLSForm). */
    reason: text("reason").notNull().default("designed"),
  },
  (t) => [index("consultation_history_consultation_idx").on(t.consultationId, t.version)],
);

/**
 * A recording of a question, read aloud on the child's page. Stored like evidence (under the
 * uploads folder by a random name, the type checked by content); a question names it by id.
 */
export const consultationAudio = pgTable(
  "consultation_audio",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    filePath: text("file_path").notNull(),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    fileSize: integer("file_size").notNull(),
    sha256: text("sha256").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consultation_audio_consultation_idx").on(t.consultationId)],
);

/** A facilitator's session: the short code children type (or the link with it), for one country. */
export const consultationSessions = pgTable(
  "consultation_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    code: text("code").notNull().unique(),
    label: text("label").notNull(),
    countryCode: char("country_code", { length: 2 }),
    /** A shared tablet: the page clears each child's answers from the device once sent. */
    sharedDevice: boolean("shared_device").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consultation_sessions_consultation_idx").on(t.consultationId)],
);

/**
 * One child's sent answers. The id is generated by the child's browser, so a retry after a lost
 * connection is recognised and stored once. Deliberately no name, e-mail, IP, user agent or time
 * of day.
 */
export const consultationSubmissions = pgTable(
  "consultation_submissions",
  {
    id: uuid("id").primaryKey(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id").references(() => consultationSessions.id, { onDelete: "set null" }),
    ageBand: text("age_band").notNull(),
    gender: text("gender"),
    region: text("region"),
    countryCode: char("country_code", { length: 2 }),
    language: text("language").notNull(),
    guardianConsentConfirmed: boolean("guardian_consent_confirmed").notNull().default(false),
    /** `web` (the child's page) or `kobo` (imported from a Kobo export). */
    source: text("source").notNull().default("web"),
    submittedOn: date("submitted_on").notNull(),
  },
  (t) => [index("consultation_submissions_consultation_idx").on(t.consultationId)],
);

/** One answer of a submission; free texts are stored screened (e-mails, phones and given names removed). */
export const consultationAnswers = pgTable(
  "consultation_answers",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => consultationSubmissions.id, { onDelete: "cascade" }),
    questionCode: text("question_code").notNull(),
    value: jsonb("value").$type<string | number | string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.questionCode] })],
);

/**
 * A free text waiting for, or having had, a moderator: `pending` until read; `approved` (shown as
 * is), `redacted` (shown with parts removed, stored in the answer) or `rejected` (never shown).
 */
export const consultationModeration = pgTable(
  "consultation_moderation",
  {
    submissionId: uuid("submission_id").notNull(),
    questionCode: text("question_code").notNull(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    findings: jsonb("findings").$type<Finding[]>().notNull(),
    status: text("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Raised by every decision: a moderator deciding on what another just changed gets a 409. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.questionCode] }),
    index("consultation_moderation_consultation_idx").on(t.consultationId, t.status),
  ],
);

/**
 * Every moderator's decision on a free text, kept (append-only): who, when, what was decided and how
 * many parts were removed. Never the text itself, before or after.
 */
export const consultationModerationHistory = pgTable(
  "consultation_moderation_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id").notNull(),
    questionCode: text("question_code").notNull(),
    /** `approved`, `redacted` or `rejected`. */
    status: text("status").notNull(),
    parts: integer("parts").notNull().default(0),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("consultation_moderation_history_item_idx").on(t.consultationId, t.submissionId, t.questionCode),
  ],
);

/**
 * A file of evidence on an evaluation's finding (by criterion: findings are rewritten when the
 * evaluation is saved, their criterion stays) or on an advocacy outcome. Stored like answer
 * evidence, under the uploads folder by a random name; downloaded only by readers of the plan.
 */
export const resultFiles = pgTable(
  "result_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => resultPlans.id, { onDelete: "cascade" }),
    evaluationId: uuid("evaluation_id").references(() => evaluations.id, { onDelete: "cascade" }),
    /** With `evaluationId`: the finding's criterion. */
    criterion: text("criterion"),
    outcomeId: uuid("outcome_id").references(() => advocacyOutcomes.id, { onDelete: "cascade" }),
    /** Relative to the uploads folder. */
    filePath: text("file_path").notNull(),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    fileSize: integer("file_size").notNull(),
    sha256: text("sha256").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("result_files_evaluation_idx").on(t.evaluationId),
    index("result_files_outcome_idx").on(t.outcomeId),
  ],
);

/** A State's ratification (or signature) of an instrument, with its reservations and declarations. */
export const ratifications = pgTable(
  "ratifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    /** crc | opsc | opac | opic | … (core/reporting INSTRUMENTS). */
    instrument: text("instrument").notNull(),
    /** ratified | acceded | signed | not_party */
    status: text("status").notNull(),
    signedOn: date("signed_on"),
    ratifiedOn: date("ratified_on"),
    reservations: text("reservations"),
    /** Where the dates come from (the UN Treaty Collection, the Council of Europe's treaty office…). */
    source: text("source"),
    /** Raised by every edit; an edit naming an older version is refused (409). */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("ratifications_country_instrument_unique").on(t.countryCode, t.instrument)],
);

/** One review of a country by a mechanism (a CRC periodic report, a UPR cycle, a GREVIO round). */
export const reportingCycles = pgTable(
  "reporting_cycles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    /** core/reporting REVIEW_MECHANISMS. */
    mechanism: text("mechanism").notNull(),
    /** The review's name: `Combined 6th and 7th periodic reports`, `UPR 4th cycle`. */
    review: text("review").notNull(),
    /** The Committee's limit for civil-society reports in this review, if it sets one. */
    wordLimit: integer("word_limit"),
    source: text("source"),
    /** Raised by every edit of the review or its steps; an edit naming an older version gets 409. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("reporting_cycles_country_idx").on(t.countryCode)],
);

/**
 * Append-only: every change made in the app to a country's calendar (a ratification, a review and
 * its steps): what it was before and after, who changed it and when (a trigger refuses UPDATE and
 * DELETE).
 */
export const reportingCalendarHistory = pgTable(
  "reporting_calendar_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    /** `ratification` or `review`. */
    targetType: text("target_type").notNull(),
    /** The instrument code of a ratification, the id of a review. */
    targetKey: text("target_key").notNull(),
    /** created | updated | deleted */
    change: text("change").notNull(),
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    after: jsonb("after").$type<Record<string, unknown> | null>(),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reporting_calendar_history_country_idx").on(t.countryCode, t.changedAt)],
);

/** A dated step of a review: State report due, NGO deadline, pre-session, session, … */
export const reportingSteps = pgTable(
  "reporting_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => reportingCycles.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    dueOn: date("due_on").notNull(),
    endsOn: date("ends_on"),
    note: text("note"),
  },
  (t) => [
    unique("reporting_steps_kind_unique").on(t.cycleId, t.kind),
    index("reporting_steps_due_idx").on(t.dueOn),
  ],
);

/**
 * A calendar subscription: the SHA-256 of a random token in a feed URL, for one country or one
 * region, on behalf of the user who made it (the feed shows only what that user may still read).
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    countryCode: char("country_code", { length: 2 }).references(() => countries.code),
    regionCode: text("region_code").references(() => regions.code),
    createdAt: createdAt(),
  },
  (t) => [index("calendar_feeds_user_idx").on(t.userId)],
);

/** A coalition's alternative (shadow) report for a country and, optionally, one review. */
export const alternativeReports = pgTable(
  "alternative_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    cycleId: uuid("cycle_id").references(() => reportingCycles.id),
    title: text("title").notNull(),
    /** The outline it started from: `crc` (the Committee's clusters), `upr`, a regional mechanism, `custom`. */
    outline: text("outline").notNull().default("crc"),
    wordLimit: integer("word_limit"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("alternative_reports_country_idx").on(t.countryCode)],
);

/** A section (a CRC cluster) of an alternative report: text, its citations, suggested questions. */
export const alternativeReportSections = pgTable(
  "alternative_report_sections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => alternativeReports.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    citations: jsonb("citations").$type<Citation[]>().notNull(),
    questions: jsonb("questions").$type<string[]>().notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("alternative_report_sections_key_unique").on(t.reportId, t.key)],
);

/** Append-only: every change to a section (a trigger refuses UPDATE and DELETE). */
export const alternativeReportSectionHistory = pgTable(
  "alternative_report_section_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => alternativeReportSections.id),
    version: integer("version").notNull(),
    bodyBefore: text("body_before"),
    bodyAfter: text("body_after").notNull(),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("alternative_report_section_history_idx").on(t.sectionId, t.version)],
);

/** Every change to an organisation (profile, status, people): who, when, before and after, why. */
export const organisationHistory = pgTable(
  "organisation_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** `created`, `updated`, `status`, `person-added`, `person-removed`, `application-approved`. */
    change: text("change").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    reason: text("reason"),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [index("organisation_history_organisation_idx").on(t.organisationId)],
);

/** An organisation's application to join a coalition (or the regional network), decided by its coordinator. */
export const membershipApplications = pgTable(
  "membership_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The coalition applied to. */
    parentId: uuid("parent_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    countryCode: char("country_code", { length: 2 }).references(() => countries.code),
    website: text("website"),
    contactEmail: text("contact_email").notNull(),
    themes: jsonb("themes").$type<string[]>().notNull().default([]),
    motivation: text("motivation").notNull(),
    appliedBy: uuid("applied_by")
      .notNull()
      .references(() => users.id),
    appliedAt: createdAt(),
    /** `pending`, `approved`, `refused`. */
    status: text("status").notNull().default("pending"),
    reason: text("reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The member organisation created on approval. */
    organisationId: uuid("organisation_id").references(() => organisations.id),
  },
  (t) => [index("membership_applications_parent_idx").on(t.parentId)],
);

/** A working group of the network: thematic or bound to a task; its people hold `group`-scoped roles. */
export const workingGroups = pgTable(
  "working_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The organisation that runs it (its coordinators manage it). */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    /** `thematic` or `task`. */
    kind: text("kind").notNull(),
    description: text("description").notNull().default(""),
    themes: jsonb("themes").$type<string[]>().notNull().default([]),
    /** For a task group: when the task is due. */
    dueOn: date("due_on"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("working_groups_organisation_idx").on(t.organisationId)],
);

/** The organisations taking part in a working group. */
export const workingGroupOrganisations = pgTable(
  "working_group_organisations",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.organisationId] })],
);

/** A working group's documents: each upload of the same document is a new version, the old ones kept. */
export const workingGroupDocuments = pgTable(
  "working_group_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    /** Shared by the versions of one document. */
    documentId: uuid("document_id").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    filePath: text("file_path").notNull(),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    fileSize: integer("file_size").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [
    index("working_group_documents_group_idx").on(t.groupId),
    unique("working_group_documents_version_unique").on(t.documentId, t.version),
  ],
);

/** A working group's meeting: when, its notes and the decisions taken. */
export const workingGroupMeetings = pgTable(
  "working_group_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    title: text("title").notNull(),
    notes: text("notes").notNull().default(""),
    decisions: jsonb("decisions").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("working_group_meetings_group_idx").on(t.groupId)],
);

/** What a working group follows: a UN recommendation, a framework indicator (by code) or a plan's indicator. */
export const workingGroupFollows = pgTable(
  "working_group_follows",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    /** `recommendation`, `indicator`, `plan-indicator`. */
    kind: text("kind").notNull(),
    /** The recommendation's or plan indicator's id, or the indicator's code. */
    ref: text("ref").notNull(),
    label: text("label").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.kind, t.ref] })],
);

/**
 * A working group's review rights (see `ReviewRight` in src/core/access): over one country or one
 * region, chosen sections (node codes) of a framework, and/or recommendations by theme or by id.
 */
export const workingGroupReviewRights = pgTable(
  "working_group_review_rights",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    /** `country` or `region`. */
    scopeType: text("scope_type").notNull(),
    scopeCode: text("scope_code").notNull(),
    frameworkId: uuid("framework_id").references(() => frameworks.id),
    sections: jsonb("sections").$type<string[]>().notNull().default([]),
    themes: jsonb("themes").$type<string[]>().notNull().default([]),
    recommendationIds: jsonb("recommendation_ids").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("working_group_review_rights_group_idx").on(t.groupId)],
);

/** Every grant, change and revocation of a working group's review rights, with who and when. */
export const workingGroupReviewHistory = pgTable(
  "working_group_review_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    /** The right (it may since have been revoked). */
    rightId: uuid("right_id").notNull(),
    /** `granted`, `changed`, `revoked`. */
    change: text("change").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("working_group_review_history_group_idx").on(t.groupId)],
);

/** A country's areas below the country (regions, districts …) as a tree, like DHIS2 organisation units. */
export const areas = pgTable(
  "areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    code: text("code").notNull(),
    parentCode: text("parent_code"),
    level: integer("level").notNull(),
    name: jsonb("name").$type<LocalText>().notNull(),
  },
  (t) => [unique("areas_country_code_unique").on(t.countryCode, t.code)],
);

/**
 * The shapes of a country's areas for maps (GeoJSON, one MultiPolygon per area code, rounded and
 * simplified when uploaded): one set per country, replaced whole.
 */
export const areaShapes = pgTable("area_shapes", {
  countryCode: char("country_code", { length: 2 })
    .primaryKey()
    .references(() => countries.code),
  shapes: jsonb("shapes").$type<AreaShapeCollection>().notNull(),
  /** What was uploaded: its file name, format (GeoJSON, TopoJSON) and the property naming the code. */
  fileName: text("file_name").notNull(),
  format: text("format").notNull(),
  codeProperty: text("code_property").notNull(),
  uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
  uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
});

/*
 * Public investment in children: budget lines per country and fiscal year, the context
 * series their derived figures need, every change kept, and the coalition's published
 * versions. See src/core/budgets.
 */

/** The sector classification, as data (seeded with the defaults of src/core/budgets/model.ts). */
export const budgetSectors = pgTable("budget_sectors", {
  key: text("key").primaryKey(),
  name: jsonb("name").$type<LocalText>().notNull(),
  /** COFOG function, where one fits. */
  cofog: text("cofog"),
  position: integer("position").notNull().default(0),
});

/** A line of a State's budget; `version` detects concurrent edits. */
export const budgetLines = pgTable(
  "budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    /** As normalised by core's readFiscalYear: `2024` or `2024/25`. */
    fiscalYear: text("fiscal_year").notNull(),
    /** The calendar year the fiscal year starts in. */
    startYear: integer("start_year").notNull(),
    /** Country, fiscal year, ministry, programme and name, lower case: one line per key. */
    lineKey: text("line_key").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    ministry: text("ministry").notNull(),
    programme: text("programme"),
    sector: text("sector")
      .notNull()
      .references(() => budgetSectors.key),
    cofog: text("cofog"),
    currency: char("currency", { length: 3 }).notNull(),
    proposed: doublePrecision("proposed"),
    allocated: doublePrecision("allocated"),
    revised: doublePrecision("revised"),
    executed: doublePrecision("executed"),
    sourceDocument: text("source_document"),
    sourcePage: text("source_page"),
    sourceUrl: text("source_url"),
    /** Checks the line passed with a warning (e.g. executed above allocated). */
    warnings: text("warnings").array().notNull().default(sql`'{}'::text[]`),
    /** UNCRC article numbers, index node and indicator codes, recommendation ids the line speaks to. */
    articles: text("articles").array().notNull().default(sql`'{}'::text[]`),
    nodeCodes: text("node_codes").array().notNull().default(sql`'{}'::text[]`),
    indicatorCodes: text("indicator_codes").array().notNull().default(sql`'{}'::text[]`),
    recommendationIds: uuid("recommendation_ids").array().notNull().default(sql`'{}'::uuid[]`),
    isDemo: boolean("is_demo").notNull().default(false),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("budget_lines_key_unique").on(t.countryCode, t.lineKey),
    index("budget_lines_country_year_idx").on(t.countryCode, t.startYear),
  ],
);

/** A country's context in a year: one value per series (see CONTEXT_SERIES). */
export const budgetContext = pgTable(
  "budget_context",
  {
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    year: integer("year").notNull(),
    series: text("series").notNull(),
    value: doublePrecision("value").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countryCode, t.year, t.series] })],
);

/**
 * Append-only (a trigger refuses UPDATE and DELETE): every change to a budget line (its
 * whole state before and after, null for a creation or a removal) and to a context value.
 */
export const budgetHistory = pgTable(
  "budget_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    countryCode: char("country_code", { length: 2 }).notNull(),
    /** `line` or `context`. */
    entity: text("entity").notNull(),
    /** The line's id, or `year:series` of a context value. */
    entityKey: text("entity_key").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** `entry`, `import`, `demo`. */
    source: text("source").notNull(),
  },
  (t) => [index("budget_history_entity_idx").on(t.entity, t.entityKey, t.id)],
);

/**
 * The review of a country's budget data for one fiscal year, as assessments are reviewed:
 * draft → submitted → validated (a reviewer may return it to draft). No row is a draft. Only
 * the lines of validated fiscal years are published. Every change goes into budget_history
 * (entity `review`).
 */
export const budgetReviews = pgTable(
  "budget_reviews",
  {
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    fiscalYear: text("fiscal_year").notNull(),
    /** `draft`, `submitted` or `validated`. */
    state: text("state").notNull(),
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countryCode, t.fiscalYear] })],
);

/** A coalition's budget data for one country made public: immutable; a new publication is a new version. */
export const budgetPublications = pgTable(
  "budget_publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** `${country}-budgets-v${version}`, lower case. */
    slug: text("slug").notNull().unique("budget_publications_slug_unique"),
    countryCode: char("country_code", { length: 2 })
      .notNull()
      .references(() => countries.code),
    version: integer("version").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid("published_by").references(() => users.id),
    notes: text("notes").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    snapshot: jsonb("snapshot").$type<BudgetSnapshot>().notNull(),
  },
  (t) => [unique("budget_publications_country_version_unique").on(t.countryCode, t.version)],
);

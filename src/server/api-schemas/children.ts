import { z } from "zod";
import { consultationDefinition, DIMENSIONS, GENDERS } from "../../core/children/index.ts";
import { localTextOut } from "./index.ts";

/*
 * Children's consultations: the request and response shapes of /api/children. The question set
 * is validated by the core schema (one source for the designer, the API and XLSForm imports).
 * Results leave the server only as aggregates with small groups suppressed.
 */

export const CONSULTATION_STATUSES = ["draft", "open", "closed"] as const;

export const consultationParams = z.object({ id: z.uuid() });
export const consultationBody = z.object({ organisationId: z.uuid(), definition: consultationDefinition });
export const consultationUpdateBody = z.object({
  definition: consultationDefinition,
  expectedVersion: z.number().int().min(1),
});
export const statusBody = z.object({
  status: z.enum(["open", "closed"]),
  /** On closing: show the aggregate results on the public portal beside the linked indicators. */
  resultsPublic: z.boolean().default(false),
});
export const sessionBody = z.object({
  label: z.string().trim().min(1).max(120),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "a two-letter country code")
    .transform((c) => c.toUpperCase())
    .optional(),
  sharedDevice: z.boolean().default(false),
});

export const sessionOut = z.object({
  id: z.uuid(),
  code: z.string(),
  label: z.string(),
  country: z.string().nullable(),
  sharedDevice: z.boolean(),
});

export const consultationSummaryOut = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  title: localTextOut,
  status: z.enum(CONSULTATION_STATUSES),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Children who sent answers; null while fewer than the threshold (never a small number). */
  participants: z.number().int().nullable(),
  threshold: z.number().int(),
  resultsPublic: z.boolean(),
});
export type ConsultationSummaryOut = z.infer<typeof consultationSummaryOut>;

export const consultationOut = consultationSummaryOut.extend({
  version: z.number().int(),
  definition: consultationDefinition,
  sessions: z.array(sessionOut),
  pendingModeration: z.number().int(),
  may: z.object({ design: z.boolean(), moderate: z.boolean() }),
});
export type ConsultationOut = z.infer<typeof consultationOut>;

const tallyOut = z.object({
  n: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  agreeing: z.number().nullable(),
  median: z.number().nullable(),
});
const breakdownOut = z.object({
  dimension: z.enum(DIMENSIONS),
  groups: z.array(tallyOut.extend({ key: z.string() })),
  hidden: z.boolean(),
});
export const resultsOut = z.object({
  threshold: z.number().int(),
  participants: z.object({ n: z.number().int(), breakdowns: z.array(breakdownOut) }).nullable(),
  questions: z.array(
    z.object({
      code: z.string(),
      type: z.string(),
      total: tallyOut.nullable(),
      breakdowns: z.array(breakdownOut),
    }),
  ),
  /** Free texts a moderator approved (or redacted), without anything about who wrote them. */
  quotes: z.array(z.object({ question: z.string(), text: z.string() })),
});
export type ResultsOut = z.infer<typeof resultsOut>;

export const moderationParams = consultationParams.extend({
  submissionId: z.uuid(),
  questionCode: z.string().min(1).max(60),
});
const moderationStatus = z.enum(["pending", "approved", "redacted", "rejected"]);
/** One decision of a moderator: who (their name), when, what, how many parts removed; never the text. */
export const moderationDecisionOut = z.object({
  status: moderationStatus.exclude(["pending"]),
  parts: z.number().int(),
  by: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});
export const moderationItemOut = z.object({
  submissionId: z.uuid(),
  questionCode: z.string(),
  text: z.string(),
  findings: z.array(z.string()),
  status: moderationStatus,
  /** Send it back as `expectedVersion`: a decision on what another moderator just changed is refused. */
  version: z.number().int(),
  /** Oldest first. */
  history: z.array(moderationDecisionOut),
});
export type ModerationItemOut = z.infer<typeof moderationItemOut>;
export const moderationBody = z.object({
  decision: z.enum(["approve", "redact", "reject"]),
  /** For `redact`: the parts of the text to remove. */
  parts: z.array(z.string().min(1).max(200)).max(20).default([]),
  /** The item's `version` as the moderator read it. */
  expectedVersion: z.number().int().positive(),
});

/* The child-facing API: by a facilitator's short code, no account, no cookie. */

export const codeParams = z.object({
  code: z
    .string()
    .trim()
    .min(4)
    .max(12)
    .regex(/^[A-Za-z0-9]+$/, "letters and digits")
    .transform((c) => c.toUpperCase()),
});
export const audioParams = consultationParams.extend({ audioId: z.uuid() });
export const joinAudioParams = codeParams.extend({ audioId: z.uuid() });

/** What an XLSForm import made and what it could not map (row by row). */
export const questionnaireImportOut = z.object({
  id: z.uuid(),
  questions: z.number().int(),
  report: z.array(
    z.object({
      sheet: z.string(),
      row: z.number().int(),
      type: z.string(),
      name: z.string(),
      action: z.enum(["skipped", "ignored", "assumed"]),
      reason: z.string(),
    }),
  ),
});
export type QuestionnaireImportOut = z.infer<typeof questionnaireImportOut>;

/** What a Kobo import stored, and which columns it read and which it dropped. */
export const koboImportOut = z.object({
  stored: z.number().int(),
  /** Rows already imported before (the same Kobo record): not stored twice. */
  already: z.number().int(),
  emptyRows: z.number().int(),
  mapped: z.array(z.object({ column: z.string(), question: z.string() })),
  dropped: z.array(z.object({ column: z.string(), reason: z.string() })),
});
export type KoboImportOut = z.infer<typeof koboImportOut>;

/** The column-mapping step of a Kobo import: each column, what it is matched to, a few values. */
export const koboPreviewOut = z.object({
  rows: z.number().int(),
  columns: z.array(
    z.object({
      column: z.string(),
      target: z.string().nullable(),
      automatic: z.boolean(),
      kobo: z.boolean(),
      samples: z.array(z.string()),
      /** A select_multiple question's 0/1 column per option: that question's combined column is read instead. */
      partOf: z.string().nullable(),
    }),
  ),
  /** Rows that read cleanly and hold an answer: what an import with this mapping would store. */
  ready: z.number().int(),
  /** Rows with at least one value the import would refuse (one refused row stops the whole import). */
  refusedRows: z.number().int(),
  /** Rows with no answer at all: left out. */
  emptyRows: z.number().int(),
  /** Ready rows of an age band whose guardians' consent the facilitators must confirm. */
  needConsent: z.number().int(),
  /** The refusals grouped by column and reason: how many rows, and up to three values found. */
  refusals: z.array(
    z.object({
      column: z.string(),
      reason: z.string(),
      rows: z.number().int(),
      examples: z.array(z.string()),
    }),
  ),
  /** What an import with this mapping would refuse (by row and column); empty when it would import. */
  problems: z.array(z.string()),
});
export type KoboPreviewOut = z.infer<typeof koboPreviewOut>;

export const joinOut = z.object({
  code: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  sharedDevice: z.boolean(),
  title: localTextOut,
  consent: localTextOut,
  languages: z.array(z.string()),
  ageBands: consultationDefinition.shape.ageBands,
  regions: z.array(z.string()),
  genders: z.array(z.enum(GENDERS)),
  questions: consultationDefinition.shape.questions,
});
export type JoinOut = z.infer<typeof joinOut>;

const answerValue = z.union([z.string().max(500), z.number(), z.array(z.string().max(60)).max(30)]);
export const submissionBody = z.object({
  /** Generated by the child's browser: a retry with the same id is stored once. */
  submissionId: z.uuid(),
  ageBand: z.string().min(1).max(10),
  gender: z.enum(GENDERS).optional(),
  region: z.string().max(100).optional(),
  language: z.string().min(2).max(35),
  guardianConsentConfirmed: z.boolean().default(false),
  answers: z.record(z.string().max(60), answerValue),
});
export type SubmissionBody = z.input<typeof submissionBody>;
export const submissionOut = z.object({
  /** False when this submission had already been received (a retry): nothing was stored twice. */
  stored: z.boolean(),
  answers: z.number().int(),
});

/* What children said about an indicator, for the portal and the assessment workspace. */

export const childrenViewQuery = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
});
export const childrenViewOut = z.array(
  z.object({
    consultationId: z.uuid(),
    title: localTextOut,
    organisation: z.string(),
    closedAt: z.string().nullable(),
    question: z.object({ code: z.string(), text: localTextOut }),
    ageBands: z.array(z.string()),
    /** The country's group when it is shown (at least the threshold), else every country together. */
    country: z.string().nullable(),
    children: z.number().int(),
    agreeing: z.number().nullable(),
    counts: z.record(z.string(), z.number().int()),
  }),
);
export type ChildrenViewOut = z.infer<typeof childrenViewOut>;

/**
 * Every "what children said" of the published consultations, one entry per question linked to an
 * indicator: the total, the age bands and the countries that may be shown (each at least the
 * threshold, complementary suppression applied), for the portal and the assessment workspace.
 */
const voiceGroupOut = z.object({
  key: z.string(),
  children: z.number().int(),
  agreeing: z.number().nullable(),
  counts: z.record(z.string(), z.number().int()),
});
export const childrenVoiceOut = z.object({
  indicator: z.string(),
  consultationId: z.uuid(),
  title: localTextOut,
  organisation: z.string(),
  closedAt: z.string().nullable(),
  threshold: z.number().int(),
  question: z.object({
    code: z.string(),
    type: z.string(),
    text: localTextOut,
    /** The values that count as agreeing (yes; the happiest faces). */
    agreeing: z.array(z.string()),
    options: z.array(z.object({ value: z.string(), label: localTextOut, picture: z.string().optional() })),
  }),
  children: z.number().int(),
  agreeing: z.number().nullable(),
  counts: z.record(z.string(), z.number().int()),
  /** Age bands and countries shown (at least the threshold each); `hidden` when some were left out. */
  bands: z.array(voiceGroupOut.extend({ label: localTextOut })),
  countries: z.array(voiceGroupOut),
  hidden: z.boolean(),
  /**
   * A free-text question's words that a moderator approved (or approved with parts removed), once
   * the consultation reached its threshold; never a text waiting or rejected. Empty otherwise.
   */
  quotes: z.array(z.string()),
});
export type ChildrenVoiceOut = z.infer<typeof childrenVoiceOut>;
export const childrenVoicesOut = z.array(childrenVoiceOut);

/** The child-friendly results: per question the children and the count per answer, nothing else. */
export const kidsResultsOut = z.object({
  title: localTextOut,
  languages: z.array(z.string()),
  closedAt: z.string().nullable(),
  threshold: z.number().int(),
  /** Children who took part, or null under the threshold. */
  children: z.number().int().nullable(),
  questions: z.array(
    z.object({
      code: z.string(),
      type: z.string(),
      text: localTextOut,
      options: z.array(z.object({ value: z.string(), label: localTextOut, picture: z.string().optional() })),
      children: z.number().int(),
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
  quotes: z.array(z.string()),
});
export type KidsResultsOut = z.infer<typeof kidsResultsOut>;

import { z } from "zod";
import {
  INSTRUMENTS,
  OUTLINES,
  RATIFICATION_STATUSES,
  REVIEW_MECHANISMS,
  STEP_KINDS,
} from "../../core/reporting/index.ts";

/*
 * The reporting cycle: /api/reporting. Calendars (ratifications, reviews and their dated steps),
 * subscriptions to them (iCalendar feeds) and alternative reports drafted from the evidence.
 */

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "a two-letter country code")
  .transform((c) => c.toUpperCase());
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const countryParams = z.object({ code: countryCode });
export const calendarQuery = z.object({
  country: countryCode.optional(),
  region: z.string().min(1).max(40).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const ratificationOut = z.object({
  instrument: z.enum(INSTRUMENTS),
  name: z.string(),
  status: z.enum(RATIFICATION_STATUSES),
  signedOn: z.string().nullable(),
  ratifiedOn: z.string().nullable(),
  reservations: z.string().nullable(),
  source: z.string().nullable(),
  version: z.number().int(),
});

export const stepOut = z.object({
  id: z.uuid(),
  kind: z.enum(STEP_KINDS),
  dueOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
  isCoalitionDeadline: z.boolean(),
});

export const reviewOut = z.object({
  id: z.uuid(),
  mechanism: z.enum(REVIEW_MECHANISMS),
  review: z.string(),
  wordLimit: z.number().int().nullable(),
  source: z.string().nullable(),
  version: z.number().int(),
  steps: z.array(stepOut),
});

export const countryReportingOut = z.object({
  country: z.string(),
  countryName: z.string(),
  /** May the caller change this country's calendar? */
  mayEdit: z.boolean(),
  ratifications: z.array(ratificationOut),
  reviews: z.array(reviewOut),
});

export const calendarEventOut = z.object({
  stepId: z.uuid(),
  cycleId: z.uuid(),
  country: z.string(),
  countryName: z.string(),
  mechanism: z.enum(REVIEW_MECHANISMS),
  review: z.string(),
  kind: z.enum(STEP_KINDS),
  dueOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
  isCoalitionDeadline: z.boolean(),
});
export const calendarOut = z.object({
  events: z.array(calendarEventOut),
  /** The countries the calendar covers (those of the region the caller may read). */
  countries: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const feedBody = z
  .object({ country: countryCode.optional(), region: z.string().min(1).max(40).optional() })
  .refine((b) => !!b.country !== !!b.region, "name either a country or a region");
export const feedOut = z.object({ url: z.string(), path: z.string() });
export const feedParams = z.object({ token: z.string().min(1).max(200) });

export const citationOut = z.object({
  n: z.number().int(),
  kind: z.enum(["evidence", "recommendation", "score", "consultation", "budget"]),
  label: z.string(),
  href: z.string().nullable(),
});

export const sectionOut = z.object({
  key: z.string(),
  title: z.string(),
  /** The text in the rich-text subset (core/reporting/rich-text.ts), as stored. */
  body: z.string(),
  /** The same text as HTML, rendered and escaped on the server (only h3, h4, p, ul, ol, li, strong, em, a). */
  html: z.string(),
  citations: z.array(citationOut),
  questions: z.array(z.string()),
  words: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const reportSummaryOut = z.object({
  id: z.uuid(),
  country: z.string(),
  countryName: z.string(),
  title: z.string(),
  review: z.string().nullable(),
  words: z.number().int(),
  wordLimit: z.number().int().nullable(),
  createdAt: z.string(),
});
export const reportOut = reportSummaryOut.extend({
  cycleId: z.uuid().nullable(),
  outline: z.enum(OUTLINES),
  mayEdit: z.boolean(),
  sections: z.array(sectionOut),
});

export const reportsQuery = z.object({ country: countryCode.optional() });
export const reportBody = z
  .object({
    country: countryCode,
    cycleId: z.uuid().optional(),
    title: z.string().trim().min(1).max(200).optional(),
    /** The outline to start from; by default the review's mechanism's, or the CRC clusters. */
    outline: z.enum(OUTLINES).optional(),
    /** The section titles of a `custom` outline, in order. */
    sections: z
      .array(z.string().trim().min(1, "a section title cannot be empty").max(200))
      .max(30, "at most 30 sections")
      .optional(),
  })
  .refine((b) => b.outline !== "custom" || (b.sections?.length ?? 0) > 0, {
    message: "sections: a custom outline needs at least one section title",
    path: ["sections"],
  });
export const reportParams = z.object({ id: z.uuid() });
export const sectionParams = z.object({ id: z.uuid(), key: z.string().min(1).max(60) });
export const sectionBody = z.object({
  body: z.string().max(200_000, "a section holds at most 200,000 characters"),
  expectedVersion: z.number().int().min(1),
});
export const sectionHistoryOut = z.array(
  z.object({
    version: z.number().int(),
    bodyBefore: z.string().nullable(),
    bodyAfter: z.string(),
    changedBy: z.string().nullable(),
    changedAt: z.string(),
  }),
);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const optionalDate = isoDate.nullish().transform((v) => v ?? null);

export const instrumentParams = z.object({ code: countryCode, instrument: z.enum(INSTRUMENTS) });
export const ratificationBody = z.object({
  status: z.enum(RATIFICATION_STATUSES),
  signedOn: optionalDate,
  ratifiedOn: optionalDate,
  reservations: optionalText(10_000),
  source: optionalText(500),
  /** The version you edited; leave out only to record a ratification not recorded yet. */
  expectedVersion: z.number().int().min(1).optional(),
});
export const versionQuery = z.object({
  expectedVersion: z.coerce.number().int().min(1, "expectedVersion: the version you are deleting"),
});

export const stepBody = z.object({
  kind: z.enum(STEP_KINDS),
  dueOn: isoDate,
  endsOn: optionalDate,
  note: optionalText(1_000),
});
export const reviewBody = z.object({
  mechanism: z.enum(REVIEW_MECHANISMS),
  review: z.string().trim().min(1, "review: name the review").max(200),
  wordLimit: z.number().int().min(1).max(1_000_000).nullish(),
  source: optionalText(500),
  /** The dated steps; or leave them out and give `sessionStart` to plan them by the mechanism's usual timetable. */
  steps: z.array(stepBody).max(20).optional(),
  sessionStart: isoDate.optional(),
});
export const reviewUpdateBody = reviewBody.omit({ mechanism: true, sessionStart: true }).extend({
  steps: z.array(stepBody).max(20),
  expectedVersion: z.number().int().min(1),
});
export const reviewParams = z.object({ id: z.uuid() });

export const calendarHistoryOut = z.array(
  z.object({
    targetType: z.enum(["ratification", "review"]),
    targetKey: z.string(),
    change: z.enum(["created", "updated", "deleted"]),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    changedBy: z.string().nullable(),
    changedAt: z.string(),
  }),
);

export const followUpQuery = z.object({ mechanism: z.string().min(1).max(40).optional() });
export const followUpOut = z.object({
  country: z.string(),
  countryName: z.string(),
  /** The mechanisms whose recommendations to the country Childmark holds. */
  mechanisms: z.array(z.string()),
  /** The last review of the mechanism asked (or of any): null when none is recorded. */
  review: z
    .object({
      mechanism: z.string(),
      session: z.string().nullable(),
      cycle: z.string().nullable(),
      documentSymbol: z.string().nullable(),
      issuedOn: z.string().nullable(),
    })
    .nullable(),
  /** How many recommendations have each latest coalition status (`none`: never assessed). */
  counts: z.array(z.object({ status: z.string(), count: z.number().int() })),
  items: z.array(
    z.object({
      id: z.uuid(),
      reference: z.string(),
      text: z.string(),
      position: z.string().nullable(),
      articles: z.array(z.string()),
      coalitionStatus: z.string().nullable(),
      governmentStatus: z.string().nullable(),
      /** Every assessment recorded, newest first, with its evidence. */
      evidence: z.array(
        z.object({
          assessedOn: z.string(),
          by: z.enum(["government", "coalition"]),
          assessor: z.string().nullable(),
          status: z.string(),
          text: z.string().nullable(),
          links: z.array(z.string()),
        }),
      ),
    }),
  ),
});
export type FollowUpOut = z.infer<typeof followUpOut>;

export type CountryReportingOut = z.infer<typeof countryReportingOut>;
export type CalendarOut = z.infer<typeof calendarOut>;
export type CalendarEventOut = z.infer<typeof calendarEventOut>;
export type ReportOut = z.infer<typeof reportOut>;
export type ReportSummaryOut = z.infer<typeof reportSummaryOut>;
export type SectionOut = z.infer<typeof sectionOut>;
export type Citation = z.infer<typeof citationOut>;
export type RatificationBody = z.infer<typeof ratificationBody>;
export type ReviewBody = z.infer<typeof reviewBody>;
export type ReviewUpdateBody = z.infer<typeof reviewUpdateBody>;
export type StepBody = z.infer<typeof stepBody>;

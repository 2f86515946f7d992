import { z } from "zod";

/* The audit log: what is recorded, how it is asked for and how it is shown. */

/** Every action the audit log records (its code; the web app names each in the reader's language). */
export const AUDIT_ACTIONS = [
  "auth.sign-in",
  "auth.sign-in-failed",
  "auth.sign-out",
  "user.invited",
  "user.roles-changed",
  "user.deactivated",
  "user.reactivated",
  "user.sessions-revoked",
  "release.published",
  "analysis.stored",
  "analysis.published",
  "tracking.published",
  "framework.imported",
  "answers.imported",
  "recommendations.imported",
  "results.imported",
  "results.iati-imported",
  "results.deleted",
  "results.part-changed",
  "children.consultation-opened",
  "children.consultation-closed",
  "children.answer-moderated",
  "children.questionnaire-imported",
  "children.results-imported",
  "budgets.imported",
  "budgets.published",
  "budgets.reviewed",
  "unpublished.exported",
  "backup.created",
  "backup.restored",
  "report.created",
  "reporting.calendar-changed",
  "network.membership-changed",
  "network.members-imported",
  "assessment.area-started",
  "network.area-shapes-changed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ["success", "failure"] as const;

const day = z.iso.date("use a date as YYYY-MM-DD");

/** Filters of the audit log; `from` and `to` are whole days (UTC), both included. */
export const auditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z.string().trim().max(254).optional().describe("A user id, or part of an e-mail address"),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "use a two-letter country code")
    .optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEventOut = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  ip: z.string().nullable().describe("Kept for a limited time, then forgotten (docs/audit.md)"),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventOut = z.infer<typeof auditEventOut>;

export const auditPage = z.object({
  events: z.array(auditEventOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPageOut = z.infer<typeof auditPage>;

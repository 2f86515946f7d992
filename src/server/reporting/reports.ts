import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  type Actor,
  type Citation,
  can,
  countWords,
  type Outline,
  outlineForMechanism,
  outlineSections,
  prefillSection,
  richTextToHtml,
  sanitiseRichText,
  WORD_LIMITS,
} from "../../core/index.ts";
import type { ReportOut, ReportSummaryOut } from "../api-schemas/reporting.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import {
  alternativeReportSectionHistory,
  alternativeReportSections,
  alternativeReports,
  countries,
  reportingCycles,
  users,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { gatherFacts } from "./gather-facts.ts";
import { type CountryRef, countryTarget, readableCountries } from "./scope.ts";

/**
 * Starts an alternative report for a country (and a review of it, when named): one section per
 * section of the outline chosen (the review's mechanism's by default, else the CRC Committee's
 * clusters; or the coalition's own titles), each pre-filled from what Childmark knows about its
 * articles, with its citations; the word limit is the review's, or the mechanism's usual one. One
 * transaction with its first history rows and the audit event.
 */
export async function createReport(
  tx: Db,
  country: CountryRef,
  input: { cycleId?: string; title?: string; outline?: Outline; sections?: string[] },
  who: AuditActor & { actorId: string },
): Promise<string> {
  let review: { review: string; mechanism: string; wordLimit: number | null } | undefined;
  if (input.cycleId) {
    [review] = await tx
      .select({
        review: reportingCycles.review,
        mechanism: reportingCycles.mechanism,
        wordLimit: reportingCycles.wordLimit,
      })
      .from(reportingCycles)
      .where(and(eq(reportingCycles.id, input.cycleId), eq(reportingCycles.countryCode, country.code)));
    if (!review) throw new UserError(`cycleId: no review of ${country.name} with id ${input.cycleId}`);
  }
  const outline = input.outline ?? outlineForMechanism(review?.mechanism);
  const title = input.title ?? `Alternative report: ${country.name}${review ? ` — ${review.review}` : ""}`;
  const [report] = await tx
    .insert(alternativeReports)
    .values({
      countryCode: country.code,
      cycleId: input.cycleId ?? null,
      title,
      outline,
      wordLimit: review?.wordLimit ?? WORD_LIMITS[review?.mechanism ?? "crc"] ?? null,
      createdBy: who.actorId,
    })
    .returning({ id: alternativeReports.id });
  const facts = await gatherFacts(tx, country.code);
  const sections = outlineSections(outline, input.sections).map((cluster, position) => {
    const filled = cluster.articles.length
      ? prefillSection(cluster, facts)
      : { body: "", citations: [], questions: [] };
    return {
      reportId: report!.id,
      key: cluster.key,
      position,
      title: cluster.title.en ?? cluster.key,
      body: filled.body,
      citations: filled.citations,
      questions: filled.questions,
      updatedBy: who.actorId,
    };
  });
  const inserted = await tx
    .insert(alternativeReportSections)
    .values(sections)
    .returning({ id: alternativeReportSections.id, body: alternativeReportSections.body });
  await tx.insert(alternativeReportSectionHistory).values(
    inserted.map((s) => ({
      sectionId: s.id,
      version: 1,
      bodyBefore: null,
      bodyAfter: s.body,
      changedBy: who.actorId,
    })),
  );
  await recordAudit(tx, {
    ...who,
    action: "report.created",
    targetType: "alternative_report",
    targetId: report!.id,
    country: country.code,
    region: country.regionCode,
    details: { title, outline, sections: sections.length },
  });
  return report!.id;
}

interface ReportRow {
  id: string;
  country: string;
  countryName: string;
  regionCode: string | null;
  title: string;
  outline: string;
  review: string | null;
  cycleId: string | null;
  wordLimit: number | null;
  createdAt: Date;
}

const reportColumns = {
  id: alternativeReports.id,
  country: alternativeReports.countryCode,
  countryName: sql<string>`${countries.name}->>'en'`,
  regionCode: countries.regionCode,
  title: alternativeReports.title,
  outline: alternativeReports.outline,
  review: reportingCycles.review,
  cycleId: alternativeReports.cycleId,
  wordLimit: alternativeReports.wordLimit,
  createdAt: alternativeReports.createdAt,
};

/** A report with its country, or 404. */
export async function loadReport(db: Db, id: string): Promise<ReportRow & { target: CountryRef }> {
  const [row] = await db
    .select(reportColumns)
    .from(alternativeReports)
    .innerJoin(countries, eq(countries.code, alternativeReports.countryCode))
    .leftJoin(reportingCycles, eq(reportingCycles.id, alternativeReports.cycleId))
    .where(eq(alternativeReports.id, id));
  if (!row) throw new UserError("not found", [], 404);
  return { ...row, target: { code: row.country, name: row.countryName, regionCode: row.regionCode } };
}

async function wordsByReport(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ reportId: alternativeReportSections.reportId, body: alternativeReportSections.body })
    .from(alternativeReportSections)
    .where(inArray(alternativeReportSections.reportId, [...ids]));
  const words = new Map<string, number>();
  for (const r of rows) words.set(r.reportId, (words.get(r.reportId) ?? 0) + countWords(r.body));
  return words;
}

const summaryOf = (r: ReportRow, words: number): ReportSummaryOut => ({
  id: r.id,
  country: r.country,
  countryName: r.countryName,
  title: r.title,
  review: r.review,
  words,
  wordLimit: r.wordLimit,
  createdAt: r.createdAt.toISOString(),
});

/** The reports of the countries the actor may read (optionally one country), newest first. */
export async function listReports(db: Db, actor: Actor, country?: string): Promise<ReportSummaryOut[]> {
  const rows = await db
    .select(reportColumns)
    .from(alternativeReports)
    .innerJoin(countries, eq(countries.code, alternativeReports.countryCode))
    .leftJoin(reportingCycles, eq(reportingCycles.id, alternativeReports.cycleId))
    .where(country ? eq(alternativeReports.countryCode, country) : undefined)
    .orderBy(desc(alternativeReports.createdAt));
  const visible = readableCountries(
    actor,
    rows.map((r) => ({ ...r, code: r.country })),
  );
  const words = await wordsByReport(
    db,
    visible.map((r) => r.id),
  );
  return visible.map((r) => summaryOf(r, words.get(r.id) ?? 0));
}

/** A report with its sections, word counts and whether the actor may edit it. */
export async function readReport(
  db: Db,
  report: ReportRow & { target: CountryRef },
  actor: Actor,
): Promise<ReportOut> {
  const sections = await db
    .select({
      key: alternativeReportSections.key,
      title: alternativeReportSections.title,
      body: alternativeReportSections.body,
      citations: alternativeReportSections.citations,
      questions: alternativeReportSections.questions,
      version: alternativeReportSections.version,
      updatedAt: alternativeReportSections.updatedAt,
      updatedBy: users.name,
    })
    .from(alternativeReportSections)
    .leftJoin(users, eq(users.id, alternativeReportSections.updatedBy))
    .where(eq(alternativeReportSections.reportId, report.id))
    .orderBy(asc(alternativeReportSections.position));
  const out = sections.map((s) => ({
    ...s,
    html: richTextToHtml(s.body),
    words: countWords(s.body),
    updatedAt: s.updatedAt.toISOString(),
  }));
  return {
    ...summaryOf(
      report,
      out.reduce((sum, s) => sum + s.words, 0),
    ),
    cycleId: report.cycleId,
    outline: report.outline as Outline,
    mayEdit: can(actor, "report:write", countryTarget(report.target)),
    sections: out,
  };
}

/**
 * Saves a section's text if nobody saved it since `expectedVersion` (409 with the current text
 * otherwise), appending the change to its history in the same transaction. The text is kept in
 * the rich-text subset: HTML tags and unsafe links are removed before it is stored. Citations
 * stay: a marker `[n]` the text no longer holds simply is not exported.
 */
export async function saveSection(
  tx: Db,
  reportId: string,
  key: string,
  input: { body: string; expectedVersion: number },
  userId: string,
): Promise<{ version: number; words: number; body: string }> {
  const [current] = await tx
    .select({
      id: alternativeReportSections.id,
      body: alternativeReportSections.body,
      version: alternativeReportSections.version,
    })
    .from(alternativeReportSections)
    .where(and(eq(alternativeReportSections.reportId, reportId), eq(alternativeReportSections.key, key)))
    .for("update");
  if (!current) throw new UserError(`key: the report has no section "${key}"`, [], 404);
  if (current.version !== input.expectedVersion)
    throw new UserError(
      `someone saved this section meanwhile (version ${current.version}, you edited version ${input.expectedVersion}): reload it and apply your change again`,
      [`current: ${current.body.slice(0, 500)}`],
      409,
    );
  const body = sanitiseRichText(input.body);
  const version = current.version + 1;
  await tx
    .update(alternativeReportSections)
    .set({ body, version, updatedBy: userId, updatedAt: new Date() })
    .where(eq(alternativeReportSections.id, current.id));
  await tx.insert(alternativeReportSectionHistory).values({
    sectionId: current.id,
    version,
    bodyBefore: current.body,
    bodyAfter: body,
    changedBy: userId,
  });
  return { version, words: countWords(body), body };
}

/** Every version of a section, newest first, with who made it. */
export async function sectionHistory(db: Db, reportId: string, key: string) {
  const rows = await db
    .select({
      version: alternativeReportSectionHistory.version,
      bodyBefore: alternativeReportSectionHistory.bodyBefore,
      bodyAfter: alternativeReportSectionHistory.bodyAfter,
      changedBy: users.name,
      changedAt: alternativeReportSectionHistory.changedAt,
    })
    .from(alternativeReportSectionHistory)
    .innerJoin(
      alternativeReportSections,
      eq(alternativeReportSections.id, alternativeReportSectionHistory.sectionId),
    )
    .leftJoin(users, eq(users.id, alternativeReportSectionHistory.changedBy))
    .where(and(eq(alternativeReportSections.reportId, reportId), eq(alternativeReportSections.key, key)))
    .orderBy(desc(alternativeReportSectionHistory.version));
  if (!rows.length) throw new UserError(`key: the report has no section "${key}"`, [], 404);
  return rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() }));
}

export type { Citation };

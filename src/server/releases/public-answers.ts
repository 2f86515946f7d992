import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { LocalText, PublicEvidence, ReleaseAnswer } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { answers, assessments, evidenceSources, indicators } from "../db/schema.ts";
import { countryName } from "../reference/countries.ts";

/**
 * The public part of the answers of some assessments, exactly what a release may show: the value,
 * the justification of a "not applicable" answer, and the sources of the evidence not removed
 * (kind, citation, link, legal reference, date, file name). Never comments, history, review
 * states, internal notes, names of people or stored file paths.
 */
export async function loadPublicAnswers(db: Db, assessmentIds: readonly string[]): Promise<ReleaseAnswer[]> {
  if (!assessmentIds.length) return [];
  const rows = await db
    .select({
      answerId: answers.id,
      country: assessments.countryCode,
      indicator: indicators.code,
      valueText: answers.valueText,
      valueNumber: answers.valueNumber,
      justification: answers.justification,
    })
    .from(answers)
    .innerJoin(assessments, eq(assessments.id, answers.assessmentId))
    .innerJoin(indicators, eq(indicators.id, answers.indicatorId))
    .where(inArray(answers.assessmentId, [...assessmentIds]));
  const evidence = new Map<string, PublicEvidence[]>();
  if (rows.length) {
    const sources = await db
      .select({
        answerId: evidenceSources.answerId,
        kind: evidenceSources.kind,
        citation: evidenceSources.citation,
        url: evidenceSources.url,
        legalReference: evidenceSources.legalReference,
        sourceDate: evidenceSources.sourceDate,
        fileName: evidenceSources.fileName,
      })
      .from(evidenceSources)
      .innerJoin(answers, eq(answers.id, evidenceSources.answerId))
      .where(and(inArray(answers.assessmentId, [...assessmentIds]), isNull(evidenceSources.removedAt)))
      .orderBy(asc(evidenceSources.createdAt), asc(evidenceSources.id));
    for (const { answerId, ...source } of sources) {
      const list = evidence.get(answerId) ?? [];
      list.push({ ...source, kind: source.kind as PublicEvidence["kind"] });
      evidence.set(answerId, list);
    }
  }
  const result: ReleaseAnswer[] = [];
  for (const row of rows) {
    const value = row.valueText ?? row.valueNumber;
    const sources = evidence.get(row.answerId) ?? [];
    // A cleared answer without sources says nothing.
    if (value === null && !sources.length) continue;
    result.push({
      country: row.country,
      indicator: row.indicator,
      value,
      // A justification is public only as the reason an indicator does not apply.
      justification: value === "na" ? (row.justification ?? null) : null,
      evidence: sources,
    });
  }
  return result.sort(
    (a, b) =>
      (a.country < b.country ? -1 : a.country > b.country ? 1 : 0) ||
      (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0),
  );
}

/** Languages every release names countries in, besides the framework's own. */
const RELEASE_LANGUAGES = ["en", "fr", "ar"];

/** A country's name in the release's languages (CLDR through Intl.DisplayNames; Kosovo included). */
export function releaseCountryName(code: string, frameworkLanguages: readonly string[]): LocalText {
  const all = countryName(code);
  const name: LocalText = {};
  for (const lang of new Set([...RELEASE_LANGUAGES, ...frameworkLanguages])) {
    const label =
      all[lang] ?? new Intl.DisplayNames([lang], { type: "region", fallback: "none" }).of(code) ?? undefined;
    if (label) name[lang] = label;
  }
  if (!name.en) name.en = code;
  return name;
}

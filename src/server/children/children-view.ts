import { and, count, eq } from "drizzle-orm";
import {
  aggregateConsultation,
  agreeingValues,
  type ConsultationAggregate,
  type ConsultationDefinition,
} from "../../core/index.ts";
import type { ChildrenViewOut, ChildrenVoiceOut } from "../api-schemas/children.ts";
import type { Db } from "../db/connect.ts";
import { consultationLinks, consultationSubmissions, consultations, organisations } from "../db/schema.ts";
import { definitionOf } from "./definition-cache.ts";
import { readQuotes, readResponses } from "./read-results.ts";

/**
 * Aggregates of closed consultations, kept between requests (every portal page shows them): a key
 * holds the closing time and the number of submissions, so a reopened consultation or an answer
 * added later (an import) is aggregated afresh. The most recent few are kept.
 */
const aggregates = new Map<string, ConsultationAggregate>();

async function aggregateOf(
  db: Db,
  consultation: { id: string; closedAt: Date | null },
  definition: ConsultationDefinition,
): Promise<ConsultationAggregate> {
  const [submitted] = await db
    .select({ n: count() })
    .from(consultationSubmissions)
    .where(eq(consultationSubmissions.consultationId, consultation.id));
  const key = `${consultation.id}:${consultation.closedAt?.toISOString()}:${submitted?.n}`;
  let aggregate = aggregates.get(key);
  if (!aggregate) {
    aggregate = aggregateConsultation(definition, await readResponses(db, consultation.id));
    if (aggregates.size >= 50) aggregates.delete(aggregates.keys().next().value!);
    aggregates.set(key, aggregate);
  }
  return aggregate;
}

/**
 * "What children said" about index indicators: every question linked to an indicator in a closed
 * consultation whose organisation made the results public, as the share agreeing and the number
 * of children, with the age bands and countries that may be shown, and a free-text question's
 * approved quotes. A consultation that is open,
 * a draft, or closed without publishing is never read here.
 */
export async function readChildrenVoices(
  db: Db,
  options: { indicator?: string } = {},
): Promise<ChildrenVoiceOut[]> {
  const rows = await db
    .select({
      consultation: consultations,
      question: consultationLinks.questionCode,
      indicator: consultationLinks.ref,
      organisation: organisations.name,
    })
    .from(consultationLinks)
    .innerJoin(consultations, eq(consultations.id, consultationLinks.consultationId))
    .innerJoin(organisations, eq(organisations.id, consultations.organisationId))
    .where(
      and(
        eq(consultationLinks.kind, "indicator"),
        options.indicator ? eq(consultationLinks.ref, options.indicator) : undefined,
        eq(consultations.status, "closed"),
        eq(consultations.resultsPublic, true),
      ),
    );
  const out: ChildrenVoiceOut[] = [];
  for (const row of rows) {
    const definition = definitionOf(row.consultation);
    const aggregate = await aggregateOf(db, row.consultation, definition);
    const result = aggregate.questions.find((q) => q.code === row.question);
    const question = definition.questions.find((q) => q.code === row.question);
    if (!result?.total || !question) continue;
    const by = (dimension: "band" | "country") => result.breakdowns.find((b) => b.dimension === dimension);
    const group = (g: {
      key: string;
      n: number;
      agreeing: number | null;
      counts: Record<string, number>;
    }) => ({
      key: g.key,
      children: g.n,
      agreeing: g.agreeing,
      counts: g.counts,
    });
    out.push({
      indicator: row.indicator,
      consultationId: row.consultation.id,
      title: definition.title,
      organisation: row.organisation,
      closedAt: row.consultation.closedAt?.toISOString() ?? null,
      threshold: aggregate.threshold,
      question: {
        code: question.code,
        type: question.type,
        text: question.text,
        agreeing: agreeingValues(question),
        options: question.options,
      },
      children: result.total.n,
      agreeing: result.total.agreeing,
      counts: result.total.counts,
      // In the consultation's own order of age bands (youngest first), not the codes' order.
      bands: definition.ageBands.flatMap((band) => {
        const g = by("band")?.groups.find((x) => x.key === band.code);
        return g ? [{ ...group(g), label: band.label }] : [];
      }),
      countries: (by("country")?.groups ?? []).map(group),
      hidden: Boolean(by("band")?.hidden || by("country")?.hidden),
      // Approved words only, and only once the consultation as a whole reached its threshold.
      quotes:
        question.type === "short-text" && aggregate.participants
          ? (await readQuotes(db, row.consultation.id))
              .filter((q) => q.question === question.code)
              .map((q) => q.text)
          : [],
    });
  }
  return out.sort(
    (a, b) =>
      a.indicator.localeCompare(b.indicator) ||
      (b.closedAt ?? "").localeCompare(a.closedAt ?? "") ||
      a.question.code.localeCompare(b.question.code),
  );
}

/**
 * What children said about one indicator, for the public API: for a country, its own group when
 * that group is shown in the country breakdown; otherwise every country together
 * (`country: null`), never a group under the threshold.
 */
export async function readChildrenView(
  db: Db,
  indicatorCode: string,
  options: { country?: string } = {},
): Promise<ChildrenViewOut> {
  return (await readChildrenVoices(db, { indicator: indicatorCode })).map((v) => {
    const group = options.country ? v.countries.find((c) => c.key === options.country) : undefined;
    return {
      consultationId: v.consultationId,
      title: v.title,
      organisation: v.organisation,
      closedAt: v.closedAt,
      question: { code: v.question.code, text: v.question.text },
      ageBands: v.bands.map((b) => b.key),
      country: group ? group.key : null,
      children: group ? group.children : v.children,
      agreeing: group ? group.agreeing : v.agreeing,
      counts: group ? group.counts : v.counts,
    };
  });
}

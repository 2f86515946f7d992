import { sql } from "drizzle-orm";
import type { ConsultationDefinition, KnownFacts, LocalText } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { LATEST_ASSESSMENTS } from "../recommendations/tracking-status.ts";

const en = (t: LocalText | null | undefined) => t?.en ?? Object.values(t ?? {})[0] ?? "";

/**
 * What Childmark knows about a country, by UNCRC article, for the report builder: the latest
 * index scores of the `uncrc` lens, the latest assessment's answers with their evidence, the
 * recommendations to the State with the coalition's latest status, and the closed children's
 * consultations (of the country's organisations, or regional ones with children of the country)
 * whose questions are linked to an article (the country's participants counted only from the
 * consultation's own threshold up).
 */
export async function gatherFacts(db: Db, country: string): Promise<KnownFacts> {
  const scoreRows = await queryRows<{
    node: string;
    score: number | null;
    change: number | null;
    period: string;
  }>(
    db,
    sql`select distinct on (v.node) v.node, v.score, v.change, c.period
      from score_values v
      join score_snapshots s on s.id = v.snapshot_id and s.is_current
      join cycles c on c.id = s.cycle_id
      where v.country_code = ${country} and v.node like 'uncrc:%'
      order by v.node, c.period desc`,
  );
  const answerRows = await queryRows<{
    answer_id: string;
    assessment_id: string;
    code: string;
    text: LocalText;
    value_text: string | null;
    value_number: number | null;
    unit: string | null;
    articles: string[];
  }>(
    db,
    sql`with latest as (
        select a.id from assessments a join cycles c on c.id = a.cycle_id
        where a.country_code = ${country} and a.area_code is null order by c.period desc limit 1)
      select an.id as answer_id, an.assessment_id, i.code, i.text, an.value_text, an.value_number, i.unit,
        array_agg(distinct cv.code) as articles
      from answers an
      join latest on latest.id = an.assessment_id
      join indicators i on i.id = an.indicator_id
      join indicator_classifications ic on ic.indicator_id = i.id
      join classification_values cv on cv.id = ic.value_id
      join classifications cl on cl.id = cv.classification_id and cl.code = 'uncrc'
      where an.value_text is not null or an.value_number is not null
      group by an.id, an.assessment_id, i.code, i.text, an.value_text, an.value_number, i.unit, i.position
      order by i.position`,
  );
  const evidenceRows = answerRows.length
    ? await queryRows<{
        id: string;
        answer_id: string;
        kind: string;
        citation: string | null;
        url: string | null;
        legal_reference: string | null;
        file_name: string | null;
      }>(
        db,
        sql`select id, answer_id, kind, citation, url, legal_reference, file_name from evidence_sources
          where removed_at is null and answer_id in (${sql.join(
            answerRows.map((a) => sql`${a.answer_id}`),
            sql`, `,
          )}) order by created_at`,
      )
    : [];
  const recRows = await queryRows<{
    id: string;
    document_symbol: string | null;
    paragraph: string | null;
    mechanism: string;
    session: string | null;
    text: LocalText;
    uncrc_articles: string[];
    themes: string[];
    status: string | null;
    assessed_on: string | null;
    evidence_text: string | null;
  }>(
    db,
    sql`select r.id, r.document_symbol, r.paragraph, r.mechanism, r.session, r.text, r.uncrc_articles, r.themes,
        l.status, l.assessed_on::text as assessed_on, l.evidence_text
      from recommendations r
      left join ${LATEST_ASSESSMENTS} l on l.recommendation_id = r.id and l.assessed_by_kind = 'coalition'
      where r.state_code = ${country} and cardinality(r.uncrc_articles) > 0
      order by r.issued_on desc nulls last, r.document_symbol, r.paragraph`,
  );
  const consultationRows = await queryRows<{
    id: string;
    definition: ConsultationDefinition;
    articles: string[];
    participants: number;
  }>(
    db,
    sql`select c.id, c.definition, array_agg(distinct l.ref) as articles,
        (select count(*)::int from consultation_submissions s
          where s.consultation_id = c.id and (s.country_code = ${country} or o.country_code = ${country})) as participants
      from consultations c
      join organisations o on o.id = c.organisation_id
      join consultation_links l on l.consultation_id = c.id and l.kind = 'article'
      where c.status = 'closed' and (o.country_code = ${country} or exists (
        select 1 from consultation_submissions s where s.consultation_id = c.id and s.country_code = ${country}))
      group by c.id, c.definition, o.country_code`,
  );
  // Budget lines of validated fiscal years only (as on the portal), tagged with articles.
  const budgetRows = await queryRows<{
    id: string;
    fiscal_year: string;
    name: string;
    name_en: string;
    ministry: string;
    currency: string;
    allocated: number | null;
    executed: number | null;
    articles: string[];
    source_document: string | null;
    source_page: string | null;
  }>(
    db,
    sql`select l.id, l.fiscal_year, l.name, l.name_en, l.ministry, l.currency, l.allocated, l.executed,
        l.articles, l.source_document, l.source_page
      from budget_lines l
      join budget_reviews r on r.country_code = l.country_code and r.fiscal_year = l.fiscal_year
        and r.state = 'validated'
      where l.country_code = ${country} and cardinality(l.articles) > 0
      order by l.start_year, l.name_en`,
  );
  const evidenceOf = (answerId: string, assessmentId: string) =>
    evidenceRows
      .filter((e) => e.answer_id === answerId)
      .map((e) => ({
        label: e.citation ?? e.legal_reference ?? e.file_name ?? e.url ?? "Source",
        href: e.kind === "file" ? `/api/evidence/${e.id}/file` : (e.url ?? `/assessments/${assessmentId}`),
      }));
  const synergyRows = await queryRows<{ ids: string[] }>(
    db,
    sql`select array_agg(m.recommendation_id::text order by m.recommendation_id) as ids
      from recommendation_synergy_members m
      join recommendation_synergies g on g.id = m.synergy_id
      where g.state_code = ${country} and g.decision = 'confirmed'
      group by g.id order by min(g.created_at)`,
  );
  const answers = answerRows
    .map((a) => ({
      indicatorCode: a.code,
      indicatorText: en(a.text),
      value: a.value_text ?? `${a.value_number}${a.unit ? ` ${a.unit}` : ""}`,
      articles: a.articles,
      href: `/assessments/${a.assessment_id}`,
      evidence: evidenceOf(a.answer_id, a.assessment_id),
    }))
    // What has evidence behind it comes first: that is what the report can cite.
    .sort((a, b) => Number(b.evidence.length > 0) - Number(a.evidence.length > 0));
  return {
    scores: scoreRows.map((s) => ({
      article: s.node.slice("uncrc:".length),
      score: s.score === null ? null : Number(s.score),
      change: s.change === null ? null : Number(s.change),
      period: s.period,
    })),
    answers,
    recommendations: recRows.map((r) => ({
      id: r.id,
      reference:
        [r.document_symbol, r.paragraph && `para. ${r.paragraph}`].filter(Boolean).join(", ") ||
        `${r.mechanism.toUpperCase()} ${r.session ?? ""}`.trim(),
      text: en(r.text),
      articles: r.uncrc_articles,
      status: r.status,
      assessedOn: r.assessed_on,
      evidence: r.evidence_text,
      mechanism: r.mechanism,
      themes: r.themes,
    })),
    budgets: budgetRows.map((b) => ({
      id: b.id,
      fiscalYear: b.fiscal_year,
      name: b.name_en || b.name,
      ministry: b.ministry,
      currency: b.currency,
      allocated: b.allocated === null ? null : Number(b.allocated),
      executed: b.executed === null ? null : Number(b.executed),
      articles: b.articles,
      source: [b.source_document, b.source_page && `p. ${b.source_page}`].filter(Boolean).join(", ") || null,
      href: `/budgets/countries/${country}`,
    })),
    consultations: consultationRows.map((c) => ({
      id: c.id,
      title: en(c.definition.title),
      participants: c.participants >= (c.definition.threshold ?? 10) ? c.participants : null,
      articles: c.articles,
    })),
    // The synergies a person confirmed: only these are reported together.
    synergies: synergyRows.map((g) => g.ids),
  };
}

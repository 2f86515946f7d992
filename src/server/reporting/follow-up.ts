import { sql } from "drizzle-orm";
import type { LocalText } from "../../core/index.ts";
import type { FollowUpOut } from "../api-schemas/reporting.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import type { CountryRef } from "./scope.ts";

const en = (t: LocalText | null | undefined) => t?.en ?? Object.values(t ?? {})[0] ?? "";

/** Orders reviews newest first: the day issued, then the cycle's and the session's numbers. */
const NEWEST_REVIEW = sql`issued_on desc nulls last,
  nullif(regexp_replace(coalesce(cycle, ''), '\\D', '', 'g'), '')::int desc nulls last,
  nullif(regexp_replace(coalesce(session, ''), '\\D', '', 'g'), '')::int desc nulls last`;

/**
 * The follow-up report card of a country's last review by a mechanism (the latest by default):
 * each recommendation or concluding observation it made, the coalition's and the government's
 * latest status, and every assessment recorded since with its evidence; with the count by status.
 */
export async function readFollowUp(db: Db, country: CountryRef, mechanism?: string): Promise<FollowUpOut> {
  const reviews = await queryRows<{
    mechanism: string;
    session: string | null;
    cycle: string | null;
    document_symbol: string | null;
    issued_on: string | null;
  }>(
    db,
    sql`select distinct on (mechanism) mechanism, session, cycle, document_symbol, issued_on::text as issued_on
      from recommendations where state_code = ${country.code}
      order by mechanism, ${NEWEST_REVIEW}`,
  );
  const ordered = reviews.sort((a, b) => (b.issued_on ?? "").localeCompare(a.issued_on ?? ""));
  const last = mechanism ? ordered.find((r) => r.mechanism === mechanism) : ordered[0];
  const base = {
    country: country.code,
    countryName: country.name,
    mechanisms: ordered.map((r) => r.mechanism).sort(),
  };
  if (!last) return { ...base, review: null, counts: [], items: [] };
  const recs = await queryRows<{
    id: string;
    paragraph: string | null;
    document_symbol: string | null;
    text: LocalText;
    position: string | null;
    uncrc_articles: string[];
  }>(
    db,
    sql`select id, paragraph, document_symbol, text, position, uncrc_articles from recommendations
      where state_code = ${country.code} and mechanism = ${last.mechanism}
        and session is not distinct from ${last.session} and cycle is not distinct from ${last.cycle}
      order by nullif(regexp_replace(coalesce(paragraph, ''), '[^0-9.]', '', 'g'), '') nulls last, paragraph, id`,
  );
  const assessments = recs.length
    ? await queryRows<{
        recommendation_id: string;
        status: string;
        assessed_by_kind: string;
        assessor_name: string | null;
        assessed_on: string;
        evidence_text: string | null;
        evidence_url: string | null;
        evidence_urls: string[];
      }>(
        db,
        sql`select recommendation_id, status, assessed_by_kind, assessor_name, assessed_on::text as assessed_on,
            evidence_text, evidence_url, evidence_urls
          from implementation_assessments
          where recommendation_id in (${sql.join(
            recs.map((r) => sql`${r.id}`),
            sql`, `,
          )})
          order by assessed_on desc, created_at desc`,
      )
    : [];
  const items = recs.map((r) => {
    const mine = assessments.filter((a) => a.recommendation_id === r.id);
    const latest = (kind: string) => mine.find((a) => a.assessed_by_kind === kind) ?? null;
    return {
      id: r.id,
      reference: [r.document_symbol, r.paragraph && `para. ${r.paragraph}`].filter(Boolean).join(", "),
      text: en(r.text),
      position: r.position,
      articles: r.uncrc_articles,
      coalitionStatus: latest("coalition")?.status ?? null,
      governmentStatus: latest("government")?.status ?? null,
      evidence: mine.map((a) => ({
        assessedOn: a.assessed_on,
        by: a.assessed_by_kind as "government" | "coalition",
        assessor: a.assessor_name,
        status: a.status,
        text: a.evidence_text,
        links: [...new Set([a.evidence_url, ...a.evidence_urls].filter((u): u is string => !!u))],
      })),
    };
  });
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = item.coalitionStatus ?? "none";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    ...base,
    review: {
      mechanism: last.mechanism,
      session: last.session,
      cycle: last.cycle,
      documentSymbol: last.document_symbol,
      issuedOn: last.issued_on,
    },
    counts: [...counts.entries()].map(([status, count]) => ({ status, count })),
    items,
  };
}

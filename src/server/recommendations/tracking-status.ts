import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";

/** How many recommendations have one value of a facet. */
export interface FacetCount {
  value: string;
  count: number;
}

/** The latest status of each kind of assessor; null when that kind never assessed it. */
export interface CurrentStatus {
  government: string | null;
  coalition: string | null;
}

/**
 * The latest assessment of every recommendation by each kind of assessor (latest assessed day, then
 * latest recorded): the SQL of a derived table with recommendation_id, assessed_by_kind, status,
 * responsible_institutions, evidence_text, evidence_url, evidence_urls.
 */
export const LATEST_ASSESSMENTS = sql`(select distinct on (recommendation_id, assessed_by_kind)
    recommendation_id, assessed_by_kind, status, responsible_institutions, evidence_text, evidence_url,
    evidence_urls, assessed_on
  from implementation_assessments
  order by recommendation_id, assessed_by_kind, assessed_on desc, created_at desc)`;

/** SQL: the latest status of recommendation `r` by one kind of assessor. */
export function latestStatusOf(kind: "government" | "coalition" | null): SQL {
  const byKind = kind ? sql`and a.assessed_by_kind = ${kind}` : sql``;
  return sql`(select a.status from implementation_assessments a where a.recommendation_id = r.id ${byKind}
    order by a.assessed_on desc, a.created_at desc limit 1)`;
}

/**
 * Facets of tracking over every recommendation matching `where` (on alias `r`): the coalition's
 * latest status (`none` for those it never assessed) and the responsible institutions named by
 * the latest assessment of either kind (each recommendation counted once per institution).
 */
export async function countTrackingFacets(
  db: Db,
  where: SQL,
  limit: number,
): Promise<{ status: FacetCount[]; institution: FacetCount[] }> {
  // One statement (a round trip less on PGlite, where queries run one after another).
  const rows = await queryRows<{ facet: string; value: string; count: string | number }>(
    db,
    sql`(select 'status' as facet, l.status as value, count(*) as count from ${LATEST_ASSESSMENTS} l
        join recommendations r on r.id = l.recommendation_id
        where l.assessed_by_kind = 'coalition' and ${where} group by l.status)
      union all
      (select 'institution', i.value, count(distinct l.recommendation_id) from ${LATEST_ASSESSMENTS} l
        join recommendations r on r.id = l.recommendation_id
        cross join lateral unnest(l.responsible_institutions) as i(value)
        where ${where} group by i.value order by count(distinct l.recommendation_id) desc, i.value limit ${limit})
      union all
      (select 'total', '', count(*) from recommendations r where ${where})`,
  );
  const total = Number(rows.find((r) => r.facet === "total")?.count ?? 0);
  const statuses = rows.filter((r) => r.facet === "status");
  const institutions = rows.filter((r) => r.facet === "institution");
  const status = statuses.map((s) => ({ value: s.value, count: Number(s.count) }));
  const assessed = status.reduce((sum, s) => sum + s.count, 0);
  if (total > assessed) status.push({ value: "none", count: total - assessed });
  status.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const institution = institutions
    .map((i) => ({ value: i.value, count: Number(i.count) }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { status, institution };
}

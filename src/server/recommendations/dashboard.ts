import { type SQL, sql } from "drizzle-orm";
import {
  DASHBOARD_STATUSES,
  type Dashboard,
  type DashboardQuery,
  dashboardOutput,
  dashboardQuery,
} from "../api-schemas/recommendations.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { buildWhere } from "./search-recommendations.ts";
import { LATEST_ASSESSMENTS } from "./tracking-status.ts";

export { DASHBOARD_STATUSES, type Dashboard, type DashboardQuery, dashboardOutput, dashboardQuery };

const DIMENSIONS = ["theme", "article", "institution", "mechanism", "cycle"] as const;
type Dimension = (typeof DIMENSIONS)[number];

/**
 * Counts of recommendations by implementation status (the latest assessment of one kind of
 * assessor, `none` when never assessed) crossed with theme, UNCRC article, responsible institution
 * (named by that latest assessment), mechanism and cycle, in one read. A recommendation with several
 * themes or articles counts once under each; `(none)` gathers those without any. Only the
 * recommendations for which `visible` holds (the person may read their tracking) are counted.
 */
export async function buildDashboard(
  db: Db,
  query: DashboardQuery,
  visible: SQL = sql`true`,
): Promise<Dashboard> {
  const where = sql`${buildWhere({ ...query, page: 1, pageSize: 1 })} and ${visible}`;
  const rows = await queryRows<{
    dimension: Dimension | "all";
    value: string;
    status: string;
    count: string | number;
  }>(
    db,
    sql`with base as (
        select r.id, r.mechanism, coalesce(r.cycle, '(none)') as cycle, r.themes, r.uncrc_articles,
          coalesce(l.status, 'none') as status, coalesce(l.responsible_institutions, '{}'::text[]) as institutions
        from recommendations r
        left join ${LATEST_ASSESSMENTS} l on l.recommendation_id = r.id and l.assessed_by_kind = ${query.assessor}
        where ${where})
      select 'all' as dimension, '' as value, status, count(*) as count from base group by status
      union all select 'mechanism', mechanism, status, count(*) from base group by mechanism, status
      union all select 'cycle', cycle, status, count(*) from base group by cycle, status
      union all select 'theme', coalesce(t, '(none)'), status, count(*)
        from base left join lateral unnest(themes) t on true group by t, status
      union all select 'article', coalesce(a, '(none)'), status, count(*)
        from base left join lateral unnest(uncrc_articles) a on true group by a, status
      union all select 'institution', coalesce(i, '(none)'), status, count(*)
        from base left join lateral unnest(institutions) i on true group by i, status`,
  );
  const byStatus: Record<string, number> = {};
  const groups = new Map<
    Dimension,
    Map<string, { value: string; total: number; counts: Record<string, number> }>
  >(DIMENSIONS.map((d) => [d, new Map()]));
  for (const r of rows) {
    const count = Number(r.count);
    if (r.dimension === "all") {
      byStatus[r.status] = count;
      continue;
    }
    const group = groups.get(r.dimension)!;
    const entry = group.get(r.value) ?? { value: r.value, total: 0, counts: {} };
    entry.counts[r.status] = count;
    entry.total += count;
    group.set(r.value, entry);
  }
  const list = (d: Dimension) => {
    const entries = [...groups.get(d)!.values()];
    for (const e of entries) for (const s of DASHBOARD_STATUSES) e.counts[s] ??= 0;
    return d === "article"
      ? entries.sort((a, b) => articleOrder(a.value) - articleOrder(b.value))
      : entries.sort((a, b) => b.total - a.total || a.value.localeCompare(b.value));
  };
  for (const s of DASHBOARD_STATUSES) byStatus[s] ??= 0;
  return {
    assessor: query.assessor,
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    statuses: [...DASHBOARD_STATUSES],
    byStatus,
    byTheme: list("theme"),
    byArticle: list("article"),
    byInstitution: list("institution"),
    byMechanism: list("mechanism"),
    byCycle: list("cycle"),
  };
}

/** UNCRC articles in number order; `(none)` last. */
function articleOrder(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : 1000;
}

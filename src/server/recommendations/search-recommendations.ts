import { type SQL, sql } from "drizzle-orm";
import type { LocalText } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { cachedFacets } from "./facet-cache.ts";
import {
  type CurrentStatus,
  countTrackingFacets,
  type FacetCount,
  LATEST_ASSESSMENTS,
  latestStatusOf,
} from "./tracking-status.ts";

export type { FacetCount };

export interface SearchFilters {
  /** Web-search syntax: words, "quoted phrases", -excluded, or. */
  q?: string;
  /** ISO2 code or the name as imported. */
  state?: string;
  mechanism?: string;
  position?: string;
  session?: string;
  cycle?: string;
  theme?: string;
  group?: string;
  article?: string;
  sdg?: string;
  recommendingState?: string;
  /** The latest implementation status (either kind of assessor); `none` for never assessed. */
  status?: string;
  /** The coalition's latest status; `none` for never assessed by the coalition. */
  coalitionStatus?: string;
  /** The government's latest claimed status; `none` for never claimed. */
  governmentStatus?: string;
  /** A responsible institution named by the latest assessment of either kind. */
  institution?: string;
  page: number;
  pageSize: number;
}

export interface RecommendationListItem {
  id: string;
  mechanism: string;
  session: string | null;
  cycle: string | null;
  documentSymbol: string | null;
  paragraph: string | null;
  stateCode: string | null;
  stateName: string;
  recommendingStates: string[];
  text: LocalText;
  position: string | null;
  actionCategory: number | null;
  themes: string[];
  uncrcArticles: string[];
  sdgTargets: string[];
  /** The latest status by each kind of assessor, kept apart. */
  currentStatus: CurrentStatus;
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: RecommendationListItem[];
  facets: Record<
    "position" | "mechanism" | "session" | "state" | "theme" | "status" | "institution",
    FacetCount[]
  >;
}

const FACET_LIMIT = 50;

/**
 * Full-text and faceted search of recommendations: PostgreSQL text search (English stemming,
 * `websearch_to_tsquery`, so quoted phrases work) plus a filter on every field, one page of
 * results and facet counts (position, mechanism, session, State, theme) over the whole match.
 * Tracking (statuses, institutions: their filters, facets and the current status of each item)
 * covers only the recommendations for which `visible` (SQL on alias `r`) holds.
 */
export async function searchRecommendations(
  db: Db,
  filters: SearchFilters,
  visible: SQL = sql`true`,
): Promise<SearchResult> {
  const where = buildWhere(filters, visible);
  const offset = (filters.page - 1) * filters.pageSize;
  // A text search matches few rows: they are found by the text index, then sorted ("offset 0" keeps
  // the planner from walking the order index and testing every row's text instead).
  const matching = filters.q?.trim()
    ? sql`(select * from recommendations r where ${where} offset 0)`
    : sql`(select * from recommendations r where ${where})`;
  // The page of items is read every time; the facets (counts over the whole match, the costly part
  // of a broad search) are kept per state of the data (facet-cache.ts). On PostgreSQL the reads run
  // at once on separate pool connections.
  const [items, counted] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select id, mechanism, session, cycle, document_symbol, paragraph, state_code, state_name,
          recommending_states, text, position, action_category, themes, uncrc_articles, sdg_targets,
          case when ${visible} then ${latestStatusOf("government")} end as government_status,
          case when ${visible} then ${latestStatusOf("coalition")} end as coalition_status
        from ${matching} r
        order by r.state_name, r.session nulls last, r.paragraph nulls last, r.id
        limit ${filters.pageSize} offset ${offset}`,
    ),
    cachedFacets(db, sql`${where} and ${visible}`, () => countFacets(db, where, visible)),
  ]);
  return {
    total: counted.total,
    page: filters.page,
    pageSize: filters.pageSize,
    items: items.map(presentItem),
    facets: counted.facets,
  };
}

/** Facet counts (position, mechanism, session, State, theme, tracking) and the total of a search. */
async function countFacets(
  db: Db,
  where: SQL,
  visible: SQL,
): Promise<{ total: number; facets: SearchResult["facets"] }> {
  // Themes are unnested in the select list: on PGlite that takes about half the time of a lateral join.
  const [grouped, themes] = await Promise.all([
    queryRows<{ facet: string; value: string | null; count: string | number }>(
      db,
      sql`select case when grouping(position) = 0 then 'position' when grouping(mechanism) = 0 then 'mechanism'
                    when grouping(session) = 0 then 'session' else 'state' end as facet,
               case when grouping(position) = 0 then position when grouping(mechanism) = 0 then mechanism
                    when grouping(session) = 0 then session else state_name end as value, count(*) as count
        from recommendations r where ${where}
        group by grouping sets ((position), (mechanism), (session), (state_name))`,
    ),
    queryRows<{ value: string; count: string | number }>(
      db,
      sql`select theme as value, count(*) as count
        from (select unnest(r.themes) as theme from recommendations r where ${where}) listed
        group by theme order by count(*) desc, theme limit ${FACET_LIMIT}`,
    ),
  ]);
  const facets: SearchResult["facets"] = {
    position: [],
    mechanism: [],
    session: [],
    state: [],
    theme: [],
    status: [],
    institution: [],
  };
  let total = 0;
  for (const row of grouped) {
    const facet = row.facet as "position" | "mechanism" | "session" | "state";
    const count = Number(row.count);
    if (facet === "mechanism") total += count;
    facets[facet].push({ value: row.value ?? "", count });
  }
  for (const key of ["position", "session"] as const)
    facets[key] = facets[key].map((f) => ({ ...f, value: f.value || "none" }));
  for (const key of ["position", "mechanism", "state"] as const) facets[key].sort(byCount);
  facets.session.sort((a, b) => compareSessions(a.value, b.value));
  facets.state = facets.state.slice(0, FACET_LIMIT);
  facets.theme = themes.map((t) => ({ value: t.value, count: Number(t.count) }));
  Object.assign(facets, await countTrackingFacets(db, sql`${where} and ${visible}`, FACET_LIMIT));
  return { total, facets };
}

/**
 * The SQL condition (on alias `r`) of every filter of a search. Filters on tracking match only
 * recommendations for which `visible` holds (the person may read their tracking).
 */
export function buildWhere(f: SearchFilters, visible: SQL = sql`true`): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.q?.trim()) parts.push(sql`r.search_vector @@ websearch_to_tsquery('english', ${f.q})`);
  if (f.state) parts.push(sql`(r.state_code = ${f.state.toUpperCase()} or r.state_name = ${f.state})`);
  if (f.mechanism) parts.push(sql`r.mechanism = ${f.mechanism}`);
  if (f.position)
    parts.push(f.position === "none" ? sql`r.position is null` : sql`r.position = ${f.position}`);
  if (f.session) parts.push(sql`r.session = ${f.session}`);
  if (f.cycle) parts.push(sql`r.cycle = ${f.cycle}`);
  if (f.theme) parts.push(sql`r.themes @> array[${f.theme}]::text[]`);
  if (f.group) parts.push(sql`r.affected_groups @> array[${f.group}]::text[]`);
  if (f.article) parts.push(sql`r.uncrc_articles @> array[${f.article}]::text[]`);
  if (f.sdg) parts.push(sql`r.sdg_targets @> array[${f.sdg}]::text[]`);
  if (f.recommendingState) parts.push(sql`r.recommending_states @> array[${f.recommendingState}]::text[]`);
  const byStatus = (value: string, latest: SQL) =>
    parts.push(
      value === "none" ? sql`(${visible} and ${latest} is null)` : sql`(${visible} and ${latest} = ${value})`,
    );
  if (f.status) byStatus(f.status, latestStatusOf(null));
  if (f.coalitionStatus) byStatus(f.coalitionStatus, latestStatusOf("coalition"));
  if (f.governmentStatus) byStatus(f.governmentStatus, latestStatusOf("government"));
  if (f.institution)
    parts.push(sql`${visible} and exists (select 1 from ${LATEST_ASSESSMENTS} l where l.recommendation_id = r.id
      and l.responsible_institutions @> array[${f.institution}]::text[])`);
  return sql.join(parts, sql` and `);
}

function presentItem(row: Record<string, unknown>): RecommendationListItem {
  return {
    id: row.id as string,
    mechanism: row.mechanism as string,
    session: row.session as string | null,
    cycle: row.cycle as string | null,
    documentSymbol: row.document_symbol as string | null,
    paragraph: row.paragraph as string | null,
    stateCode: row.state_code as string | null,
    stateName: row.state_name as string,
    recommendingStates: row.recommending_states as string[],
    text: row.text as LocalText,
    position: row.position as string | null,
    actionCategory: row.action_category as number | null,
    themes: row.themes as string[],
    uncrcArticles: row.uncrc_articles as string[],
    sdgTargets: row.sdg_targets as string[],
    currentStatus: {
      government: row.government_status as string | null,
      coalition: row.coalition_status as string | null,
    },
  };
}

function byCount(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || a.value.localeCompare(b.value);
}

/** Numeric sessions in number order ("2" before "10"), others after, alphabetically. */
function compareSessions(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  if (Number.isFinite(na)) return -1;
  if (Number.isFinite(nb)) return 1;
  return a.localeCompare(b);
}

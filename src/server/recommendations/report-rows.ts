import { sql } from "drizzle-orm";
import type { LocalText } from "../../core/index.ts";
import { type ReportQuery, reportQuery } from "../api-schemas/recommendations.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { UserError } from "../errors.ts";
import { findUncrcArticle } from "../reference/uncrc-articles.ts";
import { buildWhere } from "./search-recommendations.ts";
import { LATEST_ASSESSMENTS } from "./tracking-status.ts";

export { type ReportQuery, reportQuery };

export interface ReportRow {
  id: string;
  documentSymbol: string | null;
  paragraph: string | null;
  session: string | null;
  mechanism: string;
  text: string;
  position: string | null;
  status: string | null;
  assessedOn: string | null;
  evidenceText: string | null;
  evidenceUrls: string[];
}

export interface ReportGroup {
  key: string;
  heading: string;
  rows: ReportRow[];
}

export interface Report {
  stateName: string;
  groupBy: ReportQuery["groupBy"];
  /** Distinct recommendations in the report (one may appear under several groups). */
  recommendations: number;
  groups: ReportGroup[];
}

const NO_GROUP = "(none)";

/**
 * The rows of a follow-up / alternative report: every recommendation to the State with its position
 * and the coalition's latest status and evidence, grouped under each of its UNCRC articles (in
 * article order) or clusters (themes, alphabetically); those without any come last.
 */
export async function readReport(db: Db, query: ReportQuery): Promise<Report> {
  const where = buildWhere({ state: query.state, page: 1, pageSize: 1 });
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, r.document_symbol, r.paragraph, r.session, r.mechanism, r.text, r.position, r.state_name,
        r.uncrc_articles, r.themes, l.status, l.assessed_on, l.evidence_text, l.evidence_url, l.evidence_urls
      from recommendations r
      left join ${LATEST_ASSESSMENTS} l on l.recommendation_id = r.id and l.assessed_by_kind = 'coalition'
      where ${where}
      order by r.session nulls last, r.document_symbol nulls last, r.paragraph nulls last, r.id`,
  );
  if (rows.length === 0) throw new UserError(`state: no recommendations to "${query.state}"`, [], 404);
  const groups = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const keys = (query.groupBy === "article" ? r.uncrc_articles : r.themes) as string[];
    for (const key of keys.length > 0 ? keys : [NO_GROUP]) {
      const list = groups.get(key) ?? [];
      list.push(presentRow(r));
      groups.set(key, list);
    }
  }
  const ordered = [...groups.keys()].sort((a, b) => compareKeys(a, b, query.groupBy));
  return {
    stateName: String(rows[0]!.state_name),
    groupBy: query.groupBy,
    recommendations: rows.length,
    groups: ordered.map((key) => ({ key, heading: headingOf(key, query.groupBy), rows: groups.get(key)! })),
  };
}

function presentRow(r: Record<string, unknown>): ReportRow {
  const text = r.text as LocalText;
  const url = r.evidence_url as string | null;
  return {
    id: r.id as string,
    documentSymbol: r.document_symbol as string | null,
    paragraph: r.paragraph as string | null,
    session: r.session as string | null,
    mechanism: r.mechanism as string,
    text: text.en ?? Object.values(text)[0] ?? "",
    position: r.position as string | null,
    status: r.status as string | null,
    assessedOn: r.assessed_on ? String(r.assessed_on).slice(0, 10) : null,
    evidenceText: r.evidence_text as string | null,
    evidenceUrls: [...(url ? [url] : []), ...((r.evidence_urls as string[] | null) ?? [])],
  };
}

function compareKeys(a: string, b: string, groupBy: ReportQuery["groupBy"]): number {
  if (a === NO_GROUP || b === NO_GROUP) return Number(a === NO_GROUP) - Number(b === NO_GROUP);
  if (groupBy === "article") return Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b);
  return a.localeCompare(b);
}

function headingOf(key: string, groupBy: ReportQuery["groupBy"]): string {
  if (key === NO_GROUP) return groupBy === "article" ? "No UNCRC article" : "No cluster";
  if (groupBy === "cluster") return key;
  const title = findUncrcArticle(key)?.title.en;
  return title ? `Article ${key}: ${title}` : `Article ${key}`;
}

/** Human words for statuses and positions in reports. */
export function labelOf(value: string | null): string {
  if (!value) return "not assessed";
  return value.replaceAll("_", " ");
}

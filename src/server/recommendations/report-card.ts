import { sql } from "drizzle-orm";
import { GRADE_RULE, gradeTheme, type ThemeGrade } from "../../core/index.ts";
import { type ReportCard, reportCardOutput, reportCardQuery } from "../api-schemas/recommendations.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { UserError } from "../errors.ts";
import { buildWhere } from "./search-recommendations.ts";
import { LATEST_ASSESSMENTS } from "./tracking-status.ts";

export { type ReportCard, reportCardOutput, reportCardQuery };

/**
 * A grade per theme of the State's recommendations from the coalition's latest statuses (the rule
 * in `GRADE_RULE`); recommendations without a theme are graded under "(no theme)".
 */
export async function buildReportCard(db: Db, state: string): Promise<ReportCard> {
  const rows = await queryRows<{ theme: string | null; status: string | null; state_name: string }>(
    db,
    sql`select t.theme, l.status, r.state_name from recommendations r
      left join lateral unnest(r.themes) as t(theme) on true
      left join ${LATEST_ASSESSMENTS} l on l.recommendation_id = r.id and l.assessed_by_kind = 'coalition'
      where ${buildWhere({ state, page: 1, pageSize: 1 })}`,
  );
  if (rows.length === 0) throw new UserError(`state: no recommendations to "${state}"`, [], 404);
  const byTheme = new Map<string, (string | null)[]>();
  for (const r of rows) {
    const key = r.theme ?? "(no theme)";
    byTheme.set(key, [...(byTheme.get(key) ?? []), r.status]);
  }
  const themes: ThemeGrade[] = [...byTheme.entries()]
    .map(([theme, statuses]) => gradeTheme(theme, statuses))
    .sort(
      (a, b) =>
        Number(a.theme === "(no theme)") - Number(b.theme === "(no theme)") || a.theme.localeCompare(b.theme),
    );
  return { stateName: rows[0]!.state_name, rule: GRADE_RULE, themes };
}

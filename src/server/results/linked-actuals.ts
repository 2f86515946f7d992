import { sql } from "drizzle-orm";
import type { PlanPeriod } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import type { ResultIndicatorLink } from "../db/schema.ts";

/** Implementation statuses in order: a recommendation "reaches" a status at or beyond it. */
const STATUS_ORDER = ["not_started", "in_progress", "partially_implemented", "implemented"];

/**
 * The actual of a linked indicator per period key, read where the plan meets the
 * rest of Childmark: an index link reads the published score of the item for the
 * country from the latest release of the cycle whose period is the plan period (or
 * a year within it); a recommendations link counts the recommendations whose latest
 * coalition assessment by the period's end has reached the status.
 */
export async function readLinkedActuals(
  db: Db,
  link: ResultIndicatorLink,
  periods: readonly PlanPeriod[],
): Promise<Map<string, number | null>> {
  return link.kind === "index"
    ? readIndexActuals(db, link, periods)
    : readRecommendationActuals(db, link, periods);
}

async function readIndexActuals(
  db: Db,
  link: Extract<ResultIndicatorLink, { kind: "index" }>,
  periods: readonly PlanPeriod[],
): Promise<Map<string, number | null>> {
  const rows = await queryRows<{ period: string; score: number | null }>(
    db,
    sql`
    select distinct on (r.period) r.period as period, (s->>'score')::float8 as score
    from releases r, jsonb_array_elements(r.snapshot->'scores') s
    where r.framework_code = ${link.frameworkCode}
      and s->>'country' = ${link.country} and s->>'item' = ${link.itemCode}
    order by r.period, r.version desc`,
  );
  const byPeriod = new Map(rows.map((r) => [r.period, r.score]));
  return new Map(
    periods.map((p) => {
      const years = [Number(p.startsOn.slice(0, 4)), Number(p.endsOn.slice(0, 4))];
      const match =
        byPeriod.get(p.key) ??
        rows.find(
          (r) => /^\d{4}$/.test(r.period) && Number(r.period) >= years[0]! && Number(r.period) <= years[1]!,
        )?.score;
      return [p.key, match ?? null];
    }),
  );
}

async function readRecommendationActuals(
  db: Db,
  link: Extract<ResultIndicatorLink, { kind: "recommendations" }>,
  periods: readonly PlanPeriod[],
): Promise<Map<string, number | null>> {
  const reached = STATUS_ORDER.slice(STATUS_ORDER.indexOf(link.status));
  const ids = sql.join(
    link.recommendationIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const out = new Map<string, number | null>();
  for (const period of periods) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`
      select count(*)::int as n from (
        select distinct on (recommendation_id) status
        from implementation_assessments
        where recommendation_id in (${ids}) and assessed_by_kind = 'coalition' and assessed_on <= ${period.endsOn}
        order by recommendation_id, assessed_on desc, created_at desc
      ) latest where status in (${sql.join(
        reached.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
    out.set(period.key, row?.n ?? 0);
  }
  return out;
}

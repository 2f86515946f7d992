import { type SQL, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { can, scopeOf, type Target } from "../../core/index.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { UserError } from "../errors.ts";

/*
 * The texts of recommendations are public UN documents: any signed-in person reads them. The
 * coalition's tracking of a State (implementation assessments, statuses, evidence, responsible
 * institutions) is internal to that country's coalition and to the region and platform roles over
 * it: `recommendation:read-tracking` on the State.
 */

const ACTION = "recommendation:read-tracking" as const;

/**
 * SQL (on alias `r`) true for the recommendations whose tracking the signed-in person may read:
 * those to a State of their country grants or of a country in their region grants; all for
 * platform grants and admins; none otherwise.
 */
export function trackingVisibility(request: FastifyRequest): SQL {
  const scope = scopeOf(requireActor(request), ACTION);
  if (scope.everywhere) return sql`true`;
  const parts: SQL[] = [];
  const list = (codes: string[]) =>
    sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    );
  if (scope.countries.length) parts.push(sql`r.state_code in (${list(scope.countries)})`);
  if (scope.regions.length)
    parts.push(
      sql`r.state_code in (select c.code from countries c where c.region_code in (${list(scope.regions)}))`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/**
 * Refuses (403) a person who may read the tracking of no State at all; otherwise returns the
 * condition of `trackingVisibility`, to filter a dashboard over several States.
 */
export function requireSomeTracking(request: FastifyRequest): SQL {
  const actor = requireActor(request);
  if (!can(actor, ACTION)) throw new UserError("you are not allowed to do this", [], 403);
  return trackingVisibility(request);
}

/**
 * Authorises reading the tracking of one State, named as in the search (ISO code or the name as
 * imported): every country the name stands for must be in the person's scope. Recommendations to
 * a State that is no known country are covered by platform-wide grants only.
 */
export async function authorizeStateTracking(request: FastifyRequest, db: Db, state: string): Promise<void> {
  requireActor(request);
  for (const target of await stateTargets(db, state)) authorize(request, ACTION, target);
}

async function stateTargets(db: Db, state: string): Promise<Target[]> {
  const code = state.trim().toUpperCase();
  const rows = await queryRows<{ code: string | null; region: string | null }>(
    db,
    sql`select distinct r.state_code as code, c.region_code as region from recommendations r
        left join countries c on c.code = r.state_code
        where r.state_code = ${code} or r.state_name = ${state}
      union select c.code, c.region_code from countries c where c.code = ${code}`,
  );
  // No recommendation and no country by that name: nothing to protect (the report answers 404).
  return rows.map((r) => ({ country: r.code ?? undefined, region: r.region }));
}

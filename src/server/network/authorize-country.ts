import { eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { type Action, can } from "../../core/index.ts";
import { requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { countries } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/**
 * For the routes of a country's areas: 404 for an unknown country, 401 signed out, 403 unless
 * `action` holds over the country (and its region). Returns the country's region.
 */
export async function authorizeCountry(
  db: Db,
  request: FastifyRequest,
  country: string,
  action: Action,
): Promise<{ region: string | null }> {
  const [row] = await db
    .select({ region: countries.regionCode })
    .from(countries)
    .where(eq(countries.code, country));
  if (!row) throw new UserError(`no country ${country}`, [], 404);
  if (!can(requireActor(request), action, { country, region: row.region })) {
    throw new UserError("you are not allowed to do this", [], 403);
  }
  return { region: row.region };
}

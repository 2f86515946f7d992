import { eq } from "drizzle-orm";
import type { Grant, Target } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { countries } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** Where a grant applies, with the region of a country, for `canGrant`; 400 for an unknown country. */
export async function grantTarget(db: Db, grant: Grant): Promise<Target> {
  if (grant.scopeType === "country") {
    const [row] = await db
      .select({ region: countries.regionCode })
      .from(countries)
      .where(eq(countries.code, grant.scopeCode ?? ""));
    if (!row) throw new UserError(`unknown country "${grant.scopeCode}"`);
    return { country: grant.scopeCode!, region: row.region };
  }
  if (grant.scopeType === "region") return { region: grant.scopeCode };
  return {};
}

import { and, eq, inArray } from "drizzle-orm";
import { type Actor, can } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { assessments, countries, cycles, frameworkVersions } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { CreateCycleBody } from "./schemas.ts";

/**
 * Opens a cycle of a framework version and creates one draft assessment per
 * country (call it inside a transaction). Every country must exist and be in
 * the actor's scope for `cycle:manage`; the period must be new for the version.
 * Returns the new cycle's id.
 */
export async function createCycle(db: Db, actor: Actor, input: CreateCycleBody): Promise<string> {
  const [version] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .where(eq(frameworkVersions.id, input.frameworkVersionId));
  if (!version) throw new UserError("frameworkVersionId: no such framework version");

  const codes = [...new Set(input.countries)];
  const found = new Map(
    (
      await db
        .select({ code: countries.code, region: countries.regionCode })
        .from(countries)
        .where(inArray(countries.code, codes))
    ).map((c) => [c.code, c.region]),
  );
  const problems = input.countries.flatMap((code, i) =>
    found.has(code) ? [] : [`countries.${i}: unknown country "${code}"`],
  );
  if (problems.length) throw new UserError("countries: unknown country codes", problems);
  const outside = codes.filter(
    (code) => !can(actor, "cycle:manage", { country: code, region: found.get(code) }),
  );
  if (outside.length) throw new UserError(`you may not open cycles for ${outside.join(", ")}`, [], 403);

  const opensOn = input.opensOn ? new Date(input.opensOn) : null;
  const closesOn = input.closesOn ? new Date(input.closesOn) : null;
  if (opensOn && closesOn && closesOn < opensOn)
    throw new UserError("closesOn: the deadline is before opensOn");

  const [taken] = await db
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.versionId, version.id), eq(cycles.period, input.period)));
  if (taken)
    throw new UserError(`period: this framework version already has a cycle for ${input.period}`, [], 409);

  const [cycle] = await db
    .insert(cycles)
    .values({ versionId: version.id, period: input.period, name: input.name, opensOn, closesOn })
    .returning({ id: cycles.id });
  await db.insert(assessments).values(codes.map((countryCode) => ({ cycleId: cycle!.id, countryCode })));
  return cycle!.id;
}

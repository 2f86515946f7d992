import { and, asc, eq, or } from "drizzle-orm";
import type { PersonOut } from "../api-schemas/people.ts";
import type { Db } from "../db/connect.ts";
import { roleAssignments, users } from "../db/schema.ts";
import type { LoadedAssessment } from "./load-assessment.ts";

/**
 * Active users holding a role on the assessment's country or its region, with
 * those roles: the people a coordinator may assign sections to. Platform-wide
 * roles are left out on purpose; they are not part of a country's team.
 */
export async function listPeople(db: Db, assessment: LoadedAssessment): Promise<PersonOut[]> {
  const onCountry = and(
    eq(roleAssignments.scopeType, "country"),
    eq(roleAssignments.scopeCode, assessment.countryCode),
  );
  const onRegion = assessment.regionCode
    ? and(eq(roleAssignments.scopeType, "region"), eq(roleAssignments.scopeCode, assessment.regionCode))
    : undefined;
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(users.isActive, true), onRegion ? or(onCountry, onRegion) : onCountry))
    .orderBy(asc(users.name), asc(roleAssignments.role));
  const people = new Map<string, PersonOut>();
  for (const row of rows) {
    const person = people.get(row.userId) ?? {
      userId: row.userId,
      name: row.name,
      email: row.email,
      roles: [],
    };
    if (!person.roles.includes(row.role)) person.roles.push(row.role);
    people.set(row.userId, person);
  }
  return [...people.values()];
}

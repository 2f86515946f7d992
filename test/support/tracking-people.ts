import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../src/server/db/connect.ts";
import { countries } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION } from "../../src/server/reference/countries.ts";
import { buildUser, type Session, signInAs } from "./factories.ts";

/** Who tracks recommendations in the tests: coordinators of Moldova and Georgia, a viewer of Moldova, the region's secretariat. */
export interface TrackingPeople {
  coordinatorMd: Session;
  coordinatorGe: Session;
  viewerMd: Session;
  secretariat: Session;
}

/**
 * Puts Moldova and Georgia in the demo's region (so the regional secretariat covers them) and
 * signs in one person of each role that tracks their recommendations.
 */
export async function signInTrackingPeople(db: Db, app: FastifyInstance): Promise<TrackingPeople> {
  await db
    .update(countries)
    .set({ regionCode: CHILDPACT_REGION.code })
    .where(inArray(countries.code, ["MD", "GE"]));
  const as = async (role: "coordinator" | "viewer", code: string) =>
    signInAs(
      app,
      await buildUser(db, {
        grants: [{ role, scopeType: "country", scopeCode: code }],
        name: `${role} ${code}`,
      }),
    );
  return {
    coordinatorMd: await as("coordinator", "MD"),
    coordinatorGe: await as("coordinator", "GE"),
    viewerMd: await as("viewer", "MD"),
    secretariat: await signInAs(
      app,
      await buildUser(db, {
        grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
      }),
    ),
  };
}

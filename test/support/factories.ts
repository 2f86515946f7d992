import { randomBytes } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Framework, Grant } from "../../src/core/index.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { assessments, countries, cycles, roleAssignments } from "../../src/server/db/schema.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { CHILDPACT_REGION } from "../../src/server/reference/countries.ts";
import { createUser } from "../../src/server/users/create-user.ts";

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** Creates a user with its own e-mail and the given grants. */
export async function buildUser(
  db: Db,
  options: { isAdmin?: boolean; grants?: Grant[]; name?: string } = {},
): Promise<TestUser> {
  const email = `user-${randomBytes(5).toString("hex")}@example.org`;
  const password = `pw-${randomBytes(9).toString("hex")}`;
  const { id } = await createUser(db, {
    email,
    password,
    name: options.name ?? "Test User",
    isAdmin: options.isAdmin ?? false,
  });
  if (options.grants?.length) {
    await db.insert(roleAssignments).values(
      options.grants.map((g) => ({
        userId: id,
        role: g.role,
        scopeType: g.scopeType,
        scopeCode: g.scopeCode,
        sections: g.sections ? [...g.sections] : null,
      })),
    );
  }
  return { id, email, password };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: { cookie: string; "x-csrf-token": string };
}

/** Signs in through the API and returns the headers a browser would send. */
export async function signInAs(app: FastifyInstance, user: TestUser): Promise<Session> {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email: user.email, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, "x-csrf-token": csrf } };
}

/**
 * Needs `seedReference` first. Creates a framework version (the CPI demo framework unless given), a cycle
 * and one assessment per country, all new: every test gets its own data.
 */
export async function buildAssessments(
  db: Db,
  options: { countries?: string[]; framework?: Framework; period?: string; status?: string } = {},
): Promise<{
  versionId: string;
  cycleId: string;
  framework: Framework;
  assessments: Record<string, string>;
}> {
  const suffix = randomBytes(4).toString("hex");
  const base = options.framework ?? (await readDemoFramework());
  const framework = { ...base, code: `${base.code}-${suffix}` };
  const { versionId } = await importFramework(db, framework);
  const [cycle] = await db
    .insert(cycles)
    .values({ versionId, period: options.period ?? "2026", name: { en: `Test cycle ${suffix}` } })
    .returning({ id: cycles.id });
  const result: Record<string, string> = {};
  const codes = options.countries ?? ["MD"];
  // The countries belong to the demo's region, so region-scoped roles can be tested.
  await db.update(countries).set({ regionCode: CHILDPACT_REGION.code }).where(inArray(countries.code, codes));
  for (const country of codes) {
    const [row] = await db
      .insert(assessments)
      .values({ cycleId: cycle!.id, countryCode: country, status: options.status ?? "draft" })
      .returning({ id: assessments.id });
    result[country] = row!.id;
  }
  return { versionId, cycleId: cycle!.id, framework, assessments: result };
}

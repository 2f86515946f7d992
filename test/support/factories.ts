import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Grant } from "../../src/core/index.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { roleAssignments } from "../../src/server/db/schema.ts";
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
    await db
      .insert(roleAssignments)
      .values(
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

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Framework, Grant } from "../src/core/index.ts";
import { type RunningServer, startServer } from "../src/server/app/start.ts";
import { SESSION_COOKIE } from "../src/server/auth/plugin.ts";
import { createSession } from "../src/server/auth/sessions.ts";
import type { Db } from "../src/server/db/connect.ts";
import { assessments, cycles, roleAssignments, users } from "../src/server/db/schema.ts";
import { importFramework } from "../src/server/frameworks/import-framework.ts";
import { createUser } from "../src/server/users/create-user.ts";
import { hashPassword } from "../src/server/users/passwords.ts";

/*
 * Shared by the workspace benchmarks: the real server (startServer, as
 * `childmark serve` runs it) on a free loopback port, over a fresh PGlite
 * folder or a fresh PostgreSQL database, plus data and signed-in users.
 */

export type Kind = "pglite" | "postgres";

export interface BenchServer extends RunningServer {
  kind: Kind;
}

/** Starts the server on a fresh database of `kind`; `close()` removes the folder or drops the database. */
export async function startBenchServer(kind: Kind): Promise<BenchServer> {
  // Hundreds of bench users sign in from one address.
  process.env.CHILDMARK_SIGN_IN_LIMIT ??= "100000";
  if (kind === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), "childmark-bench-"));
    // An empty URL (not undefined) keeps PGlite even when DATABASE_URL is set.
    const server = await startServer({ port: 0, dataDir, databaseUrl: "" });
    return {
      ...server,
      url: loopback(server.url),
      kind,
      close: async () => {
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.DATABASE_URL!;
  const name = `childmark_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const server = await startServer({ port: 0, databaseUrl: url.toString() });
  return {
    ...server,
    url: loopback(server.url),
    kind,
    close: async () => {
      await server.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The address by IP: resolving "localhost" takes a libuv thread, which password hashing may be holding. */
function loopback(url: string): string {
  return url.replace("//localhost:", "//127.0.0.1:");
}

/** Imports the framework, opens one cycle and creates an assessment per country; returns their ids. */
export async function openAssessments(
  db: Db,
  framework: Framework,
  countries: string[],
): Promise<Record<string, string>> {
  const { versionId } = await importFramework(db, framework);
  const [cycle] = await db
    .insert(cycles)
    .values({ versionId, period: "2026", name: { en: "Benchmark cycle" } })
    .returning({ id: cycles.id });
  const ids: Record<string, string> = {};
  for (const country of countries) {
    const [row] = await db
      .insert(assessments)
      .values({ cycleId: cycle!.id, countryCode: country, status: "draft" })
      .returning({ id: assessments.id });
    ids[country] = row!.id;
  }
  return ids;
}

export interface BenchUser {
  id: string;
  email: string;
  password: string;
}

/** Creates a user holding `grant`. */
export async function createBenchUser(db: Db, grant: Grant, label: string): Promise<BenchUser> {
  const email = `${label}-${randomBytes(4).toString("hex")}@bench.example.org`;
  const password = `pw-${randomBytes(9).toString("hex")}`;
  const { id } = await createUser(db, { email, password, name: label, isAdmin: false });
  await db.insert(roleAssignments).values({
    userId: id,
    role: grant.role,
    scopeType: grant.scopeType,
    scopeCode: grant.scopeCode,
    sections: grant.sections ? [...grant.sections] : null,
  });
  return { id, email, password };
}

/**
 * Creates `count` users, each holding the grant `grantOf(i)`, and opens a
 * session for each. Setup for load tests, not measured: one password hash is
 * shared and sessions are opened by the same function the sign-in route calls
 * once the password is checked (scrypt costs ~0.3 s per sign-in here).
 */
export async function createSignedInUsers(
  db: Db,
  count: number,
  grantOf: (i: number) => Grant,
): Promise<{ id: string; session: HttpSession }[]> {
  const passwordHash = await hashPassword(`pw-${randomBytes(9).toString("hex")}`);
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `editor${i}-${randomBytes(4).toString("hex")}@bench.example.org`,
        name: `Editor ${i}`,
        isAdmin: false,
        passwordHash,
      })),
    )
    .returning({ id: users.id });
  await db.insert(roleAssignments).values(
    rows.map((r, i) => {
      const grant = grantOf(i);
      return { userId: r.id, role: grant.role, scopeType: grant.scopeType, scopeCode: grant.scopeCode };
    }),
  );
  const out: { id: string; session: HttpSession }[] = [];
  for (const row of rows) {
    const { token, csrfToken } = await createSession(db, row.id);
    out.push({ id: row.id, session: { cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfToken } });
  }
  return out;
}

export interface HttpSession {
  cookie: string;
  csrf: string;
}

/** Signs in over HTTP, as the browser does, and returns the cookie and CSRF token to send. */
export async function signInOverHttp(baseUrl: string, user: BenchUser): Promise<HttpSession> {
  const res = await fetch(new URL("/api/auth/sign-in", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${user.email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A value of the right type for a synthetic indicator that differs from the previous one. */
export function nextValue(type: string, step: number): string | number {
  if (type === "checklist") return ["yes", "partially", "no"][step % 3]!;
  if (type === "percentage") return step % 101;
  return 1 + (step % 999);
}

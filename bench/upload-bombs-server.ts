import { SESSION_COOKIE } from "../src/server/auth/plugin.ts";
import { createSession } from "../src/server/auth/sessions.ts";
import { users } from "../src/server/db/schema.ts";
import { readDemoFramework } from "../src/server/demo/demo-framework.ts";
import { createSignedInUsers, type Kind, openAssessments, startBenchServer } from "./workspace-server.ts";

/*
 * The server measured by bench/upload-bombs.bench.ts, run in its own process so
 * that process's resident memory is the server's alone: a fresh PGlite
 * database (PGlite, or PostgreSQL when the first argument is "postgres"), one
 * assessment (MD), a coordinator of MD and an administrator. Prints one JSON
 * line (address, sessions, ids) and runs until killed.
 */
const server = await startBenchServer((process.argv[2] ?? "pglite") as Kind);
const db = server.database.db;
const framework = await readDemoFramework();
const { MD } = await openAssessments(db, framework, ["MD"]);
const [coordinator] = await createSignedInUsers(db, 1, () => ({
  role: "coordinator",
  scopeType: "country",
  scopeCode: "MD",
}));
const [admin] = await db
  .insert(users)
  .values({ email: "admin@bench.example.org", name: "Admin", isAdmin: true })
  .returning({ id: users.id });
const adminSession = await createSession(db, admin!.id);
const indicator = framework.indicators[0]!.code;
console.log(
  JSON.stringify({
    url: server.url,
    pid: process.pid,
    coordinator: coordinator!.session,
    admin: { cookie: `${SESSION_COOKIE}=${adminSession.token}`, csrf: adminSession.csrfToken },
    assessment: MD,
    indicator,
  }),
);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});

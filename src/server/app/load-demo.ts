import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { eq, inArray } from "drizzle-orm";
import { importAnswers } from "../data/import-answers.ts";
import type { Database } from "../db/connect.ts";
import { countries, frameworks, organisations, users } from "../db/schema.ts";
import { buildDemoAnswers } from "../demo/demo-answers.ts";
import { loadDemoAreas } from "../demo/demo-areas.ts";
import { loadDemoBudgets } from "../demo/demo-budgets.ts";
import { loadDemoConsultation } from "../demo/demo-consultation.ts";
import { DEMO_COUNTRIES, DEMO_CYCLES } from "../demo/demo-countries.ts";
import { loadDemoEvidence } from "../demo/demo-evidence.ts";
import { loadDemoNetwork } from "../demo/demo-network.ts";
import { loadDemoPlans } from "../demo/demo-plans.ts";
import { loadDemoRecommendations } from "../demo/demo-recommendations.ts";
import { analyseDemoReleases, publishDemoReleases } from "../demo/demo-releases.ts";
import { loadDemoReporting } from "../demo/demo-reporting.ts";
import { loadDemoSynergies } from "../demo/demo-synergies.ts";
import { importFramework } from "../frameworks/import-framework.ts";
import { parseFrameworkJson } from "../frameworks/read-framework-file.ts";
import { CHILDPACT_REGION } from "../reference/countries.ts";
import { createUser } from "../users/create-user.ts";
import { generatePassword } from "../users/passwords.ts";

const DEMO_FRAMEWORK = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../examples/cpi-demo/framework.json",
);
export const DEMO_ADMIN_EMAIL = "admin@childmark.local";

export interface DemoLogin {
  email: string;
  password: string;
}

/**
 * Loads the Child Protection Index demo once: the framework, the ten
 * ChildPact countries and their coalitions, two cycles of demo answers
 * (marked as demo everywhere), validated and published as one release per
 * cycle except Moldova's latest assessment, kept as a draft to try the
 * workspace (see demo/demo-releases.ts), sources and files on the answers (demo/demo-evidence.ts),
 * UPR recommendations with their tracking (demo/demo-recommendations.ts), two strategic plans (demo/demo-plans.ts), and a demo admin account whose
 * password is kept beside the PGlite data so it can be printed at every start.
 */
export async function loadDemo(database: Database, dataDir?: string): Promise<DemoLogin> {
  const { db } = database;
  const fw = parseFrameworkJson(readFileSync(DEMO_FRAMEWORK), DEMO_FRAMEWORK);
  const [existing] = await db
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(eq(frameworks.code, fw.code));
  if (!existing) {
    await importFramework(db, fw);
    const codes = DEMO_COUNTRIES.map((c) => c.code);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(inArray(countries.code, codes));
    await db
      .insert(organisations)
      .values(DEMO_COUNTRIES.map((c) => ({ name: c.coalition, kind: "coalition", countryCode: c.code })));
    await importAnswers(db, {
      framework: `${fw.code}@${fw.version}`,
      answers: buildDemoAnswers(fw),
      isDemo: true,
      cycleNames: Object.fromEntries(DEMO_CYCLES.map((c) => [c.code, c.label])),
      fileName: "demo answers",
    });
  }
  const login = await ensureDemoAdmin(database, dataDir);
  if (!existing) {
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
    // Sources before publishing, so the releases carry them; then the recommendations and their tracking.
    await db.transaction((tx) => loadDemoEvidence(tx as unknown as typeof db, admin!.id));
    // Moldova's areas and their assessments, before publishing: the first release carries their scores.
    await db.transaction((tx) => loadDemoAreas(tx as unknown as typeof db, admin!.id, fw));
    const slugs = await publishDemoReleases(db, fw.code, admin!.id);
    await analyseDemoReleases(db, slugs, admin!.id);
    await db.transaction((tx) => loadDemoRecommendations(tx as unknown as typeof db, admin!.id));
    await db.transaction((tx) => loadDemoSynergies(tx as unknown as typeof db, admin!.id));
    const rootCode = fw.nodes.find((n) => n.parent === null)!.code;
    await db.transaction((tx) =>
      loadDemoPlans(tx as unknown as typeof db, admin!.id, { frameworkCode: fw.code, rootCode }),
    );
    await db.transaction((tx) => loadDemoConsultation(tx as unknown as typeof db, admin!.id));
    const today = new Date().toISOString().slice(0, 10);
    await db.transaction((tx) => loadDemoReporting(tx as unknown as typeof db, admin!.id, today));
    await db.transaction((tx) => loadDemoNetwork(tx as unknown as typeof db, admin!.id));
    await db.transaction((tx) => loadDemoBudgets(tx as unknown as typeof db, admin!.id));
  }
  return login;
}

async function ensureDemoAdmin(database: Database, dataDir?: string): Promise<DemoLogin> {
  const file =
    database.kind === "pglite" && database.location !== "memory"
      ? join(database.location, "demo-admin.txt")
      : dataDir && dataDir !== "memory"
        ? join(dataDir, "demo-admin.txt")
        : undefined;
  const [admin] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_ADMIN_EMAIL));
  if (admin && file && existsSync(file))
    return { email: DEMO_ADMIN_EMAIL, password: readFileSync(file, "utf8").trim() };
  const password = generatePassword();
  if (admin) {
    const { hashPassword } = await import("../users/passwords.ts");
    await database.db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, admin.id));
  } else {
    await createUser(database.db, {
      email: DEMO_ADMIN_EMAIL,
      name: "Demo administrator",
      password,
      isAdmin: true,
    });
  }
  if (file) writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { email: DEMO_ADMIN_EMAIL, password };
}

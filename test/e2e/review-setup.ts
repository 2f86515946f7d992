import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type RunningServer, startServer } from "../../src/server/app/start.ts";
import { assessments, cycles, roleAssignments } from "../../src/server/db/schema.ts";
import { createUser } from "../../src/server/users/create-user.ts";
import { CHROMIUM } from "./app-under-test.ts";

export const PASSWORD = "review journey password";

export interface ReviewApp {
  url: string;
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the server (serving the run's build of the web app) with the demo on a free port, and launches Chromium. */
export async function startReviewApp(): Promise<ReviewApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "childmark-review-e2e-"));
  const server = await startServer({ port: 0, dataDir, demo: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
  });
  return {
    url: server.url,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a user holding `role` on country `country`, straight in the database. */
export async function createMember(
  app: ReviewApp,
  email: string,
  name: string,
  role: string,
  country: string,
) {
  const db = app.server.database.db;
  const user = await createUser(db, { email, name, password: PASSWORD });
  await db
    .insert(roleAssignments)
    .values({ userId: user.id, role, scopeType: "country", scopeCode: country });
  return user;
}

/** The id of a demo assessment of `country` in the cycle of `period`. */
export async function findAssessment(app: ReviewApp, country: string, period: string): Promise<string> {
  const [row] = await app.server.database.db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(
      and(eq(assessments.countryCode, country), eq(cycles.period, period), isNull(assessments.areaCode)),
    );
  if (!row) throw new Error(`no demo assessment for ${country} ${period}`);
  return row.id;
}

/** A browser context signed in as `email` (the session cookie is shared with its pages). */
export async function signedInPage(
  app: ReviewApp,
  email: string,
  problems: string[],
  dialogs: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const response = await context.request.post(`${app.url}/api/auth/sign-in`, {
    data: { email, password: PASSWORD },
  });
  if (!response.ok()) throw new Error(`sign-in of ${email}: ${response.status()} ${await response.text()}`);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of (400|404|409)/.test(message.text()))
      problems.push(message.text());
  });
  // A script injected through a comment or a file name would open a dialog.
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { context, page };
}

/** A small but real PDF document. */
export function smallPdf(): Buffer {
  const body = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n");
  return Buffer.from(body, "latin1");
}

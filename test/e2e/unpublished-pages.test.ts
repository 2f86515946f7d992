import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grant } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Database } from "../../src/server/db/connect.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { EVERY_PAGE, type PageIds } from "../../src/web/routing/routes.ts";
import { buildCanaryWorld, type CanaryWorld, leaksIn } from "../support/canary-world.ts";
import { buildUser } from "../support/factories.ts";
import { openTestDatabase } from "../support/test-database.ts";
import { CHROMIUM, canRunBrowser } from "./app-under-test.ts";

/*
 * The canary over the web app: every kind of page of its route table (EVERY_PAGE, which the
 * type system keeps complete), with the planted cycle's ids, opened in Chromium signed out, as a
 * coordinator and as a viewer of another country. Neither the page (text, HTML, form values)
 * nor any response the page fetched may hold the canary or a draft-only number. AM's
 * coordinator, who may read the draft, sees its overall score: the check can fail.
 */

interface PageVisit {
  persona: string;
  path: string;
  leaks: string[];
}

const PERSONAS: Record<string, Grant[] | null> = {
  "signed out": null,
  "coordinator RO": [{ role: "coordinator", scopeType: "country", scopeCode: "RO" }],
  "viewer RO": [{ role: "viewer", scopeType: "country", scopeCode: "RO" }],
  "coordinator AM": [{ role: "coordinator", scopeType: "country", scopeCode: "AM" }],
};

describe.skipIf(!canRunBrowser)("unpublished data appears on no page of the web app (Chromium)", () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let world: CanaryWorld;
  const visits: PageVisit[] = [];

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-unpublished-pages-"));
    database = await openTestDatabase("pglite");
    await seedReference(database.db);
    world = await buildCanaryWorld(database.db);
    app = await buildApp({ database });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
    });
    const ids: PageIds = {
      frameworkId: world.cycle.versionId,
      period: "2026",
      country: "AM",
      assessmentId: world.cycle.assessments.AM!,
      recommendationId: world.recommendationId,
      planId: world.plan.id,
    };
    for (const [persona, grants] of Object.entries(PERSONAS)) {
      const context = await browser.newContext({ locale: "en-GB" });
      if (grants) {
        const user = await buildUser(database.db, { grants });
        const res = await context.request.post(`${base}/api/auth/sign-in`, {
          data: { email: user.email, password: user.password },
        });
        expect(res.status()).toBe(200);
      }
      const page = await context.newPage();
      // What the page fetched from the API counts too, shown or not.
      const fetched: Promise<string>[] = [];
      page.on("response", (response) => {
        if (response.url().includes("/api/")) fetched.push(response.text().catch(() => ""));
      });
      for (const [kind, pathOf] of Object.entries(EVERY_PAGE)) {
        const path = pathOf(ids);
        fetched.length = 0;
        await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
        await page
          .waitForFunction(() => !document.querySelector(".status--loading"), undefined, { timeout: 10_000 })
          .catch(() => undefined);
        const shown = await page.evaluate(
          () =>
            `${document.documentElement.outerHTML}\n${document.body.textContent}\n${[
              ...document.querySelectorAll<HTMLInputElement>("input, textarea, select"),
            ]
              .map((e) => e.value)
              .join("\n")}`,
        );
        if (persona === "coordinator AM" && kind === "scores")
          await page.screenshot({ path: "/tmp/childmark-e2e-working-scores.png", fullPage: true });
        if (persona === "signed out" && kind === "scores")
          await page.screenshot({ path: "/tmp/childmark-e2e-published-scores.png", fullPage: true });
        const texts = [shown, ...(await Promise.all(fetched))];
        visits.push({
          persona,
          path: `${kind} ${path}`,
          leaks: [...new Set(texts.flatMap((t) => leaksIn(t, world)))],
        });
      }
      await context.close();
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it("visits every kind of page for every persona", () => {
    for (const persona of Object.keys(PERSONAS))
      expect(visits.filter((v) => v.persona === persona)).toHaveLength(Object.keys(EVERY_PAGE).length);
  });

  it("shows AM's coordinator the draft's working score (the check can fail)", () => {
    const scores = visits.find((v) => v.persona === "coordinator AM" && v.path.startsWith("scores "))!;
    expect(scores.leaks).toContain(world.draftOverall);
  });

  it("shows no canary and no draft number to a visitor or to another country's coordinator or viewer", () => {
    const found = visits
      .filter((v) => v.persona !== "coordinator AM" && v.leaks.length)
      .map((v) => `${v.persona}: ${v.path} → ${v.leaks.join(", ")}`);
    expect(found).toEqual([]);
  });
});

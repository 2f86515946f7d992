import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReleaseSnapshot } from "../../src/core/index.ts";
import { portalRoutes, routePath } from "../../src/portal/render.tsx";
import type { CycleDetail } from "../../src/server/api-schemas/cycles.ts";
import { EVERY_PAGE, type PageIds } from "../../src/web/routing/routes.ts";
import { canRunBrowser } from "./app-under-test.ts";
import { type DemoAdminPage, openDemoAdminPage } from "./support/demo-admin-page.ts";

/*
 * A phone is 390 px wide: no page may scroll sideways there. Every kind of page of the web app
 * (EVERY_PAGE) as the demo administrator, who may open them all, and every kind of page of the
 * live portal (each page type of a release, the portal's root and not-found page, public plans
 * and tracking), in English and in Arabic (right to left), and the web app in Russian too. A page overflows when
 * `document.scrollingElement.scrollWidth` exceeds `innerWidth`; the message names the elements
 * that stick out. A screenshot of each page's first screen goes to /tmp/childmark-390/.
 */

const WIDTH = 390;
const SHOTS = "/tmp/childmark-390";
const LANGUAGES = ["en", "ar"] as const;
/** The web app also in Russian, whose words run longest of its languages. */
const WEB_LANGUAGES = [...LANGUAGES, "ru"] as const;
/**
 * Pages another change makes fit (the Results pages are being reworked for phones on the branch
 * results-b): measured and reported here, not yet asserted. Empty this set when that work is merged.
 */
interface Overflow {
  scrollWidth: number;
  /** The outermost elements that reach past the screen's edges (not inside a scrolling box). */
  culprits: string[];
}

/** How far the page reaches past the screen, and which elements do it. */
async function measure(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const clips = (e: Element) => getComputedStyle(e).overflowX !== "visible";
    const describe = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${
        typeof e.className === "string" && e.className ? `.${e.className.trim().split(/\s+/).join(".")}` : ""
      }`;
    const culprits: string[] = [];
    for (const e of document.body.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
      // Inside a box that scrolls or clips, an element cannot widen the page.
      let clipped = false;
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
        if (clips(a)) clipped = true;
      if (clipped) continue;
      const parent = e.parentElement?.getBoundingClientRect();
      // Only the outermost: skip an element whose parent already sticks out as far.
      if (parent && e.parentElement !== document.body && (parent.right > width + 1 || parent.left < -1))
        continue;
      culprits.push(`${describe(e)} [${Math.round(r.left)}–${Math.round(r.right)}]`);
    }
    return { scrollWidth: document.scrollingElement!.scrollWidth, culprits: culprits.slice(0, 8) };
  });
}

describe.skipIf(!canRunBrowser)("every page fits a 390 px phone screen (Chromium)", () => {
  let app: DemoAdminPage;
  let page: Page;
  const problems: string[] = [];
  /** `lang kind path` → what overflowed; empty when the page fits. */
  const results = new Map<string, Overflow>();

  beforeAll(async () => {
    app = await openDemoAdminPage("phone", problems, {
      timeout: 20_000,
      // The not-found pages answer 404 on purpose.
      expected: (text) => text.includes("status of 404"),
    });
    page = app.page;
    await page.setViewportSize({ width: WIDTH, height: 844 });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  async function json<T>(path: string): Promise<T> {
    const res = await page.request.get(`${app.server.url}${path}`);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  }

  async function visit(lang: string, kind: string, path: string, ready: string): Promise<void> {
    await page.goto(`${app.server.url}${path}`, { waitUntil: "networkidle" });
    await page.waitForSelector(ready).catch((error: unknown) => {
      throw new Error(`${lang} ${kind} ${path}: ${String(error)}`);
    });
    await page
      .waitForFunction(() => !document.querySelector(".status--loading"), undefined, { timeout: 10_000 })
      .catch(() => undefined);
    const overflow = await measure(page);
    results.set(`${lang} ${kind} ${path}`, overflow);
    await page.screenshot({ path: `${SHOTS}/${lang}-${kind.replace(/[^a-z0-9-]+/gi, "_")}.png` });
  }

  it("visits every page of the web app in English, Arabic and Russian", async () => {
    const cycles = await json<CycleDetail[]>("/api/cycles");
    // The demo's one draft (Moldova 2025) shows the workspace's editing state.
    const cycle = cycles.find((c) => c.assessments.some((a) => a.status === "draft")) ?? cycles[0]!;
    const assessment = cycle.assessments.find((a) => a.status === "draft") ?? cycle.assessments[0]!;
    const recommendations = await json<{ items: { id: string }[] }>("/api/recommendations?pageSize=1");
    const plans = await json<{ id: string }[]>("/api/results/plans");
    const consultations = await json<{ id: string }[]>("/api/children/consultations");
    const ids: PageIds = {
      frameworkId: cycle.frameworkVersionId,
      period: cycle.period,
      country: assessment.country,
      assessmentId: assessment.id,
      recommendationId: recommendations.items[0]?.id ?? "00000000-0000-4000-8000-000000000000",
      planId: plans[0]!.id,
    };
    for (const lang of WEB_LANGUAGES) {
      await page.goto(`${app.server.url}/`);
      await page.evaluate((l) => window.localStorage.setItem("childmark.lang", l), lang);
      for (const [kind, pathOf] of Object.entries(EVERY_PAGE)) {
        // The page ids hold no consultation: the demo's own is visited instead of a not-found one.
        const path =
          kind === "children-consultation" ? `/children/consultations/${consultations[0]!.id}` : pathOf(ids);
        await visit(lang, kind, path, "main h1");
      }
    }
    expect(results.size).toBe(WEB_LANGUAGES.length * Object.keys(EVERY_PAGE).length);
  }, 600_000);

  it("visits every kind of portal page in English and Arabic", async () => {
    const releases = await json<{ slug: string }[]>("/api/public/releases");
    const slug = releases[0]!.slug;
    const snapshot = await json<ReleaseSnapshot>(`/api/public/releases/${slug}/downloads/${slug}.json`);
    const seen = new Set<string>();
    const routes = portalRoutes(snapshot, { releases: [], languages: [...LANGUAGES], mode: "live" }).filter(
      (r) => {
        const key = `${r.page}:${"lang" in r ? r.lang : ""}`;
        if (seen.has(key) || !("lang" in r)) return false;
        seen.add(key);
        return true;
      },
    );
    const plans = await json<{ id: string }[]>("/api/public/plans");
    const tracking = await json<{ slug: string }[]>("/api/public/tracking");
    for (const lang of LANGUAGES) {
      await visit(lang, "portal-root", `/portal/?lang=${lang}`, "body");
      await visit(lang, "portal-not-found", `/portal/no-such-release/${lang}/`, "body");
      for (const r of routes.filter((x) => "lang" in x && x.lang === lang)) {
        await visit(lang, `portal-${r.page}`, `/portal/${slug}/${routePath(r)}`, "body");
      }
      await visit(lang, "portal-plans", `/portal/plans/?lang=${lang}`, "body");
      if (plans[0]) await visit(lang, "portal-plan", `/portal/plans/${plans[0].id}/${lang}/`, "body");
      if (tracking[0])
        await visit(lang, "portal-tracking", `/portal/tracking/${tracking[0].slug}/${lang}/`, "body");
    }
    expect(routes.length).toBeGreaterThan(10);
  }, 600_000);

  it("scrolls no page sideways", () => {
    const overflowing = [...results]
      .filter(([, o]) => o.scrollWidth > WIDTH)
      .map(([page, o]) => `${page}: ${o.scrollWidth} px wide; ${o.culprits.join(", ")}`);
    expect(results.size).toBeGreaterThan(60);
    expect(overflowing).toEqual([]);
  });

  it("raised no error in the browser", () => {
    expect(problems).toEqual([]);
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser } from "../support/factories.ts";
import { buildPublishableCycle, type PublishableCycle } from "../support/release-setup.ts";

/*
 * The live portal's routes: no sign-in anywhere, only what a release holds
 * (a validated but unpublished country and a draft are nowhere), redirects to
 * the folder form and to the latest release, cache headers and ETags, 404s.
 * The canary crawl of every page lives in portal-canary.test.ts.
 */
describeEachDatabase("live portal routes", (database) => {
  let app: FastifyInstance;
  let cycle: PublishableCycle;
  let slug: string;
  let code: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    // MD and GE validated, AM a draft; only MD is published.
    cycle = await buildPublishableCycle(db, { countries: ["MD", "GE", "AM"], validated: ["MD", "GE"] });
    app = await buildApp({ database: database() });
    const empty = await app.inject("/portal/");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain("Nothing has been published yet.");
    const publisher = await buildUser(db, { isAdmin: true });
    ({ slug } = await publishRelease(db, {
      cycleId: cycle.cycleId,
      assessmentIds: [cycle.assessments.MD!],
      userId: publisher.id,
      notes: "First release of the portal route test.",
    }));
    code = cycle.framework.code;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("lists the published release on /portal/ without a sign-in", async () => {
    const res = await app.inject("/portal/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain(`href="${slug}/en/"`);
    expect((await app.inject("/portal/?lang=ar")).body).toContain('<html lang="ar" dir="rtl">');
    expect((await app.inject("/portal")).headers.location).toBe("/portal/");
  });

  it("serves every page type of the release with cache headers and an ETag", async () => {
    const root = `/portal/${slug}/`;
    const start = await app.inject(root);
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe(`${root}en/`);
    for (const page of [
      "en/",
      "fr/compare/",
      "ar/countries/md/",
      "en/methodology/",
      "en/embed/map/",
      "en/print/regional/",
    ]) {
      const res = await app.inject(`${root}${page}`);
      expect(res.statusCode, page).toBe(200);
      expect(res.headers["cache-control"]).toBe("public, max-age=300");
      expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    const home = await app.inject(`${root}en/`);
    const again = await app.inject({
      url: `${root}en/`,
      headers: { "if-none-match": home.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const css = await app.inject(`${root}assets/portal.css`);
    expect(css.headers["content-type"]).toContain("text/css");
    expect((await app.inject("/portal/assets/portal.css")).statusCode).toBe(200);
  });

  it("shows only the published country: not the validated unpublished one, not the draft", async () => {
    const home = (await app.inject(`/portal/${slug}/en/`)).body;
    expect(home).toContain('href="countries/md/"');
    expect(home).not.toContain("countries/ge/");
    expect(home).not.toContain("countries/am/");
    expect(home).not.toContain("Georgia");
    for (const cc of ["ge", "am"]) {
      const res = await app.inject(`/portal/${slug}/en/countries/${cc}/`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("Page not found");
      expect(res.headers["cache-control"]).toBe("no-store");
    }
    const compare = (await app.inject(`/portal/${slug}/en/compare/?c=md&c=ge`)).body;
    expect(compare).toContain('value="md"');
    expect(compare).not.toContain('value="ge"');
  });

  it("adds the folder slash and follows /latest/ to the newest release", async () => {
    const bare = await app.inject(`/portal/${slug}/en/compare?c=md`);
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe(`/portal/${slug}/en/compare/?c=md`);
    const latest = await app.inject(`/portal/${code}/latest/fr/countries/md/`);
    expect(latest.statusCode).toBe(302);
    expect(latest.headers.location).toBe(`/portal/${slug}/fr/countries/md/`);
    expect((await app.inject("/portal/no-such-index/latest/en/")).statusCode).toBe(404);
  });

  it("answers 404 with a page for unknown releases and paths", async () => {
    const unknown = await app.inject("/portal/nope-2020-v1/en/");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain(`href="/portal/${slug}/en/"`);
    for (const path of ["en/nowhere/", "de/", "en/indicators/no-such/", "downloads/other.csv"]) {
      const res = await app.inject(`/portal/${slug}/${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers["content-type"]).toContain("text/html");
    }
  });

  it("sends the release's downloads as attachments", async () => {
    const csv = await app.inject(`/portal/${slug}/downloads/${slug}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="${slug}.csv"`);
    expect(csv.body).toContain("MD");
    const country = await app.inject(`/portal/${slug}/downloads/countries/md.json`);
    expect(country.statusCode).toBe(200);
    expect(country.headers["content-disposition"]).toBe(`attachment; filename="${slug}-md.json"`);
    expect((await app.inject(`/portal/${slug}/downloads/countries/ge.json`)).statusCode).toBe(404);
  });
});

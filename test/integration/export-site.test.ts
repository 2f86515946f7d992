import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ReleaseSnapshot } from "../../src/core/index.ts";
import { organisations } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { closeChromium } from "../../src/server/reports/chromium.ts";
import { exportSite } from "../../src/server/site/export-site.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser } from "../support/factories.ts";
import { buildPublishableCycle } from "../support/release-setup.ts";
import { type CrawlResult, crawl, serveFolder } from "../support/static-crawl.ts";

describeEachDatabase("childmark export-site", (database) => {
  let dir: string;
  let slug: string;
  let site: { url: string; server: Server; requests: string[] };
  let result: CrawlResult;
  let exported: { files: number; bytes: number };

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    const cycle = await buildPublishableCycle(db, {
      countries: ["MD", "GE", "XK"],
      validated: ["MD", "GE", "XK"],
    });
    const admin = await buildUser(db, { isAdmin: true });
    ({ slug } = await publishRelease(db, {
      cycleId: cycle.cycleId,
      userId: admin.id,
      notes: "First release",
    }));
    // The member directory: a listed coalition and member of Georgia, and one that is not listed.
    const [coalition] = await db
      .insert(organisations)
      .values({
        name: "Georgian Coalition (export)",
        kind: "coalition",
        countryCode: "GE",
        listedInDirectory: true,
      })
      .returning({ id: organisations.id });
    await db.insert(organisations).values([
      {
        name: "Listed Tbilisi Member",
        kind: "member",
        countryCode: "GE",
        parentId: coalition!.id,
        listedInDirectory: true,
      },
      { name: "Unlisted Batumi Member", kind: "member", countryCode: "GE", parentId: coalition!.id },
    ]);
    dir = join(mkdtempSync(join(tmpdir(), "childmark-site-")), "site");
    exported = await exportSite(db, { slug, dir });
    site = await serveFolder(dir);
    result = await crawl(site.url);
  }, 300_000);
  afterAll(async () => {
    site?.server.close();
    await closeChromium();
  });

  it("works from a plain static file server: every link found, no 404", () => {
    const broken = [...result.visited].filter(([, status]) => status >= 400);
    expect(broken).toEqual([]);
    // Every page type in every language, with downloads and reports.
    const paths = [...result.visited.keys()].map((u) => new URL(u).pathname);
    for (const lang of ["en", "fr", "ar"]) {
      for (const page of [
        "",
        "compare/",
        "indicators/",
        "methodology/",
        "downloads/",
        "releases/",
        "countries/md/",
        "countries/xk/",
        "members/",
        "countries/ge/members/",
      ])
        expect(paths).toContain(`/${lang}/${page}`);
      expect(paths).toContain(`/${lang}/reports/md.pdf`);
      expect(paths).toContain(`/${lang}/reports/regional.docx`);
    }
    expect(paths).toContain(`/downloads/${slug}.sdmx.csv`);
    expect(paths).toContain("/downloads/countries/ge.xlsx");
    expect(result.pages.size).toBeGreaterThan(60);
  });

  it("writes the member directory with only the listed organisations", () => {
    const members = readFileSync(join(dir, "en", "countries", "ge", "members", "index.html"), "utf8");
    expect(members).toContain("Listed Tbilisi Member");
    expect(members).toContain("Georgian Coalition (export)");
    for (const [url, html] of result.pages) expect(html, url).not.toContain("Unlisted Batumi Member");
    expect(readFileSync(join(dir, "fr", "countries", "ge", "index.html"), "utf8")).toContain(
      'href="members/"',
    );
  });

  it("asks nothing of an application server: no absolute paths, no API calls", () => {
    for (const [url, html] of result.pages) {
      expect(html, url).not.toMatch(/\s(?:href|src|action)="\/(?!\/)/);
      expect(html, url).not.toContain("/api/");
    }
    // Everything the pages link to was served by the static host, below the export root.
    expect(site.requests.every((p) => !p.startsWith("/api/"))).toBe(true);
  });

  it("reports what it wrote: every file counted", () => {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(exported.files).toBe(files.length);
    expect(exported.bytes).toBe(files.reduce((sum, f) => sum + statSync(join(f.parentPath, f.name)).size, 0));
  });

  it("writes downloads whose numbers are the release's", () => {
    const snapshot = JSON.parse(
      readFileSync(join(dir, "downloads", `${slug}.json`), "utf8"),
    ) as ReleaseSnapshot;
    expect(snapshot.release.slug).toBe(slug);
    expect(snapshot.countries.map((c) => c.code)).toEqual(["GE", "MD", "XK"]);
    const csv = readFileSync(join(dir, "downloads", "countries", "md.csv"), "utf8");
    const root = snapshot.framework.nodes.find((n) => n.parent === null)!.code;
    const overall = snapshot.scores.find((s) => s.country === "MD" && s.item === root)!;
    expect(csv).toContain(String(overall.score));
    const pdf = readFileSync(join(dir, "en", "reports", "md.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses a folder that holds files, and an unknown release, changing nothing", async () => {
    const { db } = database();
    const before = readdirSync(dir).sort();
    await expect(exportSite(db, { slug, dir })).rejects.toThrow(/already holds files.*--force/);
    await expect(exportSite(db, { slug: "nope-v1", dir: `${dir}-2` })).rejects.toThrow(
      new RegExp(`no release "nope-v1"; published releases: .*${slug}`),
    );
    expect(readdirSync(dir).sort()).toEqual(before);
    writeFileSync(join(dir, "stale.txt"), "old");
    await exportSite(db, { slug, dir, force: true });
    expect(readdirSync(dir)).not.toContain("stale.txt");
  }, 300_000);
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { organisations } from "../../src/server/db/schema.ts";
import { loadExcelJs } from "../../src/server/exceljs.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { computeScores } from "../../src/server/scores/compute-scores.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser } from "../support/factories.ts";
import { buildNetwork } from "../support/network-factories.ts";
import { buildPublishableCycle } from "../support/release-setup.ts";

const SECRET = "DIRECTORY-CANARY";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describeEachDatabase("the portal's member directory links to its downloads", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let slug: string;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-directory-downloads-"));
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const someone = await buildUser(db);
    // A listed member whose contacts (holding the secret) are not published, and an organisation not listed.
    const net = await buildNetwork(db, {
      country: "MD",
      region: CHILDPACT_REGION.code,
      applicantId: someone.id,
      secret: SECRET,
      writeFile: false,
    });
    await db.insert(organisations).values({
      name: `${SECRET} unlisted NGO`,
      kind: "member",
      countryCode: "MD",
      parentId: net.coalitionId,
      listedInDirectory: false,
    });
    const cycle = await buildPublishableCycle(db, { countries: ["MD"], validated: ["MD"] });
    await computeScores(db, cycle.versionId);
    const publisher = await buildUser(db, { isAdmin: true });
    ({ slug } = await publishRelease(db, {
      cycleId: cycle.cycleId,
      assessmentIds: [cycle.assessments.MD!],
      userId: publisher.id,
    }));
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The directory download links of a page, resolved against its address. */
  const downloadLinks = (pageUrl: string, html: string) =>
    [...html.matchAll(/<a href="([^"]+)" download="" data-directory-download="([a-z]+)">([^<]+)<\/a>/g)].map(
      (m) => ({ url: new URL(m[1]!, `http://portal${pageUrl}`).pathname, format: m[2]!, label: m[3]! }),
    );

  it.each([
    ["en", "Table (CSV)"],
    ["fr", "Tableau (CSV)"],
    ["ar", "جدول (CSV)"],
  ])("shows the three downloads on the directory and downloads pages in %s", async (lang, csvLabel) => {
    for (const page of [`/portal/${slug}/${lang}/members/`, `/portal/${slug}/${lang}/downloads/`]) {
      const res = await app.inject({ url: page });
      expect(res.statusCode).toBe(200);
      const links = downloadLinks(page, res.body);
      expect(links.map((l) => l.format)).toEqual(["csv", "xlsx", "json"]);
      expect(links[0]!.label).toBe(csvLabel);
      expect(links.map((l) => l.url)).toEqual(
        ["csv", "xlsx", "json"].map((f) => `/portal/${slug}/downloads/directory/members.${f}`),
      );
    }
  });

  it("answers each download with its content type and only what was published", async () => {
    const page = `/portal/${slug}/en/members/`;
    const links = downloadLinks(page, (await app.inject({ url: page })).body);
    const types: Record<string, string> = {
      csv: "text/csv; charset=utf-8",
      xlsx: XLSX,
      json: "application/json; charset=utf-8",
    };
    for (const link of links) {
      const res = await app.inject({ url: link.url });
      expect(res.statusCode, link.url).toBe(200);
      expect(res.headers["content-type"]).toBe(types[link.format]);
      let text = res.body;
      if (link.format === "xlsx") {
        const ExcelJS = await loadExcelJs();
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const cells: string[] = [];
        book.worksheets[0]!.eachRow((row) => {
          row.eachCell((cell) => {
            cells.push(String(cell.value));
          });
        });
        text = cells.join("\n");
      }
      expect(text).toContain("Coalition MD");
      expect(text).toContain("Member NGO MD");
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("director@member.example.org");
    }
    const json = JSON.parse((await app.inject({ url: links[2]!.url })).body) as { name: string }[];
    const api = (await app.inject({ url: "/api/public/directory" })).json() as { name: string }[];
    expect(json.map((e) => e.name).sort()).toEqual(api.map((e) => e.name).sort());
  });
});

import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { completionPercent } from "../../src/core/index.ts";
import type { PortalContext } from "../../src/portal/context.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { loadDemo } from "../../src/server/app/load-demo.ts";
import { readTable } from "../../src/server/recommendations/read-table.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { findRelease } from "../../src/server/releases/read-release.ts";
import { closeChromium } from "../../src/server/reports/chromium.ts";
import { countryReport } from "../../src/server/reports/country-report.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { signInAs } from "../support/factories.ts";

/** The text of an HTML fragment: tags dropped, entities of the portal's pages read, spaces joined. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}

/** The part of a page inside `<section … id="id">`. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return "";
  return html.slice(start, html.indexOf("</section>", start));
}

/** The strengths or weakest list of a portal page: label (with its chart) and score as shown. */
function areaList(html: string, id: "strengths" | "weakest"): { label: string; score: string }[] {
  return [...sectionOf(html, id).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => ({
    label: textOf(
      m[1]!.match(/<span class="areas__label">([\s\S]*?)<\/span><span class="areas__score">/)![1]!,
    ),
    score: textOf(m[1]!.match(/<span class="areas__score">([\s\S]*?)<\/span>/)![1]!),
  }));
}

/** The rows of every chart's data table on a page: label → score as shown. */
function chartFigures(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<tr><th scope="row">([\s\S]*?)<\/th><td class="num">([\s\S]*?)<\/td>/g))
    out.set(textOf(m[1]!), textOf(m[2]!));
  return out;
}

/** The change shown in a portal `Change` (▲ +4.2): the signed number, or null for "–". */
function shownChange(html: string): number | null {
  const m = html.match(/<bdi dir="ltr">([^<]*)<\/bdi>/);
  return m ? Number(m[1]!.replace("−", "-").replace("+", "")) : null;
}

const slug = "cpi-demo-2025-v1";

/*
 * One figure, one function: every place that shows an assessment's completion
 * (my work, from /api/cycles; the progress page, from /completion; the workspace
 * header, from the answers of the read model) gives the same whole percent for
 * every assessment of the demo.
 */
describeEachDatabase("figures agree across pages", (database) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    await seedReference(database().db);
    const login = await loadDemo(database());
    app = await buildApp({ database: database() });
    headers = (await signInAs(app, { id: "", ...login })).headers;
  });
  afterAll(async () => {
    await app?.close();
    await closeChromium();
  });

  it("gives each demo assessment the same completion on my work, the progress page and the workspace", async () => {
    const cycles = (await app.inject({ url: "/api/cycles", headers })).json() as {
      assessments: { id: string; completion: number; answered: number; total: number }[];
    }[];
    const all = cycles.flatMap((c) => c.assessments);
    expect(all.length).toBeGreaterThanOrEqual(10);
    const seen = new Set<number>();
    for (const a of all) {
      const progress = (await app.inject({ url: `/api/assessments/${a.id}/completion`, headers })).json();
      const read = (await app.inject({ url: `/api/assessments/${a.id}`, headers })).json() as {
        framework: { indicators: unknown[] };
        answers: { value: unknown }[];
      };
      const answeredInWorkspace = read.answers.filter((x) => x.value !== null && x.value !== "").length;
      const workspace = completionPercent(answeredInWorkspace, read.framework.indicators.length);
      const progressPage = completionPercent(progress.overall.answered, progress.overall.total);
      expect({ id: a.id, myWork: a.completion, progressPage, workspace }).toEqual({
        id: a.id,
        myWork: workspace,
        progressPage: workspace,
        workspace,
      });
      seen.add(workspace);
    }
    // The demo's draft (154 of 158) is the case that once showed 98 % and 97 %.
    expect(all.some((a) => a.answered === 154 && a.total === 158 && a.completion === 97)).toBe(true);
  }, 120_000);

  /*
   * Change since the last cycle and strengths/weakest areas: every place that shows them (the
   * workspace's scores, the public API, the portal's country profile and its print version, the
   * CSV and XLSX downloads, the country reports' content and the DOCX) says the same, for every
   * country of the demo's second release; a strength is never also a weakest area, and each area
   * carries the figure its own chart on the profile shows.
   */
  it("shows the same change since the last cycle in the workspace, the API, the portal and the downloads", async () => {
    const [fw] = (await app.inject({ url: "/api/frameworks", headers })).json() as { id: string }[];
    const workspace = (
      await app.inject({ url: `/api/frameworks/${fw!.id}/scores?period=2025&node=cpi`, headers })
    ).json() as { country: string; change: number | null; published: boolean }[];
    const release = (await app.inject(`/api/public/releases/${slug}`)).json() as {
      countries: { code: string; overall: { change: number | null } }[];
    };
    const csv = await readTable(
      (await app.inject(`/portal/${slug}/downloads/${slug}.csv`)).rawPayload,
      "s.csv",
    );
    const xlsx = await readTable(
      (await app.inject(`/portal/${slug}/downloads/${slug}.xlsx`)).rawPayload,
      "s.xlsx",
    );
    expect(release.countries).toHaveLength(9);
    const changes = new Set<number>();
    for (const { code } of release.countries) {
      const inWorkspace = workspace.find((r) => r.country === code)!.change;
      const country = (await app.inject(`/api/public/releases/${slug}/countries/${code}`)).json() as {
        scores: { item: string; change: number | null }[];
      };
      const page = (await app.inject(`/portal/${slug}/en/countries/${code.toLowerCase()}/`)).body;
      const print = (await app.inject(`/portal/${slug}/en/print/countries/${code.toLowerCase()}/`)).body;
      const summary = (html: string) =>
        shownChange(html.slice(html.indexOf('class="change change--', html.indexOf("figures__list"))));
      const changeRow = (html: string) =>
        shownChange(
          sectionOf(html, "change")
            .split("<tr>")
            .find((r) => r.includes('<th scope="row">Overall'))!,
        );
      const csvRow = csv.rows.find((r) => r.cells.country === code && r.cells.item === "cpi")!;
      const xlsxRow = xlsx.rows.find((r) => r.cells.Country === code && r.cells.Item === "cpi");
      const countryCsv = await readTable(
        (await app.inject(`/portal/${slug}/downloads/countries/${code.toLowerCase()}.csv`)).rawPayload,
        "c.csv",
      );
      const figures = {
        workspace: inWorkspace,
        publicRelease: release.countries.find((c) => c.code === code)!.overall.change,
        publicCountry: country.scores.find((s) => s.item === "cpi")!.change,
        portalSummary: summary(page),
        portalChangeTable: changeRow(page),
        printSummary: summary(print),
        csv: Number(csvRow.cells.change),
        countryCsv: Number(countryCsv.rows.find((r) => r.cells.item === "cpi")!.cells.change),
        xlsx: xlsxRow ? Number(xlsxRow.cells.Change) : "no row",
      };
      expect(typeof inWorkspace, code).toBe("number");
      expect(figures, code).toEqual(Object.fromEntries(Object.keys(figures).map((k) => [k, inWorkspace])));
      changes.add(inWorkspace!);
    }
    expect(changes.size).toBeGreaterThan(3);
  }, 180_000);

  it("names the same strengths and weakest areas on the profile, its print version and the reports, each with its chart's figure", async () => {
    const snapshot = (await findRelease(database().db, slug))!;
    const ctx: PortalContext = { releases: [], languages: ["en", "fr", "ar"], mode: "live" };
    for (const { code } of snapshot.countries) {
      const page = (await app.inject(`/portal/${slug}/en/countries/${code.toLowerCase()}/`)).body;
      const print = (await app.inject(`/portal/${slug}/en/print/countries/${code.toLowerCase()}/`)).body;
      const strengths = areaList(page, "strengths");
      const weakest = areaList(page, "weakest");
      expect(strengths, code).toHaveLength(5);
      expect(weakest, code).toHaveLength(5);
      expect({ strengths: areaList(print, "strengths"), weakest: areaList(print, "weakest") }).toEqual({
        strengths,
        weakest,
      });
      // No area is both; every strength scores at least as high as every weakest area.
      expect(strengths.filter((s) => weakest.some((w) => w.label === s.label))).toEqual([]);
      expect(Math.min(...strengths.map((s) => Number(s.score)))).toBeGreaterThanOrEqual(
        Math.max(...weakest.map((w) => Number(w.score))),
      );
      // Each named area is a bar of the profile's charts, with the same figure.
      const bars = chartFigures(page);
      for (const area of [...strengths, ...weakest]) {
        const name = area.label.slice(0, area.label.lastIndexOf(" · "));
        expect(bars.get(name), `${code} ${name}`).toBe(area.score);
      }
      // The report (PDF and DOCX are both written from it) names the same areas with the same figures.
      const report = countryReport(snapshot, code, "en", ctx);
      const summary = report.sections.find((s) => s.id === "summary")!.blocks;
      const lists = summary.flatMap((b) => (b.kind === "list" ? [b.items] : []));
      const asReport = (a: { label: string; score: string }) => {
        const at = a.label.lastIndexOf(" · ");
        return `${a.label.slice(0, at)} (${a.label.slice(at + 3)}): ${a.score}`;
      };
      expect(lists, code).toEqual([strengths.map(asReport), weakest.map(asReport)]);
    }
    // The DOCX as downloaded holds them too.
    const docx = (await app.inject(`/portal/${slug}/en/reports/ge.docx`)).rawPayload;
    const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n");
    const page = (await app.inject(`/portal/${slug}/en/countries/ge/`)).body;
    for (const area of [...areaList(page, "strengths"), ...areaList(page, "weakest")])
      expect(text).toContain(`: ${area.score}`);
  }, 300_000);
});

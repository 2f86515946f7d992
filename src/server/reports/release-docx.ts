import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReleaseSnapshot } from "../../core/index.ts";
import { BarChart } from "../../portal/charts/bars.tsx";
import { ChoroplethMap } from "../../portal/charts/map.tsx";
import { TrendChart, trendSeries } from "../../portal/charts/trend.tsx";
import { type PageEnv, type PortalContext, pageEnv } from "../../portal/context.ts";
import { bandColor, textOn } from "../../portal/model/colors.ts";
import {
  areasByScore,
  classificationItems,
  gapOf,
  rankedCountries,
  sectionNodes,
} from "../../portal/model/derive.ts";
import { countryRows } from "../../portal/pages/country-charts.tsx";
import { sectionAverageRows } from "../../portal/pages/home.tsx";
import { UserError } from "../errors.ts";
import { renderPngs } from "./chromium.ts";
import { portalCss } from "./portal-css.ts";

/** Width of a chart in the document, in pixels at 96 dpi (a portrait A4 text column is ~650 px). */
const CHART_WIDTH = 620;

interface Chart {
  png: Buffer;
  width: number;
  height: number;
  title: string;
  description: string;
}

interface ChartSpec extends Omit<Chart, "png"> {
  svg: string;
}

/** A chart component's first (wide) SVG, sized for the document. */
function chartSpec(element: ReactElement, title: string, description: string): ChartSpec {
  const markup = renderToStaticMarkup(element);
  const svg = markup.match(/<svg[\s\S]*?<\/svg>/)?.[0];
  const box = svg?.match(/viewBox="0 0 ([\d.]+) ([\d.]+)"/);
  if (!svg || !box) throw new Error("chart without an SVG viewBox");
  const width = CHART_WIDTH;
  const height = Math.ceil((Number(box[2]) / Number(box[1])) * width);
  return {
    svg: svg.replace("<svg", `<svg width="${width}" height="${height}"`),
    width,
    height,
    title,
    description,
  };
}

/** Renders a document's charts to PNGs in one Chromium page, styled with the portal's CSS. */
async function renderCharts(specs: ChartSpec[]): Promise<Chart[]> {
  const pngs = await renderPngs(
    specs.map((c) => ({ fragment: c.svg, width: c.width, height: c.height })),
    `<style>${await portalCss()}</style>`,
  );
  return specs.map(({ svg: _svg, ...c }, i) => ({ ...c, png: pngs[i]! }));
}

/** Writing direction of the document's paragraphs and runs. */
function writer(env: PageEnv) {
  const rtl = env.dir === "rtl";
  const run = (text: string, options: { bold?: boolean; size?: number; color?: string } = {}) =>
    new TextRun({ text, rightToLeft: rtl, ...options });
  const para = (
    content: string | TextRun[],
    options: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; spacingAfter?: number } = {},
  ) =>
    new Paragraph({
      children: typeof content === "string" ? [run(content)] : content,
      heading: options.heading,
      bidirectional: rtl,
      alignment: rtl ? AlignmentType.RIGHT : AlignmentType.LEFT,
      spacing: { after: options.spacingAfter ?? 120 },
    });
  const image = (chart: Chart) =>
    new Paragraph({
      bidirectional: rtl,
      children: [
        new ImageRun({
          type: "png",
          data: chart.png,
          transformation: { width: chart.width, height: chart.height },
          altText: { name: chart.title, title: chart.title, description: chart.description },
        }),
      ],
    });
  const cell = (text: string, options: { header?: boolean; fill?: string } = {}) =>
    new TableCell({
      shading: options.fill
        ? { type: ShadingType.CLEAR, fill: options.fill.slice(1), color: "auto" }
        : undefined,
      children: [
        new Paragraph({
          bidirectional: rtl,
          children: [
            run(text, {
              bold: options.header,
              color: options.fill ? textOn(options.fill).slice(1) : undefined,
            }),
          ],
        }),
      ],
    });
  const table = (head: string[], rows: (string | { text: string; fill: string })[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      visuallyRightToLeft: rtl,
      rows: [
        new TableRow({ tableHeader: true, children: head.map((h) => cell(h, { header: true })) }),
        ...rows.map(
          (r) =>
            new TableRow({
              children: r.map((c) => (typeof c === "string" ? cell(c) : cell(c.text, { fill: c.fill }))),
            }),
        ),
      ],
    });
  return { run, para, image, table };
}

function bandCell(env: PageEnv, score: number | null | undefined, band: string | null | undefined) {
  const label = env.band(band)?.label;
  const text = `${env.score(score)}${label ? ` · ${env.text(label)}` : ""}`;
  return band ? { text, fill: bandColor(env.fw.bands, band) } : text;
}

function changeText(env: PageEnv, change: number | null | undefined): string {
  return typeof change === "number" ? env.signed(change) : "–";
}

function header(env: PageEnv, title: string) {
  const w = writer(env);
  const { release } = env.snap;
  const out: (Paragraph | Table)[] = [
    w.para(title, { heading: HeadingLevel.TITLE }),
    w.para(
      env.t("releaseLine", {
        period: release.period,
        version: release.version,
        date: env.date(release.publishedAt),
      }),
    ),
  ];
  if (release.isDemo)
    out.push(w.para([w.run(`${env.t("demoRibbon")}: `, { bold: true }), w.run(env.t("demoNotice"))]));
  return out;
}

function footer(env: PageEnv) {
  const w = writer(env);
  const { release } = env.snap;
  return [
    w.para(
      env.t("footerCite", {
        title: env.text(env.fw.title),
        period: release.period,
        version: release.version,
        date: env.date(release.publishedAt),
      }),
    ),
    w.para(env.t("footerMadeWith")),
  ];
}

function envFor(snapshot: ReleaseSnapshot, lang: string, ctx: PortalContext, country?: string): PageEnv {
  if (country && !snapshot.countries.some((c) => c.code === country))
    throw new UserError(`${country} is not in release ${snapshot.release.slug}`, [], 404);
  return pageEnv(
    snapshot,
    country
      ? { page: "print-country", lang, country: country.toLowerCase() }
      : { page: "print-regional", lang },
    lang,
    ctx,
  );
}

/**
 * A country's report as a Word document: the overall result, charts of the
 * sections and the trend (PNG images with their text alternative), tables by
 * section, dimension and UNCRC article, the policy–implementation gap,
 * strengths and weakest areas. Built from the release snapshot only.
 */
export async function countryReportDocx(
  snapshot: ReleaseSnapshot,
  countryCode: string,
  lang: string,
  ctx: PortalContext,
): Promise<Buffer> {
  const country = countryCode.toUpperCase();
  const env = envFor(snapshot, lang, ctx, country);
  const w = writer(env);
  const name = env.countryName(country);
  const overall = env.idx.score(country, env.rootNode);
  const scale = env.num(env.fw.scoreScale, 0);
  const children: (Paragraph | Table)[] = [...header(env, env.t("countryTitle", { country: name }))];
  if (overall?.score !== null && overall?.score !== undefined) {
    children.push(
      w.para(
        env.t("countryLead", {
          country: name,
          score: env.score(overall.score),
          scale,
          band: env.text(env.band(overall.band)?.label) || "–",
          rank: overall.rank ?? "–",
          total: snapshot.countries.length,
          period: snapshot.release.period,
        }),
      ),
    );
    if (typeof overall.change === "number" && snapshot.release.comparison)
      children.push(
        w.para(
          `${env.t("changeSince", { period: snapshot.release.comparison.period })}: ${env.signed(overall.change)}`,
        ),
      );
  }

  const sections = countryRows(
    env,
    country,
    sectionNodes(env).map((n) => ({ item: n.code, label: env.text(n.label) })),
  );
  const series = trendSeries(env, country);
  const sectionsSpec = chartSpec(
    createElement(BarChart, {
      env,
      id: "sections",
      rows: sections,
      title: env.t("sectionsTitle"),
      desc: env.t("sectionsTitle"),
    }),
    env.t("sectionsTitle"),
    sections.map((r) => `${r.label}: ${env.score(r.value)}`).join("; "),
  );
  const trendSpec =
    snapshot.trend.length > 1
      ? chartSpec(
          createElement(TrendChart, {
            env,
            id: "trend",
            series,
            title: env.t("trendTitle"),
            desc: env.t("trendTitle"),
          }),
          env.t("trendTitle"),
          snapshot.trend
            .map(
              (p) =>
                `${p.period}: ${env.score(p.scores.find((s) => s.country === country && s.item === env.rootNode)?.score)}`,
            )
            .join("; "),
        )
      : null;
  const [sectionsChart, trendChart] = await renderCharts(
    trendSpec ? [sectionsSpec, trendSpec] : [sectionsSpec],
  );
  children.push(w.para(env.t("sectionsTitle"), { heading: HeadingLevel.HEADING_1 }), w.image(sectionsChart!));
  children.push(
    w.table(
      [env.t("section"), env.t("score"), env.t("regionalAverage"), env.t("change")],
      sections.map((r) => {
        const row = env.idx.score(country, r.key);
        return [r.label, bandCell(env, r.value, r.band), env.score(r.marker), changeText(env, row?.change)];
      }),
    ),
  );

  for (const cls of env.fw.classifications) {
    const items = classificationItems(env, cls.code);
    if (!items.length) continue;
    children.push(
      w.para(env.t("classificationTitle", { name: env.text(cls.label) }), {
        heading: HeadingLevel.HEADING_1,
      }),
      w.table(
        [env.text(cls.label), env.t("score"), env.t("regionalAverage"), env.t("change")],
        countryRows(env, country, items).map((r) => [
          r.label,
          bandCell(env, r.value, r.band),
          env.score(r.marker),
          changeText(env, env.idx.score(country, r.key)?.change),
        ]),
      ),
    );
  }

  const gap = gapOf(env, country);
  if (gap) {
    children.push(w.para(env.t("gapTitle"), { heading: HeadingLevel.HEADING_1 }));
    children.push(
      w.table(
        [env.t("gapPolicy"), env.t("gapImplementation"), env.t("gapValue")],
        [
          [
            env.score(gap.policy),
            env.score(gap.implementation),
            gap.gap === null ? env.t("gapUnavailable") : env.signed(gap.gap),
          ],
        ],
      ),
    );
  }

  const areas = areasByScore(env, country);
  if (areas.length) {
    children.push(w.para(env.t("strengthsTitle"), { heading: HeadingLevel.HEADING_1 }));
    const area = (a: (typeof areas)[number]) =>
      `${a.label}${a.section ? ` (${env.t("areaIn", { section: a.section })})` : ""}: ${env.score(a.score)}`;
    for (const a of areas.slice(0, 5)) children.push(w.para(area(a)));
    children.push(w.para(env.t("weaknessesTitle"), { heading: HeadingLevel.HEADING_1 }));
    for (const a of areas.slice(-5).reverse()) children.push(w.para(area(a)));
  }

  if (trendChart) {
    children.push(w.para(env.t("trendTitle"), { heading: HeadingLevel.HEADING_1 }), w.image(trendChart));
  }
  children.push(...footer(env));
  return Packer.toBuffer(documentOf(env, children));
}

/**
 * The regional report as a Word document: the map, the ranking with bands and
 * change, the regional average by section and a heat table of sections by country.
 */
export async function regionalReportDocx(
  snapshot: ReleaseSnapshot,
  lang: string,
  ctx: PortalContext,
): Promise<Buffer> {
  const env = envFor(snapshot, lang, ctx);
  const w = writer(env);
  const children: (Paragraph | Table)[] = [...header(env, env.text(env.fw.title))];
  children.push(w.para(env.t("homeLead", { count: snapshot.countries.length })));
  const ranked = rankedCountries(env);
  const averages = sectionAverageRows(env);
  const [map, averageChart] = await renderCharts([
    chartSpec(
      createElement(ChoroplethMap, { env, id: "map" }),
      env.t("mapTitle"),
      ranked.map((c) => `${c.name}: ${env.score(c.row?.score)}`).join("; "),
    ),
    chartSpec(
      createElement(BarChart, {
        env,
        id: "averages",
        rows: averages,
        title: env.t("sectionsAverageTitle"),
        desc: env.t("sectionsAverageTitle"),
      }),
      env.t("sectionsAverageTitle"),
      averages.map((r) => `${r.label}: ${env.score(r.value)}`).join("; "),
    ),
  ]);
  children.push(w.para(env.t("mapTitle"), { heading: HeadingLevel.HEADING_1 }), w.image(map!));
  children.push(w.para(env.t("mapDisclaimer")));
  children.push(
    w.para(env.t("rankingTitle"), { heading: HeadingLevel.HEADING_1 }),
    w.table(
      [env.t("rank"), env.t("country"), env.t("score"), env.t("change")],
      ranked.map((c) => [
        c.row?.rank ? String(c.row.rank) : "–",
        c.name,
        bandCell(env, c.row?.score, c.row?.band),
        changeText(env, c.row?.change),
      ]),
    ),
  );
  children.push(
    w.para(env.t("sectionsAverageTitle"), { heading: HeadingLevel.HEADING_1 }),
    w.image(averageChart!),
  );
  const sections = sectionNodes(env);
  children.push(
    w.para(env.t("heatmapTitle"), { heading: HeadingLevel.HEADING_1 }),
    w.table(
      [env.t("country"), ...sections.map((n) => env.text(n.label))],
      ranked.map((c) => [
        c.name,
        ...sections.map((n) => {
          const s = env.idx.score(c.code, n.code);
          return bandCell(env, s?.score, s?.band);
        }),
      ]),
    ),
  );
  children.push(...footer(env));
  return Packer.toBuffer(documentOf(env, children));
}

function documentOf(env: PageEnv, children: (Paragraph | Table)[]): Document {
  return new Document({
    creator: "Childmark",
    title: env.text(env.fw.title),
    description: env.snap.release.slug,
    styles: { default: { document: { run: { font: "Calibri", size: 21 } } } },
    sections: [{ children }],
  });
}

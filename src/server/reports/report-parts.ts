import type { ReleaseSnapshot } from "../../core/index.ts";
import { type PageEnv, type PortalContext, pageEnv } from "../../portal/context.ts";
import { bandColor, NO_DATA_COLOR } from "../../portal/model/colors.ts";
import { UserError } from "../errors.ts";
import { type PrintBar, printBarChart } from "./print-charts.ts";
import { type ReportMessageKey, reportText } from "./report-messages.ts";
import type { Cell, PrintChart, ReportDocument, ReportSection } from "./report-model.ts";

/** Width of a printed chart in CSS px: the text column of a portrait A4 page with 20 mm margins. */
export const CHART_WIDTH = 640;

/** The page environment of a report (the portal's formatting and words), checking the country. */
export function reportEnv(
  snapshot: ReleaseSnapshot,
  lang: string,
  ctx: PortalContext,
  country?: string,
): PageEnv {
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

/** The report's own words in the page's language. */
export function wordsOf(env: PageEnv) {
  return (key: ReportMessageKey, vars?: Record<string, string | number>) => reportText(env.lang, key, vars);
}

/** A score with its band, as a table cell coloured like the band. */
export function bandCell(
  env: PageEnv,
  score: number | null | undefined,
  band: string | null | undefined,
): Cell {
  const label = env.band(band)?.label;
  const text = `${env.score(score)}${label ? ` · ${env.text(label)}` : ""}`;
  return band ? { text, fill: bandColor(env.fw.bands, band) } : text;
}

export function changeText(env: PageEnv, change: number | null | undefined): string {
  return typeof change === "number" ? env.signed(change) : "–";
}

/** The frame of a printed chart: width, direction, title and the scores' formatting. */
export function chartFrame(env: PageEnv, title: string) {
  return {
    width: CHART_WIDTH,
    dir: env.dir,
    title,
    format: (v: number) => env.score(v),
    tick: (v: number) => env.num(v, 0),
    scale: env.fw.scoreScale,
  };
}

/** A bar chart of scores on the framework's scale, coloured by band. */
export function scoreBars(
  env: PageEnv,
  title: string,
  rows: { label: string; value: number | null; band: string | null; marker?: number | null }[],
): PrintChart {
  const bars: PrintBar[] = rows.map((r) => ({
    label: r.label,
    value: r.value,
    marker: r.marker,
    color: r.band ? bandColor(env.fw.bands, r.band) : NO_DATA_COLOR,
  }));
  return printBarChart(chartFrame(env, title), bars, {
    markerLabel: env.t("regionalAverage"),
    noData: env.t("answerMissing"),
  });
}

/** Cover, footer and contents of a report around its sections. */
export function reportDocument(
  env: PageEnv,
  title: string,
  subtitle: string,
  sections: ReportSection[],
): ReportDocument {
  const words = wordsOf(env);
  const r = env.snap.release;
  return {
    lang: env.lang,
    dir: env.dir,
    index: env.text(env.fw.title),
    title,
    subtitle,
    release: env.t("releaseLine", { period: r.period, version: r.version, date: env.date(r.publishedAt) }),
    published: `${words("coverRelease", { slug: r.slug })} · ${words("coverPublished", { date: env.date(r.publishedAt) })}`,
    footerRelease: `${r.slug} · ${env.date(r.publishedAt)}`,
    demoNotice: r.isDemo ? `${env.t("demoRibbon")}: ${env.t("demoNotice")}` : null,
    pageLabel: words("pageOf", { page: "{page}", total: "{total}" }),
    contentsTitle: words("contents"),
    sections: sections.filter((s) => s.blocks.length > 0),
  };
}

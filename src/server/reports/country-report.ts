import type { ReleaseSnapshot } from "../../core/index.ts";
import { sourceLines } from "../../core/publishing/answers-table.ts";
import { trendSeries } from "../../portal/charts/trend.tsx";
import type { PageEnv, PortalContext } from "../../portal/context.ts";
import { describeAnswer } from "../../portal/model/answers.ts";
import {
  type CountryArea,
  classificationItems,
  countryAreas,
  gapOf,
  indicatorsUnder,
  sectionNodes,
} from "../../portal/model/derive.ts";
import { countryRows } from "../../portal/pages/country-charts.tsx";
import { childrenBesideLines, childrenSaidSection } from "./children-said.ts";
import { methodologyAnnex } from "./methodology-annex.ts";
import { printTrendChart } from "./print-charts.ts";
import type { Block, Cell, ReportDocument, ReportSection } from "./report-model.ts";
import {
  bandCell,
  changeText,
  chartFrame,
  reportDocument,
  reportEnv,
  scoreBars,
  wordsOf,
} from "./report-parts.ts";

/** Charts get a bar chart only up to this many items; longer lists are tables alone. */
const MAX_BARS = 16;

function summary(env: PageEnv, country: string): ReportSection {
  const name = env.countryName(country);
  const overall = env.idx.score(country, env.rootNode);
  const blocks: Block[] = [];
  if (typeof overall?.score === "number") {
    blocks.push({
      kind: "paragraph",
      tone: "lead",
      text: env.t("countryLead", {
        country: name,
        score: env.score(overall.score),
        scale: env.num(env.fw.scoreScale, 0),
        band: env.text(env.band(overall.band)?.label) || "–",
        rank: overall.rank ?? "–",
        total: env.snap.countries.length,
        period: env.snap.release.period,
      }),
    });
    const comparison = env.snap.release.comparison;
    if (typeof overall.change === "number" && comparison)
      blocks.push({
        kind: "paragraph",
        text: `${env.t("changeSince", { period: comparison.period })}: ${env.signed(overall.change)}`,
      });
  }
  blocks.push(...trendBlocks(env, country));
  const { strengths, weakest } = countryAreas(env, country);
  if (strengths.length) {
    const area = (a: CountryArea) => `${a.label} (${a.context}): ${env.score(a.score)}`;
    blocks.push(
      { kind: "subheading", text: env.t("strengthsTitle") },
      { kind: "list", items: strengths.map(area) },
      { kind: "subheading", text: env.t("weaknessesTitle") },
      { kind: "list", items: weakest.map(area) },
    );
  }
  const gap = gapOf(env, country);
  if (gap)
    blocks.push(
      { kind: "subheading", text: env.t("gapTitle") },
      {
        kind: "table",
        head: [env.t("gapPolicy"), env.t("gapImplementation"), env.t("gapValue")],
        rows: [
          [
            env.score(gap.policy),
            env.score(gap.implementation),
            gap.gap === null ? env.t("gapUnavailable") : env.signed(gap.gap),
          ],
        ],
      },
    );
  return { id: "summary", title: wordsOf(env)("summaryTitle"), blocks };
}

/** Scores of some items of a country: a chart (when short enough) and a table with the regional average and change. */
function scoreSection(
  env: PageEnv,
  country: string,
  id: string,
  title: string,
  firstColumn: string,
  items: { item: string; label: string }[],
): ReportSection {
  const rows = countryRows(env, country, items);
  const blocks: Block[] = [];
  if (rows.length && rows.length <= MAX_BARS)
    blocks.push({ kind: "chart", chart: scoreBars(env, title, rows) });
  blocks.push({
    kind: "table",
    head: [firstColumn, env.t("score"), env.t("regionalAverage"), env.t("change")],
    rows: rows.map((r) => [
      r.label,
      bandCell(env, r.value, r.band),
      env.score(r.marker),
      changeText(env, env.idx.score(country, r.key)?.change),
    ]),
    widths: [46, 22, 16, 16],
  });
  return { id, title, blocks };
}

/** Every published answer of the country, by section, with its comment and sources. */
function answersSection(env: PageEnv, country: string): ReportSection {
  const words = wordsOf(env);
  const answers = new Map(env.snap.answers.filter((a) => a.country === country).map((a) => [a.indicator, a]));
  const blocks: Block[] = [
    { kind: "paragraph", tone: "lead", text: words("answersLead", { country: env.countryName(country) }) },
  ];
  for (const section of sectionNodes(env)) {
    const indicators = indicatorsUnder(env, section.code, true);
    if (!indicators.length) continue;
    blocks.push({
      kind: "subheading",
      text: words("answersSection", { section: env.text(section.label), count: indicators.length }),
    });
    blocks.push({
      kind: "table",
      head: [env.t("indicator"), words("question"), words("answer"), words("sourcesColumn")],
      widths: [11, 43, 18, 28],
      rows: indicators.map((ind): Cell[] => {
        const answer = answers.get(ind.code);
        const meaning = describeAnswer(env, ind, answer);
        const sources = sourceLines(answer?.evidence ?? []);
        const lines = [
          ...(answer?.justification ? [words("notApplicableBecause", { reason: answer.justification })] : []),
          ...childrenBesideLines(env, country, ind.code),
        ];
        return [
          ind.code,
          env.text(ind.text),
          lines.length ? { text: meaning, lines } : meaning,
          sources.length ? { text: sources[0]!, lines: sources.slice(1) } : words("noSource"),
        ];
      }),
    });
  }
  return { id: "answers", title: words("answersTitle"), blocks };
}

/** The overall score over the releases of the trend, with the regional average (none for a first release). */
function trendBlocks(env: PageEnv, country: string): Block[] {
  const series = trendSeries(env, country);
  const title = env.t("trendTitle");
  if (series.length < 2) return [];
  const chart = printTrendChart(chartFrame(env, title), series, {
    country: env.countryName(country),
    average: env.t("regionalAverage"),
  });
  return [
    { kind: "subheading", text: title },
    { kind: "chart", chart },
  ];
}

/**
 * A country's report, as content: summary (result, strengths, weakest areas, gap), results by
 * section and by each classification, the trend, every answer with its sources, what children
 * said about indicators in published consultations (the context's voices, when given), and the
 * methodology annex. Built from the release snapshot and those voices only.
 */
export function countryReport(
  snapshot: ReleaseSnapshot,
  countryCode: string,
  lang: string,
  ctx: PortalContext,
): ReportDocument {
  const country = countryCode.toUpperCase();
  const env = reportEnv(snapshot, lang, ctx, country);
  const words = wordsOf(env);
  const sections: ReportSection[] = [
    summary(env, country),
    scoreSection(
      env,
      country,
      "sections",
      env.t("sectionsTitle"),
      env.t("section"),
      sectionNodes(env).map((n) => ({ item: n.code, label: env.text(n.label) })),
    ),
    ...env.fw.classifications.map((cls) =>
      scoreSection(
        env,
        country,
        `classification-${cls.code}`,
        env.t("classificationTitle", { name: env.text(cls.label) }),
        env.text(cls.label),
        classificationItems(env, cls.code),
      ),
    ),
    answersSection(env, country),
    childrenSaidSection(env, country),
    methodologyAnnex(env),
  ];
  return reportDocument(
    env,
    env.t("countryTitle", { country: env.countryName(country) }),
    words("preparedFor"),
    sections,
  );
}

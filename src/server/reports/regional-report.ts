import type { ReleaseSnapshot } from "../../core/index.ts";
import type { PageEnv, PortalContext } from "../../portal/context.ts";
import { answerCounts, largestChanges, rankedCountries, sectionNodes } from "../../portal/model/derive.ts";
import { sectionAverageRows } from "../../portal/pages/home.tsx";
import { methodologyAnnex } from "./methodology-annex.ts";
import type { Block, ReportDocument } from "./report-model.ts";
import { bandCell, changeText, reportDocument, reportEnv, scoreBars, wordsOf } from "./report-parts.ts";

/** The largest improvements and declines since the comparison release, when there is one. */
function changeBlocks(env: PageEnv): Block[] {
  const comparison = env.snap.release.comparison;
  if (!comparison) return [];
  const { improvements, declines } = largestChanges(env);
  const line = (r: (typeof improvements)[number]) =>
    `${r.name}: ${env.signed(r.change)} (${env.score(r.score)})`;
  return [
    { kind: "subheading", text: env.t("changesTitle", { period: comparison.period }) },
    ...(improvements.length
      ? [
          { kind: "paragraph", text: env.t("improvements") } as const,
          { kind: "list", items: improvements.map(line) } as const,
        ]
      : []),
    ...(declines.length
      ? [
          { kind: "paragraph", text: env.t("declines") } as const,
          { kind: "list", items: declines.map(line) } as const,
        ]
      : []),
  ];
}

/**
 * The regional report, as content: the ranking (chart and table), the regional average by
 * section, sections by country, how many answers cite sources in each country, and the
 * methodology annex.
 */
export function regionalReport(snapshot: ReleaseSnapshot, lang: string, ctx: PortalContext): ReportDocument {
  const env = reportEnv(snapshot, lang, ctx);
  const words = wordsOf(env);
  const ranked = rankedCountries(env);
  const averages = sectionAverageRows(env);
  const sections = sectionNodes(env);
  const sourced = new Map<string, { withSource: number; sources: number }>();
  for (const a of snapshot.answers) {
    const s = sourced.get(a.country) ?? { withSource: 0, sources: 0 };
    if (a.evidence.length) s.withSource++;
    s.sources += a.evidence.length;
    sourced.set(a.country, s);
  }
  return reportDocument(env, env.t("printTitleRegional"), words("preparedForRegional"), [
    {
      id: "summary",
      title: words("summaryTitle"),
      blocks: [
        { kind: "paragraph", tone: "lead", text: env.t("homeLead", { count: snapshot.countries.length }) },
        {
          kind: "paragraph",
          text: `${env.t("regionalAverage")}: ${env.score(env.idx.regional(env.rootNode))}`,
        },
        {
          kind: "chart",
          chart: scoreBars(
            env,
            words("rankingChartTitle"),
            ranked.map((c) => ({ label: c.name, value: c.row?.score ?? null, band: c.row?.band ?? null })),
          ),
        },
        ...changeBlocks(env),
      ],
    },
    {
      id: "ranking",
      title: env.t("rankingTitle"),
      blocks: [
        {
          kind: "table",
          head: [env.t("rank"), env.t("country"), env.t("score"), env.t("change")],
          rows: ranked.map((c) => [
            c.row?.rank ? String(c.row.rank) : "–",
            c.name,
            bandCell(env, c.row?.score, c.row?.band),
            changeText(env, c.row?.change),
          ]),
          widths: [10, 44, 28, 18],
        },
      ],
    },
    {
      id: "sections",
      title: env.t("sectionsAverageTitle"),
      blocks: [
        { kind: "chart", chart: scoreBars(env, env.t("sectionsAverageTitle"), averages) },
        { kind: "subheading", text: env.t("heatmapTitle") },
        {
          kind: "table",
          head: [env.t("country"), ...sections.map((n) => env.text(n.label))],
          rows: ranked.map((c) => [
            c.name,
            ...sections.map((n) => {
              const s = env.idx.score(c.code, n.code);
              return bandCell(env, s?.score, s?.band);
            }),
          ]),
        },
      ],
    },
    {
      id: "answers",
      title: words("answersOverviewTitle"),
      blocks: [
        { kind: "paragraph", text: words("answersOverviewLead") },
        {
          kind: "table",
          head: [
            env.t("country"),
            words("answeredColumn"),
            env.t("notApplicable"),
            words("withSources"),
            words("sourcesCount"),
          ],
          rows: ranked.map((c) => {
            const n = answerCounts(env, c.code);
            const s = sourced.get(c.code) ?? { withSource: 0, sources: 0 };
            return [
              c.name,
              `${n.answered} / ${n.total}`,
              String(n.na),
              String(s.withSource),
              String(s.sources),
            ];
          }),
          widths: [36, 16, 16, 16, 16],
        },
      ],
    },
    methodologyAnnex(env),
  ]);
}

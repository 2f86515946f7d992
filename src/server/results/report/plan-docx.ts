import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { renderPngs } from "../../reports/chromium.ts";
import { BAND_FILL, BAND_WORDS, type PlanReport, percent, text } from "./report-model.ts";
import { targetChart } from "./target-chart.ts";

const HEADINGS = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

const para = (content: string | TextRun[], heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({
    children: typeof content === "string" ? [new TextRun(content)] : content,
    heading,
    spacing: { after: 120 },
  });

const cell = (value: string, options: { header?: boolean; fill?: string } = {}) =>
  new TableCell({
    shading: options.fill
      ? { type: ShadingType.CLEAR, fill: options.fill.slice(1), color: "auto" }
      : undefined,
    children: [
      new Paragraph({
        children: [
          new TextRun({ text: value, bold: options.header, color: options.fill ? "FFFFFF" : undefined }),
        ],
      }),
    ],
  });

const table = (head: string[], rows: (string | { text: string; fill: string })[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map((h) => cell(h, { header: true, fill: "#1F4E79" })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((c) => (typeof c === "string" ? cell(c) : cell(c.text, { fill: c.fill }))),
          }),
      ),
    ],
  });

const bandCell = (score: number | null | undefined, band: string) => ({
  text: score == null ? "No data" : `${percent(score)} · ${BAND_WORDS[band] ?? band}`,
  fill: BAND_FILL[band] ?? BAND_FILL["no-data"]!,
});

/**
 * A plan's progress report for one period as a Word document: a cover (organisation,
 * plan, period, date), a summary (overall progress, indicators by band, what is late,
 * what is missing, said in words), then each node of the tree with its progress and
 * each indicator's baseline, target, actual and achievement, a target-vs-actual chart
 * (PNG with its text alternative), comments and evidence. Headings are Word headings;
 * the footer numbers the pages.
 */
export async function planReportDocx(report: PlanReport, generatedOn: string): Promise<Buffer> {
  const { plan } = report;
  const title = text(plan.title);
  const charts = plan.indicators
    .filter((i) => i.type !== "narrative")
    .map((i) => targetChart(i, plan.periods));
  const pngs = charts.length
    ? await renderPngs(charts.map((c) => ({ fragment: c.svg, width: c.width, height: c.height })))
    : [];
  const chartOf = new Map(
    plan.indicators
      .filter((i) => i.type !== "narrative")
      .map((i, n) => [i.id, { ...charts[n]!, png: pngs[n]! }] as const),
  );

  const cover: Paragraph[] = [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    para(plan.organisation.name),
    para(title, HeadingLevel.TITLE),
    para([new TextRun({ text: `Progress report for ${report.periodLabel}`, size: 32 })]),
    para(
      `Plan status: ${plan.status}${plan.approvedAt ? ` (approved ${plan.approvedAt.slice(0, 10)})` : ""}`,
    ),
    para(`Generated on ${generatedOn}`),
    new Paragraph({ children: [new PageBreak()] }),
  ];

  const { overall, bandCounts } = report;
  const summary: (Paragraph | Table)[] = [
    para("Summary", HeadingLevel.HEADING_1),
    para(
      overall.score === null
        ? `Overall progress in ${report.periodLabel}: no data — none of the ${overall.indicators} measurable indicators has both a target and an actual for the period.`
        : `Overall progress in ${report.periodLabel}: ${percent(overall.score)} (${BAND_WORDS[overall.band]}), from ${overall.measured} of ${overall.indicators} measurable indicators.`,
    ),
    table(
      ["Band", "Indicators"],
      Object.entries(bandCounts).map(([band, count]) => [
        { text: BAND_WORDS[band] ?? band, fill: BAND_FILL[band]! },
        String(count),
      ]),
    ),
    para("Late", HeadingLevel.HEADING_2),
  ];
  if (report.late.length)
    summary.push(
      table(
        ["Indicator", "Period", "What is late"],
        report.late.map((l) => [
          `${l.code} ${l.title}`,
          l.period,
          "Actual not reported; the period has ended",
        ]),
      ),
    );
  else summary.push(para("Nothing is late: every ended period with a target has its actual."));
  summary.push(para("Missing data", HeadingLevel.HEADING_2));
  if (report.missing.length)
    summary.push(
      para(
        `${report.missing.length} of ${overall.indicators} measurable indicators have no achievement for ${report.periodLabel}; they are left out of the roll-up, not counted as zero.`,
      ),
      table(
        ["Indicator", "Why there is no figure"],
        report.missing.map((m) => [`${m.code} ${m.title}`, m.reason]),
      ),
    );
  else summary.push(para(`Every measurable indicator has a figure for ${report.periodLabel}.`));

  const body: (Paragraph | Table)[] = [para("Progress by result", HeadingLevel.HEADING_1)];
  for (const n of report.nodes) {
    const heading = HEADINGS[Math.min(n.depth, HEADINGS.length - 1)];
    body.push(para(`${n.levelName} ${n.node.code}: ${text(n.node.title)}`, heading));
    const p = n.progress;
    if (p)
      body.push(
        table(
          ["Progress in the period", "Cumulative", "Indicators measured"],
          [
            [
              bandCell(p.period.score, p.period.band),
              bandCell(p.cumulative.score, p.cumulative.band),
              `${p.period.measured} of ${p.period.indicators}`,
            ],
          ],
        ),
      );
    if (n.node.responsible) body.push(para(`Responsible: ${n.node.responsible}`));
    for (const i of n.indicators) {
      const ind = i.indicator;
      body.push(
        para(
          [new TextRun({ text: `Indicator ${ind.code}: ${text(ind.title)}`, bold: true })],
          HEADINGS[Math.min(n.depth + 1, HEADINGS.length - 1)],
        ),
      );
      if (ind.type === "narrative") {
        body.push(para(i.narrative ? `Reported: ${i.narrative}` : "No narrative reported for the period."));
      } else {
        body.push(
          table(
            ["Baseline", "Target", "Actual", "Achievement"],
            [[i.baseline, i.target, i.actual, bandCell(i.achievement?.period.score, i.band)]],
          ),
          para(i.achievementText),
        );
        const chart = chartOf.get(ind.id);
        if (chart)
          body.push(
            new Paragraph({
              children: [
                new ImageRun({
                  type: "png",
                  data: chart.png,
                  transformation: { width: chart.width, height: chart.height },
                  altText: { name: chart.title, title: chart.title, description: chart.description },
                }),
              ],
            }),
          );
      }
      if (i.comment)
        body.push(para([new TextRun({ text: "Comment: ", bold: true }), new TextRun(i.comment)]));
      if (i.evidence)
        body.push(para([new TextRun({ text: "Evidence: ", bold: true }), new TextRun(i.evidence)]));
    }
  }

  const doc = new Document({
    creator: "Childmark",
    title: `${title} — ${report.periodLabel}`,
    description: `Progress report of ${plan.organisation.name}`,
    styles: { default: { document: { run: { font: "Calibri", size: 21 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun(`${title} — ${report.periodLabel} — page `),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                  new TextRun(" of "),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children: [...cover, ...summary, ...body],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

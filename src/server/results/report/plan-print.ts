import { printPdf } from "../../reports/chromium.ts";
import { BAND_FILL, BAND_WORDS, esc, type PlanReport, percent, text } from "./report-model.ts";
import { targetChart } from "./target-chart.ts";

const band = (score: number | null | undefined, b: string) =>
  `<span class="band" style="background:${BAND_FILL[b] ?? BAND_FILL["no-data"]}">${esc(score == null ? "No data" : `${percent(score)} · ${BAND_WORDS[b] ?? b}`)}</span>`;

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
body { font: 10.5pt/1.45 Calibri, "Noto Sans", Arial, sans-serif; color: #1d2530; margin: 0; }
.cover { page-break-after: always; padding-top: 70mm; }
.cover .org { font-size: 13pt; color: #445; }
.cover h1 { font-size: 26pt; margin: 6mm 0; color: #1F4E79; }
.cover .period { font-size: 16pt; }
h2 { font-size: 16pt; color: #1F4E79; border-bottom: 1px solid #c9d3de; padding-bottom: 2mm; margin-top: 8mm; }
h3 { font-size: 13pt; margin: 6mm 0 2mm; } h4 { font-size: 11.5pt; margin: 4mm 0 2mm; } h5 { font-size: 11pt; margin: 3mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; }
th, td { border: 1px solid #c9d3de; padding: 1.5mm 2mm; text-align: start; vertical-align: top; }
th { background: #1F4E79; color: #fff; }
.band { color: #fff; padding: 0.5mm 2mm; border-radius: 1mm; white-space: nowrap; }
.indicator { break-inside: avoid; }
svg { max-width: 100%; height: auto; }
`;

/**
 * The same report as a print page (HTML, self-contained: inline CSS and SVG charts), for
 * Chromium to print to PDF. Every text is escaped: plan texts are people's input.
 */
export function planReportHtml(report: PlanReport, generatedOn: string): string {
  const { plan, overall } = report;
  const title = text(plan.title);
  const out: string[] = [];
  out.push(
    `<section class="cover"><div class="org">${esc(plan.organisation.name)}</div><h1>${esc(title)}</h1>`,
    `<div class="period">Progress report for ${esc(report.periodLabel)}</div>`,
    `<p>Plan status: ${esc(plan.status)}${plan.approvedAt ? ` (approved ${esc(plan.approvedAt.slice(0, 10))})` : ""}</p><p>Generated on ${esc(generatedOn)}</p></section>`,
  );
  out.push(
    "<h2>Summary</h2>",
    `<p>${
      overall.score === null
        ? `Overall progress in ${esc(report.periodLabel)}: no data — none of the ${overall.indicators} measurable indicators has both a target and an actual for the period.`
        : `Overall progress in ${esc(report.periodLabel)}: ${band(overall.score, overall.band)} from ${overall.measured} of ${overall.indicators} measurable indicators.`
    }</p>`,
    `<table><thead><tr><th>Band</th><th>Indicators</th></tr></thead><tbody>${Object.entries(report.bandCounts)
      .map(([b, n]) => `<tr><td>${esc(BAND_WORDS[b] ?? b)}</td><td>${n}</td></tr>`)
      .join("")}</tbody></table>`,
    "<h3>Late</h3>",
    report.late.length
      ? `<table><thead><tr><th>Indicator</th><th>Period</th></tr></thead><tbody>${report.late
          .map((l) => `<tr><td>${esc(`${l.code} ${l.title}`)}</td><td>${esc(l.period)}</td></tr>`)
          .join("")}</tbody></table>`
      : "<p>Nothing is late: every ended period with a target has its actual.</p>",
    "<h3>Missing data</h3>",
    report.missing.length
      ? `<p>${report.missing.length} of ${overall.indicators} measurable indicators have no achievement for ${esc(report.periodLabel)}; they are left out of the roll-up, not counted as zero.</p><table><thead><tr><th>Indicator</th><th>Why there is no figure</th></tr></thead><tbody>${report.missing
          .map((m) => `<tr><td>${esc(`${m.code} ${m.title}`)}</td><td>${esc(m.reason)}</td></tr>`)
          .join("")}</tbody></table>`
      : `<p>Every measurable indicator has a figure for ${esc(report.periodLabel)}.</p>`,
    "<h2>Progress by result</h2>",
  );
  for (const n of report.nodes) {
    const h = Math.min(3 + n.depth, 5);
    out.push(`<h${h}>${esc(`${n.levelName} ${n.node.code}: ${text(n.node.title)}`)}</h${h}>`);
    if (n.progress)
      out.push(
        `<table><thead><tr><th>Progress in the period</th><th>Cumulative</th><th>Indicators measured</th></tr></thead><tbody><tr><td>${band(n.progress.period.score, n.progress.period.band)}</td><td>${band(n.progress.cumulative.score, n.progress.cumulative.band)}</td><td>${n.progress.period.measured} of ${n.progress.period.indicators}</td></tr></tbody></table>`,
      );
    for (const i of n.indicators) {
      const ind = i.indicator;
      out.push(
        `<div class="indicator"><h${Math.min(h + 1, 6)}>${esc(`Indicator ${ind.code}: ${text(ind.title)}`)}</h${Math.min(h + 1, 6)}>`,
      );
      if (ind.type === "narrative")
        out.push(
          `<p>${i.narrative ? `Reported: ${esc(i.narrative)}` : "No narrative reported for the period."}</p>`,
        );
      else
        out.push(
          `<table><thead><tr><th>Baseline</th><th>Target</th><th>Actual</th><th>Achievement</th></tr></thead><tbody><tr><td>${esc(i.baseline)}</td><td>${esc(i.target)}</td><td>${esc(i.actual)}</td><td>${band(i.achievement?.period.score, i.band)}</td></tr></tbody></table>`,
          `<p>${esc(i.achievementText)}</p>`,
          targetChart(ind, plan.periods).svg,
        );
      if (i.comment) out.push(`<p><strong>Comment:</strong> ${esc(i.comment)}</p>`);
      if (i.evidence) out.push(`<p><strong>Evidence:</strong> ${esc(i.evidence)}</p>`);
      out.push("</div>");
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(`${title} — ${report.periodLabel}`)}</title><style>${CSS}</style></head><body>${out.join("")}</body></html>`;
}

/** The report printed to PDF by the shared Chromium (page numbers in the footer). */
export function planReportPdf(report: PlanReport, generatedOn: string): Promise<Buffer> {
  const footer = `<div style="font:8pt Calibri,Arial,sans-serif;width:100%;text-align:center;color:#445">${esc(
    `${text(report.plan.title)} — ${report.periodLabel}`,
  )} — page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;
  return printPdf(planReportHtml(report, generatedOn), footer);
}

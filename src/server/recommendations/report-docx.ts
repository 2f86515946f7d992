import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { ThemeGrade } from "../../core/index.ts";
import { GRADE_RULE } from "../../core/index.ts";
import { labelOf, type Report, type ReportRow } from "./report-rows.ts";

/**
 * The follow-up / alternative report as a Word document: a title, then one heading per UNCRC
 * article (or cluster) and under it each recommendation (symbol, paragraph, text, the State's
 * position) with the coalition's latest status and evidence. Text is written as text runs, so any
 * markup in it stays visible as typed.
 */
export async function renderReportDocx(report: Report, generatedOn: string): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      text: `Follow-up of UN recommendations: ${report.stateName}`,
    }),
    new Paragraph({
      text: `${report.recommendations} recommendations, grouped by ${report.groupBy === "article" ? "UNCRC article" : "cluster"}; status: the coalition's latest assessment. Generated on ${generatedOn}.`,
    }),
  ];
  for (const group of report.groups) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: group.heading }));
    for (const row of group.rows) children.push(...recommendationParagraphs(row));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function recommendationParagraphs(row: ReportRow): Paragraph[] {
  const reference = [row.documentSymbol, row.paragraph && `para. ${row.paragraph}`]
    .filter(Boolean)
    .join(", ");
  const out = [
    new Paragraph({
      heading: HeadingLevel.HEADING_3,
      text: reference || `${row.mechanism.toUpperCase()} ${row.session ?? ""}`.trim(),
    }),
    new Paragraph({ children: [new TextRun(row.text)] }),
    new Paragraph({
      children: [
        new TextRun({ text: "Position: ", bold: true }),
        new TextRun(row.position ? labelOf(row.position) : "none"),
        new TextRun({ text: "   Status: ", bold: true }),
        new TextRun(`${labelOf(row.status)}${row.assessedOn ? ` (${row.assessedOn})` : ""}`),
      ],
    }),
  ];
  if (row.evidenceText || row.evidenceUrls.length > 0)
    out.push(
      new Paragraph({
        children: [
          new TextRun({ text: "Evidence: ", bold: true }),
          new TextRun([row.evidenceText, ...row.evidenceUrls].filter(Boolean).join(" — ")),
        ],
      }),
    );
  return out;
}

/** The one-page report card as a Word document: a grade per theme and the grading rule. */
export async function renderReportCardDocx(
  stateName: string,
  grades: readonly ThemeGrade[],
  generatedOn: string,
): Promise<Buffer> {
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: `Children's rights report card: ${stateName}` }),
    new Paragraph({
      text: `Implementation of UN recommendations as assessed by the coalition, ${generatedOn}.`,
    }),
    ...grades.map(
      (g) =>
        new Paragraph({
          children: [
            new TextRun({ text: `${g.grade}  `, bold: true, size: 32 }),
            new TextRun({ text: g.theme, bold: true }),
            new TextRun(
              `  ${g.implemented} implemented, ${g.partiallyImplemented} partially, of ${g.total} (${Math.round(g.score * 100)} %)`,
            ),
          ],
        }),
    ),
    new Paragraph({ children: [new TextRun({ text: GRADE_RULE, italics: true })] }),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

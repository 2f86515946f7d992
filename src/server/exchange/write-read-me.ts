import type ExcelJS from "exceljs";
import { ASSESSMENT_ID_LABEL, EXCHANGE_SHEETS } from "./layout.ts";
import { readMeTexts } from "./read-me-texts.ts";

export interface ReadMeFacts {
  assessmentId: string;
  country: string;
  cycle: string;
  period: string;
  deadline: Date | null;
  status: string;
  exportedAt: Date;
  language: string;
}

/** Adds the "read me" sheet: what this workbook is about and how to fill it. */
export function addReadMeSheet(wb: ExcelJS.Workbook, facts: ReadMeFacts): void {
  const t = readMeTexts(facts.language);
  const ws = wb.addWorksheet(EXCHANGE_SHEETS.readMe);
  ws.columns = [{ width: 18 }, { width: 100 }];
  const title = ws.addRow([t.title, `${facts.country} · ${facts.cycle}`]);
  title.font = { bold: true, size: 14 };
  ws.addRow([]);
  const facts_: [string, string][] = [
    [t.country, facts.country],
    [t.cycle, facts.cycle],
    [t.period, facts.period],
    [t.deadline, facts.deadline ? facts.deadline.toISOString().slice(0, 10) : t.noDeadline],
    [t.status, facts.status.replaceAll("_", " ")],
    [t.exported, `${facts.exportedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`],
    // Kept in English: the importer reads it to refuse another assessment's workbook.
    [ASSESSMENT_ID_LABEL, facts.assessmentId],
  ];
  for (const pair of facts_) ws.addRow(pair).getCell(1).font = { bold: true };
  ws.addRow([]);
  ws.addRow([t.howTo]).font = { bold: true, size: 12 };
  t.steps.forEach((step, i) => {
    const row = ws.addRow([i + 1, step]);
    row.getCell(1).alignment = { vertical: "top", horizontal: "right" };
    row.getCell(2).alignment = { vertical: "top", wrapText: true };
  });
}

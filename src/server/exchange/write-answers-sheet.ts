import type ExcelJS from "exceljs";
import type { Framework, Indicator } from "../../core/index.ts";
import { presentValue } from "../assessments/answer-value.ts";
import type { CurrentRow } from "./current-answers.ts";
import {
  ANSWER_COLUMNS,
  type AnswerColumnKey,
  CHECKLIST_VALUES,
  EDITABLE_COLUMNS,
  EXCHANGE_SHEETS,
} from "./layout.ts";
import { orderIndicators, pickText } from "./tree-order.ts";

const HEADER_FILL = "FF1E6F5C";
const READ_ONLY_FILL = "FFF3F4F6";
const VERSION_FILL = "FFD9DCE1";
const WRAPPED: ReadonlySet<AnswerColumnKey> = new Set(["section", "question", "guidance", "justification"]);

interface ValidatedSheet {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/**
 * Adds the "answers" sheet: one row per indicator in tree order, the value and
 * justification cells white and unlocked, everything else grey and locked
 * (the sheet is protected without a password, to prevent slips rather than to
 * enforce anything), a drop-down or number check on every value cell.
 */
export async function addAnswersSheet(
  wb: ExcelJS.Workbook,
  fw: Framework,
  answers: ReadonlyMap<string, CurrentRow>,
  language: string,
): Promise<void> {
  const ws = wb.addWorksheet(EXCHANGE_SHEETS.answers, {
    views: [{ state: "frozen", xSplit: 2, ySplit: 1 }],
  });
  ws.columns = ANSWER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const lists = wb.addWorksheet(EXCHANGE_SHEETS.lists, { state: "hidden" });
  const text = (t: Parameters<typeof pickText>[0]) => pickText(t, language, fw.defaultLanguage);

  for (const { indicator, path } of orderIndicators(fw, language)) {
    const current = answers.get(indicator.code);
    const row = ws.addRow({
      section: path.join(" › "),
      indicator: indicator.code,
      question: text(indicator.text),
      guidance: text(indicator.guidance),
      type: indicator.type,
      allowed: describeAllowed(indicator, text),
      value: current ? presentValue(current) : null,
      justification: current?.justification ?? null,
      version: current?.version ?? 0,
      evidence: current?.evidenceCount ?? 0,
      review: current?.reviewState?.replaceAll("_", " ") ?? null,
    });
    styleRow(row);
    const valueCell = row.getCell("value");
    (ws as unknown as ValidatedSheet).dataValidations.add(
      valueCell.address,
      validationFor(indicator, lists, row.number),
    );
  }
  styleHeader(ws.getRow(1));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ANSWER_COLUMNS.length } };
  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    spinCount: 1000,
  });
}

/** The values an indicator takes, as a person reads them. */
function describeAllowed(ind: Indicator, text: (t: Parameters<typeof pickText>[0]) => string): string {
  switch (ind.type) {
    case "checklist":
      return CHECKLIST_VALUES.join(", ");
    case "scale":
      return ind.scoring.choices.map((c) => `${c.code} = ${text(c.label)}`).join("\n");
    case "percentage":
      return `a number (percentage)${ind.unit ? `, ${ind.unit}` : ""}`;
    case "number":
      return `a number${ind.unit ? `, ${ind.unit}` : ""}`;
  }
}

/** A drop-down for checklist and scale answers (scale choices kept on the hidden "lists" sheet), a decimal check otherwise. */
function validationFor(ind: Indicator, lists: ExcelJS.Worksheet, rowNumber: number): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorTitle: ind.code };
  switch (ind.type) {
    case "checklist":
      return {
        ...common,
        type: "list",
        formulae: [`"${CHECKLIST_VALUES.join(",")}"`],
        error: `Choose one of: ${CHECKLIST_VALUES.join(", ")}`,
      };
    case "scale": {
      const codes = ind.scoring.choices.map((c) => c.code);
      const listRow = lists.addRow([ind.code, ...codes]);
      const last = lists.getColumn(codes.length + 1).letter;
      return {
        ...common,
        type: "list",
        formulae: [`${EXCHANGE_SHEETS.lists}!$B$${listRow.number}:$${last}$${listRow.number}`],
        error: `Choose one of: ${codes.join(", ")} (row ${rowNumber})`,
      };
    }
    default:
      return {
        ...common,
        type: "decimal",
        operator: "between",
        formulae: [-1e15, 1e15],
        error: "Type a number (use a dot or your spreadsheet's decimal separator)",
      };
  }
}

function styleRow(row: ExcelJS.Row): void {
  for (const column of ANSWER_COLUMNS) {
    const cell = row.getCell(column.key);
    cell.alignment = { vertical: "top", wrapText: WRAPPED.has(column.key) };
    if (EDITABLE_COLUMNS.has(column.key)) {
      cell.protection = { locked: false };
      continue;
    }
    const fill = column.key === "version" ? VERSION_FILL : READ_ONLY_FILL;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
    if (column.key === "version") cell.font = { color: { argb: "FF6B7280" } };
  }
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: "FFFFFFFF" } };
  row.alignment = { vertical: "middle" };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
  });
  row.getCell("version").note = "Do not edit: the version of the answer this workbook was exported with.";
  row.getCell("value").note = 'Your answer. See "allowed values".';
}

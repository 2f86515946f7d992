import type ExcelJS from "exceljs";
import { cellText } from "../frameworks/xlsx/cells.ts";
import {
  ANSWER_COLUMNS,
  type AnswerColumnKey,
  ASSESSMENT_ID_LABEL,
  EXCHANGE_SHEETS,
  REQUIRED_COLUMNS,
} from "./layout.ts";
import type { ImportProblem } from "./schemas.ts";

export interface SheetColumn {
  letter: string;
  header: string;
}

export interface AnswerSheetRow {
  row: number;
  cells: Partial<Record<AnswerColumnKey, ExcelJS.CellValue>>;
}

export interface AnswerSheet {
  columns: Partial<Record<AnswerColumnKey, SheetColumn>>;
  rows: AnswerSheetRow[];
  /** The assessment id written in the "read me" sheet, with its row, when present. */
  assessmentId?: { value: string; row: number };
  /** Structural problems (missing sheet or columns): nothing else can be checked. */
  problems: ImportProblem[];
}

/**
 * Reads the "answers" sheet, finding columns by header (case and spaces
 * ignored) so moved columns still work; rows with no cell filled are skipped.
 */
export function readAnswersSheet(wb: ExcelJS.Workbook): AnswerSheet {
  const ws = wb.getWorksheet(EXCHANGE_SHEETS.answers);
  const sheet = EXCHANGE_SHEETS.answers;
  if (!ws) {
    return {
      columns: {},
      rows: [],
      problems: [
        problem(
          sheet,
          1,
          `no "${sheet}" sheet: import a workbook exported from this assessment (sheets found: ${wb.worksheets.map((w) => w.name).join(", ")})`,
        ),
      ],
    };
  }
  const byHeader = new Map(ANSWER_COLUMNS.map((c) => [normalise(c.header), c.key]));
  const columns: AnswerSheet["columns"] = {};
  const keyOfColumn = new Map<number, AnswerColumnKey>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = byHeader.get(normalise(cellText(cell.value)));
    if (key && !columns[key]) {
      columns[key] = { letter: ws.getColumn(col).letter, header: cellText(cell.value).trim() };
      keyOfColumn.set(col, key);
    }
  });
  const problems = REQUIRED_COLUMNS.filter((key) => !columns[key]).map((key) =>
    problem(sheet, 1, `the required column "${key}" is missing from the header row`),
  );
  const rows: AnswerSheetRow[] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const cells: AnswerSheetRow["cells"] = {};
    let filled = false;
    row.eachCell((cell, col) => {
      const key = keyOfColumn.get(col);
      if (!key) return;
      cells[key] = cell.value;
      if (cellText(cell.value).trim() !== "") filled = true;
    });
    if (filled) rows.push({ row: number, cells });
  });
  return { columns, rows, assessmentId: readAssessmentId(wb), problems };
}

function readAssessmentId(wb: ExcelJS.Workbook): AnswerSheet["assessmentId"] {
  const ws = wb.getWorksheet(EXCHANGE_SHEETS.readMe);
  let found: AnswerSheet["assessmentId"];
  ws?.eachRow((row, number) => {
    if (!found && normalise(cellText(row.getCell(1).value)) === ASSESSMENT_ID_LABEL) {
      found = { value: cellText(row.getCell(2).value).trim(), row: number };
    }
  });
  return found;
}

function normalise(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, " ");
}

function problem(sheet: string, row: number, message: string): ImportProblem {
  return { sheet, row, column: null, field: null, indicator: null, message };
}

import { stringify } from "csv-stringify/sync";
import {
  BUDGET_STAGES,
  type BudgetSector,
  type ContextYear,
  DERIVED_FIGURES,
  deriveBudgetFigures,
  FORMULAS,
  type LinkedBudgetLine,
  neutraliseFormula,
} from "../../core/index.ts";
import { loadExcelJs } from "../exceljs.ts";
import { writeWorkbook } from "../frameworks/xlsx/neutralise-workbook.ts";

/** The data a budget download is made of (a country's stored data or a published snapshot). */
export interface BudgetData {
  country: string;
  currency: string | null;
  sectors: BudgetSector[];
  lines: LinkedBudgetLine[];
  context: ContextYear[];
}

const LINE_HEADER = [
  "country",
  "fiscal_year",
  "name",
  "name_en",
  "ministry",
  "programme",
  "sector",
  "cofog",
  "currency",
  ...BUDGET_STAGES,
  "source_document",
  "source_page",
  "source_url",
  "uncrc_articles",
  "index_nodes",
  "index_indicators",
  "warnings",
];

function lineRows(data: BudgetData): (string | number | null)[][] {
  return data.lines.map((l) => [
    l.country,
    l.fiscalYear,
    l.name,
    l.nameEn,
    l.ministry,
    l.programme,
    l.sector,
    l.cofog,
    l.currency,
    ...BUDGET_STAGES.map((s) => l.amounts[s]),
    l.sourceDocument,
    l.sourcePage,
    l.sourceUrl,
    l.articles.join(";"),
    l.nodeCodes.join(";"),
    l.indicatorCodes.join(";"),
    l.warnings.join(";"),
  ]);
}

const FIGURE_HEADER = ["fiscal_year", "sector", "allocated", "executed", ...DERIVED_FIGURES];

/** The derived figures, in local currency at current prices, for all sectors and each. */
function figureRows(data: BudgetData): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const sector of [null, ...data.sectors.map((s) => s.key)]) {
    const { years } = deriveBudgetFigures(data.lines, data.context, { basis: "current", sector });
    for (const y of years) {
      rows.push([
        y.fiscalYear,
        sector ?? "all",
        y.amounts.allocated,
        y.amounts.executed,
        ...DERIVED_FIGURES.map((f) => y.figures[f]),
      ]);
    }
  }
  return rows;
}

const cell = (v: string | number | null) => (typeof v === "string" ? neutraliseFormula(v) : (v ?? ""));

/** The lines as CSV (the same columns the import reads, so a download can be edited and imported back). */
export function budgetLinesCsv(data: BudgetData): string {
  return stringify([LINE_HEADER, ...lineRows(data)].map((r) => r.map(cell)));
}

/** A workbook: lines (importable back), context, derived figures with their formulas. */
export async function budgetWorkbook(data: BudgetData): Promise<Buffer> {
  const book = new (await loadExcelJs()).Workbook();
  const lines = book.addWorksheet("Budget lines");
  lines.addRow(LINE_HEADER);
  for (const row of lineRows(data)) lines.addRow(row);
  const context = book.addWorksheet("Context");
  context.addRow(["year", "populationUnder18", "totalExpenditure", "gdp", "exchangeRate", "priceIndex"]);
  for (const c of data.context)
    context.addRow([c.year, c.populationUnder18, c.totalExpenditure, c.gdp, c.exchangeRate, c.priceIndex]);
  const figures = book.addWorksheet("Derived figures");
  figures.addRow(FIGURE_HEADER);
  for (const row of figureRows(data)) figures.addRow(row);
  const formulas = book.addWorksheet("Formulas");
  formulas.addRow(["figure", "formula"]);
  for (const f of DERIVED_FIGURES) formulas.addRow([f, FORMULAS[f]]);
  for (const sheet of [lines, context, figures, formulas]) sheet.getRow(1).font = { bold: true };
  return writeWorkbook(book);
}

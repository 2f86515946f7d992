import type ExcelJS from "exceljs";
import { planLanguages } from "../../../core/results/languages.ts";
import type { PlanOut } from "../../api-schemas/results.ts";
import { loadExcelJs } from "../../exceljs.ts";
import { writeWorkbook } from "../../frameworks/xlsx/neutralise-workbook.ts";
import {
  breakdownColumn,
  INDICATOR_COLUMNS,
  NODE_COLUMNS,
  PLAN_COLUMNS,
  PLAN_SHEETS,
  textColumn,
  VALUE_COLUMNS,
  VALUE_TAIL_COLUMNS,
} from "./layout.ts";

type Cell = string | number | null;
type Text = Record<string, string> | null;

const texts = (t: Text, langs: string[]) => langs.map((l) => t?.[l] ?? null);

function addTable(book: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length + 4));
  });
}

const INSTRUCTIONS = [
  "This workbook is a results plan of Childmark. Fill it offline, then import it on the plan's page (Import XLSX).",
  "Keep the sheet names and the first row of every sheet: the import refuses unknown or missing columns.",
  "Plan: the title (one column per language), levels, periods and disaggregation categories. Keys link the other sheets to them.",
  "Nodes: the tree; 'parent' is the code of the parent node (empty for a top node). Rows may be added; removing a row removes nothing.",
  "Indicators: 'node' is the code of the node; 'disaggregations' lists category keys separated by commas; 'link' is left as exported.",
  "Values: one row per indicator, period and kind (target or actual). Columns such as sex=female hold the breakdown; they must add up to the value.",
  "Keep the 'version' column as exported: if someone changed a value in Childmark after your export, the import reports a conflict for that row instead of overwriting it.",
  "Targets of an approved plan are locked; actuals of linked indicators are read from their source and are not in this sheet.",
  "Import with 'Preview' first: it lists every change and every problem (sheet, row, column) and writes nothing. An import with any problem writes nothing.",
];

/**
 * The plan as an XLSX template that imports back unchanged: instructions, the
 * plan's title, levels, periods and categories, its nodes, indicators (every
 * field, link as JSON) and one row per indicator × period × kind with its version.
 */
export async function exportPlanWorkbook(plan: PlanOut): Promise<{ fileName: string; bytes: Buffer }> {
  const langs = planLanguages(plan);
  const book = new (await loadExcelJs()).Workbook();
  book.creator = "Childmark";
  addTable(
    book,
    PLAN_SHEETS.instructions,
    ["Instructions"],
    INSTRUCTIONS.map((line) => [line]),
  );
  const names = langs.map((l) => textColumn("name", l));
  addTable(
    book,
    PLAN_SHEETS.plan,
    [...PLAN_COLUMNS, ...names],
    [
      ["title", null, null, null, null, ...texts(plan.title, langs)],
      ...plan.levels.map((l) => ["level", l.key, null, null, null, ...texts(l.name, langs)]),
      ...plan.periods.map((p) => ["period", p.key, p.label, p.startsOn, p.endsOn, ...langs.map(() => null)]),
      ...plan.disaggregations.flatMap((c) => [
        ["category", c.key, null, null, null, ...texts(c.name, langs)],
        ...c.values.map((v) => [
          "category value",
          `${c.key}=${v.key}`,
          null,
          null,
          null,
          ...texts(v.name, langs),
        ]),
      ]),
    ],
  );
  const codeOf = new Map(plan.nodes.map((n) => [n.id, n.code]));
  addTable(
    book,
    PLAN_SHEETS.nodes,
    [
      ...NODE_COLUMNS,
      ...langs.map((l) => textColumn("title", l)),
      ...langs.map((l) => textColumn("description", l)),
    ],
    plan.nodes.map((n) => [
      n.code,
      n.parentId ? (codeOf.get(n.parentId) ?? null) : null,
      n.level,
      n.responsible,
      n.startsOn,
      n.endsOn,
      n.rollUp,
      n.weight,
      ...texts(n.title, langs),
      ...texts(n.description, langs),
    ]),
  );
  addTable(
    book,
    PLAN_SHEETS.indicators,
    [...INDICATOR_COLUMNS, ...langs.map((l) => textColumn("title", l))],
    plan.indicators.map((i) => [
      i.code,
      codeOf.get(i.nodeId) ?? null,
      i.type,
      i.unit,
      i.scaleMin,
      i.scaleMax,
      i.direction,
      i.cumulation,
      i.baselineValue,
      i.baselineDate,
      i.weight,
      i.disaggregations.join(", ") || null,
      i.link ? JSON.stringify(i.link) : null,
      ...texts(i.title, langs),
    ]),
  );
  const breakdowns = plan.disaggregations.flatMap((c) =>
    c.values.map((v) => ({ category: c.key, value: v.key })),
  );
  const valueRows: Cell[][] = [];
  for (const i of plan.indicators) {
    for (const p of plan.periods) {
      for (const kind of ["target", "actual"] as const) {
        if (kind === "actual" && i.link) continue;
        const v = i.values[p.key]?.[kind] ?? null;
        valueRows.push([
          i.code,
          p.key,
          kind,
          v?.value ?? null,
          v?.narrative ?? null,
          ...breakdowns.map((b) => v?.breakdown?.[b.category]?.[b.value] ?? null),
          v?.comment ?? null,
          v?.evidence ?? null,
          v?.version ?? 0,
          i.title[langs.find((l) => i.title[l]) ?? "en"] ?? null,
          p.label,
        ]);
      }
    }
  }
  addTable(
    book,
    PLAN_SHEETS.values,
    [
      ...VALUE_COLUMNS,
      ...breakdowns.map((b) => breakdownColumn(b.category, b.value)),
      ...VALUE_TAIL_COLUMNS,
      "indicator title",
      "period label",
    ],
    valueRows,
  );
  const slug = (plan.title.en ?? Object.values(plan.title)[0] ?? "plan")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return { fileName: `${slug || "plan"}.xlsx`, bytes: await writeWorkbook(book) };
}

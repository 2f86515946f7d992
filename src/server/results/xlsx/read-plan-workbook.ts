import type ExcelJS from "exceljs";
import type { z } from "zod";
import {
  indicatorBody,
  indicatorLinkIn,
  nodeBody,
  planUpdateBody,
  valueBody,
} from "../../api-schemas/results.ts";
import type { PlanImportProblem } from "../../api-schemas/results-xlsx.ts";
import { cellText } from "../../frameworks/xlsx/cells.ts";
import {
  INDICATOR_COLUMNS,
  INFO_COLUMNS,
  NODE_COLUMNS,
  PLAN_COLUMNS,
  PLAN_SHEETS,
  VALUE_COLUMNS,
  VALUE_TAIL_COLUMNS,
} from "./layout.ts";

type Cells = Map<string, ExcelJS.CellValue>;
interface Table {
  sheet: string;
  letters: Map<string, string>;
  rows: { row: number; cells: Cells }[];
}

export type ReadNode = { row: number; parentCode: string | null } & Omit<
  z.infer<typeof nodeBody>,
  "parentId"
>;
export type ReadIndicator = { row: number; nodeCode: string } & Omit<z.infer<typeof indicatorBody>, "nodeId">;
export type ReadValue = {
  row: number;
  indicator: string;
  period: string;
  kind: "target" | "actual";
  body: z.infer<typeof valueBody>;
};
export interface ReadPlanWorkbook {
  plan: z.infer<typeof planUpdateBody> | null;
  nodes: ReadNode[];
  indicators: ReadIndicator[];
  values: ReadValue[];
  problems: PlanImportProblem[];
  /** Per sheet, the column letter of each header: for locating the problems found later. */
  letters: Record<string, Map<string, string>>;
}

const nodeFields = nodeBody.omit({ parentId: true });

/**
 * Reads the template's four sheets into request bodies, each row checked with the
 * API's own zod shapes; every problem names its sheet, row and column. Nothing
 * here looks at the database: `importPlanWorkbook` applies the rows with the API's rules.
 */
export function readPlanWorkbook(book: ExcelJS.Workbook): ReadPlanWorkbook {
  const problems: PlanImportProblem[] = [];
  const out: ReadPlanWorkbook = { plan: null, nodes: [], indicators: [], values: [], problems, letters: {} };
  const tables = {
    plan: readTable(book, PLAN_SHEETS.plan, PLAN_COLUMNS, /^name:[A-Za-z-]{2,35}$/, problems),
    nodes: readTable(
      book,
      PLAN_SHEETS.nodes,
      NODE_COLUMNS,
      /^(title|description):[A-Za-z-]{2,35}$/,
      problems,
    ),
    indicators: readTable(
      book,
      PLAN_SHEETS.indicators,
      INDICATOR_COLUMNS,
      /^title:[A-Za-z-]{2,35}$/,
      problems,
    ),
    values: readTable(
      book,
      PLAN_SHEETS.values,
      [...VALUE_COLUMNS, ...VALUE_TAIL_COLUMNS],
      /^[A-Za-z0-9_.-]+=[A-Za-z0-9_.-]+$/,
      problems,
    ),
  };
  if (problems.length || !tables.plan || !tables.nodes || !tables.indicators || !tables.values) return out;
  for (const table of [tables.plan, tables.nodes, tables.indicators, tables.values])
    out.letters[table.sheet] = table.letters;

  out.plan = readPlanSheet(tables.plan, problems);
  for (const { row, cells } of tables.nodes.rows) {
    const at = locate(tables.nodes, row, problems);
    const body = at.parse(nodeFields, {
      level: text(cells, "level"),
      code: text(cells, "code"),
      title: localText(cells, "title") ?? {},
      description: localText(cells, "description"),
      responsible: text(cells, "responsible"),
      startsOn: date(cells, "startsOn"),
      endsOn: date(cells, "endsOn"),
      rollUp: text(cells, "rollUp") ?? undefined,
      weight: number(cells, "weight", at) ?? undefined,
    });
    if (body) out.nodes.push({ ...body, row, parentCode: text(cells, "parent") });
  }
  for (const { row, cells } of tables.indicators.rows) {
    const at = locate(tables.indicators, row, problems);
    const link = json(cells, "link", at);
    const body = at.parse(indicatorBody, {
      nodeId: "00000000-0000-4000-8000-000000000000",
      code: text(cells, "code"),
      title: localText(cells, "title") ?? {},
      type: text(cells, "type"),
      unit: text(cells, "unit"),
      scaleMin: number(cells, "scaleMin", at),
      scaleMax: number(cells, "scaleMax", at),
      direction: text(cells, "direction") ?? undefined,
      cumulation: text(cells, "cumulation") ?? undefined,
      baselineValue: number(cells, "baselineValue", at),
      baselineDate: date(cells, "baselineDate"),
      weight: number(cells, "weight", at) ?? undefined,
      disaggregations: (text(cells, "disaggregations") ?? "")
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean),
      link: link === undefined ? null : link,
    });
    if (link !== undefined && link !== null && !indicatorLinkIn.safeParse(link).success) continue;
    const nodeCode = text(cells, "node");
    if (!nodeCode) at.fail("node", "required", {}, "node: give the code of the indicator's node");
    else if (body) {
      const { nodeId: _ignored, ...rest } = body;
      out.indicators.push({ ...rest, row, nodeCode });
    }
  }
  for (const { row, cells } of tables.values.rows) {
    const at = locate(tables.values, row, problems);
    const kind = text(cells, "kind");
    if (kind !== "target" && kind !== "actual") {
      at.fail(
        "kind",
        "kindUnknown",
        { found: kind ?? "" },
        `kind: write target or actual (found "${kind ?? ""}")`,
      );
      continue;
    }
    const breakdown: Record<string, Record<string, number>> = {};
    for (const [header] of tables.values.letters) {
      const [category, value] = header.split("=");
      if (!category || !value || !cells.has(header)) continue;
      const n = number(cells, header, at);
      if (n === null) continue;
      breakdown[category] = { ...breakdown[category], [value]: n };
    }
    const body = at.parse(valueBody, {
      value: number(cells, "value", at),
      narrative: rawText(cells, "narrative"),
      breakdown: Object.keys(breakdown).length ? breakdown : null,
      comment: rawText(cells, "comment"),
      evidence: rawText(cells, "evidence"),
      expectedVersion: number(cells, "version", at) ?? 0,
    });
    const indicator = text(cells, "indicator");
    const period = text(cells, "period");
    if (!indicator) at.fail("indicator", "required", {}, "indicator: give the indicator's code");
    if (!period) at.fail("period", "required", {}, "period: give the period's key");
    if (body && indicator && period) out.values.push({ row, indicator, period, kind, body });
  }
  return out;
}

function readPlanSheet(table: Table, problems: PlanImportProblem[]) {
  const body = { title: {} as Record<string, string>, levels: [] as unknown[], periods: [] as unknown[] };
  const categories: { key: string; name: Record<string, string>; values: unknown[] }[] = [];
  for (const { row, cells } of table.rows) {
    const at = locate(table, row, problems);
    const section = text(cells, "section");
    const key = text(cells, "key") ?? "";
    const name = localText(cells, "name") ?? {};
    if (section === "title") body.title = name;
    else if (section === "level") body.levels.push({ key, name });
    else if (section === "period")
      body.periods.push({
        key,
        label: text(cells, "label") ?? "",
        startsOn: date(cells, "startsOn"),
        endsOn: date(cells, "endsOn"),
      });
    else if (section === "category") categories.push({ key, name, values: [] });
    else if (section === "category value") {
      const [category, value] = key.split("=");
      const owner = categories.find((c) => c.key === category);
      if (!owner || !value)
        at.fail(
          "key",
          "categoryValueOrphan",
          { key },
          `key: "${key}" must be category=value after its category's row`,
        );
      else owner.values.push({ key: value, name });
    } else
      at.fail(
        "section",
        "sectionUnknown",
        { found: section ?? "" },
        `section: "${section ?? ""}" is not one of title, level, period, category, category value`,
      );
  }
  const parsed = planUpdateBody.safeParse({ ...body, disaggregations: categories });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const [section, index] = issue.path;
    const rowOf = typeof index === "number" ? findSectionRow(table, String(section), index) : null;
    problems.push({
      sheet: table.sheet,
      row: rowOf,
      column: null,
      field: issue.path.join("."),
      code: "invalid",
      params: { detail: issue.message },
      message: `${issue.path.join(".")}: ${issue.message}`,
    });
  }
  return null;
}

const SECTION_OF: Record<string, string> = {
  levels: "level",
  periods: "period",
  disaggregations: "category",
};
function findSectionRow(table: Table, section: string, index: number): number | null {
  return table.rows.filter((r) => text(r.cells, "section") === SECTION_OF[section])[index]?.row ?? null;
}

/** Reads a sheet's header and rows; missing sheet, missing or unknown columns are problems. */
function readTable(
  book: ExcelJS.Workbook,
  name: string,
  required: readonly string[],
  extra: RegExp,
  problems: PlanImportProblem[],
): Table | null {
  const ws = book.getWorksheet(name);
  if (!ws) {
    problems.push({
      sheet: name,
      row: null,
      column: null,
      field: null,
      code: "sheetMissing",
      params: {},
      message: `the sheet "${name}" is missing: export the plan again and fill that workbook`,
    });
    return null;
  }
  const letters = new Map<string, string>();
  const byColumn = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).trim();
    if (!header) return;
    const letter = ws.getColumn(col).letter;
    if (!required.includes(header) && !extra.test(header) && !INFO_COLUMNS.has(header))
      problems.push({
        sheet: name,
        row: 1,
        column: letter,
        field: header,
        code: "columnUnknown",
        params: {},
        message: `unknown column "${header}"`,
      });
    letters.set(header, letter);
    byColumn.set(col, header);
  });
  for (const header of required)
    if (!letters.has(header))
      problems.push({
        sheet: name,
        row: 1,
        column: null,
        field: header,
        code: "columnMissing",
        params: {},
        message: `the column "${header}" is missing`,
      });
  const rows: Table["rows"] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const cells: Cells = new Map();
    row.eachCell((cell, col) => {
      const header = byColumn.get(col);
      if (header && cellText(cell.value).trim() !== "") cells.set(header, cell.value);
    });
    if (cells.size) rows.push({ row: number, cells });
  });
  return { sheet: name, letters, rows };
}

type Locator = ReturnType<typeof locate>;

/** Locates problems of one row: a column's letter from the field a zod issue names. */
function locate(table: Table, row: number, problems: PlanImportProblem[]) {
  const fail = (field: string, code: string, params: Record<string, string | number>, message: string) =>
    problems.push({
      sheet: table.sheet,
      row,
      column: table.letters.get(field) ?? null,
      field,
      code,
      params,
      message,
    });
  return {
    fail,
    parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> | null {
      const parsed = schema.safeParse(input);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        const [first, second] = issue.path.map(String);
        const field =
          first === "title" || first === "description" || first === "name"
            ? ([...table.letters.keys()].find((h) => h.startsWith(`${first}:${second ?? ""}`)) ?? first)
            : first === "expectedVersion"
              ? "version"
              : first === "breakdown" && second
                ? ([...table.letters.keys()].find((h) => h.startsWith(`${second}=`)) ?? first)
                : (first ?? "");
        fail(field, "invalid", { detail: issue.message }, `${field}: ${issue.message}`);
      }
      return null;
    },
  };
}

const text = (cells: Cells, col: string) => cellText(cells.get(col)).trim() || null;
const rawText = (cells: Cells, col: string) => (cells.has(col) ? cellText(cells.get(col)) : null);
function date(cells: Cells, col: string): string | null {
  const v = cells.get(col);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return text(cells, col);
}
function number(cells: Cells, col: string, at: Locator): number | null {
  const v = cells.get(col);
  if (v === undefined) return null;
  if (typeof v === "number") return v;
  const t = cellText(v).trim();
  const n = Number(t);
  if (t !== "" && Number.isFinite(n)) return n;
  at.fail(col, "notNumber", { found: t }, `${col} must be a number (found "${t}")`);
  return null;
}
function json(cells: Cells, col: string, at: Locator): unknown {
  const t = text(cells, col);
  if (t === null) return undefined;
  try {
    const value = JSON.parse(t) as unknown;
    if (!indicatorLinkIn.safeParse(value).success)
      at.fail(col, "badLink", {}, `${col}: not a link as exported (leave it as it was)`);
    return value;
  } catch {
    at.fail(col, "badLink", {}, `${col}: not a link as exported (leave it as it was)`);
    return null;
  }
}
/** `field:lang` columns as a text per language; null when every one is empty. */
function localText(cells: Cells, field: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [header, value] of cells) {
    if (!header.startsWith(`${field}:`)) continue;
    const t = cellText(value);
    if (t.trim()) out[header.slice(field.length + 1)] = t;
  }
  return Object.keys(out).length ? out : null;
}

import type ExcelJS from "exceljs";
import { FRAMEWORK_FORMAT, type FrameworkIssue, type LocalText } from "../../../core/index.ts";
import { cellText, readSheetTable, type SheetTable } from "./cells.ts";
import { COLUMNS, LIST_SEPARATOR, SHEETS, splitTextColumn, THRESHOLD_SEPARATOR } from "./layout.ts";
import { IssueLocator } from "./locate-issues.ts";
import { readIndicators } from "./read-indicators.ts";
import { checkHeaders, dropUndefined, RowReader } from "./read-rows.ts";

/** What the template reader found: the framework as written, problems with cells, and where each part came from. */
export interface TemplateRead {
  input: Record<string, unknown>;
  issues: FrameworkIssue[];
  locator: IssueLocator;
}

const SETTINGS = new Set([
  "format",
  "code",
  "version",
  "defaultLanguage",
  "languages",
  "scoreScale",
  "precision",
  "gap.classification",
  "gap.policy",
  "gap.implementation",
]);

/** Reads the sheets of the XLSX template into a framework object, before validation. */
export function readTemplate(wb: ExcelJS.Workbook): TemplateRead {
  const issues: FrameworkIssue[] = [];
  const input: Record<string, unknown> = {};
  const locator = new IssueLocator(() =>
    typeof input.defaultLanguage === "string" ? input.defaultLanguage : "en",
  );
  const table = (name: string, required: boolean): SheetTable | undefined => {
    const ws = wb.getWorksheet(name);
    if (ws) return readSheetTable(ws);
    if (required) {
      issues.push({
        path: [],
        message: `the workbook needs a sheet named "${name}"`,
        location: { sheet: name, row: 1 },
      });
    }
    return undefined;
  };
  for (const [key, sheet] of [
    [[], SHEETS.framework],
    [["nodes"], SHEETS.nodes],
    [["indicators"], SHEETS.indicators],
    [["bands"], SHEETS.bands],
    [["classifications"], SHEETS.classifications],
    [["groups"], SHEETS.groups],
    [["crosswalks"], SHEETS.crosswalk],
  ] as const) {
    locator.remember(key, { sheet, row: 1 });
  }

  const settings = table(SHEETS.framework, true);
  if (settings) readSettings(settings, input, issues, locator);
  const nodes = table(SHEETS.nodes, true);
  input.nodes = nodes ? readNodes(nodes, issues, locator) : [];
  input.indicators = readIndicators(
    table(SHEETS.indicators, true),
    table(SHEETS.choices, false),
    issues,
    locator,
  );
  const bands = table(SHEETS.bands, false);
  if (bands) input.bands = readBands(bands, issues, locator);
  const classifications = table(SHEETS.classifications, false);
  if (classifications) input.classifications = readClassifications(classifications, issues, locator);
  // Both optional: an older workbook without the sheets, or with empty ones, has neither.
  const groups = table(SHEETS.groups, false);
  if (groups?.rows.length) input.groups = readGroups(groups, issues, locator);
  const crosswalk = table(SHEETS.crosswalk, false);
  if (crosswalk?.rows.length) input.crosswalks = readCrosswalk(crosswalk, issues, locator);
  return { input, issues, locator };
}

function readSettings(
  t: SheetTable,
  input: Record<string, unknown>,
  issues: FrameworkIssue[],
  locator: IssueLocator,
) {
  checkHeaders(t, { fixed: ["setting", "value"], texts: [] }, issues);
  for (const row of t.rows) {
    const r = new RowReader(t, row, issues, []);
    const key = r.text("setting") ?? "";
    const text = splitTextColumn(key);
    const place = { sheet: t.sheet, row: r.rowNumber, column: "value" };
    if (text && (text.field === "title" || text.field === "description")) {
      const local = (input[text.field] ?? {}) as Record<string, string>;
      local[text.language] = cellText(row.cells.get("value"));
      input[text.field] = local;
      locator.remember([text.field, text.language], place);
    } else if (SETTINGS.has(key)) {
      locator.remember([key], place);
      if (key === "scoreScale" || key === "precision") input[key] = r.num("value");
      else if (key === "languages")
        input[key] = (r.text("value") ?? "")
          .split(/[;,]/)
          .map((s) => s.trim())
          .filter(Boolean);
      else if (key.startsWith("gap.")) {
        const gap = (input.gap ?? {}) as Record<string, unknown>;
        const field = key.slice(4);
        const value = r.text("value") ?? "";
        gap[field] =
          field === "classification"
            ? value
            : value
                .split(/[;,]/)
                .map((s) => s.trim())
                .filter(Boolean);
        input.gap = gap;
      } else if (key === "version") input[key] = r.rawText("value");
      else input[key] = r.text("value");
    } else {
      r.fail(
        "setting",
        `unknown setting "${key}"; use ${[...SETTINGS].join(", ")}, title::xx or description::xx`,
      );
    }
  }
  input.format ??= FRAMEWORK_FORMAT;
}

function readNodes(t: SheetTable, issues: FrameworkIssue[], locator: IssueLocator) {
  checkHeaders(t, COLUMNS.nodes, issues);
  return t.rows.map((row, i) => {
    const r = new RowReader(t, row, issues, ["nodes", i]);
    locator.remember(["nodes", i], { sheet: t.sheet, row: r.rowNumber });
    return dropUndefined({
      code: r.text("code"),
      parent: r.text("parent") ?? null,
      label: r.localText("label") ?? {},
      description: r.localText("description"),
      weight: r.num("weight"),
      aggregation: r.text("aggregation"),
      missing: r.text("missing"),
      minCoverage: r.num("minCoverage"),
      normalisation: r.text("normalisation"),
      goalposts: nodeGoalposts(r),
      imputation: r.text("imputation"),
      reference: nodeReference(r),
      thresholds: nodeThresholds(r),
    });
  });
}

/** A distance's reference: a number (a target) or a country code. */
function nodeReference(r: RowReader) {
  const text = r.text("reference");
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** A banding's thresholds from `from: score` pairs separated by `;`; a located issue for a pair that is not two numbers. */
function nodeThresholds(r: RowReader) {
  const text = r.text("thresholds");
  if (text === undefined) return undefined;
  const list: { from: number; score: number }[] = [];
  for (const pair of text
    .split(LIST_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from, score, ...rest] = pair.split(THRESHOLD_SEPARATOR).map((p) => p.trim());
    const f = Number(from);
    const sc = Number(score);
    if (
      rest.length ||
      from === "" ||
      score === undefined ||
      score === "" ||
      !Number.isFinite(f) ||
      !Number.isFinite(sc)
    ) {
      r.fail("thresholds", `thresholds must be 'from: score' pairs separated by ';' (found "${pair}")`);
      return undefined;
    }
    list.push({ from: f, score: sc });
  }
  return list;
}

function readGroups(t: SheetTable, issues: FrameworkIssue[], locator: IssueLocator) {
  checkHeaders(t, COLUMNS.groups, issues);
  return t.rows.map((row, i) => {
    const r = new RowReader(t, row, issues, ["groups", i]);
    locator.remember(["groups", i], { sheet: t.sheet, row: r.rowNumber });
    return dropUndefined({
      code: r.text("code"),
      label: r.localText("label"),
      members: (r.text("members") ?? "")
        .split(/[;,]/)
        .map((m) => m.trim())
        .filter(Boolean),
    });
  });
}

/** Reads the crosswalk sheet: one row per entry, grouped into one crosswalk per earlier version (first-seen order). */
function readCrosswalk(t: SheetTable, issues: FrameworkIssue[], locator: IssueLocator) {
  checkHeaders(t, COLUMNS.crosswalk, issues);
  const walks: { fromVersion: string; entries: Record<string, unknown>[] }[] = [];
  for (const row of t.rows) {
    const r = new RowReader(t, row, issues, ["crosswalks"]);
    const fromVersion = r.rawText("fromVersion") ?? "";
    let k = walks.findIndex((w) => w.fromVersion === fromVersion);
    if (k < 0) {
      k = walks.length;
      walks.push({ fromVersion, entries: [] });
      locator.remember(["crosswalks", k], { sheet: t.sheet, row: r.rowNumber });
    }
    const walk = walks[k]!;
    locator.remember(["crosswalks", k, "entries", walk.entries.length], { sheet: t.sheet, row: r.rowNumber });
    walk.entries.push(
      dropUndefined({
        from: r.text("from"),
        to: r.text("to") ?? null,
        change: r.text("change"),
        note: r.localText("note"),
      }),
    );
  }
  return walks;
}

/** A node's goalposts: both columns or neither (the schema then names what is missing). */
function nodeGoalposts(r: RowReader) {
  const min = r.goalpost("goalpostMin");
  const max = r.goalpost("goalpostMax");
  return min === undefined && max === undefined ? undefined : { min, max };
}

function readBands(t: SheetTable, issues: FrameworkIssue[], locator: IssueLocator) {
  checkHeaders(t, COLUMNS.bands, issues);
  return t.rows.map((row, i) => {
    const r = new RowReader(t, row, issues, ["bands", i]);
    locator.remember(["bands", i], { sheet: t.sheet, row: r.rowNumber });
    return dropUndefined({
      code: r.text("code"),
      label: r.localText("label") ?? {},
      min: r.num("min"),
      max: r.num("max"),
      color: r.text("color"),
    });
  });
}

type Labelled = { code: string; label: LocalText };

/** Reads classifications: a row with an empty `value` names one, the rows with a value list its values. */
function readClassifications(t: SheetTable, issues: FrameworkIssue[], locator: IssueLocator) {
  checkHeaders(t, COLUMNS.classifications, issues);
  const rows = t.rows.map((row) => new RowReader(t, row, issues, ["classifications"]));
  const list: (Labelled & { values: Labelled[] })[] = [];
  for (const r of rows.filter((row) => row.text("value") === undefined)) {
    const code = r.text("classification") ?? "";
    if (list.some((c) => c.code === code)) {
      r.fail("classification", `classification "${code}" is named twice`);
      continue;
    }
    locator.remember(["classifications", list.length], { sheet: t.sheet, row: r.rowNumber });
    list.push({ code, label: r.localText("label") ?? {}, values: [] });
  }
  for (const r of rows.filter((row) => row.text("value") !== undefined)) {
    const code = r.text("classification") ?? "";
    const i = list.findIndex((c) => c.code === code);
    const owner = list[i];
    if (!owner) {
      r.fail("classification", `classification "${code}" has no row naming it (a row with an empty value)`);
      continue;
    }
    locator.remember(["classifications", i, "values", owner.values.length], {
      sheet: t.sheet,
      row: r.rowNumber,
    });
    owner.values.push({ code: r.text("value") ?? "", label: r.localText("label") ?? {} });
  }
  return list;
}

import type { FrameworkIssue } from "../../../core/index.ts";
import type { SheetTable } from "./cells.ts";
import { CLASSIFICATION_PREFIX, COLUMNS, LIST_SEPARATOR } from "./layout.ts";
import type { IssueLocator } from "./locate-issues.ts";
import { checkHeaders, dropUndefined, RowReader } from "./read-rows.ts";

const NUMERIC = ["min", "max", "direction", "log", "cap"] as const;
const CHECKLIST = ["yes", "partially", "no"] as const;
const SOURCE = ["source_figure", "source_sector", "source_basis"] as const;

/**
 * Reads the `indicators` sheet (one row per indicator, scoring rules in
 * columns) and the `choices` sheet (the choices of scale indicators).
 * A scoring cell filled for a type that does not use it is reported, not ignored.
 */
export function readIndicators(
  t: SheetTable | undefined,
  choices: SheetTable | undefined,
  issues: FrameworkIssue[],
  locator: IssueLocator,
): Record<string, unknown>[] {
  if (!t) return [];
  checkHeaders(t, { ...COLUMNS.indicators, extra: isClassificationHeader }, issues);
  const indicators = t.rows.map((row, i) => {
    const r = new RowReader(t, row, issues, ["indicators", i]);
    locator.remember(["indicators", i], { sheet: t.sheet, row: r.rowNumber });
    const type = r.text("type");
    const evidenceDescription = r.localText("evidence");
    const required = r.boolean("evidence_required");
    return dropUndefined({
      code: r.text("code"),
      node: r.text("node"),
      type,
      text: r.localText("text") ?? {},
      guidance: r.localText("guidance"),
      weight: r.num("weight"),
      unit: type === "number" || type === "percentage" ? r.rawText("unit") : undefined,
      classifications: readLinks(r, row.cells.keys()),
      evidence:
        required === undefined && evidenceDescription === undefined
          ? undefined
          : dropUndefined({ required, description: evidenceDescription }),
      scoring: readScoring(r, type),
      source: type === "number" || type === "percentage" ? readSource(r) : undefined,
    });
  });
  if (choices) attachChoices(choices, indicators, issues, locator);
  return indicators;
}

function readScoring(r: RowReader, type: string | undefined): Record<string, unknown> | undefined {
  if (type === "checklist") {
    r.rejectFilled([...NUMERIC, ...SOURCE, "unit"], "is not used by checklist indicators");
    const scoring = dropUndefined({ yes: r.num("yes"), partially: r.num("partially"), no: r.num("no") });
    return Object.keys(scoring).length ? scoring : undefined;
  }
  if (type === "number" || type === "percentage") {
    r.rejectFilled(CHECKLIST, `is not used by ${type} indicators`);
    // A percentage's goalposts default to 0 and 100, one by one.
    const fallback = type === "percentage" ? { min: 0, max: 100 } : {};
    return dropUndefined({
      min: r.goalpost("min") ?? fallback.min,
      max: r.goalpost("max") ?? fallback.max,
      direction: r.text("direction"),
      log: r.boolean("log"),
      cap: r.boolean("cap"),
    });
  }
  if (type === "scale") {
    r.rejectFilled(
      [...NUMERIC, ...CHECKLIST, ...SOURCE, "unit"],
      "is not used by scale indicators (their choices are on the choices sheet)",
    );
    return { choices: [] };
  }
  return undefined;
}

/** A value taken from budget data: `source_figure` names it; sector and basis only with a figure. */
function readSource(r: RowReader): Record<string, unknown> | undefined {
  const figure = r.text("source_figure");
  if (figure === undefined) {
    r.rejectFilled(["source_sector", "source_basis"], "needs a source_figure");
    return undefined;
  }
  return dropUndefined({
    kind: "budget",
    figure,
    sector: r.text("source_sector"),
    basis: r.text("source_basis"),
  });
}

function readLinks(r: RowReader, headers: Iterable<string>): Record<string, string[]> | undefined {
  const links: Record<string, string[]> = {};
  for (const header of headers) {
    if (!isClassificationHeader(header)) continue;
    const values = (r.text(header) ?? "")
      .split(LIST_SEPARATOR)
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) links[header.slice(CLASSIFICATION_PREFIX.length)] = values;
  }
  return Object.keys(links).length ? links : undefined;
}

function isClassificationHeader(header: string): boolean {
  return header.startsWith(CLASSIFICATION_PREFIX) && header.length > CLASSIFICATION_PREFIX.length;
}

function attachChoices(
  t: SheetTable,
  indicators: Record<string, unknown>[],
  issues: FrameworkIssue[],
  locator: IssueLocator,
): void {
  checkHeaders(t, COLUMNS.choices, issues);
  for (const row of t.rows) {
    const r = new RowReader(t, row, issues, ["choices"]);
    const code = r.text("indicator");
    const i = indicators.findIndex((ind) => ind.code === code);
    const owner = indicators[i];
    if (!owner) {
      r.fail("indicator", `unknown indicator "${code ?? ""}"`);
      continue;
    }
    if (owner.type !== "scale") {
      r.fail(
        "indicator",
        `indicator "${code}" is a ${String(owner.type)} indicator; only scale indicators have choices`,
      );
      continue;
    }
    const list = (owner.scoring as { choices: Record<string, unknown>[] }).choices;
    locator.remember(["indicators", i, "scoring", "choices", list.length], {
      sheet: t.sheet,
      row: r.rowNumber,
    });
    list.push(
      dropUndefined({ code: r.text("code"), label: r.localText("label") ?? {}, score: r.num("score") }),
    );
  }
}

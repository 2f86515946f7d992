import { parse } from "csv-parse/sync";
import { type Answer, restoreFormulaText } from "../../core/index.ts";
import { hasNul, nulProblem } from "../app/refuse-nul.ts";
import { UserError } from "../errors.ts";

const REQUIRED = ["entity", "period", "indicator", "value"] as const;

/**
 * Reads answers in long format (`entity,period,indicator,value`, one row per
 * value). Every row problem is reported with its line number; nothing is
 * returned unless the whole file is valid.
 */
export function readAnswersCsv(text: string, fileName = "data"): Answer[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new UserError(`${fileName} is not a readable CSV file: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length) {
    throw new UserError(`${fileName} is missing the column(s) ${missing.join(", ")}`, [
      `the first row must name the columns ${REQUIRED.join(",")} (found: ${header.join(",") || "nothing"})`,
    ]);
  }
  const col = Object.fromEntries(REQUIRED.map((name) => [name, header.indexOf(name)])) as Record<
    (typeof REQUIRED)[number],
    number
  >;
  const answers: Answer[] = [];
  const problems: string[] = [];
  for (let r = 1; r < records.length; r++) {
    const row = records[r]!;
    const [entity, period, indicator] = [col.entity, col.period, col.indicator].map((c) =>
      restoreFormulaText(row[c] ?? ""),
    ) as [string, string, string];
    for (const [name, value] of [
      ["entity", entity],
      ["period", period],
      ["indicator", indicator],
    ] as const) {
      if (!value) problems.push(`line ${r + 1}: column "${name}" is empty`);
    }
    const value = restoreFormulaText(row[col.value] ?? "");
    for (const [name, text] of [
      ["entity", entity],
      ["period", period],
      ["indicator", indicator],
      ["value", value],
    ] as const)
      if (hasNul(text)) problems.push(nulProblem(`line ${r + 1}: column "${name}"`));
    answers.push({ entity, period, indicator, value: value === "" ? null : value });
    if (problems.length >= 100) break;
  }
  if (problems.length) throw new UserError(`${fileName} has ${problems.length} invalid row(s)`, problems);
  return answers;
}

import { stringify } from "csv-stringify/sync";
import { type Answer, spreadsheetCell } from "../../core/index.ts";

/**
 * Formats answers as the long CSV that `childmark score --data` reads: `entity,period,indicator,value`;
 * texts starting with a formula character get a `'`, which `readAnswersCsv` removes.
 */
export function formatAnswersCsv(answers: readonly Answer[]): string {
  const rows = answers.map((a) =>
    [a.entity, a.period, a.indicator, a.value ?? ""].map((v) => String(spreadsheetCell(v))),
  );
  return stringify(rows, { header: true, columns: ["entity", "period", "indicator", "value"] });
}

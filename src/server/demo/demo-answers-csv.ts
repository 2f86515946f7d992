import { stringify } from "csv-stringify/sync";
import type { Answer } from "../../core/index.ts";

/** Formats answers as the long CSV that `childmark score --data` reads: `entity,period,indicator,value`. */
export function formatAnswersCsv(answers: readonly Answer[]): string {
  const rows = answers.map((a) => [a.entity, a.period, a.indicator, a.value === null ? "" : String(a.value)]);
  return stringify(rows, { header: true, columns: ["entity", "period", "indicator", "value"] });
}

import type { CompiledFramework } from "./compile.ts";
import { NOT_APPLICABLE, toChecklistKey, toRawScore } from "./normalise.ts";
import type { Answer, ScoreTable } from "./score-table.ts";

/**
 * Raw values of every entity and period, one row of `indicatorCount` numbers
 * each: NaN when there is no usable value, +Infinity for checklist "not applicable".
 */
export interface RawValues {
  /** period → entity → row number. */
  rows: Map<string, Map<string, number>>;
  /** Row-major: the value of indicator `i` in row `r` is `values[r * indicatorCount + i]`. */
  values: Float64Array;
}

const CHECKLIST = 1;
const PLAIN_NUMBER = 2;
const OTHER = 0;

/** Marks a checklist answer of "not applicable" in the raw values. */
export const NOT_APPLICABLE_MARK = Number.POSITIVE_INFINITY;

/**
 * Groups usable answers into rows of raw values per period and entity, listing
 * the others (unknown indicator, invalid value) in `skipped`. When an
 * indicator is answered twice, the last usable value wins.
 */
export function collectRawValues(
  cf: CompiledFramework,
  answers: Iterable<Answer>,
  skipped: ScoreTable["skipped"],
): RawValues {
  const { indicators, indicatorIndex } = cf;
  const n = indicators.length;
  const rows = new Map<string, Map<string, number>>();
  // An indexed loop below: `for…of` allocated an iterator result per answer.
  const list = Array.isArray(answers) ? (answers as readonly Answer[]) : [...answers];
  // One growing buffer rather than an array per row: far less garbage to collect.
  // Sized for complete rows when the answers are an array, so it rarely has to grow.
  const expectedRows = n > 0 ? Math.ceil(list.length / n) : 0;
  let values = new Float64Array(Math.max(16, expectedRows) * n).fill(Number.NaN);
  let rowCount = 0;
  // Local aliases: when tsx runs this module as CommonJS, every use of an imported
  // binding goes through a getter, which costs ~20% in this hot loop.
  const toKey = toChecklistKey;
  const toRaw = toRawScore;
  const na = NOT_APPLICABLE;
  // Answers usually come grouped by period and entity, in framework order: remember the last lookups.
  let lastPeriod: string | undefined;
  let lastEntity: string | undefined;
  let byEntity: Map<string, number> | undefined;
  let base = -1;
  let next = 0;
  // Fast paths for the common answers (a canonical checklist code, a plain number),
  // applying toRawScore's rules from typed per-indicator data: calling toRawScore for
  // each of 626,000 answers left ~25 MB of boxed numbers to collect per run.
  const kind = Uint8Array.from(indicators, (ind) =>
    ind.type === "checklist" ? CHECKLIST : ind.type !== "scale" && !ind.scoring.log ? PLAIN_NUMBER : OTHER,
  );
  const yes = Float64Array.from(indicators, (ind) =>
    ind.type === "checklist" ? ind.scoring.yes : Number.NaN,
  );
  const partially = Float64Array.from(indicators, (ind) =>
    ind.type === "checklist" ? ind.scoring.partially : Number.NaN,
  );
  const no = Float64Array.from(indicators, (ind) => (ind.type === "checklist" ? ind.scoring.no : Number.NaN));
  for (let a = 0; a < list.length; a++) {
    const answer = list[a]!;
    const guess = indicators[next];
    const idx =
      guess !== undefined && guess.code === answer.indicator ? next : indicatorIndex.get(answer.indicator);
    if (idx === undefined) {
      skipped.push({ answer, reason: `unknown indicator "${answer.indicator}"` });
      continue;
    }
    next = idx + 1;
    if (byEntity === undefined || answer.period !== lastPeriod) {
      byEntity = rows.get(answer.period);
      if (!byEntity) {
        byEntity = new Map();
        rows.set(answer.period, byEntity);
      }
      lastPeriod = answer.period;
      base = -1;
    }
    if (base < 0 || answer.entity !== lastEntity) {
      let row = byEntity.get(answer.entity);
      if (row === undefined) {
        row = rowCount++;
        byEntity.set(answer.entity, row);
        if (rowCount * n > values.length) values = grow(values);
      }
      base = row * n;
      lastEntity = answer.entity;
    }
    const value = answer.value;
    if (value === null || value === "") continue;
    const ind = indicators[idx]!;
    let score: number;
    if (kind[idx] === CHECKLIST) {
      const key = toKey(value);
      if (key === na) {
        values[base + idx] = NOT_APPLICABLE_MARK;
        continue;
      }
      score =
        key === "yes"
          ? yes[idx]!
          : key === "partially"
            ? partially[idx]!
            : key === "no"
              ? no[idx]!
              : Number.NaN;
    } else if (kind[idx] === PLAIN_NUMBER && typeof value === "number") {
      score = Number.isFinite(value) ? value : Number.NaN;
    } else {
      score = toRaw(ind, value);
    }
    if (Number.isNaN(score)) skipped.push({ answer, reason: `not a valid ${ind.type} answer` });
    else values[base + idx] = score;
  }
  return { rows, values };
}

function grow(values: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(values.length * 2).fill(Number.NaN);
  bigger.set(values);
  return bigger;
}

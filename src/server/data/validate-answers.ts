import type { Answer, Indicator } from "../../core/index.ts";
import { UserError } from "../errors.ts";

/** A checked answer, ready to store: the country as ISO alpha-2, the value typed. */
export interface CheckedAnswer {
  country: string;
  period: string;
  indicator: string;
  valueText: string | null;
  valueNumber: number | null;
}

const CHECKLIST = new Set(["yes", "partially", "no", "na"]);

/**
 * Checks every answer against the framework's indicators and the known
 * countries (alpha-2 or alpha-3 codes); throws one UserError listing every
 * problem with its CSV line (header = line 1). Empty values are left out.
 */
export function validateAnswers(
  answers: readonly Answer[],
  indicatorsByCode: ReadonlyMap<string, Indicator>,
  countryCodes: ReadonlyMap<string, string>,
  fileName = "data",
): CheckedAnswer[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: CheckedAnswer[] = [];
  answers.forEach((answer, i) => {
    if (problems.length >= 100) return;
    const line = `line ${i + 2}`;
    const country = countryCodes.get(answer.entity.trim().toUpperCase());
    const ind = indicatorsByCode.get(answer.indicator.trim());
    if (!country)
      problems.push(`${line}: unknown country "${answer.entity}" (use an ISO 3166-1 code such as MD or MDA)`);
    if (!ind) problems.push(`${line}: unknown indicator "${answer.indicator}"`);
    if (!answer.period.trim()) problems.push(`${line}: the period is empty`);
    if (!country || !ind || answer.value === null || answer.value === "") return;
    const key = `${country}|${answer.period}|${ind.code}`;
    if (seen.has(key)) {
      problems.push(`${line}: a second value for ${answer.entity} ${answer.period} ${ind.code}`);
      return;
    }
    seen.add(key);
    const typed = typeValue(ind, answer.value);
    if (typeof typed === "string" && typed.startsWith("!")) {
      problems.push(`${line}: ${typed.slice(1)}`);
      return;
    }
    out.push({ country, period: answer.period.trim(), indicator: ind.code, ...(typed as Typed) });
  });
  if (problems.length) {
    throw new UserError(
      `${fileName}: ${problems.length}${problems.length >= 100 ? "+" : ""} invalid row(s); nothing was imported`,
      problems,
    );
  }
  return out;
}

/** A value typed for storage: text for checklist and scale answers, a number otherwise. */
export type Typed = { valueText: string | null; valueNumber: number | null };

/**
 * Types one raw value by the indicator's answer type; returns a message prefixed
 * with "!" when the value does not fit (shared by CSV import and data entry).
 */
export function typeValue(ind: Indicator, raw: string | number): Typed | string {
  const text = String(raw).trim();
  switch (ind.type) {
    case "checklist": {
      const key = text.toLowerCase();
      return CHECKLIST.has(key)
        ? { valueText: key, valueNumber: null }
        : `!"${text}" is not a checklist answer for ${ind.code} (use yes, partially, no or na)`;
    }
    case "scale": {
      const choice = ind.scoring.choices.find((c) => c.code === text);
      return choice
        ? { valueText: choice.code, valueNumber: null }
        : `!"${text}" is not a choice of ${ind.code} (use ${ind.scoring.choices.map((c) => c.code).join(", ")})`;
    }
    default: {
      const value = typeof raw === "number" ? raw : Number(text);
      if (text === "" || !Number.isFinite(value)) return `!"${text}" is not a number for ${ind.code}`;
      return { valueText: null, valueNumber: value };
    }
  }
}

import type { Indicator } from "../../core/index.ts";
import { type Typed, typeValue } from "../data/validate-answers.ts";
import { UserError } from "../errors.ts";

/** An answer's stored content: the typed value and its justification. */
export interface StoredValue extends Typed {
  justification: string | null;
}

/**
 * Checks a value typed in the workspace against the indicator's type (the same
 * rules as file imports) and returns it ready to store. Null clears the answer.
 * "Not applicable" needs a justification. Throws a 400 naming the field.
 */
export function typeAnswerInput(
  indicator: Indicator,
  value: string | number | null,
  justification: string | null | undefined,
): StoredValue {
  const note = justification?.trim() ? justification : null;
  if (value === null || value === "") return { valueText: null, valueNumber: null, justification: note };
  if (indicator.type === "checklist" || indicator.type === "scale") {
    if (typeof value !== "string") throw new UserError(`value: ${indicator.code} takes a text answer`);
  } else if (typeof value !== "number") {
    throw new UserError(`value: ${indicator.code} takes a number (as a JSON number)`);
  }
  const typed = typeValue(indicator, value);
  if (typeof typed === "string") throw new UserError(`value: ${typed.slice(1)}`);
  if (typed.valueText === "na" && !note) {
    throw new UserError(`justification: "not applicable" needs a justification for ${indicator.code}`);
  }
  return { ...typed, justification: note };
}

/** The value as the API shows it: text for checklist and scale answers, a number otherwise. */
export function presentValue(v: Typed): string | number | null {
  return v.valueText ?? v.valueNumber;
}

/** True when two stored contents are the same (an autosave that changes nothing). */
export function isSameValue(a: StoredValue, b: StoredValue): boolean {
  return (
    a.valueText === b.valueText && a.valueNumber === b.valueNumber && a.justification === b.justification
  );
}

/** The JSON kept in answer_history for one side of a change. */
export function toHistoryJson(v: StoredValue): {
  value: string | number | null;
  justification: string | null;
} {
  return { value: presentValue(v), justification: v.justification };
}

/**
 * Reads a history side back; imports store `{text}` or `{number}`, data entry
 * `{value, justification}`.
 */
export function fromHistoryJson(json: unknown): StoredValue | null {
  if (!json || typeof json !== "object") return null;
  const o = json as Record<string, unknown>;
  const raw = "value" in o ? o.value : "text" in o ? o.text : o.number;
  const justification = typeof o.justification === "string" ? o.justification : null;
  if (typeof raw === "number") return { valueText: null, valueNumber: raw, justification };
  if (typeof raw === "string") return { valueText: raw, valueNumber: null, justification };
  return { valueText: null, valueNumber: null, justification };
}

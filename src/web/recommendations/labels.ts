import { MECHANISMS as ALL_MECHANISMS } from "../../core/index.ts";
import type { MessageKey } from "../i18n/messages.ts";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const MECHANISMS = new Set<string>(ALL_MECHANISMS);
const POSITIONS = new Set(["supported", "supported_in_part", "noted", "voluntary_pledge", "none"]);
const STATUSES = new Set([
  "not_started",
  "in_progress",
  "partially_implemented",
  "implemented",
  "regressed",
  "none",
]);

/** A mechanism's name in the interface language; an unknown code as it is. */
export function mechanismLabel(t: Translate, value: string): string {
  return MECHANISMS.has(value) ? t(`rcMechanism_${value}` as MessageKey) : value;
}

/** A State's position in words; null is "no position" (treaty bodies). */
export function positionLabel(t: Translate, value: string | null): string {
  const v = value ?? "none";
  return POSITIONS.has(v) ? t(`rcPosition_${v}` as MessageKey) : v;
}

/** An implementation status in words; null is "not assessed". */
export function statusLabel(t: Translate, value: string | null): string {
  const v = value ?? "none";
  return STATUSES.has(v) ? t(`rcStatus_${v}` as MessageKey) : v;
}

/** The label of a facet value of a field, for the filters. */
export function facetLabel(t: Translate, field: string, value: string): string {
  if (field === "mechanism") return mechanismLabel(t, value);
  if (field === "position") return positionLabel(t, value);
  if (field.toLowerCase().endsWith("status")) return statusLabel(t, value);
  return value;
}

/** A day (YYYY-MM-DD) in the reader's locale, read as a calendar day (no time zone shift). */
export function formatDay(day: string, lang: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(lang, { dateStyle: "medium", timeZone: "UTC" });
}

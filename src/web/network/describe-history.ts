import type { MessageKey } from "../i18n/messages.ts";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** One field a change touched, as a person reads it: its label, and its value before (if any) and after. */
export interface ChangedField {
  field: string;
  label: string;
  before?: string;
  after: string;
}

/** Identifiers the history keeps for the record's sake; nobody reads them. */
const HIDDEN = new Set(["userId", "applicationId", "id", "version"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function displayName(lang: string, type: "region" | "language", code: string): string {
  try {
    return new Intl.DisplayNames([lang, "en"], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A value of a field as words: statuses, types and roles translated, dates and numbers in the language's way. */
export function readableValue(field: string, value: unknown, lang: string, t: Translate): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value) && value.length === 0) return "—";
  const list = (items: string[]) => new Intl.ListFormat(lang, { style: "short", type: "unit" }).format(items);
  if (field === "status" && typeof value === "string") return t("nwStatus", { status: value });
  if (field === "kind" && typeof value === "string") return t("nwKind", { kind: value });
  if (field === "role" && typeof value === "string") return t("nwRole", { role: value });
  if (field === "roles" && Array.isArray(value))
    return list(value.map((r) => t("nwRole", { role: String(r) })));
  if (field === "countryCode" && typeof value === "string") return displayName(lang, "region", value);
  if (typeof value === "boolean") return value ? t("nwYes") : t("nwNo");
  if (typeof value === "number") return value.toLocaleString(lang, { maximumFractionDigits: 6 });
  if (typeof value === "string" && ISO_DATE.test(value)) {
    const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
    if (!Number.isNaN(date.getTime())) return date.toLocaleDateString(lang, { dateStyle: "medium" });
  }
  if (Array.isArray(value))
    return list(value.map((v) => (typeof v === "number" ? v.toLocaleString(lang) : String(v))));
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${displayName(lang, "language", k)}: ${String(v)}`)
      .join("; ");
  return String(value);
}

/**
 * The fields a change of an organisation's history touched, labelled and readable in `lang`:
 * "Membership: Member → Suspended" rather than "status: member → suspended". Identifiers are left
 * out; a field that only appears after (a creation, an invitation) has no "before".
 */
export function describeHistoryChange(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  lang: string,
  t: Translate,
): ChangedField[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (k) => !HIDDEN.has(k),
  );
  return keys.map((field) => {
    const entry: ChangedField = {
      field,
      label: t("nwField", { field }),
      after: readableValue(field, after?.[field], lang, t),
    };
    if (before && field in before) entry.before = readableValue(field, before[field], lang, t);
    return entry;
  });
}

import type { AnswerOut } from "../../server/api-schemas/assessments.ts";

/*
 * Small formatting helpers of the review components. Everything returned is
 * plain text: React escapes it, so names and messages can never become markup.
 */

/** A file size in B, kB or MB, in the reader's locale. */
export function formatSize(bytes: number, lang: string): string {
  const number = (n: number, digits: number) => n.toLocaleString(lang, { maximumFractionDigits: digits });
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 1)} kB`;
  return `${number(bytes / 1048576, 1)} MB`;
}

/** A date and time from the API (ISO string) in the reader's locale. */
export function formatDateTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
}

/** An answer's value as text; null when there is none. */
export function formatValue(value: AnswerOut["value"] | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  return typeof value === "number" ? String(value) : value;
}

/**
 * Splits the server's refusal details (`"url: an http:// or https:// address"`)
 * into messages per field, so each shows next to its input.
 */
export function splitFieldErrors(details: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const detail of details ?? []) {
    const match = detail.match(/^([A-Za-z.]+):\s*(.+)$/);
    if (match) out[match[1]!.replace(/^body\./, "")] = match[2]!;
  }
  return out;
}

/** The refusal details of an ApiRequestError's body, if any. */
export function detailsOf(body: unknown): string[] | undefined {
  const details = (body as { details?: unknown } | null)?.details;
  return Array.isArray(details) ? details.filter((d): d is string => typeof d === "string") : undefined;
}

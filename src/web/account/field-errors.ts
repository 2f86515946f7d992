import { ApiRequestError } from "../api/send-api.ts";

/** What a refused form submission says: messages per field, and what belongs to no field. */
export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
  status: number | null;
}

export const noErrors: FormErrors = { fields: {}, general: null, status: null };

/**
 * Sorts the server's messages ("period: too short", "name.en: …",
 * "countries.0: use ISO codes") onto the form's fields, by the first part of
 * the path, so each message is shown next to the field it is about.
 */
export function sortServerErrors(error: unknown, fieldNames: readonly string[]): FormErrors {
  if (!(error instanceof ApiRequestError)) {
    return { fields: {}, general: error instanceof Error ? error.message : String(error), status: null };
  }
  const body = error.body as { error?: string; details?: string[] } | null;
  const lines = [body?.error, ...(body?.details ?? [])].filter((l): l is string => Boolean(l));
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const line of lines) {
    const match = line.match(/^([\w.[\]]+):\s*(.+)$/s);
    const path = match?.[1] ?? "";
    const field = fieldNames.find((name) => path === name || path.startsWith(`${name}.`));
    if (match && field) fields[field] = fields[field] ? `${fields[field]}; ${match[2]}` : match[2]!;
    else if (line !== "invalid request") general.push(line);
  }
  return { fields, general: general.length ? general.join(" — ") : null, status: error.status };
}

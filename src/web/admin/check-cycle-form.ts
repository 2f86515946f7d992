import type { MessageKey } from "../i18n/messages.ts";

/**
 * What is missing from the new-cycle form, by field, checked in the browser
 * so the messages are in the reader's language; the server checks again
 * (and knows more, such as a period that already has a cycle).
 */
export function checkCycleForm(form: {
  period: string;
  nameEn: string;
  nameFr: string;
  count: number;
  opensOn: string;
  closesOn: string;
}): Partial<Record<"period" | "name" | "countries" | "closesOn", MessageKey>> {
  const problems: Partial<Record<"period" | "name" | "countries" | "closesOn", MessageKey>> = {};
  if (!form.period.trim()) problems.period = "required";
  if (!form.nameEn.trim() && !form.nameFr.trim()) problems.name = "nameOneLanguage";
  if (form.count === 0) problems.countries = "chooseCountries";
  // ISO dates compare correctly as text.
  if (form.opensOn && form.closesOn && form.closesOn < form.opensOn)
    problems.closesOn = "deadlineBeforeOpening";
  return problems;
}

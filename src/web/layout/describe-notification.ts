import type { z } from "zod";
import type { notificationOut } from "../../server/api-schemas/notifications.ts";
import type { MessageKey } from "../i18n/messages.ts";

const kinds = new Set([
  "assignment",
  "submitted",
  "returned",
  "validated",
  "reopened",
  "deadline",
  "answers_approved",
  "answers_returned",
  "reporting_deadline",
]);

/**
 * The sentence for one notification and what it leads to (an assessment, or for a reporting step
 * the country's reporting calendar), from its kind and payload.
 */
export function describeNotification(
  notice: z.infer<typeof notificationOut>,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
  lang: string,
  countryName: (code: string) => string = (code) => code,
): { text: string; assessmentId: string | undefined; href?: string } {
  const p = notice.payload;
  const text = (key: string) =>
    typeof p[key] === "string" || typeof p[key] === "number" ? String(p[key]) : "";
  const country = text("countryName") || countryName(text("country"));
  let date = text("closesOn") || text("dueOn");
  if (date && !Number.isNaN(Date.parse(date))) {
    date = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(date));
  }
  const key = (kinds.has(notice.kind) ? `notif_${notice.kind}` : "notif_other") as MessageKey;
  const step = notice.kind === "reporting_deadline" ? t("rpStep", { kind: text("kind") }) : "";
  return {
    text: t(key, { country, period: text("period"), date, step }),
    assessmentId: text("assessmentId") || undefined,
    ...(notice.kind === "reporting_deadline"
      ? { href: `/reporting/calendar?country=${encodeURIComponent(text("country"))}` }
      : {}),
  };
}

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
]);

/** The sentence for one notification and the assessment it leads to, from its kind and payload. */
export function describeNotification(
  notice: z.infer<typeof notificationOut>,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
  lang: string,
  countryName: (code: string) => string = (code) => code,
): { text: string; assessmentId: string | undefined } {
  const p = notice.payload;
  const text = (key: string) =>
    typeof p[key] === "string" || typeof p[key] === "number" ? String(p[key]) : "";
  const country = text("countryName") || countryName(text("country"));
  let date = text("closesOn");
  if (date && !Number.isNaN(Date.parse(date))) {
    date = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(date));
  }
  const key = (kinds.has(notice.kind) ? `notif_${notice.kind}` : "notif_other") as MessageKey;
  return {
    text: t(key, { country, period: text("period"), date }),
    assessmentId: text("assessmentId") || undefined,
  };
}

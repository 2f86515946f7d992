import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";

const known = new Set(["draft", "submitted", "in_review", "returned", "validated"]);
/** A symbol next to the word, so the status never rests on colour alone. */
const symbols: Record<string, string> = {
  draft: "✎",
  submitted: "➤",
  in_review: "◎",
  returned: "↩",
  validated: "✓",
};

/** The workflow status of an assessment as a labelled chip. */
export function StatusChip({ status }: { status: string }) {
  const { t } = useLanguage();
  const label = known.has(status) ? t(`status_${status}` as MessageKey) : status;
  return (
    <span className={`status-chip status-chip--${known.has(status) ? status : "other"}`}>
      <span aria-hidden="true">{symbols[status] ?? "•"} </span>
      {label}
    </span>
  );
}

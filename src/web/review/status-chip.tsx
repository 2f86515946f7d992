import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";

const known = new Set(["draft", "submitted", "in_review", "returned", "validated"]);

/** The assessment's status as a labelled chip; the word, not only the colour, carries the meaning. */
export function StatusChip({ status }: { status: string }) {
  const { t } = useLanguage();
  const label = known.has(status) ? t(`rvStatus_${status}` as MessageKey) : status;
  return (
    <span className={`rv-status rv-status--${status}`}>
      <span className="visually-hidden">{t("rvStatus")}: </span>
      {label}
    </span>
  );
}

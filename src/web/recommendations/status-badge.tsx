import { useLanguage } from "../i18n/language.tsx";
import { statusLabel } from "./labels.ts";

/** An implementation status as a labelled badge: the word carries the meaning, the colour helps. */
export function StatusBadge({ status, prefix }: { status: string | null; prefix?: string }) {
  const { t } = useLanguage();
  return (
    <span className={`rc-status rc-status--${status ?? "none"}`}>
      {prefix && <span className="rc-status__who">{prefix} </span>}
      {statusLabel(t, status)}
    </span>
  );
}

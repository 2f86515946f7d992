import { useState } from "react";
import { useLanguage } from "../i18n/language.tsx";

/** Recovery codes shown once: to copy or download, then put away. */
export function RecoveryCodeList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState(false);
  const text = `Childmark recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section className="card security-section" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">{t("tfCodesTitle")}</h2>
      <p>{t("tfCodesLead")}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="form__actions">
        <a className="button" href={download} download="childmark-recovery-codes.txt">
          {t("tfDownload")}
        </a>
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
        >
          {copied ? t("tfCopied") : t("tfCopy")}
        </button>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t("tfSaved")}
        </button>
      </div>
    </section>
  );
}

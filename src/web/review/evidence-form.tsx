import { useId, useState } from "react";
import { addedEvidence, type EvidenceBody } from "../../server/api-schemas/evidence.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { detailsOf, splitFieldErrors } from "./format.ts";

type Kind = EvidenceBody["kind"];
const fieldOf = { citation: "citation", url: "url", legal: "legalReference" } as const;

/** Adds a citation, web address or legal reference; the server's refusals show next to their field. */
export function EvidenceForm({
  endpoint,
  onAdded,
  onError,
}: {
  endpoint: string;
  onAdded: (answerVersion: number) => void;
  onError: (message: string) => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const [kind, setKind] = useState<Kind>("citation");
  const [text, setText] = useState("");
  const [sourceDate, setSourceDate] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const field = fieldOf[kind];
  const label = { citation: t("rvCitation"), url: t("rvUrl"), legal: t("rvLegalReference") }[kind];

  async function submit() {
    setBusy(true);
    setErrors({});
    const body: EvidenceBody = { kind, [field]: text.trim(), ...(sourceDate ? { sourceDate } : {}) };
    try {
      const added = await sendApi("POST", endpoint, body, addedEvidence);
      setText("");
      setSourceDate("");
      onAdded(added.answerVersion);
    } catch (error) {
      const byField = error instanceof ApiRequestError ? splitFieldErrors(detailsOf(error.body)) : {};
      setErrors(byField);
      onError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (name: string) =>
    errors[name] ? (
      <p className="rv-field-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <form
      className="rv-form"
      aria-label={t("rvAddSource")}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h4 className="rv-form__title">{t("rvAddSource")}</h4>
      <div className="rv-field">
        <label htmlFor={`${id}-kind`}>{t("rvKind")}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="citation">{t("rvKind_citation")}</option>
          <option value="url">{t("rvKind_url")}</option>
          <option value="legal">{t("rvKind_legal")}</option>
        </select>
      </div>
      <div className="rv-field">
        <label htmlFor={`${id}-text`}>{label}</label>
        {kind === "citation" ? (
          <textarea
            id={`${id}-text`}
            rows={2}
            value={text}
            required
            aria-invalid={!!errors[field]}
            aria-describedby={errors[field] ? `${id}-${field}-error` : undefined}
            onChange={(e) => setText(e.target.value)}
          />
        ) : (
          <input
            id={`${id}-text`}
            type={kind === "url" ? "url" : "text"}
            value={text}
            required
            aria-invalid={!!errors[field]}
            aria-describedby={errors[field] ? `${id}-${field}-error` : undefined}
            onChange={(e) => setText(e.target.value)}
          />
        )}
        {errorOf(field)}
      </div>
      <div className="rv-field">
        <label htmlFor={`${id}-date`}>{t("rvSourceDate")}</label>
        <input
          id={`${id}-date`}
          type="text"
          inputMode="numeric"
          value={sourceDate}
          aria-invalid={!!errors.sourceDate}
          aria-describedby={`${id}-date-hint${errors.sourceDate ? ` ${id}-sourceDate-error` : ""}`}
          onChange={(e) => setSourceDate(e.target.value)}
        />
        <p className="rv-hint" id={`${id}-date-hint`}>
          {t("rvSourceDateHint")}
        </p>
        {errorOf("sourceDate")}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("rvWorking") : t("rvAdd")}
      </button>
    </form>
  );
}

import { type FormEvent, useState } from "react";
import type { PlanIndicatorOut, StoredValueOut } from "../../server/api-schemas/results.ts";
import { savedValueOut } from "../../server/api-schemas/results.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";

/**
 * Edits one target or actual in place. A stale save (409) shows the current
 * value and takes its version, so saving again is a deliberate choice.
 */
export function ValueEditor({
  planId,
  indicator,
  period,
  kind,
  stored,
  onSaved,
  onClose,
}: {
  planId: string;
  indicator: PlanIndicatorOut;
  period: string;
  kind: "target" | "actual";
  stored: StoredValueOut | null;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const [version, setVersion] = useState(stored?.version ?? 0);
  const [message, setMessage] = useState<string | null>(null);
  const isNarrative = indicator.type === "narrative";
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const raw = String(form.get("value") ?? "").trim();
    const body = {
      value: isNarrative || raw === "" ? null : Number(raw.replace(",", ".")),
      narrative: isNarrative ? String(form.get("value") ?? "") || null : null,
      evidence: String(form.get("evidence") ?? "") || null,
      comment: String(form.get("comment") ?? "") || null,
      expectedVersion: version,
    };
    try {
      await sendApi(
        "PUT",
        `/api/results/plans/${planId}/indicators/${indicator.id}/${kind}s/${encodeURIComponent(period)}`,
        body,
        savedValueOut,
      );
      onSaved();
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) {
        const current = (error.body as { current?: StoredValueOut } | null)?.current;
        if (current) setVersion(current.version);
        setMessage(`${t("rsConflict")}${current ? ` (${current.value ?? current.narrative ?? "—"})` : ""}`);
      } else setMessage(error instanceof Error ? error.message : String(error));
    }
  }
  const id = `${indicator.id}-${kind}-${period}`;
  return (
    <form
      className="rs-value-form"
      onSubmit={submit}
      aria-label={t("rsEdit", { what: `${indicator.code} ${period}` })}
    >
      <label htmlFor={`${id}-value`}>{t(kind === "target" ? "rsTarget" : "rsActual")}</label>
      {isNarrative ? (
        <textarea id={`${id}-value`} name="value" defaultValue={stored?.narrative ?? ""} rows={3} />
      ) : (
        <input id={`${id}-value`} name="value" inputMode="decimal" defaultValue={stored?.value ?? ""} />
      )}
      {kind === "actual" && (
        <>
          <label htmlFor={`${id}-evidence`}>{t("rsEvidence")}</label>
          <input id={`${id}-evidence`} name="evidence" defaultValue={stored?.evidence ?? ""} />
          <label htmlFor={`${id}-comment`}>{t("rsComment")}</label>
          <input id={`${id}-comment`} name="comment" defaultValue={stored?.comment ?? ""} />
        </>
      )}
      <div className="rs-value-form__actions">
        <button type="submit" className="button button--primary">
          {t("rsSave")}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t("rsCancel")}
        </button>
      </div>
      {message && (
        <p role="alert" className="rs-error">
          {message}
        </p>
      )}
    </form>
  );
}

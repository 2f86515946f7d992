import { useId, useState } from "react";
import { tagResult } from "../../server/api-schemas/recommendations.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { useAction } from "./use-action.ts";

const FIELDS = ["themes", "affectedGroups", "uncrcArticles", "sdgTargets"] as const;

/** Adds or removes one tag on every selected recommendation at once (POST /api/recommendations/tags). */
export function BulkTag({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useLanguage();
  const id = useId();
  const [field, setField] = useState<(typeof FIELDS)[number]>("themes");
  const [value, setValue] = useState("");
  const { busy, message, run } = useAction();

  async function send(kind: "add" | "remove") {
    if (!value.trim() || ids.length === 0) return;
    await run(async () => {
      const result = await sendApi(
        "POST",
        "/api/recommendations/tags",
        { ids, [kind]: { [field]: [value.trim()] } },
        tagResult,
      );
      setValue("");
      onDone();
      return t("rcBulkDone", { count: result.updated });
    });
  }

  return (
    <form
      className="rv-form rc-bulk"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void send("add");
      }}
    >
      <h2 className="rv-form__title" id={`${id}-title`}>
        {t("rcBulkTitle")} <span className="muted">({t("rcSelected", { count: ids.length })})</span>
      </h2>
      <div className="rc-inline">
        <div className="rv-field">
          <label htmlFor={`${id}-field`}>{t("rcBulkField")}</label>
          <select
            id={`${id}-field`}
            value={field}
            onChange={(e) => setField(e.target.value as (typeof FIELDS)[number])}
          >
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`rcTag_${f}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="rv-field">
          <label htmlFor={`${id}-value`}>{t("rcBulkValue")}</label>
          <input
            id={`${id}-value`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={`${id}-hint`}
            dir="auto"
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !value.trim() || !ids.length}
        >
          {t("rcBulkAdd")}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !value.trim() || !ids.length}
          onClick={() => void send("remove")}
        >
          {t("rcBulkRemove")}
        </button>
      </div>
      <p className="rv-hint" id={`${id}-hint`}>
        {t("rcBulkValueHint")}
      </p>
      <div role="status" className="rv-live">
        {message && <p className={message.ok ? "rv-notice" : "rv-notice rv-notice--error"}>{message.text}</p>}
      </div>
    </form>
  );
}

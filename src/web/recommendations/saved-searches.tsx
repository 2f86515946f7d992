import { useId, useState } from "react";
import { z } from "zod";
import { savedSearchOutput } from "../../server/api-schemas/recommendations.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";

const savedList = z.array(savedSearchOutput);

/** The person's saved searches (open, delete) and a form to save the current one by name. */
export function SavedSearches({ query }: { query: string }) {
  const { t } = useLanguage();
  const id = useId();
  const saved = useApi("/api/recommendations/saved-searches", savedList);
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save() {
    setMessage(null);
    try {
      const result = await sendApi(
        "POST",
        "/api/recommendations/saved-searches",
        { name, query },
        savedSearchOutput,
      );
      setMessage({ ok: true, text: t("rcSavedDone", { name: result.name }) });
      setName("");
      saved.reload();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  }

  async function remove(searchId: string) {
    try {
      await sendApi("DELETE", `/api/recommendations/saved-searches/${searchId}`, undefined, z.null());
      saved.reload();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="rc-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("rcSaved")}</h2>
      {saved.status === "ok" &&
        (saved.data.length === 0 ? (
          <p className="muted">{t("rcSavedNone")}</p>
        ) : (
          <ul className="rc-saved">
            {saved.data.map((s) => (
              <li key={s.id}>
                <Link to={`${paths.recommendations()}${s.query ? `?${s.query}` : ""}`} dir="auto">
                  {s.name}
                </Link>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void remove(s.id)}
                  aria-label={t("rcDeleteSaved", { name: s.name })}
                >
                  {t("rcDelete")}
                </button>
              </li>
            ))}
          </ul>
        ))}
      <form
        className="rc-save"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) void save();
        }}
      >
        <div className="rv-field">
          <label htmlFor={`${id}-name`}>{t("rcSaveName")}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            dir="auto"
          />
        </div>
        <button type="submit" className="button" disabled={!name.trim()}>
          {t("rcSave")}
        </button>
      </form>
      <div role="status" className="rv-live">
        {message && <p className={message.ok ? "rv-notice" : "rv-notice rv-notice--error"}>{message.text}</p>}
      </div>
    </section>
  );
}

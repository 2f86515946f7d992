import { useId, useState } from "react";
import { z } from "zod";
import { trackingPublished, trackingSummary } from "../../server/api-schemas/tracking.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { formatDateTime } from "../review/format.ts";
import { useStateTarget } from "./report-links.tsx";
import { useAction } from "./use-action.ts";

const publications = z.array(trackingSummary);

/**
 * The public versions of a State's tracking, and (for its coordinator or above)
 * a form to publish the current tracking as a new version on the portal.
 */
export function PublishTracking({ stateCode }: { stateCode: string | null }) {
  const { t, lang } = useLanguage();
  const { may } = useSession();
  const target = useStateTarget(stateCode);
  const id = useId();
  const list = useApi(stateCode ? "/api/tracking-publications" : null, publications);
  const [notes, setNotes] = useState("");
  const { busy, message, run } = useAction();
  const [publicUrl, setPublicUrl] = useState<string | null>(null);
  if (!stateCode || !target) return null;
  const mine = list.status === "ok" ? list.data.filter((p) => p.country === stateCode) : [];
  const allowed = may("recommendation:publish", target);

  async function publish() {
    setPublicUrl(null);
    await run(async () => {
      const done = await sendApi(
        "POST",
        "/api/tracking-publications",
        { country: stateCode, notes },
        trackingPublished,
      );
      setPublicUrl(done.url);
      setNotes("");
      list.reload();
      return t("rcPublished", { version: done.version });
    });
  }

  return (
    <section className="rc-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("rcPublicTracking")}</h2>
      {mine.length === 0 ? (
        <p className="muted">{t("rcNotPublished")}</p>
      ) : (
        <ul className="rc-downloads">
          {mine.map((p) => (
            <li key={p.slug}>
              <a href={p.url}>
                {t("rcPublicVersion", { version: p.version, date: formatDateTime(p.publishedAt, lang) })}
              </a>
              {p.supersededBy ? "" : ` · ${t("rcLatest")}`}
            </li>
          ))}
        </ul>
      )}
      {allowed && (
        <form
          className="rv-form"
          onSubmit={(event) => {
            event.preventDefault();
            void publish();
          }}
        >
          <p className="muted">{t("rcPublishHelp")}</p>
          <div className="rv-field">
            <label htmlFor={`${id}-notes`}>{t("rcPublishNotes")}</label>
            <textarea
              id={`${id}-notes`}
              required
              rows={2}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              dir="auto"
            />
          </div>
          <button type="submit" className="button button--primary" disabled={busy || !notes.trim()}>
            {t("rcPublish")}
          </button>
          {message && (
            <p className={message.ok ? "rv-notice" : "rv-notice rv-notice--error"} role="status">
              {message.text} {message.ok && publicUrl && <a href={publicUrl}>{t("rcOpenPublic")}</a>}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

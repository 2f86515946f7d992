import { useState } from "react";
import { z } from "zod";
import type { Indicator } from "../../core/index.ts";
import { historyEntry, savedAnswer } from "../../server/api-schemas/assessments.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import type { ServerAnswer } from "./answer-saver.ts";
import { describeHistoryEntry } from "./history-entry.ts";

const historyList = z.array(historyEntry);
const sources = new Set(["entry", "import", "restore", "evidence"]);

/** Where a change came from, in words; an unknown source is shown as the server names it. */
function describeSource(source: string, t: (key: MessageKey) => string): string {
  return sources.has(source) ? t(`wsSource_${source}` as MessageKey) : source;
}

/**
 * Every version of one answer, newest first, with a way to restore an old one.
 * Restoring is a new change, checked against the version on screen.
 */
export function HistoryPanel({
  assessmentId,
  indicator,
  currentVersion,
  canRestore,
  onRestored,
}: {
  assessmentId: string;
  indicator: Indicator;
  currentVersion: number;
  canRestore: boolean;
  onRestored: (answer: ServerAnswer) => void;
}) {
  const { t, lang } = useLanguage();
  const path = `/api/assessments/${assessmentId}/answers/${encodeURIComponent(indicator.code)}/history`;
  const history = useApi(`${path}?v=${currentVersion}`, historyList);
  const [message, setMessage] = useState("");
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  if (history.status === "loading") return <Loading />;
  if (history.status === "error") return <ErrorMessage message={history.message} onRetry={history.reload} />;
  const entries = [...history.data].sort((a, b) => b.version - a.version || b.id - a.id);
  const restore = async (version: number) => {
    try {
      const saved = await sendApi(
        "POST",
        `/api/assessments/${assessmentId}/answers/${encodeURIComponent(indicator.code)}/restore`,
        { historyVersion: version, expectedVersion: currentVersion },
        savedAnswer,
      );
      setMessage(t("wsRestored", { version }));
      onRestored(saved);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="history">
      <p className="visually-hidden" role="status">
        {message}
      </p>
      {entries.length === 0 && <p className="muted">{t("wsHistoryEmpty")}</p>}
      <ol className="history__list">
        {entries.map((entry) => {
          const line = describeHistoryEntry(entry, indicator, t, lang);
          return (
            <li key={entry.id} className="history__entry">
              <p className="history__meta">
                <strong>{line.heading}</strong> ·{" "}
                {t("wsHistoryBy", { name: line.author, when: when.format(new Date(entry.changedAt)) })} ·{" "}
                {t("wsHistorySource", { source: describeSource(entry.source, t) })}
              </p>
              {line.change && (
                <p className="history__change">
                  <span className="history__before">{line.change.before}</span>
                  <span> → </span>
                  <span className="history__after">{line.change.after}</span>
                </p>
              )}
              {line.note && <p className="history__change">{line.note}</p>}
              {entry.reason && <p className="muted">{t("wsHistoryReason", { reason: entry.reason })}</p>}
              {canRestore && line.change && entry.after && entry.version !== currentVersion && (
                <button type="button" className="button button--small" onClick={() => restore(entry.version)}>
                  {t("wsRestore")}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

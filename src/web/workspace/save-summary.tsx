import { useLanguage } from "../i18n/language.tsx";
import type { SaveState } from "./answer-saver.ts";

/** The page-wide save state, announced politely: conflicts first, then offline, saving, saved. */
export function SaveSummary({ states, onRetry }: { states: [string, SaveState][]; onRetry: () => void }) {
  const { t } = useLanguage();
  const has = (status: SaveState["status"]) => states.filter(([, s]) => s.status === status).length;
  const waiting = has("offline") + has("pending") + has("saving") + has("error");
  let text = "";
  let tone = "saved";
  if (has("conflict")) [text, tone] = [t("wsSave_conflict"), "conflict"];
  else if (has("offline")) [text, tone] = [t("wsSave_offline"), "offline"];
  else if (has("saving") || has("pending")) [text, tone] = [t("wsSave_saving"), "saving"];
  else if (has("error") || has("invalid")) [text, tone] = [t("wsSave_error"), "error"];
  else if (has("saved")) text = t("wsAllSaved");
  return (
    <div className={`save-summary save-summary--${tone}`}>
      <span role="status" aria-live="polite" data-testid="save-summary">
        {text}
        {waiting > 0 && tone !== "saving" && (
          <span className="muted"> · {t("wsUnsent", { count: waiting })}</span>
        )}
      </span>
      {has("offline") > 0 && (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t("wsRetryNow")}
        </button>
      )}
    </div>
  );
}

import { useLanguage } from "../i18n/language.tsx";
import type { SaveState } from "./answer-saver.ts";

const icons: Record<SaveState["status"], string> = {
  idle: "",
  pending: "•",
  saving: "↻",
  saved: "✓",
  offline: "⚠",
  conflict: "⚠",
  error: "✕",
  invalid: "✕",
};

/** One answer's save state in words (the icon only helps), with the way out of a conflict. */
export function SaveBadge({ state, onResolve }: { state: SaveState; onResolve: () => void }) {
  const { t } = useLanguage();
  if (state.status === "idle") return null;
  return (
    <span className={`save-badge save-badge--${state.status}`} data-save-state={state.status}>
      <span aria-hidden="true">{icons[state.status]}</span> {t(`wsSave_${state.status}`)}
      {state.status === "conflict" && (
        <button type="button" className="button button--small" onClick={onResolve}>
          {t("wsResolve")}
        </button>
      )}
    </span>
  );
}

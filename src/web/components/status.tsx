import type { ReactNode } from "react";
import type { ApiState } from "../api/use-api.ts";
import { useLanguage } from "../i18n/language.tsx";

/** A polite loading notice, announced once to screen readers. */
export function Loading() {
  const { t } = useLanguage();
  return (
    <p className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t("loading")}
    </p>
  );
}

/**
 * Holds a page's place while its code arrives: the spinner where the page's heading will be, and
 * the height of a page, so the footer does not jump up and back down.
 */
export function PageLoading() {
  return (
    <div className="page-loading" aria-busy="true">
      <Loading />
    </div>
  );
}

/** What went wrong, in words, with a way to try again. */
export function ErrorMessage({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useLanguage();
  return (
    <div className="status status--error" role="alert">
      <p className="status__title">{t("errorTitle")}</p>
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t("retry")}
        </button>
      )}
    </div>
  );
}

/** Renders `children` with the data once every request has answered, else loading or the first error. */
export function Loaded<T extends unknown[]>({
  states,
  children,
}: {
  states: { [K in keyof T]: ApiState<T[K]> & { reload: () => void } };
  children: (...data: T) => ReactNode;
}) {
  for (const state of states) {
    if (state.status === "error") return <ErrorMessage message={state.message} onRetry={state.reload} />;
  }
  if (states.some((s) => s.status === "loading")) return <Loading />;
  const data = states.map((s) => (s.status === "ok" ? s.data : undefined)) as T;
  return <>{children(...data)}</>;
}

/** The notice that the numbers on screen are made up, shown wherever demo cycles appear. */
export function DemoBanner() {
  const { t } = useLanguage();
  return (
    <aside className="demo-banner" aria-label={t("demoBannerTitle")}>
      <strong>{t("demoBannerTitle")}</strong> — {t("demoBannerBody")}
    </aside>
  );
}

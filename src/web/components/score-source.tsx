import type { ScoreRow } from "../api/endpoints.ts";
import { useLanguage } from "../i18n/language.tsx";

/**
 * Says where the figures on a score page come from: published releases only (what every
 * visitor sees, with the portal for reports and downloads), or, for a person who may read an
 * assessment, its unpublished working figures as well, marked as such.
 */
export function ScoreSource({ rows }: { rows: ScoreRow[] }) {
  const { t } = useLanguage();
  if (rows.every((r) => r.published))
    return (
      <p className="score-source muted">
        {t("publishedFiguresOnly")} <a href="/portal/">{t("publicPortal")}</a>
      </p>
    );
  return (
    <aside className="score-source score-source--working" aria-label={t("workingFiguresTitle")}>
      <strong>{t("workingFiguresTitle")}</strong> — {t("workingFiguresBody")}
    </aside>
  );
}

/** The mark beside a country whose figures are working figures, not published ones. */
export function WorkingTag({ row }: { row: Pick<ScoreRow, "published"> | undefined }) {
  const { t } = useLanguage();
  return row && !row.published ? <span className="tag tag--working">{t("workingTag")}</span> : null;
}

/**
 * The mark beside a score that counts imputed values (filled in by the framework's missing-data
 * rule, not answered): "2 imputed" with the explanation as a tooltip, or, `compact` in a heat-map
 * cell, a dagger whose words screen readers hear. Nothing when the score counts none.
 */
export function ImputedTag({ count, compact }: { count: number | undefined; compact?: boolean }) {
  const { t } = useLanguage();
  if (!count) return null;
  const title = t("imputedTagTitle", { count });
  if (compact)
    return (
      <span className="imputed-dagger" title={title}>
        <span aria-hidden="true">†</span>
        <span className="visually-hidden">{t("imputedTag", { count })}</span>
      </span>
    );
  return (
    <span className="tag tag--imputed" title={title}>
      † {t("imputedTag", { count })}
    </span>
  );
}

/** The legend of the imputed marks, shown when a score on the page counts imputed values. */
export function ImputedLegend({ rows }: { rows: readonly Pick<ScoreRow, "imputed">[] }) {
  const { t } = useLanguage();
  if (!rows.some((r) => r.imputed > 0)) return null;
  return <p className="imputed-legend muted">{t("imputedLegend")}</p>;
}

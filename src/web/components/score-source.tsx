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

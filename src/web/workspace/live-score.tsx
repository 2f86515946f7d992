import { useId } from "react";
import type { Framework } from "../../core/index.ts";
import { BandChip } from "../components/band-chip.tsx";
import { formatScore } from "../format/score.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { ScorePreview } from "./score-preview.ts";

/** The overall preview score with its band, and each section's, with a note on how it differs from the published one. */
export function LiveScore({ fw, preview }: { fw: Framework; preview: ScorePreview }) {
  const { t, pick, lang } = useLanguage();
  const noteId = useId();
  const band = preview.band >= 0 ? fw.bands[preview.band] : undefined;
  const hasScore = !Number.isNaN(preview.overall);
  return (
    <section className="live-score" aria-labelledby={`${noteId}-title`}>
      <h2 id={`${noteId}-title`} className="live-score__title">
        {t("wsLiveScore")}
        <span className="info-tip">
          <button
            type="button"
            className="info-tip__button"
            aria-describedby={noteId}
            aria-label={t("wsLiveScore")}
          >
            ?
          </button>
          <span role="tooltip" id={noteId} className="info-tip__text">
            {t("wsLiveScoreNote")}
          </span>
        </span>
      </h2>
      <p className="live-score__overall" data-testid="live-score">
        {hasScore ? (
          <>
            <span className="live-score__value">{formatScore(preview.overall, fw.precision, lang)}</span>
            <span className="muted"> / {fw.scoreScale}</span>{" "}
            <BandChip bands={fw.bands} code={band?.code ?? null} fallbackLanguage={fw.defaultLanguage} />
          </>
        ) : (
          <span className="muted">{t("wsNoScore")}</span>
        )}
      </p>
      <details className="live-score__sections">
        <summary>{t("wsSectionScores")}</summary>
        <dl>
          {preview.sections.map((s) => (
            <div key={s.code}>
              <dt>{pick(fw.nodes.find((n) => n.code === s.code)?.label, fw.defaultLanguage)}</dt>
              <dd>{formatScore(s.score, fw.precision, lang)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

import { useId } from "react";
import type { Framework } from "../../core/index.ts";
import { BandChip } from "../components/band-chip.tsx";
import { formatScore } from "../format/score.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { LivePreview } from "./score-preview.ts";

/** "N imputed", marked as the portal marks imputed values; nothing when the score counts none. */
function ImputedCount({ count }: { count: number }) {
  const { t } = useLanguage();
  if (count <= 0) return null;
  return (
    <>
      {" "}
      <span className="imputed-mark" title={t("wsImputedTitle")}>
        {t("wsImputedCount", { count })}
      </span>
    </>
  );
}

/**
 * The overall live score with its band, coverage and imputed values, and each section's, as the
 * stored score will be (the server's preview), or the browser's estimate while the server is out of reach.
 */
export function LiveScore({ fw, live }: { fw: Framework; live: LivePreview }) {
  const { t, pick, lang } = useLanguage();
  const noteId = useId();
  const { preview, estimate, pending } = live;
  const band = preview && preview.band >= 0 ? fw.bands[preview.band] : undefined;
  const overall = preview?.overall ?? { code: "", score: null, coverage: null, imputedCount: 0 };
  const percent = (share: number) =>
    new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(share);
  return (
    <section className="live-score" aria-labelledby={`${noteId}-title`} aria-busy={pending}>
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
      <p
        className="live-score__overall"
        data-testid="live-score"
        data-source={preview === null ? "loading" : estimate ? "estimate" : "server"}
      >
        {preview === null ? (
          <span className="live-score__value muted" aria-hidden="true">
            …
          </span>
        ) : overall.score !== null ? (
          <>
            <span className="live-score__value">{formatScore(overall.score, fw.precision, lang)}</span>
            <span className="muted"> / {fw.scoreScale}</span>{" "}
            <BandChip bands={fw.bands} code={band?.code ?? null} fallbackLanguage={fw.defaultLanguage} />
            {estimate && (
              <>
                {" "}
                <span className="live-score__estimate muted" title={t("wsLiveScoreEstimateTitle")}>
                  ({t("wsLiveScoreEstimate")})
                </span>
              </>
            )}
          </>
        ) : (
          <span className="muted">{t("wsNoScore")}</span>
        )}
      </p>
      {overall.score !== null && (overall.coverage !== null || overall.imputedCount > 0) && (
        <p className="live-score__coverage muted" data-testid="live-score-coverage">
          {overall.coverage !== null && t("wsLiveCoverage", { value: percent(overall.coverage) })}
          <ImputedCount count={overall.imputedCount} />
        </p>
      )}
      <details className="live-score__sections">
        <summary>{t("wsSectionScores")}</summary>
        <dl>
          {(preview?.sections ?? []).map((s) => (
            <div key={s.code}>
              <dt>{pick(fw.nodes.find((n) => n.code === s.code)?.label, fw.defaultLanguage)}</dt>
              <dd>
                {s.score === null ? "–" : formatScore(s.score, fw.precision, lang)}
                <ImputedCount count={s.imputedCount} />
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

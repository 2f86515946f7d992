import { type ReactNode, useRef, useState } from "react";
import { type RecommendationDetail, recommendationDetail } from "../../server/api-schemas/recommendations.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { formatDay, mechanismLabel, positionLabel } from "./labels.ts";
import { RecommendationsFrame } from "./page-frame.tsx";
import { useStateTarget } from "./report-links.tsx";
import { SuggestionsPanel } from "./suggestions-panel.tsx";
import { SynergyPanel } from "./synergies-page.tsx";
import { TrackingPanel } from "./tracking-panel.tsx";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rc-fact">
      <dt>{label}</dt>
      <dd dir="auto">{children}</dd>
    </div>
  );
}

/** A list of values, or "none". */
function Values({ list }: { list: string[] }) {
  const { t } = useLanguage();
  return list.length ? list.join(" · ") : <span className="muted">{t("rcNone")}</span>;
}

/** The language's own name in the interface language (Intl), else its code. */
function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** /recommendations/:id — every field, suggestions to classify it, its implementation and timeline. */
export function RecommendationPage({ id }: { id: string }) {
  const { t, lang } = useLanguage();
  const { user, may } = useSession();
  const detail = useApi(user ? `/api/recommendations/${id}` : null, recommendationDetail);
  // After an accepted suggestion the facts reload; the panels stay (with their messages) meanwhile.
  const last = useRef<RecommendationDetail | null>(null);
  if (detail.status === "ok") last.current = detail.data;
  const shown = last.current;
  const stateCode = shown?.stateCode ?? null;
  const target = useStateTarget(stateCode);
  const canTrack = !!target && may("recommendation:track", target);
  const state = shown?.stateName ?? "";
  // A status set on the recommendation's synergy is in its own timeline too: reload it then.
  const [tracking, setTracking] = useState(0);
  return (
    <RecommendationsFrame title={state ? t("rcDetailTitle", { state }) : t("rcSearchTitle")} current="detail">
      <p>
        <Link to={paths.recommendations()}>
          <span className="rv-arrow" aria-hidden="true">
            ←
          </span>{" "}
          {t("rcBackToSearch")}
        </Link>
      </p>
      {!shown && detail.status === "loading" && <Loading />}
      {!shown && detail.status === "error" && (
        <ErrorMessage message={detail.message} onRetry={detail.reload} />
      )}
      {shown &&
        ((r) => {
          const texts = Object.entries(r.text).sort(([a], [b]) => Number(b === lang) - Number(a === lang));
          return (
            <>
              <section className="section rc-panel" aria-labelledby="rc-texts">
                <h2 id="rc-texts">{t("rcTexts")}</h2>
                {texts.map(([code, text]) => (
                  <figure key={code} className="rc-text">
                    {texts.length > 1 && (
                      <figcaption className="rv-meta">
                        {t("rcTextIn", { language: languageName(code, lang) })}
                      </figcaption>
                    )}
                    <blockquote lang={code} dir="auto" className="rv-text">
                      {text}
                    </blockquote>
                  </figure>
                ))}
              </section>
              <section className="section rc-panel" aria-labelledby="rc-facts">
                <h2 id="rc-facts">{t("rcFacts")}</h2>
                <dl className="rc-facts">
                  <Fact label={t("rcField_state")}>{r.stateName}</Fact>
                  <Fact label={t("rcField_mechanism")}>{mechanismLabel(t, r.mechanism)}</Fact>
                  {r.session && <Fact label={t("rcField_session")}>{r.session}</Fact>}
                  {r.cycle && <Fact label={t("rcField_cycle")}>{r.cycle}</Fact>}
                  <Fact label={t("rcDocument")}>
                    {[r.documentSymbol, r.paragraph && t("rcParagraph", { paragraph: r.paragraph })]
                      .filter(Boolean)
                      .join(", ") || <span className="muted">{t("rcNone")}</span>}
                  </Fact>
                  <Fact label={t("rcDate")}>
                    {r.issuedOn ? formatDay(r.issuedOn, lang) : <span className="muted">{t("rcNone")}</span>}
                  </Fact>
                  <Fact label={t("rcPosition")}>{positionLabel(t, r.position)}</Fact>
                  {r.positionSource && <Fact label={t("rcPositionSource")}>{r.positionSource}</Fact>}
                  <Fact label={t("rcRecommendingStates")}>
                    <Values list={r.recommendingStates} />
                  </Fact>
                  {r.actionCategory !== null && <Fact label={t("rcActionCategory")}>{r.actionCategory}</Fact>}
                  <Fact label={t("rcThemes")}>
                    <Values list={r.themes} />
                  </Fact>
                  <Fact label={t("rcGroups")}>
                    <Values list={r.affectedGroups} />
                  </Fact>
                  <Fact label={t("rcArticles")}>
                    <Values list={r.uncrcArticles} />
                  </Fact>
                  <Fact label={t("rcSdgs")}>
                    <Values list={r.sdgTargets} />
                  </Fact>
                  <Fact label={t("rcIndicators")}>
                    <Values list={r.indicatorCodes} />
                  </Fact>
                </dl>
              </section>
              {canTrack && <SuggestionsPanel id={id} onChanged={detail.reload} />}
              <SynergyPanel
                id={id}
                stateCode={stateCode}
                canTrack={canTrack}
                onChanged={() => setTracking((n) => n + 1)}
              />
              <TrackingPanel key={tracking} id={id} canTrack={canTrack} />
            </>
          );
        })(shown)}
    </RecommendationsFrame>
  );
}

import { useState } from "react";
import { z } from "zod";
import {
  classificationSuggestions,
  indicatorDecisionOut,
  indicatorSuggestion,
  tagResult,
} from "../../server/api-schemas/recommendations.ts";
import { api, frameworkList } from "../api/endpoints.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { useAction } from "./use-action.ts";

const indicatorList = z.array(indicatorSuggestion);

interface Choice {
  key: string;
  label: string;
  score: number;
  /** The phrases of the text, or the themes, that led to it. */
  because?: string[];
  /** Where it came from: the model learned from classified recommendations, or the vocabulary. */
  source?: "model" | "vocabulary";
}

/** A ranked list of suggestions, each with its score and Accept / Reject buttons. */
function ChoiceList({
  title,
  note,
  choices,
  onDecide,
}: {
  title: string;
  /** Says where this list's suggestions came from. */
  note?: string;
  choices: Choice[];
  onDecide: (choice: Choice, accept: boolean) => Promise<void>;
}) {
  const { t, lang } = useLanguage();
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <div className="rc-suggest">
      <h3>{title}</h3>
      {note && <p className="rc-suggest__note">{note}</p>}
      {choices.length === 0 ? (
        <p className="muted">{t("rcNoSuggestion")}</p>
      ) : (
        <ul className="rc-suggest__list">
          {choices.map((c) => (
            <li key={c.key} className="rc-suggest__item">
              <span className="rc-suggest__label" dir="auto">
                <span className="rc-suggest__name">{c.label}</span>
                {c.source && (
                  <span
                    className={`rc-source rc-source--${c.source}`}
                    title={t(c.source === "model" ? "rcSourceModelHint" : "rcSourceVocabularyHint")}
                  >
                    {t(c.source === "model" ? "rcSourceModel" : "rcSourceVocabulary")}
                  </span>
                )}
                {c.because && c.because.length > 0 && (
                  <span className="rc-suggest__because" dir="auto">
                    {t("rcBecause", { reasons: c.because.map((b) => `“${b}”`).join(", ") })}
                  </span>
                )}
              </span>
              <span className="rc-score">
                <span className="rv-bar" aria-hidden="true">
                  <span
                    className="rv-bar__fill"
                    style={{ inlineSize: `${Math.round(Math.min(1, c.score) * 100)}%` }}
                  />
                </span>
                {t("rcScore", { score: c.score.toLocaleString(lang, { maximumFractionDigits: 2 }) })}
              </span>
              <span className="rc-suggest__actions">
                <button
                  type="button"
                  className="button button--small button--primary"
                  disabled={busy !== null}
                  aria-label={t("rcAcceptLabel", { what: c.label })}
                  onClick={async () => {
                    setBusy(c.key);
                    await onDecide(c, true).finally(() => setBusy(null));
                  }}
                >
                  {t("rcAccept")}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy !== null}
                  aria-label={t("rcRejectLabel", { what: c.label })}
                  onClick={async () => {
                    setBusy(c.key);
                    await onDecide(c, false).finally(() => setBusy(null));
                  }}
                >
                  {t("rcReject")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Suggested UNCRC articles, SDG targets and index indicators, ranked with their score. Nothing is
 * applied until a person accepts it: accepting tags the recommendation; rejecting an indicator is
 * remembered by the server, rejecting an article or target sets it aside on this page.
 */
export function SuggestionsPanel({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, pick } = useLanguage();
  const suggestions = useApi(`/api/recommendations/${id}/suggestions`, classificationSuggestions);
  const frameworks = useApi(api.frameworks(), frameworkList);
  const [frameworkId, setFrameworkId] = useState<string>("");
  const versionId = frameworkId || (frameworks.status === "ok" ? (frameworks.data[0]?.id ?? "") : "");
  const indicators = useApi(
    versionId
      ? `/api/recommendations/${id}/indicator-suggestions?frameworkVersionId=${versionId}&limit=5`
      : null,
    indicatorList,
  );
  const [setAside, setSetAside] = useState<Set<string>>(new Set());
  const action = useAction();
  const { message, setMessage } = action;
  const run = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    await action.run(async () => {
      await work();
      return done;
    });
  };

  const tag = (field: "uncrcArticles" | "sdgTargets", value: string) =>
    sendApi("POST", "/api/recommendations/tags", { ids: [id], add: { [field]: [value] } }, tagResult);

  /** Accepting a suggested article or target tags the recommendation; rejecting sets it aside on this page. */
  const decideTag = (field: "uncrcArticles" | "sdgTargets") => async (c: Choice, accept: boolean) => {
    if (accept)
      await run(
        async () => {
          await tag(field, c.key.slice(1));
          suggestions.reload();
          onChanged();
        },
        t("rcAccepted", { what: c.label }),
      );
    else {
      setSetAside(new Set([...setAside, c.key]));
      setMessage({ ok: true, text: t("rcRejectedHere", { what: c.label }) });
    }
  };

  return (
    <section className="section rc-panel" aria-labelledby="rc-suggestions">
      <h2 id="rc-suggestions">{t("rcSuggestions")}</h2>
      <p className="rv-hint">{t("rcSuggestionsLead")}</p>
      <div role="status" className="rv-live">
        {message && <p className={message.ok ? "rv-notice" : "rv-notice rv-notice--error"}>{message.text}</p>}
      </div>
      <div className="rc-suggest-grid">
        <Loaded states={[suggestions]}>
          {(s) => (
            <>
              <ChoiceList
                title={t("rcSuggestedArticles")}
                note={
                  s.models.uncrcArticles
                    ? t("rcModelNote", { count: s.models.uncrcArticles.examples })
                    : t("rcVocabularyNote")
                }
                choices={s.uncrcArticles
                  .filter((a) => !setAside.has(`a${a.id}`))
                  .map((a) => ({
                    key: `a${a.id}`,
                    label: t("rcArticleName", { number: a.id, title: a.title }),
                    score: a.score,
                    because: a.because,
                    source: a.source,
                  }))}
                onDecide={decideTag("uncrcArticles")}
              />
              <ChoiceList
                title={t("rcSuggestedSdgs")}
                note={
                  s.models.sdgTargets
                    ? t("rcModelNote", { count: s.models.sdgTargets.examples })
                    : t("rcVocabularyNote")
                }
                choices={s.sdgTargets
                  .filter((g) => !setAside.has(`t${g.id}`))
                  .map((g) => ({
                    key: `t${g.id}`,
                    label: t("rcTargetName", { code: g.id, title: g.title }),
                    score: g.score,
                    because: g.because,
                    source: g.source,
                  }))}
                onDecide={decideTag("sdgTargets")}
              />
            </>
          )}
        </Loaded>
        <div>
          {frameworks.status === "ok" && frameworks.data.length > 1 && (
            <div className="rv-field">
              <label htmlFor="rc-framework">{t("rcFramework")}</label>
              <select id="rc-framework" value={versionId} onChange={(e) => setFrameworkId(e.target.value)}>
                {frameworks.data.map((f) => (
                  <option key={f.id} value={f.id}>
                    {pick(f.title)} {f.version}
                  </option>
                ))}
              </select>
            </div>
          )}
          {versionId && (
            <Loaded states={[indicators]}>
              {(list) => (
                <ChoiceList
                  title={t("rcSuggestedIndicators")}
                  choices={list.map((i) => ({ key: i.code, label: `${i.code} · ${i.text}`, score: i.score }))}
                  onDecide={(c, accept) =>
                    run(
                      async () => {
                        await sendApi(
                          "POST",
                          `/api/recommendations/${id}/indicator-suggestions`,
                          {
                            frameworkVersionId: versionId,
                            indicatorCode: c.key,
                            decision: accept ? "accept" : "reject",
                          },
                          indicatorDecisionOut,
                        );
                        indicators.reload();
                        onChanged();
                      },
                      accept ? t("rcAccepted", { what: c.label }) : t("rcRejected", { what: c.label }),
                    )
                  }
                />
              )}
            </Loaded>
          )}
        </div>
      </div>
    </section>
  );
}

import { type FormEvent, useState } from "react";
import { z } from "zod";
import { OUTCOME_KINDS } from "../../../core/index.ts";
import { outcomeListOut } from "../../../server/api-schemas/evaluations.ts";
import { type RecommendationItem, searchResult } from "../../../server/api-schemas/recommendations.ts";
import { sendApi } from "../../api/send-api.ts";
import { fetchApi, useApi } from "../../api/use-api.ts";
import { ErrorMessage, Loading } from "../../components/status.tsx";
import { useLanguage } from "../../i18n/language.tsx";
import { DeleteButton } from "../delete-part.tsx";
import { editLanguages, LocalTextFields, readLocalText } from "../local-text-fields.tsx";
import { AttachedFiles, usePlanFiles } from "./result-files.tsx";

const created = z.object({ id: z.string() });
type Linked = { id: string; label: string };

/** A plan's advocacy outcomes with the UN recommendations they answer; editors record new ones. */
export function OutcomesSection({ planId, langs }: { planId: string; langs: readonly string[] }) {
  const { t, pick } = useLanguage();
  const list = useApi(`/api/results/plans/${planId}/outcomes`, outcomeListOut);
  const files = usePlanFiles(planId);
  if (list.status === "loading") return <Loading />;
  if (list.status === "error") return <ErrorMessage message={list.message} onRetry={list.reload} />;
  return (
    <section className="ev-section" id="outcomes" aria-labelledby="oc-title">
      <h2 id="oc-title">{t("ocTitle")}</h2>
      <p className="ev-muted">{t("ocLead")}</p>
      {list.data.outcomes.length === 0 && <p className="ev-muted">{t("ocNone")}</p>}
      {list.data.outcomes.map((o) => (
        <article key={o.id} className="ev-card" aria-label={pick(o.title)}>
          <p className="ev-eyebrow">
            {t("ocKind", { kind: o.kind })} · <bdi dir="ltr">{o.achievedOn}</bdi>
          </p>
          <h3>{pick(o.title)}</h3>
          {Object.keys(o.description).length > 0 && (
            <p className="ev-muted" dir="auto">
              {pick(o.description)}
            </p>
          )}
          {o.evidence.length > 0 && (
            <p className="ev-muted">
              {t("evEvidence")}: <bdi>{o.evidence.join(" · ")}</bdi>
            </p>
          )}
          {o.recommendations.length > 0 && (
            <div>
              <strong>{t("ocAnswers")}</strong>
              <ul className="ev-outcome-recs">
                {o.recommendations.map((r) => (
                  <li key={r.id}>
                    {r.mechanism.toUpperCase()} {r.symbol ?? ""} ({r.stateName}): {pick(r.text)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <AttachedFiles
            planId={planId}
            files={files.status === "ok" ? files.data.filter((f) => f.outcomeId === o.id) : []}
            uploadUrl={`/api/results/plans/${planId}/outcomes/${o.id}/files`}
            canEdit={list.data.canEdit}
            onChanged={files.reload}
          />
          {list.data.canEdit && (
            <p className="ev-card__actions">
              <DeleteButton
                url={`/api/results/plans/${planId}/outcomes/${o.id}`}
                label={t("rdOutcomeDelete")}
                title={t("rdOutcomeQuestion")}
                confirmLabel={t("rdConfirm")}
                onDeleted={list.reload}
              >
                <p>{t("rdOutcomeBody", { title: pick(o.title) })}</p>
              </DeleteButton>
            </p>
          )}
        </article>
      ))}
      {list.data.canEdit && <OutcomeForm planId={planId} langs={langs} onDone={list.reload} />}
    </section>
  );
}

function OutcomeForm({
  planId,
  langs: planLangs,
  onDone,
}: {
  planId: string;
  langs: readonly string[];
  onDone: () => void;
}) {
  const { t, pick, lang } = useLanguage();
  const langs = editLanguages(planLangs, lang);
  const [error, setError] = useState<string | null>(null);
  const [linked, setLinked] = useState<Linked[]>([]);
  const [found, setFound] = useState<RecommendationItem[]>([]);
  const search = async (q: string) => {
    if (q.trim().length < 2) return setFound([]);
    const result = await fetchApi(`/api/recommendations?q=${encodeURIComponent(q)}&pageSize=8`, searchResult);
    setFound(result.items);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    try {
      await sendApi(
        "POST",
        `/api/results/plans/${planId}/outcomes`,
        {
          title: readLocalText(data, "title", langs),
          description: readLocalText(data, "description", langs),
          kind: data.get("kind"),
          achievedOn: data.get("achievedOn"),
          evidence: String(data.get("evidence") ?? "")
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean),
          recommendationIds: linked.map((l) => l.id),
        },
        created,
      );
      form.reset();
      setLinked([]);
      setFound([]);
      setError(null);
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="ev-card ev-form" onSubmit={submit} aria-labelledby="oc-form-title">
      <h3 id="oc-form-title">{t("ocNew")}</h3>
      <div className="ev-form__row">
        <LocalTextFields name="title" label={t("rsTitleLangs")} langs={langs} />
        <label>
          {t("evTypeLabel")}
          <select name="kind" defaultValue="law">
            {OUTCOME_KINDS.map((k) => (
              <option key={k} value={k}>
                {t("ocKind", { kind: k })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("ocDate")}
          <input name="achievedOn" type="date" required />
        </label>
      </div>
      <LocalTextFields
        name="description"
        label={t("ocDescription")}
        langs={langs}
        multiline
        maxLength={10000}
      />
      <label>
        {t("evEvidenceLines")}
        <textarea name="evidence" rows={2} />
      </label>
      <label>
        {t("ocSearch")}
        <input type="search" onChange={(e) => void search(e.target.value).catch(() => setFound([]))} />
      </label>
      {found.length > 0 && (
        <ul className="ev-outcome-recs">
          {found
            .filter((r) => !linked.some((l) => l.id === r.id))
            .map((r) => {
              const label = `${r.mechanism.toUpperCase()} ${r.documentSymbol ?? ""} ¶${r.paragraph ?? ""} (${r.stateName}): ${pick(r.text).slice(0, 140)}`;
              return (
                <li key={r.id}>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setLinked([...linked, { id: r.id, label }])}
                  >
                    {t("evAdd")}
                  </button>{" "}
                  {label}
                </li>
              );
            })}
        </ul>
      )}
      {linked.length > 0 && (
        <div>
          <strong>{t("ocLinked")}</strong>
          <ul className="ev-outcome-recs">
            {linked.map((l) => (
              <li key={l.id}>
                {l.label}{" "}
                <button
                  type="button"
                  className="button"
                  onClick={() => setLinked(linked.filter((x) => x.id !== l.id))}
                >
                  {t("ocRemove")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <p className="rs-error">{error}</p>}
      <div>
        <button type="submit" className="button button--primary">
          {t("ocNew")}
        </button>
      </div>
    </form>
  );
}

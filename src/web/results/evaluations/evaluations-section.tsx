import { type FormEvent, useState } from "react";
import { z } from "zod";
import {
  DEFAULT_EVALUATION_SCALE,
  EVALUATION_CRITERIA,
  EVALUATION_TYPES,
  FOLLOW_UP_STATUSES,
  RESPONSE_DECISIONS,
  ratingShare,
  textLanguages,
} from "../../../core/index.ts";
import {
  type EvaluationOut,
  evaluationListOut,
  evaluationSummaryOut,
  type ResultFileOut,
} from "../../../server/api-schemas/evaluations.ts";
import { sendApi } from "../../api/send-api.ts";
import { useApi } from "../../api/use-api.ts";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import { ErrorMessage, Loading } from "../../components/status.tsx";
import { useLanguage } from "../../i18n/language.tsx";
import { DeleteButton } from "../delete-part.tsx";
import { editLanguages, LocalTextFields, readLocalText } from "../local-text-fields.tsx";
import { AttachedFiles, usePlanFiles } from "./result-files.tsx";
import "./evaluations.css";

const created = z.object({ id: z.string() });
const given = (text: Record<string, string>) => Object.values(text).some((v) => v.length > 0);
const lines = (text: FormDataEntryValue | null) =>
  String(text ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** A plan's evaluations: the criteria × evaluations summary, each evaluation's findings and recommendations. */
export function EvaluationsSection({ planId, langs }: { planId: string; langs: readonly string[] }) {
  const { t } = useLanguage();
  const list = useApi(`/api/results/plans/${planId}/evaluations`, evaluationListOut);
  const summary = useApi(`/api/results/plans/${planId}/evaluations/summary`, evaluationSummaryOut);
  const files = usePlanFiles(planId);
  const [editing, setEditing] = useState<EvaluationOut | "new" | null>(null);
  const reload = () => {
    list.reload();
    summary.reload();
  };
  if (list.status === "loading" || summary.status === "loading") return <Loading />;
  if (list.status === "error") return <ErrorMessage message={list.message} onRetry={list.reload} />;
  if (summary.status === "error") return <ErrorMessage message={summary.message} onRetry={summary.reload} />;
  const { evaluations, canEdit, canReport } = list.data;
  return (
    <section className="ev-section" id="evaluations" aria-labelledby="ev-title">
      <h2 id="ev-title">{t("evTitle")}</h2>
      {evaluations.length === 0 ? (
        <p className="ev-muted">{t("evNone")}</p>
      ) : (
        <>
          <p className="ev-muted">{t("evLead")}</p>
          <SummaryTable summary={summary.data} />
          {evaluations.map((e) => (
            <EvaluationCard
              key={e.id}
              planId={planId}
              evaluation={e}
              canEdit={canEdit}
              canReport={canReport}
              langs={langs}
              files={files.status === "ok" ? files.data : []}
              onFilesChanged={files.reload}
              onEdit={() => setEditing(e)}
              onChanged={reload}
            />
          ))}
        </>
      )}
      {canEdit &&
        (editing ? (
          <EvaluationForm
            planId={planId}
            langs={langs}
            evaluation={editing === "new" ? null : editing}
            onDone={() => {
              setEditing(null);
              reload();
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <button type="button" className="button button--primary" onClick={() => setEditing("new")}>
            {t("evNew")}
          </button>
        ))}
    </section>
  );
}

type Summary = z.infer<typeof evaluationSummaryOut>;

/** A chip coloured by where the rating sits on its own scale (red low … green high). */
function RatingChip({ rating }: { rating: Summary["rows"][number]["ratings"][number] }) {
  const { t, pick } = useLanguage();
  if (rating.rating === null) return <span className="ev-chip ev-chip--none">{t("evNotRated")}</span>;
  const band =
    rating.share === null ? "none" : rating.share >= 0.75 ? "high" : rating.share >= 0.5 ? "mid" : "low";
  return (
    <span className={`ev-chip ev-chip--${band}`}>
      <strong>{rating.rating}</strong> {rating.label ? pick(rating.label) : ""}
    </span>
  );
}

function SummaryTable({ summary }: { summary: Summary }) {
  const { t, pick } = useLanguage();
  return (
    <ScrollRegion label={t("evLead")}>
      <table className="ev-summary">
        <thead>
          <tr>
            <th scope="col">{t("evColCriterion")}</th>
            {summary.evaluations.map((e) => (
              <th scope="col" key={e.id}>
                {pick(e.title)}
                <span className="ev-muted ev-block">
                  {t("evType", { type: e.type })} · {e.periodEnd.slice(0, 4)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.criterion}>
              <th scope="row">{t("evCriterion", { criterion: row.criterion })}</th>
              {row.ratings.map((r, i) => (
                <td key={summary.evaluations[i]!.id}>
                  <RatingChip rating={r} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function EvaluationCard({
  planId,
  evaluation: e,
  canEdit,
  canReport,
  langs: planLangs,
  files,
  onFilesChanged,
  onEdit,
  onChanged,
}: {
  planId: string;
  evaluation: EvaluationOut;
  canEdit: boolean;
  canReport: boolean;
  langs: readonly string[];
  files: ResultFileOut[];
  onFilesChanged: () => void;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const { t, pick, lang } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const base = `/api/results/plans/${planId}/evaluations/${e.id}`;
  const langs = editLanguages(planLangs, lang);
  const addRecommendation = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    try {
      await sendApi(
        "POST",
        `${base}/recommendations`,
        { text: readLocalText(data, "text", langs), dueOn: String(data.get("dueOn") ?? "") || null },
        created,
      );
      form.reset();
      setError(null);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <article className="ev-card" aria-label={pick(e.title)}>
      <header className="ev-card__head">
        <p className="ev-eyebrow">
          {t("evType", { type: e.type })} ·{" "}
          <bdi dir="ltr">{t("evPeriod", { start: e.periodStart, end: e.periodEnd })}</bdi>
        </p>
        <h3>{pick(e.title)}</h3>
        <p className="ev-muted">
          {t("evEvaluators")}: <bdi>{e.evaluators}</bdi>
        </p>
        {canEdit && (
          <p className="ev-card__actions">
            <button type="button" className="button" onClick={onEdit}>
              {t("evEditFindings")}
            </button>{" "}
            <DeleteButton
              url={base}
              label={t("rdEvaluationDelete")}
              title={t("rdEvaluationQuestion")}
              confirmLabel={t("rdConfirm")}
              onDeleted={onChanged}
            >
              <p>{t("rdEvaluationBody", { title: pick(e.title) })}</p>
            </DeleteButton>
          </p>
        )}
      </header>
      <h4>{t("evFindings")}</h4>
      <dl className="ev-findings">
        {e.findings.map((f) => (
          <div key={f.criterion} className="ev-finding">
            <dt>
              {t("evCriterion", { criterion: f.criterion })}{" "}
              <RatingChip
                rating={{
                  rating: f.rating,
                  label: e.scale.find((p) => p.value === f.rating)?.label ?? null,
                  share: ratingShare(e.scale, f.rating),
                }}
              />
            </dt>
            <dd>
              {given(f.narrative) && <p dir="auto">{pick(f.narrative)}</p>}
              {f.evidence.length > 0 && (
                <p className="ev-muted">
                  {t("evEvidence")}: <bdi>{f.evidence.join(" · ")}</bdi>
                </p>
              )}
              <AttachedFiles
                planId={planId}
                files={files.filter((file) => file.evaluationId === e.id && file.criterion === f.criterion)}
                uploadUrl={`${base}/findings/${f.criterion}/files`}
                canEdit={canEdit}
                onChanged={onFilesChanged}
              />
            </dd>
          </div>
        ))}
      </dl>
      <h4>{t("evRecommendations")}</h4>
      <ol className="ev-recs">
        {e.recommendations.map((r) => (
          <RecommendationItem
            key={r.id}
            base={base}
            rec={r}
            langs={planLangs}
            canReport={canReport}
            onChanged={onChanged}
          />
        ))}
      </ol>
      {canEdit && (
        <form className="ev-form ev-form--inline" onSubmit={addRecommendation}>
          <LocalTextFields name="text" label={t("evRecommendationText")} langs={langs} maxLength={5000} />
          <label>
            {t("evDue")}
            <input name="dueOn" type="date" />
          </label>
          <button type="submit" className="button">
            {t("evAddRecommendation")}
          </button>
        </form>
      )}
      {error && <p className="rs-error">{error}</p>}
    </article>
  );
}

function RecommendationItem({
  base,
  rec,
  langs: planLangs,
  canReport,
  onChanged,
}: {
  base: string;
  rec: EvaluationOut["recommendations"][number];
  langs: readonly string[];
  canReport: boolean;
  onChanged: () => void;
}) {
  const { t, lang, pick } = useLanguage();
  const langs = editLanguages(
    textLanguages([rec.text, rec.managementResponse], planLangs[0]).concat(planLangs),
    lang,
  );
  const [error, setError] = useState<string | null>(null);
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    try {
      await sendApi(
        "PUT",
        `${base}/recommendations/${rec.id}`,
        {
          responseDecision: String(data.get("decision") ?? "") || null,
          managementResponse: readLocalText(data, "response", langs),
          status: data.get("status"),
          note: String(data.get("note") ?? "") || null,
        },
        z.null(),
      );
      setError(null);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const when = (iso: string) => new Date(iso).toLocaleDateString(lang, { dateStyle: "medium" });
  return (
    <li className="ev-rec">
      <p className="ev-rec__text" dir="auto">
        {pick(rec.text)}
      </p>
      <p>
        <span className={`ev-status ev-status--${rec.status}`}>{t("evStatus", { status: rec.status })}</span>{" "}
        <span className="ev-muted">
          {t("evDecision", { decision: rec.responseDecision ?? "none" })}
          {rec.dueOn && ` · ${t("evDue")} ${rec.dueOn}`}
        </span>
      </p>
      {given(rec.managementResponse) && (
        <p>
          <strong>{t("evResponse")}:</strong> <bdi>{pick(rec.managementResponse)}</bdi>
        </p>
      )}
      <details className="ev-history">
        <summary className="ev-muted">{t("evHistoryTitle", { count: rec.history.length })}</summary>
        <ul>
          {rec.history.map((h) => (
            <li key={`${h.changedAt}-${h.status}-${h.note ?? ""}`}>
              {t("evStatus", { status: h.status })} · <bdi>{h.changedBy ?? "—"}</bdi> ·{" "}
              <bdi dir="ltr">{when(h.changedAt)}</bdi>
              {h.note && (
                <>
                  {" — "}
                  <bdi>{h.note}</bdi>
                </>
              )}
            </li>
          ))}
        </ul>
      </details>
      {canReport && (
        <form className="ev-form ev-form--inline" onSubmit={save}>
          <label>
            {t("evResponse")}
            <select name="decision" defaultValue={rec.responseDecision ?? ""}>
              <option value="">{t("evDecision", { decision: "none" })}</option>
              {RESPONSE_DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {t("evDecision", { decision: d })}
                </option>
              ))}
            </select>
          </label>
          <div className="ev-grow">
            <LocalTextFields
              name="response"
              label={t("evResponseText")}
              langs={langs}
              value={rec.managementResponse}
              multiline
              maxLength={10000}
            />
          </div>
          <label>
            {t("evStatusLabel")}
            <select name="status" defaultValue={rec.status}>
              {FOLLOW_UP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t("evStatus", { status: s })}
                </option>
              ))}
            </select>
          </label>
          <input type="hidden" name="note" value="" />
          <button type="submit" className="button">
            {t("evSaveFollowUp")}
          </button>
        </form>
      )}
      {error && <p className="rs-error">{error}</p>}
    </li>
  );
}

/** Create or edit an evaluation: its frame and a finding per criterion (rating picker, narrative, evidence). */
function EvaluationForm({
  planId,
  langs: planLangs,
  evaluation,
  onDone,
  onCancel,
}: {
  planId: string;
  langs: readonly string[];
  evaluation: EvaluationOut | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, pick, lang } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const scale = evaluation?.scale ?? DEFAULT_EVALUATION_SCALE;
  const langs = editLanguages(
    textLanguages(
      [evaluation?.title, ...(evaluation?.findings ?? []).map((f) => f.narrative)],
      planLangs[0],
    ).concat(planLangs),
    lang,
  );
  const finding = (c: string) => evaluation?.findings.find((f) => f.criterion === c);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body = {
      title: readLocalText(data, "title", langs),
      type: data.get("type"),
      nodeId: evaluation?.nodeId ?? null,
      periodStart: data.get("periodStart"),
      periodEnd: data.get("periodEnd"),
      evaluators: data.get("evaluators"),
      scale,
      findings: EVALUATION_CRITERIA.map((criterion) => ({
        criterion,
        rating: data.get(`rating-${criterion}`) ? Number(data.get(`rating-${criterion}`)) : null,
        narrative: readLocalText(data, `narrative-${criterion}`, langs),
        evidence: lines(data.get(`evidence-${criterion}`)),
      })).filter((f) => f.rating !== null || given(f.narrative) || f.evidence.length),
    };
    try {
      if (evaluation)
        await sendApi("PUT", `/api/results/plans/${planId}/evaluations/${evaluation.id}`, body, z.null());
      else await sendApi("POST", `/api/results/plans/${planId}/evaluations`, body, created);
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="ev-card ev-form" onSubmit={submit} aria-labelledby="ev-form-title">
      <h3 id="ev-form-title">{evaluation ? t("evEditFindings") : t("evNew")}</h3>
      <div className="ev-form__row">
        <LocalTextFields name="title" label={t("rsTitleLangs")} langs={langs} value={evaluation?.title} />
        <label>
          {t("evTypeLabel")}
          <select name="type" defaultValue={evaluation?.type ?? "mid_term"}>
            {EVALUATION_TYPES.map((x) => (
              <option key={x} value={x}>
                {t("evType", { type: x })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("evStart")}
          <input name="periodStart" type="date" required defaultValue={evaluation?.periodStart} />
        </label>
        <label>
          {t("evEnd")}
          <input name="periodEnd" type="date" required defaultValue={evaluation?.periodEnd} />
        </label>
        <label className="ev-grow">
          {t("evEvaluators")}
          <input name="evaluators" required defaultValue={evaluation?.evaluators} />
        </label>
      </div>
      {EVALUATION_CRITERIA.map((c) => (
        <fieldset key={c} className="ev-criterion">
          <legend>{t("evCriterion", { criterion: c })}</legend>
          <div
            className="ev-scale"
            role="radiogroup"
            aria-label={`${t("evRating")}: ${t("evCriterion", { criterion: c })}`}
          >
            <label className="ev-scale__point">
              <input type="radio" name={`rating-${c}`} value="" defaultChecked={finding(c)?.rating == null} />
              {t("evNotRated")}
            </label>
            {scale.map((p) => (
              <label key={p.value} className="ev-scale__point">
                <input
                  type="radio"
                  name={`rating-${c}`}
                  value={p.value}
                  defaultChecked={finding(c)?.rating === p.value}
                />
                {p.value} · {pick(p.label)}
              </label>
            ))}
          </div>
          <LocalTextFields
            name={`narrative-${c}`}
            label={t("evNarrative")}
            langs={langs}
            value={finding(c)?.narrative}
            multiline
            maxLength={20000}
          />
          <label>
            {t("evEvidenceLines")}
            <textarea name={`evidence-${c}`} rows={1} defaultValue={finding(c)?.evidence.join("\n") ?? ""} />
          </label>
        </fieldset>
      ))}
      {error && <p className="rs-error">{error}</p>}
      <div className="ev-form__row">
        <button type="submit" className="button button--primary">
          {t("evSave")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("evCancel")}
        </button>
      </div>
    </form>
  );
}

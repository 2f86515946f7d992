import { useState } from "react";
import { z } from "zod";
import { questionText, REMOVED } from "../../core/index.ts";
import {
  consultationOut,
  type ModerationItemOut,
  moderationItemOut,
} from "../../server/api-schemas/children.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { formatDateTime } from "../review/format.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { Problems, problemsOf } from "./problems.tsx";
import "./children.css";

type Filter = "pending" | "decided";

/**
 * Children's free texts for the consultation's moderators. Nothing a child wrote is shown in the
 * results, the reports or on the portal until a moderator approves it, or removes the parts that
 * could identify someone; a rejected text is never shown. Each decision is kept with who and when.
 */
export function ModerationPage({ id }: { id: string }) {
  const { t, pick, lang } = useLanguage();
  const consultation = useApi(`/api/children/consultations/${id}`, consultationOut);
  const items = useApi(`/api/children/consultations/${id}/moderation`, z.array(moderationItemOut));
  const [filter, setFilter] = useState<Filter>("pending");
  if (consultation.status === "loading" || items.status === "loading") return <Loading />;
  const failed = consultation.status === "error" ? consultation : items.status === "error" ? items : null;
  if (failed) {
    return (
      <div className="ch-page">
        <PageTitle text={t("mdTitle")}>{t("mdTitle")}</PageTitle>
        <ErrorMessage message={failed.message} onRetry={failed.reload} />
      </div>
    );
  }
  if (consultation.status !== "ok" || items.status !== "ok") return <Loading />;
  const c = consultation.data;
  const pending = items.data.filter((i) => i.status === "pending");
  const shown = filter === "pending" ? pending : items.data.filter((i) => i.status !== "pending");
  return (
    <div className="ch-page">
      <PageTitle text={t("mdTitle")}>{t("mdTitle")}</PageTitle>
      <p className="lead">
        <Link to={paths.childrenConsultation(id)}>{pick(c.title)}</Link> · {c.organisation.name}
      </p>
      <p className="ch-note">{t("mdLead")}</p>
      <fieldset className="md-filters">
        <legend className="visually-hidden">{t("mdShow")}</legend>
        {(["pending", "decided"] as const).map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(f === "pending" ? "mdWaiting" : "mdDecided", {
              count: f === "pending" ? pending.length : items.data.length - pending.length,
            })}
          </button>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <p role="status">{t(filter === "pending" ? "mdNoneWaiting" : "mdNoneDecided")}</p>
      ) : (
        <ul className="md-list">
          {shown.map((item) => {
            const question = c.definition.questions.find((q) => q.code === item.questionCode);
            return (
              <ModerationCard
                key={`${item.submissionId}/${item.questionCode}`}
                consultationId={id}
                item={item}
                question={question ? questionText(question, "", lang) : item.questionCode}
                onDecided={items.reload}
              />
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** One free text: what the screening found, the decision buttons, and the decisions so far. */
function ModerationCard({
  consultationId,
  item,
  question,
  onDecided,
}: {
  consultationId: string;
  item: ModerationItemOut;
  question: string;
  onDecided: () => void;
}) {
  const { t, lang } = useLanguage();
  const [part, setPart] = useState("");
  const [parts, setParts] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `md-${item.submissionId}-${item.questionCode}`;
  const decide = (decision: "approve" | "redact" | "reject") => {
    setBusy(true);
    setProblems(null);
    sendApi(
      "PUT",
      `/api/children/consultations/${consultationId}/moderation/${item.submissionId}/${encodeURIComponent(item.questionCode)}`,
      { decision, parts: decision === "redact" ? parts : [], expectedVersion: item.version },
      z.null(),
    )
      .then(
        () => {
          setParts([]);
          onDecided();
        },
        (error: unknown) => setProblems(problemsOf(error)),
      )
      .finally(() => setBusy(false));
  };
  const addPart = () => {
    const p = part.trim();
    if (p && item.text.includes(p) && !parts.includes(p)) setParts([...parts, p]);
    setPart("");
  };
  const preview = parts.reduce((out, p) => out.split(p).join(REMOVED), item.text);
  const partMissing = part.trim() !== "" && !item.text.includes(part.trim());
  return (
    <li className="md-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="md-question">
        {question}
      </h2>
      <p className="md-status">
        <span className={`md-badge md-${item.status}`}>{t("mdStatus", { status: item.status })}</span>
        {item.findings.length > 0 && (
          <span>
            {" "}
            {t("mdFound")}{" "}
            {item.findings.map((f) => t("mdFinding", { finding: f.replace("-", "_") })).join(", ")}
          </span>
        )}
      </p>
      <blockquote className="md-text" lang="">
        {parts.length ? preview : item.text}
      </blockquote>
      <div className="md-redact">
        <label className="cd-field">
          {t("mdPartLabel")}
          <input
            value={part}
            onChange={(e) => setPart(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addPart();
              }
            }}
            aria-invalid={partMissing}
            aria-describedby={`${headingId}-hint`}
          />
        </label>
        <button type="button" onClick={addPart} disabled={!part.trim() || partMissing}>
          {t("mdAddPart")}
        </button>
        <p id={`${headingId}-hint`} className="ch-note">
          {partMissing ? t("mdPartMissing") : t("mdPartHint")}
        </p>
        {parts.length > 0 && (
          <ul className="md-parts" aria-label={t("mdPartsToRemove")}>
            {parts.map((p) => (
              <li key={p}>
                <span>{p}</span>{" "}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setParts(parts.filter((x) => x !== p))}
                  aria-label={t("mdKeepPart", { part: p })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="ch-actions md-actions">
        {parts.length > 0 ? (
          <button type="button" disabled={busy} onClick={() => decide("redact")}>
            {t("mdRedact", { count: parts.length })}
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => decide("approve")}>
            {t("mdApprove")}
          </button>
        )}
        <button type="button" className="md-reject" disabled={busy} onClick={() => decide("reject")}>
          {t("mdReject")}
        </button>
      </p>
      {problems && <Problems lines={problems} />}
      {item.history.length > 0 && (
        <ol className="md-history" aria-label={t("mdHistory")}>
          {item.history.map((h) => (
            <li key={`${h.at}-${h.status}`}>
              {t("mdDecision", { status: h.status, parts: h.parts, by: h.by ?? "—" })}{" "}
              <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

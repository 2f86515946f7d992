import { useId, useState } from "react";
import type { AnswerOut } from "../../server/api-schemas/assessments.ts";
import { type CommentOut, reviewDecisionOut, reviewStateOut } from "../../server/api-schemas/review.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { formatDateTime } from "./format.ts";
import { LiveNotice, useNotice } from "./live-notice.tsx";

/** The flag a reviewer set, shown prominently to everyone, with the reviewer's latest rework comment. */
export function ReworkBanner({ answer, comment }: { answer: AnswerOut; comment: CommentOut | undefined }) {
  const { t, lang } = useLanguage();
  return (
    <div className="rv-rework" role="note">
      <p className="rv-rework__title">
        <span aria-hidden="true">⚑ </span>
        {t("rvNeedsRework")}
        {answer.changedSinceReturn && <span className="rv-badge">{t("rvChangedSinceReturn")}</span>}
      </p>
      {comment && (
        <>
          <p className="rv-meta">
            {t("rvNeedsReworkLead")} <strong>{comment.author}</strong>,{" "}
            <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, lang)}</time>
          </p>
          <p className="rv-text rv-quote" dir="auto">
            {comment.body}
          </p>
        </>
      )}
    </div>
  );
}

/**
 * The Review tab: a reviewer approves the answer, or flags it for rework with a
 * required comment; either can be withdrawn.
 */
export function ReworkPanel({
  endpoint,
  approveEndpoint,
  answer,
  inReview,
  onChanged,
}: {
  endpoint: string;
  approveEndpoint: string;
  answer: AnswerOut | undefined;
  inReview: boolean;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const { notice, say } = useNotice();

  async function send(method: "POST" | "DELETE") {
    setBusy(true);
    try {
      await sendApi(method, endpoint, method === "POST" ? { comment } : undefined, reviewStateOut);
      setComment("");
      say(method === "POST" ? t("rvFlagged") : t("rvCleared"));
      onChanged();
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), "error");
    } finally {
      setBusy(false);
    }
  }

  async function approve() {
    setBusy(true);
    try {
      await sendApi("POST", approveEndpoint, undefined, reviewDecisionOut);
      say(t("rvApprovedNotice"));
      onChanged();
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), "error");
    } finally {
      setBusy(false);
    }
  }

  if (!inReview) return <p className="muted">{t("rvReviewOnlyInReview")}</p>;
  if (!answer) return <p className="muted">{t("rvReviewNeedsAnswer")}</p>;
  const flagged = answer.reviewState === "needs_rework";
  const approved = answer.reviewState === "approved";
  return (
    <div className="rv-panel">
      {flagged || approved ? (
        <>
          {approved && <p className="rv-meta">{t("rvApprovedBy")}</p>}
          <button type="button" className="button" disabled={busy} onClick={() => void send("DELETE")}>
            {approved ? t("rvClearApproval") : t("rvClearFlag")}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void approve()}
          >
            {t("rvApprove")}
          </button>
          <form
            className="rv-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (comment.trim()) void send("POST");
            }}
          >
            <h4 className="rv-form__title">{t("rvFlagTitle")}</h4>
            <div className="rv-field">
              <label htmlFor={`${id}-rework`}>{t("rvFlagComment")}</label>
              <textarea
                id={`${id}-rework`}
                rows={3}
                required
                aria-required="true"
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </div>
            <button type="submit" className="button" disabled={busy || !comment.trim()}>
              {busy ? t("rvWorking") : t("rvFlag")}
            </button>
          </form>
        </>
      )}
      <LiveNotice notice={notice} />
    </div>
  );
}

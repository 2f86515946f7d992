import { useId, useState } from "react";
import type { AnswerOut } from "../../server/api-schemas/assessments.ts";
import { reviewDecisionOut } from "../../server/api-schemas/review.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { LiveNotice, useNotice } from "./live-notice.tsx";

/**
 * A reviewer's decision on a whole section: approve every answer at once, or
 * return them all with one comment (kept on each answer's thread and sent to
 * the country team). Shown only to reviewers while the assessment is in review.
 */
export function SectionReview({
  assessmentId,
  nodeCode,
  sectionName,
  codes,
  answers,
  onChanged,
}: {
  assessmentId: string;
  nodeCode: string;
  sectionName: string;
  codes: readonly string[];
  answers: ReadonlyMap<string, AnswerOut>;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const { notice, say } = useNotice();
  const stateCount = (state: string) => codes.filter((c) => answers.get(c)?.reviewState === state).length;

  async function decide(decision: "approve" | "return") {
    setBusy(true);
    try {
      const result = await sendApi(
        "POST",
        `/api/assessments/${assessmentId}/sections/${encodeURIComponent(nodeCode)}/review`,
        decision === "return" ? { decision, comment } : { decision },
        reviewDecisionOut,
      );
      const count = result.indicators.length;
      say(decision === "approve" ? t("rvSectionApproved", { count }) : t("rvSectionReturned", { count }));
      setComment("");
      onChanged();
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="rv-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="rv-section__title">
        {t("rvSectionTitle")}: {sectionName}
      </h2>
      <p className="rv-meta">
        {t("rvSectionLead", {
          count: codes.length,
          approved: stateCount("approved"),
          returned: stateCount("needs_rework"),
        })}
      </p>
      <div className="rv-section__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void decide("approve")}
        >
          {t("rvSectionApprove")}
        </button>
        <form
          className="rv-section__return"
          onSubmit={(event) => {
            event.preventDefault();
            if (comment.trim()) void decide("return");
          }}
        >
          <label htmlFor={`${id}-comment`}>{t("rvSectionComment")}</label>
          <textarea
            id={`${id}-comment`}
            rows={2}
            required
            aria-required="true"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className="button" disabled={busy || !comment.trim()}>
            {t("rvSectionReturn")}
          </button>
        </form>
      </div>
      <LiveNotice notice={notice} />
    </section>
  );
}

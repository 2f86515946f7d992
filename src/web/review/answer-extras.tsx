import { type KeyboardEvent, useId, useRef, useState } from "react";
import { z } from "zod";
import type { Indicator } from "../../core/index.ts";
import type { AnswerOut, PermissionsOut } from "../../server/api-schemas/assessments.ts";
import { commentOut } from "../../server/api-schemas/review.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorMessage } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { CommentsPanel } from "./comments-panel.tsx";
import { EvidencePanel } from "./evidence-panel.tsx";
import { ReworkBanner, ReworkPanel } from "./rework-panel.tsx";
import "./review.css";

type Tab = "evidence" | "comments" | "review";
const editableStatuses = new Set(["draft", "returned"]);

export interface AnswerExtrasProps {
  assessmentId: string;
  indicatorCode: string;
  indicator: Indicator;
  answer: AnswerOut | undefined;
  permissions: PermissionsOut;
  status: string;
  /** Whether this person may change this answer now (e.g. section limits); default: may write and the status allows it. */
  canWrite?: boolean;
  /** Evidence may create the answer or bump its version; the page reloads it. */
  onAnswerChanged: () => void;
}

/**
 * Evidence, comments and review of one answer, as tabs under the answer. The
 * rework flag is shown above them for everyone. Lists load when a tab opens,
 * so a page of many answers makes no request until asked.
 */
export function AnswerExtras(props: AnswerExtrasProps) {
  const { assessmentId, indicatorCode, indicator, answer, permissions, status, onAnswerChanged } = props;
  const writable = props.canWrite ?? (permissions.canWrite && editableStatuses.has(status));
  const { t } = useLanguage();
  const id = useId();
  const [open, setOpen] = useState<Tab | null>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({
    evidence: null,
    comments: null,
    review: null,
  });
  const answerPath = `/api/assessments/${assessmentId}/answers/${encodeURIComponent(indicatorCode)}`;
  const flagged = answer?.reviewState === "needs_rework";
  // Comments are needed for the open tab, and for the rework banner's comment.
  const comments = useApi(
    open === "comments" || flagged ? `${answerPath}/comments` : null,
    z.array(commentOut),
  );
  const commentList = comments.status === "ok" ? comments.data : [];
  const reworkComment = commentList.filter((c) => c.kind === "rework").at(-1);
  const canComment =
    permissions.canWrite || permissions.canReview || permissions.canSubmit || permissions.canAssign;
  const tabs: Tab[] = permissions.canReview ? ["evidence", "comments", "review"] : ["evidence", "comments"];
  const labels: Record<Tab, string> = {
    evidence: t("rvEvidenceTab", { count: answer?.evidenceCount ?? 0 }),
    comments: t("rvCommentsTab", { count: answer?.commentCount ?? 0 }),
    review: t("rvReviewTab"),
  };

  const onKeyDown = (event: KeyboardEvent, tab: Tab) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -tabs.length, End: tabs.length }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const rtl = document.documentElement.dir === "rtl" && Math.abs(step) === 1 ? -1 : 1;
    const index = Math.min(tabs.length - 1, Math.max(0, tabs.indexOf(tab) + step * rtl));
    const next = tabs[index]!;
    setOpen(next);
    tabRefs.current[next]?.focus();
  };

  const changed = () => {
    onAnswerChanged();
    comments.reload();
  };

  return (
    <section className="rv-extras" aria-label={t("rvExtrasLabel")}>
      {flagged && answer && <ReworkBanner answer={answer} comment={reworkComment} />}
      <div className="rv-tabs" role="tablist" aria-label={t("rvExtrasLabel")}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(el) => {
              tabRefs.current[tab] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${tab}-tab`}
            aria-selected={open === tab}
            aria-controls={`${id}-${tab}-panel`}
            tabIndex={open === tab || (open === null && tab === "evidence") ? 0 : -1}
            className={open === tab ? "rv-tab rv-tab--open" : "rv-tab"}
            onClick={() => setOpen(open === tab ? null : tab)}
            onKeyDown={(event) => onKeyDown(event, tab)}
          >
            {labels[tab]}
          </button>
        ))}
      </div>
      {open && (
        <div
          role="tabpanel"
          id={`${id}-${open}-panel`}
          aria-labelledby={`${id}-${open}-tab`}
          className="rv-tabpanel"
        >
          {open === "evidence" && (
            <EvidencePanel
              answerPath={answerPath}
              writable={writable}
              required={indicator.evidence.required}
              onChanged={onAnswerChanged}
            />
          )}
          {open === "comments" &&
            (comments.status === "error" ? (
              <ErrorMessage message={comments.message} onRetry={comments.reload} />
            ) : (
              <CommentsPanel
                endpoint={`${answerPath}/comments`}
                comments={commentList}
                canComment={canComment}
                onPosted={changed}
              />
            ))}
          {open === "review" && (
            <ReworkPanel
              endpoint={`${answerPath}/rework`}
              approveEndpoint={`${answerPath}/approve`}
              answer={answer}
              inReview={status === "in_review"}
              onChanged={changed}
            />
          )}
        </div>
      )}
    </section>
  );
}

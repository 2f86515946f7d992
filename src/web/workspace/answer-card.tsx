import { memo, useState } from "react";
import type { Indicator } from "../../core/index.ts";
import type { AnswerOut } from "../../server/api-schemas/assessments.ts";
import { BudgetSourcePanel, LinkedInvestmentPanel } from "../budgets/linked-panel.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { AnswerEditor, type OnEdit } from "./answer-editor.tsx";
import type { AnswerContent, SaveState, ServerAnswer } from "./answer-saver.ts";
import { ChildrenSaidPanel } from "./children-said-panel.tsx";
import { HistoryPanel } from "./history-panel.tsx";
import { AnswerReviewSlot } from "./review-slots.tsx";
import { SaveBadge } from "./save-badge.tsx";
import type { WorkspaceData } from "./workspace-data.ts";

export interface AnswerCardProps {
  data: WorkspaceData;
  indicator: Indicator;
  content: AnswerContent;
  state: SaveState;
  answer: AnswerOut | undefined;
  serverVersion: number;
  /** Why this person may not change the answer, or null when they may. */
  lockReason: string | null;
  /** True when the same reason is already shown once above the list (a page-wide lock). */
  isLockShownAbove: boolean;
  assignedToMe: boolean;
  /** True when the live score fills this unanswered indicator in by the framework's missing-data rule. */
  imputed: boolean;
  onEdit: (code: string, content: AnswerContent, delay: number, invalid?: string) => void;
  onResolve: (code: string) => void;
  onRestored: (code: string, answer: ServerAnswer) => void;
  onChanged: () => void;
}

/** One indicator: its question, editor, save state, guidance, history and the review panel. */
export const AnswerCard = memo(function AnswerCard(props: AnswerCardProps) {
  const { indicator, content, state, answer, lockReason } = props;
  const { t, pick } = useLanguage();
  const [historyOpen, setHistoryOpen] = useState(false);
  const code = indicator.code;
  const labelId = `q-${code}`;
  const onEdit: OnEdit = (next, delay, invalid) => props.onEdit(code, next, delay, invalid);
  const fallback = props.data.framework.defaultLanguage;
  const guidance = pick(indicator.guidance, fallback);
  const evidenceNote = pick(indicator.evidence.description, fallback);
  return (
    <article className="answer-card" id={`indicator-${code}`} data-indicator={code} aria-labelledby={labelId}>
      <header className="answer-card__head">
        <h3 id={labelId} className="answer-card__question">
          <span className="answer-card__code">{code}</span> {pick(indicator.text, fallback)}
        </h3>
        <SaveBadge state={state} onResolve={() => props.onResolve(code)} />
      </header>
      <p className="answer-card__tags">
        {indicator.evidence.required && <span className="tag tag--evidence">{t("wsEvidenceRequired")}</span>}
        {props.assignedToMe && <span className="tag tag--mine">{t("wsAssignedToMe")}</span>}
        {props.imputed && (
          <span className="tag tag--imputed" title={t("wsImputedTitle")}>
            {t("wsImputedTag")}
          </span>
        )}
        {answer?.reviewState === "needs_rework" && (
          <span className="tag tag--rework">{t("wsNeedsRework")}</span>
        )}
        {answer?.reviewState === "approved" && (
          <span className="tag tag--approved">{t("rvApprovedTag")}</span>
        )}
      </p>
      <AnswerEditor
        indicator={indicator}
        content={content}
        disabled={lockReason !== null}
        onEdit={onEdit}
        labelId={labelId}
        fallbackLanguage={fallback}
      />
      {lockReason && !props.isLockShownAbove && <p className="answer-card__lock muted">{lockReason}</p>}
      {state.message && (state.status === "invalid" || state.status === "error") && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      {(guidance || evidenceNote) && (
        <details className="answer-card__guidance">
          <summary>{t("wsGuidance")}</summary>
          {guidance && <p>{guidance}</p>}
          {evidenceNote && <p>{t("wsEvidenceHint", { description: evidenceNote })}</p>}
        </details>
      )}
      <ChildrenSaidPanel indicatorCode={code} country={props.data.assessment.country.code} />
      <BudgetSourcePanel
        country={props.data.assessment.country.code}
        indicator={indicator}
        onUse={
          lockReason
            ? null
            : (value, note) => onEdit({ value, justification: content.justification || note }, 0)
        }
      />
      <LinkedInvestmentPanel
        country={props.data.assessment.country.code}
        indicator={code}
        node={indicator.node}
      />
      {/* ── Review panel (evidence, comments, review flag): filled in by src/web/review ── */}
      <div className="answer-card__review">
        <AnswerReviewSlot
          data={props.data}
          indicatorCode={code}
          answer={answer}
          canWrite={lockReason === null}
          onChanged={props.onChanged}
        />
      </div>
      {/* ── end of review panel ── */}
      <details className="answer-card__history" onToggle={(e) => setHistoryOpen(e.currentTarget.open)}>
        <summary>{t("wsHistory")}</summary>
        {historyOpen && (
          <HistoryPanel
            assessmentId={props.data.assessment.id}
            indicator={indicator}
            currentVersion={props.serverVersion}
            canRestore={lockReason === null}
            onRestored={(saved) => props.onRestored(code, saved)}
          />
        )}
      </details>
    </article>
  );
});

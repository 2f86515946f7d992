import { useState } from "react";
import type { z } from "zod";
import type { AnswerOut, assessmentOut, PermissionsOut } from "../../server/api-schemas/assessments.ts";
import { useLanguage } from "../i18n/language.tsx";
import { AssessmentLinks } from "./assessment-page-frame.tsx";
import { ImportDialog } from "./import-dialog.tsx";
import { LiveNotice, useNotice } from "./live-notice.tsx";
import { StatusChip } from "./status-chip.tsx";
import { type StepName, stepWords, WorkflowStepDialog } from "./workflow-step.tsx";
import "./review.css";

type Assessment = z.infer<typeof assessmentOut>["assessment"];

/** The workflow steps this user may take from `status`. */
export function availableSteps(status: string, p: PermissionsOut): StepName[] {
  const steps: StepName[] = [];
  if (p.canSubmit && (status === "draft" || status === "returned")) steps.push("submit");
  if (p.canReview && status === "submitted") steps.push("start-review");
  if (p.canReview && status === "in_review") steps.push("return", "validate");
  if (p.canReopen && status === "validated") steps.push("reopen");
  return steps;
}

/**
 * The assessment's status and what may be done with it: workflow steps (each
 * confirmed first), export and import of the offline workbook, and links to
 * progress, changes and timeline.
 */
export function AssessmentToolbar({
  assessment,
  permissions,
  answers = [],
  showStatus = true,
  onChanged,
}: {
  assessment: Assessment;
  permissions: PermissionsOut;
  /** To count answers flagged for rework before returning. */
  answers?: AnswerOut[];
  /** Off where the page already shows the status. */
  showStatus?: boolean;
  onChanged: () => void;
}) {
  const { t, lang } = useLanguage();
  const [step, setStep] = useState<StepName | null>(null);
  const [importing, setImporting] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  const { notice, say } = useNotice();
  const steps = availableSteps(assessment.status, permissions);
  const flaggedCount = answers.filter((a) => a.reviewState === "needs_rework").length;
  const canImport =
    permissions.canWrite && (assessment.status === "draft" || assessment.status === "returned");

  return (
    <div className="rv-toolbar">
      <div className="rv-toolbar__row">
        {showStatus && <StatusChip status={assessment.status} />}
        <div className="rv-toolbar__actions">
          {steps.map((name) => (
            <button
              key={name}
              type="button"
              className={name === "validate" || name === "submit" ? "button button--primary" : "button"}
              onClick={() => setStep(name)}
            >
              {t(stepWords[name].button)}
            </button>
          ))}
          <a className="button" href={`/api/assessments/${assessment.id}/export.xlsx?lang=${lang}`} download>
            {t("rvExport")}
          </a>
          {canImport && (
            <button type="button" className="button" onClick={() => setImporting(true)}>
              {t("rvImport")}
            </button>
          )}
        </div>
      </div>
      <AssessmentLinks id={assessment.id} />
      <LiveNotice notice={notice} />
      {warnings.length > 0 && (
        <div className="rv-warnings">
          <p className="rv-warnings__title">{t("rvWarnings")}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w} className="rv-text">
                {w}
              </li>
            ))}
          </ul>
        </div>
      )}
      {step && (
        <WorkflowStepDialog
          assessmentId={assessment.id}
          step={step}
          flaggedCount={flaggedCount}
          onClose={() => setStep(null)}
          onDone={(found) => {
            say(t(stepWords[step].done));
            setWarnings(found);
            setStep(null);
            onChanged();
          }}
        />
      )}
      {importing && (
        <ImportDialog
          assessmentId={assessment.id}
          onClose={() => setImporting(false)}
          onApplied={(count) => {
            setImporting(false);
            say(t("rvApplied", { count }));
            onChanged();
          }}
        />
      )}
    </div>
  );
}

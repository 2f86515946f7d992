import { useId, useState } from "react";
import { stepOut } from "../../server/api-schemas/review.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { ConfirmDialog } from "./dialog.tsx";

export type StepName = "submit" | "start-review" | "return" | "validate" | "reopen";

interface StepWords {
  button: MessageKey;
  title: MessageKey;
  body?: MessageKey;
  reason?: { label: MessageKey; required: boolean };
  done: MessageKey;
}

export const stepWords: Record<StepName, StepWords> = {
  submit: { button: "rvSubmit", title: "rvSubmitTitle", body: "rvSubmitBody", done: "rvSubmitted" },
  "start-review": {
    button: "rvStartReview",
    title: "rvStartReviewTitle",
    body: "rvStartReviewBody",
    done: "rvStarted",
  },
  return: {
    button: "rvReturn",
    title: "rvReturnTitle",
    body: "rvReturnBody",
    reason: { label: "rvReturnReason", required: false },
    done: "rvReturned",
  },
  validate: { button: "rvValidate", title: "rvValidateTitle", body: "rvValidateBody", done: "rvValidated" },
  reopen: {
    button: "rvReopen",
    title: "rvReopenTitle",
    reason: { label: "rvReopenReason", required: true },
    done: "rvReopened",
  },
};

/** The confirmation of one workflow step; on success reports the server's warnings. */
export function WorkflowStepDialog({
  assessmentId,
  step,
  flaggedCount,
  onDone,
  onClose,
}: {
  assessmentId: string;
  step: StepName;
  flaggedCount: number;
  onDone: (warnings: string[]) => void;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const words = stepWords[step];
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = step === "return" && flaggedCount === 0;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const body = words.reason ? (reason.trim() ? { reason: reason.trim() } : {}) : undefined;
      const result = await sendApi("POST", `/api/assessments/${assessmentId}/${step}`, body, stepOut);
      onDone(result.warnings);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      title={t(words.title)}
      confirmLabel={t(words.button)}
      busy={busy}
      error={error}
      canConfirm={!blocked && !(words.reason?.required && !reason.trim())}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {words.body && <p>{t(words.body, { count: flaggedCount })}</p>}
      {words.reason && (
        <div className="rv-field">
          <label htmlFor={`${id}-reason`}>{t(words.reason.label)}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            required={words.reason.required}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
    </ConfirmDialog>
  );
}

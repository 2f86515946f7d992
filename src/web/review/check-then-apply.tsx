import { type ReactNode, useId, useState } from "react";
import { Dialog } from "./dialog.tsx";

/** What sending the file answered: a report to show, or (after applying) how much changed. */
export type CheckOutcome<R> = { report: R } | { applied: number };

/** The words of one import dialog, already in the reader's language. */
export interface CheckThenApplyWords {
  title: string;
  lead: string;
  fileLabel: string;
  check: string;
  checking: string;
  cancel: string;
}

/**
 * An import in two steps, the same in every module: the chosen file is checked first (a dry
 * run: the report lists every change and problem), and only a clean report offers "Apply",
 * which sends the same file again for real. A refusal's message shows in the live region.
 */
export function CheckThenApplyDialog<R>({
  words,
  accept,
  send,
  summary,
  details,
  applyLabel,
  onApplied,
  onClose,
}: {
  words: CheckThenApplyWords;
  /** The file input's `accept`. */
  accept: string;
  /** Sends the file; rejects with an Error whose message says why the server refused. */
  send: (file: File, dryRun: boolean) => Promise<CheckOutcome<R>>;
  /** One paragraph under the form: what the check found. */
  summary: (report: R) => ReactNode;
  /** The report's table(s), when there is something to list. */
  details: (report: R) => ReactNode;
  /** The apply button's label, or null when the report may not be applied. */
  applyLabel: (report: R) => string | null;
  onApplied: (changed: number) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await send(file, dryRun);
      if ("applied" in outcome) onApplied(outcome.applied);
      else setReport(outcome.report);
    } catch (failure) {
      setReport(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  const apply = report === null ? null : applyLabel(report);
  return (
    <Dialog title={words.title} onClose={onClose} wide>
      <p>{words.lead}</p>
      <form
        className="rv-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <div className="rv-field">
          <label htmlFor={`${id}-file`}>{words.fileLabel}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={accept}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <button type="submit" className="button" disabled={!file || busy}>
          {busy ? words.checking : words.check}
        </button>
      </form>
      <div role="status" className="rv-live">
        {error && <p className="rv-error">{error}</p>}
        {report !== null && summary(report)}
      </div>
      {report !== null && details(report)}
      <div className="rv-dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {words.cancel}
        </button>
        {apply !== null && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run(false)}
          >
            {apply}
          </button>
        )}
      </div>
    </Dialog>
  );
}

/** The accept list of an XLSX file input. */
export const XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

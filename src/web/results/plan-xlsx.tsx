import { useId, useState } from "react";
import { errorBody } from "../../server/api-schemas/index.ts";
import type { PlanOut } from "../../server/api-schemas/results.ts";
import { type PlanImportReport, planImportReport } from "../../server/api-schemas/results-xlsx.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Dialog } from "../review/dialog.tsx";
import { refusalOf, uploadFile } from "../review/upload-file.ts";
import "../review/review.css";

/** "Download XLSX" and, for whoever may edit or report, "Import XLSX" with its preview. */
export function PlanXlsx({
  plan,
  imported,
  onImported,
}: {
  plan: PlanOut;
  /** Changes of the last import, announced after the page reloads. */
  imported: number | null;
  onImported: (changed: number) => void;
}) {
  const { t } = useLanguage();
  const [open, setOpen] = useState(false);
  return (
    <div className="rs-xlsx">
      <a className="button" href={`/api/results/plans/${plan.id}/export.xlsx`} download>
        {t("rsXlsxDownload")}
      </a>
      {(plan.may.edit || plan.may.report) && (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t("rsXlsxImport")}
        </button>
      )}
      <span role="status">{imported !== null && t("rsXlsxApplied", { count: imported })}</span>
      {open && (
        <PlanImportDialog
          planId={plan.id}
          onClose={() => setOpen(false)}
          onApplied={(changed) => {
            setOpen(false);
            onImported(changed);
          }}
        />
      )}
    </div>
  );
}

/** Check first (a dry run: every change and every problem), then apply. */
function PlanImportDialog({
  planId,
  onApplied,
  onClose,
}: {
  planId: string;
  onApplied: (changed: number) => void;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const { user } = useSession();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<PlanImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const url = `/api/results/plans/${planId}/import${dryRun ? "?dryRun=true" : ""}`;
      const result = await uploadFile(url, file, user?.csrfToken ?? "", () => {});
      const parsed = planImportReport.safeParse(result.body);
      if (!parsed.success || errorBody.safeParse(result.body).success) {
        setReport(null);
        setError(refusalOf(result));
      } else if (!dryRun && parsed.data.ok) onApplied(parsed.data.changed);
      else setReport(parsed.data);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t("rsXlsxImportTitle")} onClose={onClose} wide>
      <p>{t("rsXlsxImportLead")}</p>
      <form
        className="rv-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <div className="rv-field">
          <label htmlFor={`${id}-file`}>{t("rsXlsxWorkbook")}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <button type="submit" className="button" disabled={!file || busy}>
          {busy ? t("rsXlsxChecking") : t("rsXlsxCheck")}
        </button>
      </form>
      <div role="status" className="rv-live">
        {error && <p className="rv-error">{error}</p>}
        {report && (
          <p>
            {t("rsXlsxSummary", { changed: report.changed, unchanged: report.unchanged })}{" "}
            {report.problems.length === 0
              ? t("rsXlsxOk")
              : t("rsXlsxProblems", { count: report.problems.length })}
          </p>
        )}
      </div>
      {report && report.problems.length > 0 && (
        <ReportTable caption={t("rsXlsxProblemsCaption", { file: report.fileName })} rows={report.problems} />
      )}
      {report && report.problems.length === 0 && report.changes.length > 0 && (
        <ReportTable
          caption={t("rsXlsxChangesCaption")}
          rows={report.changes.map((c) => ({ ...c, column: null, message: c.what }))}
        />
      )}
      <div className="rv-dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t("rsXlsxCancel")}
        </button>
        {report?.ok && report.changed > 0 && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void send(false)}
          >
            {t("rsXlsxApply", { count: report.changed })}
          </button>
        )}
      </div>
    </Dialog>
  );
}

type ReportRow = { sheet: string; row: number | null; column: string | null; message: string };

/** Where each change or problem is in the workbook (sheet, row, column) and what it says. */
function ReportTable({ caption, rows }: { caption: string; rows: ReportRow[] }) {
  const { t } = useLanguage();
  return (
    <div className="table-scroll">
      <table className="data-table rv-report">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("rsXlsxSheet")}</th>
            <th scope="col">{t("rsXlsxRow")}</th>
            <th scope="col">{t("rsXlsxColumn")}</th>
            <th scope="col">{t("rsXlsxMessage")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no id and never reorder.
            <tr key={i}>
              <td>{p.sheet}</td>
              <td className="num">{p.row ?? "—"}</td>
              <td className="rv-nowrap">{p.column ?? "—"}</td>
              <td className="rv-text">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

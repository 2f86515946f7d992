import { useId, useState } from "react";
import { type ImportReport, importReport } from "../../server/api-schemas/exchange.ts";
import { errorBody } from "../../server/api-schemas/index.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Dialog } from "./dialog.tsx";
import { formatValue } from "./format.ts";
import { refusalOf, uploadFile } from "./upload-file.ts";

/** The problems of a checked workbook: where each is, and for conflicts what the answer is now. */
function ReportTable({ report }: { report: ImportReport }) {
  const { t } = useLanguage();
  return (
    <div className="table-scroll">
      <table className="data-table rv-report">
        <caption>{t("rvProblemsCaption", { file: report.fileName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("rvRow")}</th>
            <th scope="col">{t("rvColumn")}</th>
            <th scope="col">{t("rvIndicator")}</th>
            <th scope="col">{t("rvMessage")}</th>
            <th scope="col">{t("rvCurrentValue")}</th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder.
            <tr key={i}>
              <td className="num">{p.row}</td>
              <td className="rv-nowrap">{[p.column, p.field].filter(Boolean).join(" · ")}</td>
              <td className="code">{p.indicator}</td>
              <td className="rv-text">{p.message}</td>
              <td className="rv-text">
                {p.current
                  ? t("rvCurrentBy", {
                      value: formatValue(p.current.value) ?? t("rvNoValue"),
                      version: p.current.version,
                      name: p.current.updatedBy ?? "—",
                    })
                  : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Import a filled workbook: a dry run first shows every problem; "Apply" then writes. */
export function ImportDialog({
  assessmentId,
  onApplied,
  onClose,
}: {
  assessmentId: string;
  onApplied: (changed: number) => void;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const { user } = useSession();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const url = `/api/assessments/${assessmentId}/import${dryRun ? "?dryRun=true" : ""}`;
      const result = await uploadFile(url, file, user?.csrfToken ?? "", () => {});
      const parsed = importReport.safeParse(result.body);
      if (!parsed.success || errorBody.safeParse(result.body).success) {
        setReport(null);
        setError(refusalOf(result));
      } else if (!dryRun && parsed.data.ok) {
        onApplied(parsed.data.changed);
      } else {
        setReport(parsed.data);
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t("rvImportTitle")} onClose={onClose} wide>
      <p>{t("rvImportLead")}</p>
      <form
        className="rv-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <div className="rv-field">
          <label htmlFor={`${id}-file`}>{t("rvWorkbook")}</label>
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
          {busy ? t("rvChecking") : t("rvCheck")}
        </button>
      </form>
      <div role="status" className="rv-live">
        {error && <p className="rv-error">{error}</p>}
        {report && (
          <p>
            {t("rvReportSummary", {
              rows: report.rows,
              changed: report.changed,
              unchanged: report.unchanged,
            })}{" "}
            {report.problems.length === 0
              ? t("rvReportOk")
              : t("rvReportProblems", { count: report.problems.length })}
          </p>
        )}
      </div>
      {report && report.problems.length > 0 && <ReportTable report={report} />}
      <div className="rv-dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t("rvCancel")}
        </button>
        {report?.ok && report.changed > 0 && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void send(false)}
          >
            {t("rvApply", { count: report.changed })}
          </button>
        )}
      </div>
    </Dialog>
  );
}

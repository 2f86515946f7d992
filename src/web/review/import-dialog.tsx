import { type ImportReport, importReport } from "../../server/api-schemas/exchange.ts";
import { errorBody } from "../../server/api-schemas/index.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { type CheckOutcome, CheckThenApplyDialog, XLSX_ACCEPT } from "./check-then-apply.tsx";
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

  async function send(file: File, dryRun: boolean): Promise<CheckOutcome<ImportReport>> {
    const url = `/api/assessments/${assessmentId}/import${dryRun ? "?dryRun=true" : ""}`;
    const result = await uploadFile(url, file, user?.csrfToken ?? "", () => {});
    const parsed = importReport.safeParse(result.body);
    if (!parsed.success || errorBody.safeParse(result.body).success) throw new Error(refusalOf(result));
    return !dryRun && parsed.data.ok ? { applied: parsed.data.changed } : { report: parsed.data };
  }

  return (
    <CheckThenApplyDialog
      words={{
        title: t("rvImportTitle"),
        lead: t("rvImportLead"),
        fileLabel: t("rvWorkbook"),
        check: t("rvCheck"),
        checking: t("rvChecking"),
        cancel: t("rvCancel"),
      }}
      accept={XLSX_ACCEPT}
      send={send}
      summary={(report) => (
        <p>
          {t("rvReportSummary", { rows: report.rows, changed: report.changed, unchanged: report.unchanged })}{" "}
          {report.problems.length === 0
            ? t("rvReportOk")
            : t("rvReportProblems", { count: report.problems.length })}
        </p>
      )}
      details={(report) => report.problems.length > 0 && <ReportTable report={report} />}
      applyLabel={(report) =>
        report.ok && report.changed > 0 ? t("rvApply", { count: report.changed }) : null
      }
      onApplied={onApplied}
      onClose={onClose}
    />
  );
}

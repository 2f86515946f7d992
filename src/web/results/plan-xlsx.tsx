import { useState } from "react";
import { errorBody } from "../../server/api-schemas/index.ts";
import type { PlanOut } from "../../server/api-schemas/results.ts";
import {
  type PlanImportProblem,
  type PlanImportReport,
  planImportReport,
} from "../../server/api-schemas/results-xlsx.ts";
import { useSession } from "../auth/session.tsx";
import { resultsImports } from "../i18n/catalogs/results-imports.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { type CheckOutcome, CheckThenApplyDialog, XLSX_ACCEPT } from "../review/check-then-apply.tsx";
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

  async function send(file: File, dryRun: boolean): Promise<CheckOutcome<PlanImportReport>> {
    const url = `/api/results/plans/${planId}/import${dryRun ? "?dryRun=true" : ""}`;
    const result = await uploadFile(url, file, user?.csrfToken ?? "", () => {});
    const parsed = planImportReport.safeParse(result.body);
    if (!parsed.success || errorBody.safeParse(result.body).success) throw new Error(refusalOf(result));
    return !dryRun && parsed.data.ok ? { applied: parsed.data.changed } : { report: parsed.data };
  }

  return (
    <CheckThenApplyDialog
      words={{
        title: t("rsXlsxImportTitle"),
        lead: t("rsXlsxImportLead"),
        fileLabel: t("rsXlsxWorkbook"),
        check: t("rsXlsxCheck"),
        checking: t("rsXlsxChecking"),
        cancel: t("rsXlsxCancel"),
      }}
      accept={XLSX_ACCEPT}
      send={send}
      summary={(report) => (
        <p>
          {t("rsXlsxSummary", { changed: report.changed, unchanged: report.unchanged })}{" "}
          {report.problems.length === 0
            ? t("rsXlsxOk")
            : t("rsXlsxProblems", { count: report.problems.length })}
        </p>
      )}
      details={(report) =>
        report.problems.length > 0 ? (
          <ReportTable
            caption={t("rsXlsxProblemsCaption", { file: report.fileName })}
            rows={report.problems.map((p) => ({ ...p, message: problemText(t, p) }))}
          />
        ) : (
          report.changes.length > 0 && (
            <ReportTable
              caption={t("rsXlsxChangesCaption")}
              rows={report.changes.map((c) => ({ ...c, column: null, message: c.what }))}
            />
          )
        )
      }
      applyLabel={(report) =>
        report.ok && report.changed > 0 ? t("rsXlsxApply", { count: report.changed }) : null
      }
      onApplied={onApplied}
      onClose={onClose}
    />
  );
}

/** A problem in the interface's language from its code and parameters; the server's English for an unknown code. */
export function problemText(
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
  problem: Pick<PlanImportProblem, "code" | "params" | "field" | "message">,
): string {
  const key = `rsImp_${problem.code}`;
  if (!(key in resultsImports)) return problem.message;
  return t(key as MessageKey, { field: problem.field ?? "", ...problem.params });
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

import { type FormEvent, useState } from "react";
import { type BudgetImportOut, budgetImportOut } from "../../server/api-schemas/budgets.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";

/**
 * Imports a table of budget lines or context series: the file is checked first (every
 * problem by row and column, in the reader's language) and imported only when none is left.
 */
export function BudgetImportForm({ onImported }: { onImported: () => void }) {
  const { t } = useLanguage();
  const [report, setReport] = useState<BudgetImportOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(form: HTMLFormElement, dryRun: boolean) {
    const data = new FormData(form);
    const body = new FormData();
    body.set("dryRun", String(dryRun));
    body.set("file", data.get("file") as File);
    setBusy(true);
    setError(null);
    try {
      const result = await sendApi(
        "POST",
        `/api/budgets/imports/${String(data.get("kind"))}`,
        body,
        budgetImportOut,
      );
      setReport(result);
      if (result.written) onImported();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(event.currentTarget, true);
  };
  const errors = report?.problems.filter((p) => p.severity === "error") ?? [];
  const warnings = report?.problems.filter((p) => p.severity === "warning") ?? [];

  return (
    <section className="bg-card" aria-labelledby="bg-import">
      <h2 id="bg-import">{t("bgImportTitle")}</h2>
      <p className="bg-hint">{t("bgImportLead")}</p>
      <form className="bg-form" onSubmit={check} onChange={() => setReport(null)}>
        <label>
          {t("bgImportKind")}
          <select name="kind">
            <option value="lines">{t("bgImportKind_lines")}</option>
            <option value="context">{t("bgImportKind_context")}</option>
          </select>
        </label>
        <label>
          {t("bgImportFile")}
          <input name="file" type="file" accept=".csv,.xlsx,text/csv" required />
        </label>
        <div className="bg-actions">
          <button type="submit" className="button" disabled={busy}>
            {t("bgCheck")}
          </button>
          {report?.dryRun && errors.length === 0 && (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={(e) => void send(e.currentTarget.form!, false)}
            >
              {t("bgImport")}
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div role="status" className="bg-report">
          {report.written ? (
            <p className="bg-ok">{t("bgImported", { added: report.added, changed: report.changed })}</p>
          ) : (
            errors.length === 0 && (
              <p>
                {t("bgPreview", {
                  added: report.added,
                  changed: report.changed,
                  unchanged: report.unchanged,
                })}
              </p>
            )
          )}
          {report.skippedIndicators.length > 0 && (
            <p className="bg-hint">{t("bgSkipped", { codes: report.skippedIndicators.join(", ") })}</p>
          )}
          {(errors.length > 0 || warnings.length > 0) && (
            <>
              {errors.length > 0 && <h3>{t("bgProblemsTitle", { count: errors.length })}</h3>}
              <div className="bg-scroll">
                <table className="data-table bg-problems">
                  <thead>
                    <tr>
                      <th scope="col">{t("bgColRow")}</th>
                      <th scope="col">{t("bgColColumn")}</th>
                      <th scope="col">{t("bgColProblem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...errors, ...warnings].slice(0, 200).map((p) => (
                      <tr
                        key={`${p.row}-${p.column}-${p.code}`}
                        className={p.severity === "warning" ? "bg-warning" : ""}
                      >
                        <td className="num">{p.row}</td>
                        <td>{p.column ?? "—"}</td>
                        <td>{t(`bgProblem_${p.code}` as MessageKey, p.params)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

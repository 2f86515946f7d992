import { type FormEvent, useState } from "react";
import { type MemberImportOut, memberImportOut } from "../../server/api-schemas/network.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";

/**
 * Imports a coalition's member organisations from a CSV or XLSX list: checked first (each row's
 * action, every problem by row and column), imported only when no problem is left; rows naming
 * existing members update them only when the coordinator ticks the box that says so.
 */
export function ImportMembersForm({
  organisationId,
  onDone,
}: {
  organisationId: string;
  /** After a real import, with the sentence saying what was written (shown above the list). */
  onDone: (text: string) => void;
}) {
  const { t } = useLanguage();
  const [report, setReport] = useState<MemberImportOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(form: HTMLFormElement, dryRun: boolean) {
    const data = new FormData(form);
    const body = new FormData();
    body.set("dryRun", String(dryRun));
    body.set("merge", String(data.get("merge") === "on"));
    body.set("file", data.get("file") as File);
    setBusy(true);
    setError(null);
    try {
      const result = await sendApi(
        "POST",
        `/api/network/organisations/${organisationId}/member-imports`,
        body,
        memberImportOut,
      );
      setReport(result);
      if (result.written) {
        form.reset();
        onDone(t("nwImportDone", { added: result.added, updated: result.updated }));
      }
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
  return (
    <details className="nw-import">
      <summary>{t("nwImportTitle")}</summary>
      <p className="nw-muted">{t("nwImportLead")}</p>
      <p className="nw-muted nw-import__columns" dir="ltr">
        name, kind, country, name_fr, name_ar, description, themes, crc_articles, website, contact_email,
        contact_phone, listed, publishes_contacts, joined_on
      </p>
      <form
        className="nw-form"
        aria-label={t("nwImportTitle")}
        onSubmit={check}
        onChange={() => setReport(null)}
      >
        <div className="nw-grid">
          <label>
            {t("nwImportFile")}
            <input name="file" type="file" accept=".csv,.xlsx,text/csv" required />
          </label>
          <label className="nw-check">
            <input name="merge" type="checkbox" /> {t("nwImportMerge")}
          </label>
        </div>
        <div className="nw-actions">
          <button type="submit" className="button" disabled={busy}>
            {t("nwImportCheck")}
          </button>
          {report?.dryRun && report.problems.length === 0 && (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={(e) => void send(e.currentTarget.form!, false)}
            >
              {t("nwImportButton", { count: report.rows.length })}
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="nw-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div role="status" className="nw-import__report">
          {/* What a real import wrote is said above the members' list (onDone), once. */}
          {!report.written && report.problems.length === 0 && (
            <p>{t("nwImportPreview", { added: report.added, updated: report.updated })}</p>
          )}
          {report.problems.length > 0 && (
            <>
              <h3>{t("nwImportProblems", { count: report.problems.length })}</h3>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("nwImportColRow")}</th>
                      <th scope="col">{t("nwImportColColumn")}</th>
                      <th scope="col">{t("nwImportColProblem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.problems.slice(0, 200).map((p, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: problems never move
                      <tr key={i}>
                        <td className="num">{p.row}</td>
                        <td dir="ltr">{p.column ?? "—"}</td>
                        <td dir="ltr">{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {report.dryRun && report.rows.length > 0 && (
            <div className="table-scroll">
              <table className="data-table">
                <caption>{t("nwImportRowsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("nwImportColRow")}</th>
                    <th scope="col">{t("nwColName")}</th>
                    <th scope="col">{t("nwImportColAction")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.slice(0, 500).map((r) => (
                    <tr key={r.row}>
                      <td className="num">{r.row}</td>
                      <td dir="auto">{r.name}</td>
                      <td>{t("nwImportAction", { action: r.action })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </details>
  );
}

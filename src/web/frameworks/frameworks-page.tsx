import { useId, useState } from "react";
import { z } from "zod";
import { frameworkCheck, importedFramework } from "../../server/api-schemas/framework-files.ts";
import { frameworkSummary } from "../../server/api-schemas/index.ts";
import { AdminGate } from "../admin/admin-gate.tsx";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { refusalOf, uploadFile } from "../review/upload-file.ts";
import "../review/review.css";

type Check = z.infer<typeof frameworkCheck>;
const versionList = z.array(frameworkSummary);

/** Frameworks: import one from a file (checked and previewed first) and download each as an XLSForm. */
export function FrameworksPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("fwTitle")}>{t("fwTitle")}</PageTitle>
      <p className="lead">{t("fwLead")}</p>
      <AdminGate action="framework:manage">{() => <FrameworkFiles />}</AdminGate>
    </>
  );
}

function FrameworkFiles() {
  const { t } = useLanguage();
  const { user } = useSession();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [reload, setReload] = useState(0);
  const versions = useApi(`/api/frameworks?reload=${reload}`, versionList);

  const send = async (kind: "check" | "import") => {
    if (!file) return;
    setBusy(kind);
    setMessage(null);
    try {
      const result = await uploadFile(
        `/api/frameworks/${kind === "check" ? "checks" : "imports"}`,
        file,
        user?.csrfToken ?? "",
        () => {},
      );
      if (kind === "check") {
        const parsed = frameworkCheck.safeParse(result.body);
        if (result.status === 200 && parsed.success) setCheck(parsed.data);
        else {
          setCheck(null);
          setMessage({ text: refusalOf(result), error: true });
        }
      } else {
        const parsed = importedFramework.safeParse(result.body);
        if (result.status === 201 && parsed.success) {
          setMessage({ text: t("fwImported", parsed.data), error: false });
          setCheck(null);
          setReload((n) => n + 1);
        } else setMessage({ text: refusalOf(result), error: true });
      }
    } catch (error) {
      setMessage({ text: (error as Error).message, error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <section className="section" aria-labelledby="fw-upload">
        <h2 id="fw-upload">{t("fwCheck")}</h2>
        <div className="form-row">
          <label htmlFor={inputId}>{t("fwFile")}</label>{" "}
          <input
            id={inputId}
            type="file"
            accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setCheck(null);
              setMessage(null);
            }}
          />{" "}
          <button
            type="button"
            className="button"
            disabled={!file || busy !== null}
            onClick={() => void send("check")}
          >
            {busy === "check" ? t("fwChecking") : t("fwCheck")}
          </button>
        </div>
        {message && (
          <p
            className={`form-message ${message.error ? "form-message--error" : "form-message--ok"}`}
            role="status"
          >
            {message.text}
          </p>
        )}
        {check && <CheckResult check={check} busy={busy} onImport={() => void send("import")} />}
      </section>
      <section className="section" aria-labelledby="fw-versions">
        <h2 id="fw-versions">{t("fwVersions")}</h2>
        <Loaded states={[versions]}>
          {(list) =>
            list.length === 0 ? (
              <p className="empty-note">{t("fwNoVersions")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("fwColFramework")}</th>
                      <th scope="col">{t("fwColVersion")}</th>
                      <th scope="col">{t("fwColIndicators")}</th>
                      <th scope="col">XLSForm</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((v) => (
                      <tr key={v.id}>
                        <th scope="row">
                          {v.title[v.defaultLanguage] ?? v.code} <span className="muted">({v.code})</span>
                        </th>
                        <td>{v.version}</td>
                        <td>{v.indicatorCount}</td>
                        <td>
                          <a href={`/api/frameworks/${v.id}/xlsform`} download>
                            {t("fwXlsForm")}
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

/** The check of a file: valid or not, every problem, the XLSForm report and a preview of the tree. */
function CheckResult({ check, busy, onImport }: { check: Check; busy: string | null; onImport: () => void }) {
  const { t } = useLanguage();
  const preview = check.preview;
  return (
    <div className="fw-check">
      <p className={`form-message ${check.valid ? "form-message--ok" : "form-message--error"}`} role="status">
        {check.valid
          ? t("fwValid", { file: check.fileName, summary: check.summary ?? "" })
          : t("fwInvalid", { file: check.fileName, count: check.problems.length })}
      </p>
      {check.problems.length > 0 && (
        <>
          <h3>{t("fwProblems")}</h3>
          <ul className="problems">
            {check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {check.reportHeading && (
        <details>
          <summary>
            {t("fwReport")}: {check.reportHeading}
          </summary>
          <ul>
            {check.report.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
      {preview && (
        <>
          <h3>
            {t("fwPreview")}: {preview.title}{" "}
            <span className="muted">
              ({preview.code} {preview.version})
            </span>
          </h3>
          {preview.versionExists && (
            <p className="form-message form-message--error">
              {t("fwExists", { code: preview.code, version: preview.version })}
            </p>
          )}
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t("fwSections")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fwSections")}</th>
                  <th scope="col">{t("fwColIndicators")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.sections.map((s) => (
                  <tr key={s.code}>
                    <th scope="row" style={{ paddingInlineStart: `${0.75 + s.depth * 1.25}rem` }}>
                      {s.label}
                    </th>
                    <td>{s.indicators}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-scroll">
            <table className="data-table">
              <caption>
                {t("fwIndicatorsShown", { shown: preview.indicators.length, count: preview.indicatorCount })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("fwColCode")}</th>
                  <th scope="col">{t("fwColType")}</th>
                  <th scope="col">{t("fwColQuestion")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.indicators.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">{i.code}</th>
                    <td>{i.type}</td>
                    <td>{i.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null || preview.versionExists}
              onClick={onImport}
            >
              {busy === "import" ? t("fwImporting") : t("fwImport")}
            </button>
          </p>
        </>
      )}
    </div>
  );
}

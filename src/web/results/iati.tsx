import { type FormEvent, useState } from "react";
import type { z } from "zod";
import {
  iatiImportOut,
  iatiPreviewOut,
  type organisationOut,
  type PlanOut,
} from "../../server/api-schemas/results.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { IatiMerge } from "./iati-merge.tsx";
import { IatiProblemList } from "./iati-problems.tsx";

type Preview = z.infer<typeof iatiPreviewOut>;

/**
 * A new plan from an IATI activity file: the file is checked first (a dry run
 * listing every odd value by activity, indicator and period), and imported only
 * when nothing is wrong.
 */
export function IatiImportForm({ organisations }: { organisations: z.infer<typeof organisationOut>[] }) {
  const { t } = useLanguage();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(form: HTMLFormElement, dryRun: boolean) {
    const data = new FormData(form);
    const body = new FormData();
    body.set("organisationId", String(data.get("organisation")));
    body.set("dryRun", String(dryRun));
    body.set("file", data.get("file") as File);
    setBusy(true);
    setError(null);
    try {
      if (dryRun) setPreview(await sendApi("POST", "/api/results/plans/import-iati", body, iatiPreviewOut));
      else {
        const { id } = await sendApi("POST", "/api/results/plans/import-iati", body, iatiImportOut);
        navigate(paths.resultsPlan(id));
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
    <section className="rs-card" aria-labelledby="rs-iati-new">
      <h2 id="rs-iati-new">{t("rsIatiNew")}</h2>
      <p className="rs-hint">{t("rsIatiLead")}</p>
      <form className="rs-form" onSubmit={check} onChange={() => setPreview(null)}>
        <label>
          {t("rsOrganisation")}
          <select name="organisation" required>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("rsIatiFile")}
          <input name="file" type="file" accept=".xml,.zip,application/xml,text/xml" required />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t("rsIatiCheck")}
        </button>
        {preview && preview.problems.length === 0 && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={(e) => void send(e.currentTarget.form!, false)}
          >
            {t("rsIatiImport")}
          </button>
        )}
      </form>
      {error && (
        <p role="alert" className="rs-error">
          {error}
        </p>
      )}
      {preview && <IatiPreview preview={preview} />}
    </section>
  );
}

function IatiPreview({ preview }: { preview: Preview }) {
  const { t } = useLanguage();
  const problems = preview.problems.length;
  return (
    <div className="rs-iati-preview" aria-live="polite">
      <p>
        <strong>{preview.fileName}</strong>:{" "}
        {t("rsIatiSummary", {
          activities: preview.activities,
          nodes: preview.nodes,
          indicators: preview.indicators,
          values: preview.values,
          periods: preview.periods.length,
        })}
      </p>
      {problems === 0 ? (
        <p className="rs-iati-ready">{t("rsIatiReady")}</p>
      ) : (
        <>
          <p role="alert" className="rs-error" id="rs-iati-problems-title">
            {t("rsIatiProblems", { count: problems })}
          </p>
          <IatiProblemList problems={preview.problems} labelledBy="rs-iati-problems-title" />
        </>
      )}
      {preview.notes.length > 0 && (
        <>
          <h3>{t("rsIatiNotes")}</h3>
          <ul>
            {preview.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The plan page's IATI menu: the plan as an IATI 2.03 file. */
export function IatiMenu({ plan, onApplied }: { plan: PlanOut; onApplied: (changed: number) => void }) {
  const { t } = useLanguage();
  return (
    <details className="rs-iati-menu">
      <summary>{t("rsIatiMenu")}</summary>
      <a className="button" href={`/api/results/plans/${plan.id}/export.iati.xml`} download>
        {t("rsIatiExport")}
      </a>
      <IatiMerge plan={plan} onApplied={onApplied} />
      <p className="rs-hint">{t("rsIatiExportHint")}</p>
    </details>
  );
}

import { useState } from "react";
import type { z } from "zod";
import { questionText } from "../../core/index.ts";
import {
  type ConsultationOut,
  type KoboImportOut,
  type KoboPreviewOut,
  koboImportOut,
  koboPreviewOut,
  type QuestionnaireImportOut,
  questionnaireImportOut,
} from "../../server/api-schemas/children.ts";
import type { organisationOut } from "../../server/api-schemas/results.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { Problems, problemsOf } from "./problems.tsx";

/** Imports a KoboToolbox or ODK form as a new draft consultation, and shows what was not mapped. */
export function XlsFormImportForm({ organisations }: { organisations: z.infer<typeof organisationOut>[] }) {
  const { t } = useLanguage();
  const [done, setDone] = useState<QuestionnaireImportOut | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="cd-section" aria-labelledby="cd-import">
      <h2 id="cd-import">{t("cdImportTitle")}</h2>
      <p className="ch-note">{t("cdImportLead")}</p>
      <form
        className="cd-upload"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          setBusy(true);
          setProblems(null);
          setDone(null);
          sendApi("POST", "/api/children/consultations/xlsform-imports", form, questionnaireImportOut)
            .then(setDone, (error: unknown) => setProblems(problemsOf(error)))
            .finally(() => setBusy(false));
        }}
      >
        <label className="cd-field">
          {t("rsColOrganisation")}
          <select name="organisationId">
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="cd-field">
          {t("cdImportFile")}
          <input type="file" name="file" accept=".xlsx" required />
        </label>
        <button type="submit" disabled={busy}>
          {t("cdImportSubmit")}
        </button>
      </form>
      {problems && <Problems lines={problems} />}
      {done && (
        <div role="status">
          <p>
            {t("cdImportDone", { questions: done.questions })}{" "}
            <Link to={paths.childrenDesign(done.id)}>{t("cdOpenDraft")}</Link>
          </p>
          {done.report.length > 0 && (
            <>
              <h3>{t("cdImportReport")}</h3>
              <ul className="cd-report">
                {done.report.map((r) => (
                  <li key={`${r.sheet}-${r.row}-${r.reason}`}>
                    {r.sheet} {r.row} {r.name && <code>{r.name}</code>} ({r.type}): {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

type Definition = ConsultationOut["definition"];

/**
 * Imports children's answers collected with KoboToolbox into an open consultation, in three steps:
 * the export is read (nothing stored) and each column shown with the question it was matched to,
 * a few of its values and what an import would refuse; the user changes a column's question or
 * leaves it out (read again at once); then the import with that mapping, and what it stored.
 */
export function KoboImportForm({
  consultationId,
  definition,
  onImported,
}: {
  consultationId: string;
  definition: Definition;
  onImported: () => void;
}) {
  const { t, lang } = useLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<KoboPreviewOut | null>(null);
  const [done, setDone] = useState<KoboImportOut | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [country, setCountry] = useState("");
  const [consented, setConsented] = useState(false);
  const base = `/api/children/consultations/${consultationId}/kobo-imports`;
  const formOf = (chosen: File, map: Record<string, string>) => {
    const form = new FormData();
    form.set("file", chosen);
    if (Object.keys(map).length) form.set("mapping", JSON.stringify(map));
    return form;
  };
  const check = (chosen: File, map: Record<string, string>) => {
    setBusy(true);
    setProblems(null);
    sendApi("POST", `${base}/preview`, formOf(chosen, map), koboPreviewOut)
      .then(setPreview, (error: unknown) => setProblems(problemsOf(error)))
      .finally(() => setBusy(false));
  };
  const restart = () => {
    setFile(null);
    setMapping({});
    setPreview(null);
    setProblems(null);
    setDone(null);
  };
  const questionLabel = (code: string) => {
    const q = definition.questions.find((x) => x.code === code);
    return q ? `${code}: ${questionText(q, "", lang)}` : code;
  };
  const targetLabel = (target: string) =>
    target === "age_band"
      ? t("cdKoboAgeBand")
      : target === "gender"
        ? t("cdKoboGender")
        : target === "region"
          ? t("cdKoboRegion")
          : questionLabel(target);
  const kept = preview?.columns.filter((c) => !c.kobo) ?? [];
  const koboOwn = preview?.columns.filter((c) => c.kobo) ?? [];
  return (
    <section className="cd-section" aria-labelledby="cd-kobo">
      <h2 id="cd-kobo">{t("cdKoboTitle")}</h2>
      <p className="ch-note">{t("cdKoboLead")}</p>
      {!preview && !done && (
        <form
          className="cd-upload"
          onSubmit={(e) => {
            e.preventDefault();
            const chosen = new FormData(e.currentTarget).get("file");
            if (!(chosen instanceof File) || !chosen.size) {
              setProblems([t("cdKoboNoFile")]);
              return;
            }
            setFile(chosen);
            setMapping({});
            check(chosen, {});
          }}
        >
          <label className="cd-field">
            {t("cdKoboFile")}
            <input type="file" name="file" accept=".csv,.xlsx" required />
          </label>
          <button type="submit" disabled={busy}>
            {t("cdKoboCheck")}
          </button>
        </form>
      )}
      {preview && file && !done && (
        <div className="cd-kobo" aria-busy={busy}>
          <p className="cd-kobo-file">
            <strong>{file.name}</strong> · {t("cdKoboRows", { rows: preview.rows })}{" "}
            <button type="button" className="button button--small" onClick={restart}>
              {t("cdKoboOtherFile")}
            </button>
          </p>
          <ul className="cd-kobo-counts" aria-live="polite">
            <li className="cd-count-ready">{t("cdKoboReady", { rows: preview.ready })}</li>
            <li className={preview.refusedRows ? "cd-count-refused" : undefined}>
              {t("cdKoboRefused", { rows: preview.refusedRows })}
            </li>
            <li>{t("cdKoboEmpty", { rows: preview.emptyRows })}</li>
          </ul>
          {preview.refusals.length > 0 && (
            <div className="cd-problems" role="alert">
              <p>{t("cdKoboRefusedLead")}</p>
              <ul>
                {preview.refusals.map((r) => (
                  <li key={`${r.column}-${r.reason}`}>
                    {t("cdKoboRefusal", { column: r.column, rows: r.rows, reason: r.reason })}
                    {r.examples.length > 0 && (
                      <>
                        {" "}
                        {t("cdKoboFound")}{" "}
                        {r.examples.map((x, i) => (
                          <span key={x}>
                            {i > 0 && ", "}
                            <code>{x}</code>
                          </span>
                        ))}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {preview.refusals.length === 0 && preview.problems.length > 0 && (
            <Problems lines={preview.problems} />
          )}
          <div className="table-scroll">
            <table className="data-table cd-kobo-table">
              <caption>{t("cdKoboTableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cdKoboColumn")}</th>
                  <th scope="col">{t("cdKoboImportedAs")}</th>
                  <th scope="col">{t("cdKoboSamples")}</th>
                </tr>
              </thead>
              <tbody>
                {kept.map((c) => (
                  <tr key={c.column} className={c.target ? undefined : "cd-kobo-off"}>
                    <th scope="row">
                      <code>{c.column}</code>
                    </th>
                    <td>
                      <select
                        aria-label={t("cdKoboTargetFor", { column: c.column })}
                        value={c.target ?? ""}
                        disabled={busy}
                        onChange={(e) => {
                          const next = { ...mapping, [c.column]: e.target.value };
                          setMapping(next);
                          check(file, next);
                        }}
                      >
                        <option value="">{t("cdKoboLeaveOut")}</option>
                        <optgroup label={t("cdKoboQuestions")}>
                          {definition.questions.map((q) => (
                            <option key={q.code} value={q.code}>
                              {questionLabel(q.code)}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label={t("cdKoboFacts")}>
                          {(["age_band", "gender", "region"] as const).map((f) => (
                            <option key={f} value={f}>
                              {targetLabel(f)}
                            </option>
                          ))}
                        </optgroup>
                      </select>
                      <div className="cd-kobo-how">
                        {c.target
                          ? c.automatic
                            ? t("cdKoboAutomatic")
                            : t("cdKoboChosen")
                          : c.partOf
                            ? t("cdKoboPartOf", { question: c.partOf })
                            : t("cdKoboNotStored")}
                      </div>
                    </td>
                    <td className="cd-kobo-samples">
                      {c.samples.length ? (
                        c.samples.map((x) => <code key={x}>{x}</code>)
                      ) : (
                        <span className="ch-note">{t("cdKoboNoValues")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {koboOwn.length > 0 && (
            <p className="ch-note">
              {t("cdKoboOwnColumns", { count: koboOwn.length })}{" "}
              {koboOwn.map((c, i) => (
                <span key={c.column}>
                  {i > 0 && ", "}
                  <code>{c.column}</code>
                </span>
              ))}
            </p>
          )}
          <form
            className="cd-upload"
            onSubmit={(e) => {
              e.preventDefault();
              const form = formOf(file, mapping);
              if (country.trim()) form.set("country", country.trim());
              form.set("guardianConsentConfirmed", consented ? "true" : "false");
              setBusy(true);
              setProblems(null);
              sendApi("POST", base, form, koboImportOut)
                .then(
                  (result) => {
                    setDone(result);
                    setPreview(null);
                    onImported();
                  },
                  (error: unknown) => setProblems(problemsOf(error)),
                )
                .finally(() => setBusy(false));
            }}
          >
            <label className="cd-field cd-narrow">
              {t("cdKoboCountry")}
              <input
                name="country"
                maxLength={2}
                placeholder="MD"
                value={country}
                onChange={(e) => setCountry(e.target.value)}
              />
            </label>
            {preview.needConsent > 0 && (
              <label className="cd-check">
                <input type="checkbox" checked={consented} onChange={(e) => setConsented(e.target.checked)} />{" "}
                {t("cdKoboConsentRows", { rows: preview.needConsent })}
              </label>
            )}
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || preview.problems.length > 0 || (preview.needConsent > 0 && !consented)}
            >
              {t("cdKoboImportRows", { rows: preview.ready })}
            </button>
          </form>
          {preview.problems.length > 0 && <p className="ch-note">{t("cdKoboFixFirst")}</p>}
        </div>
      )}
      {problems && <Problems lines={problems} />}
      {done && (
        <div role="status">
          <p>{t("cdKoboDone", { stored: done.stored, already: done.already })}</p>
          {done.emptyRows > 0 && <p>{t("cdKoboEmpty", { rows: done.emptyRows })}</p>}
          {done.dropped.length > 0 && (
            <>
              <h3>{t("cdKoboDropped")}</h3>
              <ul className="cd-report">
                {done.dropped.map((d) => (
                  <li key={d.column}>
                    <code>{d.column}</code>: {d.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="button button--small" onClick={restart}>
            {t("cdKoboAnother")}
          </button>
        </div>
      )}
    </section>
  );
}

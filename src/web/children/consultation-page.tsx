import { z } from "zod";
import { NOT_STATED, pickText, questionText } from "../../core/index.ts";
import { consultationOut, type ResultsOut, resultsOut } from "../../server/api-schemas/children.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { KoboImportForm } from "./import-forms.tsx";
import { ReportLinks } from "./report-links.tsx";
import "./children.css";

/**
 * One consultation for its coalition: the session codes to hand out, opening and closing, and the
 * results in aggregate only (the server leaves out every group under the threshold).
 */
export function ConsultationPage({ id }: { id: string }) {
  const { t, pick, lang: language } = useLanguage();
  const consultation = useApi(`/api/children/consultations/${id}`, consultationOut);
  const results = useApi(`/api/children/consultations/${id}/results`, resultsOut);
  if (consultation.status === "loading") return <Loading />;
  if (consultation.status === "error")
    return <ErrorMessage message={consultation.message} onRetry={consultation.reload} />;
  const c = consultation.data;
  const setStatus = async (status: "open" | "closed") => {
    await sendApi(
      "POST",
      `/api/children/consultations/${id}/status`,
      { status, resultsPublic: status === "closed" },
      z.null(),
    );
    consultation.reload();
    results.reload();
  };
  const addSession = async () => {
    await sendApi(
      "POST",
      `/api/children/consultations/${id}/sessions`,
      { label: t("chNewSessionLabel"), sharedDevice: true },
      z.unknown(),
    );
    consultation.reload();
  };
  return (
    <div className="ch-page">
      <PageTitle text={pick(c.title)}>{pick(c.title)}</PageTitle>
      <p className="lead">
        {c.organisation.name} · {t("chStatus", { status: c.status })} ·{" "}
        {c.participants === null
          ? t("chUnder", { threshold: c.threshold })
          : t("chChildren", { count: c.participants })}
      </p>
      {c.may.design && (
        <p className="ch-actions">
          {c.status !== "open" && (
            <button type="button" onClick={() => void setStatus("open")}>
              {t("chOpen")}
            </button>
          )}
          {c.status === "open" && (
            <button type="button" onClick={() => void setStatus("closed")}>
              {t("chClose")}
            </button>
          )}
          <button type="button" onClick={() => void addSession()}>
            {t("chAddSession")}
          </button>
          {c.status === "draft" && <Link to={paths.childrenDesign(c.id)}>{t("cdDesign")}</Link>}
        </p>
      )}
      <p>
        <a href={`/api/children/consultations/${id}/xlsform`}>{t("cdXlsform")}</a>
      </p>
      <section aria-labelledby="ch-sessions">
        <h2 id="ch-sessions">{t("chSessions")}</h2>
        <ul className="ch-sessions">
          {c.sessions.map((s) => (
            <li key={s.id}>
              <strong className="ch-code">{s.code}</strong> {s.label}
              {s.country ? ` (${s.country})` : ""} · <a href={paths.child(s.code)}>{paths.child(s.code)}</a>
            </li>
          ))}
        </ul>
      </section>
      {(c.pendingModeration > 0 || c.may.moderate) && (
        <p>
          {c.pendingModeration > 0 && <>{t("chPending", { count: c.pendingModeration })} </>}
          {c.may.moderate && <Link to={paths.childrenModeration(c.id)}>{t("mdLink")}</Link>}
        </p>
      )}
      {c.may.design && c.status === "open" && (
        <KoboImportForm consultationId={c.id} definition={c.definition} onImported={() => results.reload()} />
      )}
      <section aria-labelledby="ch-results">
        <h2 id="ch-results">{t("chResults")}</h2>
        <p className="ch-note">{t("chSuppressionNote", { threshold: c.threshold })}</p>
        <p>
          <a href={`/api/children/consultations/${id}/results.csv`}>{t("chDownloadCsv")}</a>
        </p>
        <ReportLinks id={id} codes={c.sessions.map((s) => s.code)} />
        {results.status === "ok" && (
          <ResultsTables results={results.data} definition={c.definition} lang={language} />
        )}
      </section>
    </div>
  );
}

function ResultsTables({
  results,
  definition,
  lang,
}: {
  results: ResultsOut;
  definition: z.infer<typeof consultationOut>["definition"];
  lang: string;
}) {
  const { t } = useLanguage();
  /** A group's name in the reader's language: "not-stated", genders, age bands and countries are codes. */
  const groupName = (dimension: string, key: string) => {
    if (key === NOT_STATED) return t("chNotStated");
    if (dimension === "gender")
      return key === "girl"
        ? t("chGirl")
        : key === "boy"
          ? t("chBoy")
          : key === "other"
            ? t("chGenderOther")
            : key === "rather-not-say"
              ? t("chRatherNotSay")
              : key;
    if (dimension === "band") {
      const band = definition.ageBands.find((x) => x.code === key);
      return band ? pickText(band.label, lang) : key;
    }
    if (dimension === "country") return regionName(key, lang);
    return key;
  };
  if (!results.participants) return <p>{t("chUnder", { threshold: results.threshold })}</p>;
  const percent = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)} %`);
  return (
    <>
      {results.questions.map((q) => {
        const question = definition.questions.find((x) => x.code === q.code)!;
        return (
          <article key={q.code} className="ch-result">
            <h3>{questionText(question, "", lang)}</h3>
            {!q.total ? (
              <p>{t("chUnder", { threshold: results.threshold })}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <caption>{t("chChildren", { count: q.total.n })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("chGroup")}</th>
                      <th scope="col">{t("chColChildren")}</th>
                      <th scope="col">{t("chAgreeing")}</th>
                      <th scope="col">{t("chAnswers")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[
                      { dimension: "all", groups: [{ key: t("chAll"), ...q.total }], hidden: false },
                      ...q.breakdowns,
                    ].map((b) => (
                      <>
                        {b.groups.map((g) => (
                          <tr key={`${b.dimension}-${g.key}`}>
                            <th scope="row">
                              {b.dimension === "all"
                                ? g.key
                                : `${t("chDimension", { dimension: b.dimension })}: ${groupName(b.dimension, g.key)}`}
                            </th>
                            <td>{g.n}</td>
                            <td>{percent(g.agreeing)}</td>
                            <td>
                              {Object.entries(g.counts)
                                .map(([k, n]) => `${optionLabel(question, k, lang, t)} ${n}`)
                                .join(" · ")}
                              {g.median !== null ? `${t("chMedian")} ${g.median}` : ""}
                            </td>
                          </tr>
                        ))}
                        {b.hidden && (
                          <tr key={`${b.dimension}-hidden`} className="ch-hidden">
                            <th scope="row">{t("chDimension", { dimension: b.dimension })}</th>
                            <td colSpan={3}>{t("chHiddenGroups", { threshold: results.threshold })}</td>
                          </tr>
                        )}
                      </>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        );
      })}
      {results.quotes.length > 0 && (
        <section>
          <h3>{t("chQuotes")}</h3>
          <ul className="ch-quotes">
            {results.quotes.map((quote) => (
              <li key={`${quote.question}-${quote.text}`}>“{quote.text}”</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** A country's name in the reader's language (the code when the browser does not know it). */
function regionName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang, "en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function optionLabel(
  question: { type: string; options: { value: string; label: Record<string, string> }[] },
  value: string,
  lang: string,
  t: ReturnType<typeof useLanguage>["t"],
) {
  // Yes / no / not sure in the reader's words (every workspace language, Romanian and Russian too).
  if (question.type === "yes-no" && (value === "yes" || value === "no" || value === "not-sure"))
    return t(value === "yes" ? "chYes" : value === "no" ? "chNo" : "chNotSure");
  // A face with its number, as the children saw the scale.
  if (question.type === "smiley-3") return `${{ "1": "🙁", "2": "😐", "3": "🙂" }[value] ?? ""} ${value}`;
  if (question.type === "smiley-5")
    return `${{ "1": "😢", "2": "🙁", "3": "😐", "4": "🙂", "5": "😄" }[value] ?? ""} ${value}`;
  const option = question.options.find((o) => o.value === value);
  return option ? pickText(option.label, lang) : value;
}

import { useLanguage } from "../i18n/language.tsx";
import { paths } from "../routing/routes.ts";

const LANGUAGES = ["en", "fr", "ar"] as const;

/** Links to a consultation's report (PDF, Word in en/fr/ar) and to the children's own results page. */
export function ReportLinks({ id, codes }: { id: string; codes: string[] }) {
  const { t, lang } = useLanguage();
  const name = (l: string) => new Intl.DisplayNames([lang], { type: "language" }).of(l) ?? l;
  return (
    <div className="ch-report-links">
      <h3>{t("cvReports")}</h3>
      <ul>
        {LANGUAGES.map((l) => (
          <li key={l}>
            <a href={`/api/children/consultations/${id}/report.pdf?lang=${l}`}>
              {t("cvReportPdf", { language: name(l) })}
            </a>
            {" · "}
            <a href={`/api/children/consultations/${id}/report.docx?lang=${l}`}>
              {t("cvReportDocx", { language: name(l) })}
            </a>
          </li>
        ))}
      </ul>
      {codes.length > 0 && (
        <>
          <h3>{t("cvChildResults")}</h3>
          <p className="ch-note">{t("cvChildResultsNote")}</p>
          <ul>
            {codes.map((c) => (
              <li key={c}>
                <a href={paths.childResults(c)}>{paths.childResults(c)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

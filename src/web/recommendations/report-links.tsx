import type { Target } from "../../core/index.ts";
import { api, countryList } from "../api/endpoints.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";

/** The permission target of a State (its country and region), for showing what the person may do. */
export function useStateTarget(stateCode: string | null | undefined): Target | null {
  const list = useApi(api.countries(), countryList);
  if (!stateCode || list.status !== "ok") return null;
  const found = list.data.find((c) => c.code === stateCode);
  return { country: stateCode, region: found?.regionCode ?? null };
}

/** Downloads of a State's follow-up report and report card, for those who may read its tracking. */
export function ReportLinks({ state, stateCode }: { state: string | null; stateCode: string | null }) {
  const { t } = useLanguage();
  const { may } = useSession();
  const target = useStateTarget(stateCode);
  const allowed = target
    ? may("recommendation:read-tracking", target)
    : may("recommendation:read-tracking", {});
  const q = state ? encodeURIComponent(state) : "";
  return (
    <section className="rc-panel" aria-labelledby="rc-reports-title">
      <h2 id="rc-reports-title">{t("rcReports")}</h2>
      {!state ? (
        <p className="muted">{t("rcReportsHint")}</p>
      ) : !allowed ? (
        <p className="muted">{t("rcReportsInternal", { state })}</p>
      ) : (
        <ul className="rc-downloads">
          <li>
            <a href={`/api/recommendations/report.docx?state=${q}&groupBy=article`} download>
              {t("rcReportDocx")}
            </a>
          </li>
          <li>
            <a href={`/api/recommendations/report.docx?state=${q}&groupBy=cluster`} download>
              {t("rcReportClusterDocx")}
            </a>
          </li>
          <li>
            <a href={`/api/recommendations/report.xlsx?state=${q}`} download>
              {t("rcReportXlsx")}
            </a>
          </li>
          <li>
            <a href={`/api/recommendations/report-card.docx?state=${q}`} download>
              {t("rcReportCard")}
            </a>
          </li>
        </ul>
      )}
    </section>
  );
}

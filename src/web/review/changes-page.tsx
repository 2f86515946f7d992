import { changesOut } from "../../server/api-schemas/review.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { type AssessmentData, AssessmentPageFrame } from "./assessment-page-frame.tsx";
import { formatDateTime, formatValue } from "./format.ts";

/** What changed in each answer since the last submission: version and value then and now. */
function ChangesTable({ assessmentId, data }: { assessmentId: string; data: AssessmentData }) {
  const { t, lang, pick } = useLanguage();
  const changes = useApi(`/api/assessments/${assessmentId}/changes`, changesOut);
  const texts = new Map(data.framework.indicators.map((i) => [i.code, pick(i.text)]));
  const show = (value: Parameters<typeof formatValue>[0]) => formatValue(value) ?? t("rvNoValue");
  return (
    <Loaded states={[changes]}>
      {({ since, changes: list }) => {
        if (!since) return <p className="muted">{t("rvChangesNoSubmission")}</p>;
        return (
          <>
            <p className="lead">{t("rvChangesSince", { date: formatDateTime(since, lang) })}</p>
            {list.length === 0 ? (
              <p className="muted">{t("rvChangesNone")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table rv-changes">
                  <caption className="visually-hidden">{t("rvChanges")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("rvIndicator")}</th>
                      <th scope="col">{t("rvVersionThenNow")}</th>
                      <th scope="col">{t("rvValueThen")}</th>
                      <th scope="col">{t("rvValueNow")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((c) => (
                      <tr key={c.indicator}>
                        <th scope="row">
                          <span className="code">{c.indicator}</span> {texts.get(c.indicator) ?? ""}
                        </th>
                        <td className="num">
                          {c.versionThen} <span className="rv-arrow">→</span> {c.versionNow}
                        </td>
                        <td className="rv-text">
                          <del>{show(c.valueThen)}</del>
                          {c.justificationThen && <span className="rv-just">{c.justificationThen}</span>}
                        </td>
                        <td className="rv-text">
                          <ins>{show(c.valueNow)}</ins>
                          {c.justificationNow && <span className="rv-just">{c.justificationNow}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        );
      }}
    </Loaded>
  );
}

/** /assessments/:id/changes */
export function ChangesPage({ assessmentId }: { assessmentId: string }) {
  return (
    <AssessmentPageFrame assessmentId={assessmentId} current="changes" title="rvChangesTitle">
      {(data) => <ChangesTable assessmentId={assessmentId} data={data} />}
    </AssessmentPageFrame>
  );
}

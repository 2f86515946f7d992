import { z } from "zod";
import { reviewQueueItem } from "../../server/api-schemas/review.ts";
import { RequireUser } from "../account/require-user.tsx";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { statusLabel } from "../workspace/workspace-header.tsx";
import { formatDateTime } from "./format.ts";
import "./review.css";

const queue = z.array(reviewQueueItem);

/** /review — the assessments waiting for the signed-in reviewer, with what waits in each. */
export function ReviewQueuePage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("rvQueueTitle")}>{t("rvQueueTitle")}</PageTitle>
      <p className="lead">{t("rvQueueLead")}</p>
      <RequireUser>{() => <QueueTable />}</RequireUser>
    </>
  );
}

function QueueTable() {
  const { t, lang, pick } = useLanguage();
  const items = useApi("/api/review/queue", queue);
  return (
    <Loaded states={[items]}>
      {(list) =>
        list.length === 0 ? (
          <p className="empty-note">{t("rvQueueEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table rv-queue">
              <caption className="visually-hidden">{t("rvQueueTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("rvQueueCountry")}</th>
                  <th scope="col">{t("rvQueueStatus")}</th>
                  <th scope="col">{t("rvQueueSubmitted")}</th>
                  <th scope="col" className="num">
                    {t("rvQueueWaiting")}
                  </th>
                  <th scope="col" className="num">
                    {t("rvQueueChanged")}
                  </th>
                  <th scope="col" className="num">
                    {t("rvQueueApproved")}
                  </th>
                  <th scope="col" className="num">
                    {t("rvQueueReturned")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => {
                  const country = a.area
                    ? `${pick(a.countryName, "en")} — ${pick(a.area.name, "en")}`
                    : pick(a.countryName, "en");
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link
                          to={`${paths.assessment(a.id)}?filter=toReview`}
                          aria-label={t("rvQueueOpen", { country })}
                        >
                          {country}
                        </Link>{" "}
                        <span className="muted">{a.period}</span>
                        {a.reviewSections && (
                          <span className="muted" style={{ display: "block" }}>
                            {t("rvQueueSections", { sections: a.reviewSections.join(", ") })}
                          </span>
                        )}
                      </th>
                      <td>{statusLabel(a.status, t)}</td>
                      <td>{a.submittedAt ? formatDateTime(a.submittedAt, lang) : ""}</td>
                      <td className="num">
                        <strong>{a.waiting}</strong>
                      </td>
                      <td className="num">
                        {a.changedSinceSubmission ?? <span className="muted">{t("rvQueueFirst")}</span>}
                      </td>
                      <td className="num">{a.approved}</td>
                      <td className="num">{a.returned}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      }
    </Loaded>
  );
}

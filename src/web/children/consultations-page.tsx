import { z } from "zod";
import { consultationSummaryOut } from "../../server/api-schemas/children.ts";
import { organisationOut } from "../../server/api-schemas/results.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { XlsFormImportForm } from "./import-forms.tsx";
import "./children.css";

/** The children's consultations a person may read, with their status and number of children. */
export function ConsultationsPage() {
  const { t, pick } = useLanguage();
  const { user } = useSession();
  const organisations = useApi(user ? "/api/results/organisations" : null, z.array(organisationOut));
  const designable = organisations.status === "ok" ? organisations.data.filter((o) => o.mayEdit) : [];
  const list = useApi(user ? "/api/children/consultations" : null, z.array(consultationSummaryOut));
  if (user === null) return <Link to={paths.signIn(paths.children())}>{t("rcSignIn")}</Link>;
  return (
    <div className="ch-page">
      <PageTitle text={t("chTitle")}>{t("chTitle")}</PageTitle>
      <p className="lead">{t("chLead")}</p>
      {designable.length > 0 && (
        <p className="ch-actions">
          <Link className="button" to={paths.childrenNew()}>
            {t("cdNew")}
          </Link>
        </p>
      )}
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <ErrorMessage message={list.message} onRetry={list.reload} />}
      {list.status === "ok" &&
        (list.data.length === 0 ? (
          <p>{t("chNone")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("chColConsultation")}</th>
                  <th scope="col">{t("rsColOrganisation")}</th>
                  <th scope="col">{t("rsColStatus")}</th>
                  <th scope="col">{t("chColChildren")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={paths.childrenConsultation(c.id)}>{pick(c.title)}</Link>
                    </td>
                    <td>{c.organisation.name}</td>
                    <td>{t("chStatus", { status: c.status })}</td>
                    <td>{c.participants ?? t("chUnder", { threshold: c.threshold })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {designable.length > 0 && <XlsFormImportForm organisations={designable} />}
    </div>
  );
}

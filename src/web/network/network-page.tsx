import { z } from "zod";
import { applicationOut, groupSummaryOut, organisationSummaryOut } from "../../server/api-schemas/network.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";

/** The network in one page: organisations in scope, applications to decide, working groups. */
export function NetworkPage() {
  const { t } = useLanguage();
  const { user } = useSession();
  const organisations = useApi(user ? "/api/network/organisations" : null, z.array(organisationSummaryOut));
  const applications = useApi(user ? "/api/network/applications" : null, z.array(applicationOut));
  const groups = useApi(user ? "/api/network/groups" : null, z.array(groupSummaryOut));
  if (user === null) {
    return (
      <p>
        <Link to={paths.signIn(paths.network())}>{t("rcSignIn")}</Link>
      </p>
    );
  }
  const names = new Map(organisations.status === "ok" ? organisations.data.map((o) => [o.id, o.name]) : []);
  return (
    <div className="rs-page">
      <PageTitle text={t("nwTitle")}>{t("nwTitle")}</PageTitle>
      <p className="lead">{t("nwLead")}</p>
      <h2>{t("nwApplications")}</h2>
      {applications.status === "loading" && <Loading />}
      {applications.status === "error" && (
        <ErrorMessage message={applications.message} onRetry={applications.reload} />
      )}
      {applications.status === "ok" &&
        (applications.data.filter((a) => a.status === "pending").length === 0 ? (
          <p>{t("nwNoApplications")}</p>
        ) : (
          <ul>
            {applications.data
              .filter((a) => a.status === "pending")
              .map((a) => (
                <li key={a.id}>{t("nwApplicationTo", { name: a.name, parent: a.parentName })}</li>
              ))}
          </ul>
        ))}
      {applications.status === "ok" && applications.data.some((a) => a.canDecide) && (
        <p>
          <Link to={paths.networkApplications()}>{t("nwDecideApplications")}</Link>
        </p>
      )}
      <h2>{t("nwGroups")}</h2>
      {groups.status === "loading" && <Loading />}
      {groups.status === "error" && <ErrorMessage message={groups.message} onRetry={groups.reload} />}
      {groups.status === "ok" &&
        (groups.data.length === 0 ? (
          <p>{t("nwNoGroups")}</p>
        ) : (
          <ul>
            {groups.data.map((g) => (
              <li key={g.id}>
                <Link to={paths.networkGroup(g.id)}>
                  <strong dir="auto">{g.name}</strong>
                </Link>{" "}
                —{" "}
                {t("nwGroupLine", {
                  kind: g.kind,
                  organisation: g.organisationName,
                  members: g.memberCount,
                  documents: g.documentCount,
                })}
              </li>
            ))}
          </ul>
        ))}
      <h2>{t("nwOrganisations")}</h2>
      {organisations.status === "loading" && <Loading />}
      {organisations.status === "error" && (
        <ErrorMessage message={organisations.message} onRetry={organisations.reload} />
      )}
      {organisations.status === "ok" &&
        (organisations.data.length === 0 ? (
          <p>{t("nwNone")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("nwColName")}</th>
                  <th scope="col">{t("nwColKind")}</th>
                  <th scope="col">{t("nwColCountry")}</th>
                  <th scope="col">{t("nwColStatus")}</th>
                  <th scope="col">{t("nwColMembers")}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.data.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={paths.networkOrganisation(o.id)}>
                        <span dir="auto">{o.name}</span>
                      </Link>
                      {o.parentId && names.get(o.parentId) ? <small> — {names.get(o.parentId)}</small> : null}
                    </th>
                    <td>{t("nwKind", { kind: o.kind })}</td>
                    <td>{o.countryCode ?? "—"}</td>
                    <td>{t("nwStatus", { status: o.status })}</td>
                    <td>{o.memberCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}

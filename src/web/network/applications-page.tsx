import { type FormEvent, useState } from "react";
import { z } from "zod";
import { applicationOut } from "../../server/api-schemas/network.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { Card, DateText, FormError, fieldText, useSend } from "./parts.tsx";
import "./network.css";

type Application = z.infer<typeof applicationOut>;

/**
 * The membership applications a coalition's coordinator decides: each with who applied and why;
 * approve it (the organisation becomes a member, the applicant its coordinator) or refuse it with
 * a reason the applicant is told. Decided applications stay listed below.
 */
export function ApplicationsPage() {
  const { t } = useLanguage();
  const { user } = useSession();
  const state = useApi(user ? "/api/network/applications" : null, z.array(applicationOut));
  if (user === null) {
    return (
      <p>
        <Link to={paths.signIn(paths.networkApplications())}>{t("rcSignIn")}</Link>
      </p>
    );
  }
  const pending = state.status === "ok" ? state.data.filter((a) => a.status === "pending") : [];
  const decided = state.status === "ok" ? state.data.filter((a) => a.status !== "pending") : [];
  return (
    <div className="nw-page">
      <p className="nw-crumb">
        <Link to={paths.network()}>{t("nwTitle")}</Link>
      </p>
      <PageTitle text={t("nwApplications")}>{t("nwApplications")}</PageTitle>
      <p className="lead">{t("nwApplicationsLead")}</p>
      {(state.status === "loading" || user === undefined) && <Loading />}
      {state.status === "error" && <ErrorMessage message={state.message} onRetry={state.reload} />}
      {state.status === "ok" && (
        <>
          <Card id="nw-pending" title={t("nwPending")}>
            {pending.length === 0 ? (
              <p>{t("nwNoApplications")}</p>
            ) : (
              <ul className="nw-list">
                {pending.map((a) => (
                  <li key={a.id}>
                    <ApplicationItem application={a} onDecided={state.reload} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card id="nw-decided" title={t("nwDecided")}>
            {decided.length === 0 ? (
              <p>{t("nwNoDecided")}</p>
            ) : (
              <ul className="nw-list">
                {decided.map((a) => (
                  <li key={a.id}>
                    <strong dir="auto">{a.name}</strong> → <span dir="auto">{a.parentName}</span>:{" "}
                    <span className={a.status === "refused" ? "nw-status-left" : "nw-ok"}>
                      {t("nwDecision", { status: a.status })}
                    </span>{" "}
                    <DateText value={a.decidedAt} />
                    {a.reason && (
                      <div dir="auto">
                        {t("nwReason")}: {a.reason}
                      </div>
                    )}
                    {a.organisationId && (
                      <div>
                        <Link to={paths.networkOrganisation(a.organisationId)}>
                          {t("nwOpenOrganisation")}
                        </Link>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function ApplicationItem({ application: a, onDecided }: { application: Application; onDecided: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwDecidedMeanwhile"));
  const [refusing, setRefusing] = useState(false);
  const decide = (decision: "approve" | "refuse", reason: string | null) =>
    send
      .run(async () => {
        await sendApi(
          "POST",
          `/api/network/applications/${a.id}/decision`,
          { decision, reason },
          z.unknown(),
        );
      })
      .then((ok) => ok && onDecided());
  function refuse(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void decide("refuse", fieldText(new FormData(event.currentTarget), "reason") || null);
  }
  return (
    <article aria-labelledby={`nw-app-${a.id}`}>
      <h3 id={`nw-app-${a.id}`}>
        <span dir="auto">{a.name}</span>
      </h3>
      <p className="nw-muted">
        {t("nwAppliesTo", { parent: a.parentName })} · {a.appliedBy} · <DateText value={a.appliedAt} />
      </p>
      <dl className="nw-facts">
        <dt>{t("nwColCountry")}</dt>
        <dd>{a.countryCode ?? "—"}</dd>
        <dt>{t("nwEmail")}</dt>
        <dd dir="ltr">{a.contactEmail}</dd>
        <dt>{t("nwWebsite")}</dt>
        <dd dir="ltr">{a.website ?? "—"}</dd>
        <dt>{t("nwThemes")}</dt>
        <dd>
          {a.themes.length
            ? a.themes.map((theme) => (
                <span key={theme} className="nw-tag" dir="auto">
                  {theme}
                </span>
              ))
            : "—"}
        </dd>
        <dt>{t("nwMotivation")}</dt>
        <dd className="nw-notes" dir="auto">
          {a.motivation}
        </dd>
      </dl>
      {a.canDecide &&
        (refusing ? (
          <form className="nw-form" aria-label={t("nwRefuse")} onSubmit={refuse}>
            <label>
              {t("nwRefuseReason")}
              <textarea name="reason" rows={3} required maxLength={2000} dir="auto" />
            </label>
            <FormError error={send.error} />
            <div className="nw-actions">
              <button type="submit" className="button button--primary" disabled={send.busy}>
                {t("nwRefuseButton")}
              </button>
              <button type="button" className="button" onClick={() => setRefusing(false)}>
                {t("nwCancel")}
              </button>
            </div>
          </form>
        ) : (
          <>
            <FormError error={send.error} />
            <div className="nw-actions">
              <button
                type="button"
                className="button button--primary"
                disabled={send.busy}
                onClick={() => void decide("approve", null)}
              >
                {t("nwApprove")}
              </button>
              <button type="button" className="button" onClick={() => setRefusing(true)}>
                {t("nwRefuse")}
              </button>
            </div>
          </>
        ))}
    </article>
  );
}

import { useState } from "react";
import { z } from "zod";
import { OUTLINES, outlineForMechanism } from "../../core/index.ts";
import { calendarOut, countryReportingOut, reportSummaryOut } from "../../server/api-schemas/reporting.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link, navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import "./reporting.css";

/** The alternative reports a person may read, and a form to start one for a country and a review. */
export function ReportingReportsPage() {
  const { t, lang } = useLanguage();
  const { user } = useSession();
  const { search } = useLocation();
  const [country, setCountry] = useState(search.get("country") ?? "");
  const [cycleId, setCycleId] = useState(search.get("cycleId") ?? "");
  const [outline, setOutline] = useState("");
  const [customTitles, setCustomTitles] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useApi(user ? "/api/reporting/reports" : null, z.array(reportSummaryOut));
  const countries = useApi(user ? "/api/reporting/calendar?from=9999-01-01" : null, calendarOut);
  const profile = useApi(user && country ? `/api/reporting/countries/${country}` : null, countryReportingOut);
  if (user === null) return <Link to={paths.signIn(paths.reportingReports())}>{t("rcSignIn")}</Link>;
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { id } = await sendApi(
        "POST",
        "/api/reporting/reports",
        {
          country,
          ...(cycleId ? { cycleId } : {}),
          ...(outline ? { outline } : {}),
          ...(outline === "custom"
            ? {
                sections: customTitles
                  .split("\n")
                  .map((l) => l.trim())
                  .filter(Boolean),
              }
            : {}),
        },
        z.object({ id: z.string() }),
      );
      navigate(paths.reportingReport(id));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "medium" });
  // Without a choice the server starts from the chosen review's mechanism's outline (else the CRC's).
  const review = profile.status === "ok" ? profile.data.reviews.find((r) => r.id === cycleId) : undefined;
  const suggested = outlineForMechanism(review?.mechanism);
  return (
    <div className="rp-page">
      <PageTitle text={t("rpReportsTitle")}>{t("rpReportsTitle")}</PageTitle>
      <p className="lead">{t("rpReportsLead")}</p>
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <ErrorMessage message={list.message} onRetry={list.reload} />}
      {list.status === "ok" &&
        (list.data.length === 0 ? (
          <p>{t("rpNoReports")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("rpColTitle")}</th>
                  <th scope="col">{t("rpCountry")}</th>
                  <th scope="col">{t("rpColWords")}</th>
                  <th scope="col">{t("rpColCreated")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={paths.reportingReport(r.id)}>{r.title}</Link>
                    </td>
                    <td>{r.countryName}</td>
                    <td>
                      {r.wordLimit
                        ? t("rpWordsOfLimit", {
                            count: r.words.toLocaleString(lang),
                            limit: r.wordLimit.toLocaleString(lang),
                          })
                        : t("rpWords", { count: r.words })}
                    </td>
                    <td>{date.format(new Date(r.createdAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <section className="rp-panel" aria-labelledby="rp-start">
        <h2 id="rp-start">{t("rpStartTitle")}</h2>
        <div className="rp-controls">
          <label>
            {t("rpCountry")}{" "}
            <select
              value={country}
              onChange={(e) => {
                setCountry(e.target.value);
                setCycleId("");
              }}
            >
              <option value="" />
              {countries.status === "ok" &&
                countries.data.countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t("rpReview")}{" "}
            <select value={cycleId} onChange={(e) => setCycleId(e.target.value)} disabled={!country}>
              <option value="">{t("rpNoReview")}</option>
              {profile.status === "ok" &&
                profile.data.reviews.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.review}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t("reOutline")}{" "}
            <select value={outline} onChange={(e) => setOutline(e.target.value)}>
              <option value="">{t("reOutlineName", { outline: suggested })}</option>
              {OUTLINES.filter((o) => o !== suggested).map((o) => (
                <option key={o} value={o}>
                  {t("reOutlineName", { outline: o })}
                </option>
              ))}
            </select>
          </label>
          {outline === "custom" && (
            <label>
              {t("reCustomSections")}
              <textarea rows={4} value={customTitles} onChange={(e) => setCustomTitles(e.target.value)} />
            </label>
          )}
          <button type="button" disabled={!country || busy} onClick={() => void start()}>
            {busy ? t("rpStarting") : t("rpStart")}
          </button>
        </div>
        {error && <p role="alert">{error}</p>}
      </section>
    </div>
  );
}

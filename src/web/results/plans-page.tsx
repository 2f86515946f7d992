import { type FormEvent, useState } from "react";
import { z } from "zod";
import { organisationOut, planSummaryOut } from "../../server/api-schemas/results.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link, navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { IatiImportForm } from "./iati.tsx";
import { editLanguages, LocalTextFields, readLocalText } from "./local-text-fields.tsx";
import "./results.css";

const created = z.object({ id: z.string() });

/** The plans a person may read, and a form to start one for an organisation they may edit. */
export function PlansPage() {
  const { t, pick } = useLanguage();
  const { user } = useSession();
  const plans = useApi(user ? "/api/results/plans" : null, z.array(planSummaryOut));
  const organisations = useApi(user ? "/api/results/organisations" : null, z.array(organisationOut));
  if (user === null) {
    return (
      <p>
        <Link to={paths.signIn(paths.results())}>{t("rcSignIn")}</Link>
      </p>
    );
  }
  return (
    <div className="rs-page">
      <PageTitle text={t("rsTitle")}>{t("rsTitle")}</PageTitle>
      <p className="lead">{t("rsLead")}</p>
      {plans.status === "loading" && <Loading />}
      {plans.status === "error" && <ErrorMessage message={plans.message} onRetry={plans.reload} />}
      {plans.status === "ok" &&
        (plans.data.length === 0 ? (
          <p>{t("rsNoPlans")}</p>
        ) : (
          <table className="data-table rs-plans rs-stack">
            <thead>
              <tr>
                <th scope="col">{t("rsColPlan")}</th>
                <th scope="col">{t("rsColOrganisation")}</th>
                <th scope="col">{t("rsColStatus")}</th>
                <th scope="col" className="num">
                  {t("rsColIndicators")}
                </th>
                <th scope="col" className="num">
                  {t("rsColPeriods")}
                </th>
              </tr>
            </thead>
            <tbody>
              {plans.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={paths.resultsPlan(p.id)}>{pick(p.title)}</Link>
                  </th>
                  <td data-label={t("rsColOrganisation")}>{p.organisation.name}</td>
                  <td data-label={t("rsColStatus")}>
                    <span className={`status-chip rs-status--${p.status}`}>
                      {t("rsStatus", { status: p.status })}
                    </span>
                    {p.isPublic && <span className="rs-public"> · {t("rsPublic")}</span>}
                  </td>
                  <td className="num" data-label={t("rsColIndicators")}>
                    {p.indicators}
                  </td>
                  <td className="num" data-label={t("rsColPeriods")}>
                    {p.periods}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {organisations.status === "ok" && organisations.data.some((o) => o.mayEdit) && (
        <NewPlanForm organisations={organisations.data.filter((o) => o.mayEdit)} />
      )}
      {organisations.status === "ok" && organisations.data.some((o) => o.mayEdit) && (
        <IatiImportForm organisations={organisations.data.filter((o) => o.mayEdit)} />
      )}
    </div>
  );
}

/** The languages a new plan's levels and categories are named in, which its title is written in too. */
const NEW_PLAN_LANGUAGES = ["en", "fr", "ar"];

function NewPlanForm({ organisations }: { organisations: z.infer<typeof organisationOut>[] }) {
  const { t, lang } = useLanguage();
  const langs = editLanguages(NEW_PLAN_LANGUAGES, lang);
  const year = new Date().getFullYear();
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const first = Number(form.get("first"));
    const last = Number(form.get("last"));
    const periods = [];
    for (let y = first; y <= last && periods.length < 60; y++) {
      periods.push({ key: String(y), label: String(y), startsOn: `${y}-01-01`, endsOn: `${y}-12-31` });
    }
    try {
      const { id } = await sendApi(
        "POST",
        "/api/results/plans",
        {
          organisationId: form.get("organisation"),
          title: readLocalText(form, "title", langs),
          levels: [
            { key: "goal", name: { en: "Strategic goal", fr: "Objectif stratégique", ar: "هدف استراتيجي" } },
            { key: "outcome", name: { en: "Outcome", fr: "Effet", ar: "نتيجة" } },
            { key: "output", name: { en: "Output", fr: "Produit", ar: "مخرج" } },
          ],
          periods,
          disaggregations: [
            {
              key: "sex",
              name: { en: "Sex", fr: "Sexe", ar: "الجنس" },
              values: [
                { key: "girls", name: { en: "Girls", fr: "Filles", ar: "فتيات" } },
                { key: "boys", name: { en: "Boys", fr: "Garçons", ar: "فتيان" } },
              ],
            },
          ],
        },
        created,
      );
      navigate(paths.resultsPlan(id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <section className="rs-card" aria-labelledby="rs-new-plan">
      <h2 id="rs-new-plan">{t("rsNewPlan")}</h2>
      <form className="rs-form" onSubmit={submit}>
        <label>
          {t("rsOrganisation")}
          <select name="organisation" required>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <LocalTextFields name="title" label={t("rsTitleLangs")} langs={langs} maxLength={200} />
        <label>
          {t("rsFirstYear")}
          <input name="first" type="number" defaultValue={year} min={2000} max={2100} required />
        </label>
        <label>
          {t("rsLastYear")}
          <input name="last" type="number" defaultValue={year + 2} min={2000} max={2100} required />
        </label>
        <button type="submit" className="button button--primary">
          {t("rsCreate")}
        </button>
        {error && (
          <p role="alert" className="rs-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

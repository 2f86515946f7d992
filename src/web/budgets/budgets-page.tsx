import { useState } from "react";
import { z } from "zod";
import {
  budgetCompareOut,
  budgetCountrySummaryOut,
  budgetSectorOut,
} from "../../server/api-schemas/budgets.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { figureKey, formatFigure, formatMoney, formulaKey } from "./format.ts";
import { BudgetImportForm } from "./import-form.tsx";
import "./budgets.css";

const COMPARED = ["shareOfBudget", "shareOfGdp", "executionRate", "realGrowth"] as const;

/** The countries whose budget data a person may read, the regional comparison, and the import. */
export function BudgetsPage() {
  const { t, pick, lang } = useLanguage();
  const { user, may } = useSession();
  const list = useApi(user ? "/api/budgets/countries" : null, z.array(budgetCountrySummaryOut));
  const sectors = useApi(user ? "/api/budgets/sectors" : null, z.array(budgetSectorOut));
  const [sector, setSector] = useState("");
  const [year, setYear] = useState("");
  const query = new URLSearchParams({ ...(sector ? { sector } : {}), ...(year ? { year } : {}) }).toString();
  const compare = useApi(user ? `/api/budgets/compare${query ? `?${query}` : ""}` : null, budgetCompareOut);
  if (user === null) {
    return (
      <p>
        <Link to={paths.signIn(paths.budgets())}>{t("rcSignIn")}</Link>
      </p>
    );
  }
  const withData = list.status === "ok" ? list.data.filter((c) => c.lines > 0) : [];
  const years = [...new Set(withData.flatMap((c) => range(c.firstYear, c.lastYear)))].sort((a, b) => b - a);
  const mayImport = may("budget:edit");
  return (
    <div className="bg-page">
      <PageTitle text={t("bgTitle")}>{t("bgTitle")}</PageTitle>
      <p className="lead">{t("bgLead")}</p>
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <ErrorMessage message={list.message} onRetry={list.reload} />}
      {list.status === "ok" &&
        (list.data.length === 0 ? (
          <p>{t("bgNoCountries")}</p>
        ) : (
          <div className="bg-scroll">
            <table className="data-table bg-countries">
              <thead>
                <tr>
                  <th scope="col">{t("bgColCountry")}</th>
                  <th scope="col">{t("bgColYears")}</th>
                  <th scope="col" className="num">
                    {t("bgColLines")}
                  </th>
                  <th scope="col">{t("bgColCurrency")}</th>
                  <th scope="col">{t("bgColPublished")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">
                      <Link to={paths.budgetsCountry(c.code)}>{pick(c.name)}</Link>
                    </th>
                    <td>{c.firstYear ? `${c.firstYear}–${c.lastYear}` : "—"}</td>
                    <td className="num">{c.lines}</td>
                    <td>{c.currency ?? "—"}</td>
                    <td>{c.published ? `v${c.published.split("-v").pop()}` : t("bgNotPublished")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}

      {withData.length > 0 && (
        <section className="bg-card" aria-labelledby="bg-compare">
          <h2 id="bg-compare">{t("bgCompareTitle")}</h2>
          <div className="bg-filters">
            <label>
              {t("bgCompareYear")}
              <select value={year} onChange={(e) => setYear(e.target.value)}>
                <option value="">{years[0] ?? "—"}</option>
                {years.slice(1).map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("bgSector")}
              <select value={sector} onChange={(e) => setSector(e.target.value)}>
                <option value="">{t("bgAllSectors")}</option>
                {sectors.status === "ok" &&
                  sectors.data.map((s) => (
                    <option key={s.key} value={s.key}>
                      {pick(s.name)}
                    </option>
                  ))}
              </select>
            </label>
          </div>
          {compare.status === "ok" && (
            <div className="bg-scroll">
              <table className="data-table bg-compare">
                <thead>
                  <tr>
                    <th scope="col">{t("bgColCountry")}</th>
                    <th scope="col" className="num">
                      {t("bgPerChildUsd")}
                    </th>
                    {COMPARED.map((f) => (
                      <th key={f} scope="col" className="num" title={t(formulaKey(f))}>
                        {t(figureKey(f))}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {compare.data.rows.map((r) => (
                    <tr key={r.country}>
                      <th scope="row">
                        <Link to={paths.budgetsCountry(r.country)}>{pick(r.name)}</Link>
                        {r.fiscalYear && <span className="bg-muted"> · {r.fiscalYear}</span>}
                      </th>
                      <td className="num">{formatMoney(r.perChildUsd, lang)}</td>
                      {COMPARED.map((f) => (
                        <td key={f} className="num">
                          {formatFigure(f, r.figures?.[f] ?? null, lang)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <details className="bg-formulas">
            <summary>{t("bgFormulas")}</summary>
            <dl>
              {COMPARED.map((f) => (
                <div key={f}>
                  <dt>{t(figureKey(f))}</dt>
                  <dd>{t(formulaKey(f))}</dd>
                </div>
              ))}
            </dl>
          </details>
        </section>
      )}
      {mayImport && <BudgetImportForm onImported={list.reload} />}
    </div>
  );
}

function range(from: number | null, to: number | null): number[] {
  if (from === null || to === null) return [];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

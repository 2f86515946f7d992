import { useId, useState } from "react";
import { MECHANISMS } from "../../core/index.ts";
import { type Dashboard, dashboardOutput } from "../../server/api-schemas/recommendations.ts";
import { useApi } from "../api/use-api.ts";
import { ScrollRegion } from "../components/scroll-region.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { mechanismLabel, statusLabel } from "./labels.ts";
import { RecommendationsFrame } from "./page-frame.tsx";

const KEYS = ["state", "mechanism", "cycle", "assessor"] as const;

/** Shares of the statuses as one stacked bar; the numbers are in the table next to it. */
function StackedBar({
  counts,
  total,
  statuses,
}: {
  counts: Record<string, number>;
  total: number;
  statuses: string[];
}) {
  return (
    <span className="rc-stack" aria-hidden="true">
      {statuses.map((s) =>
        counts[s] ? (
          <span
            key={s}
            className={`rc-stack__part rc-fill--${s}`}
            style={{ inlineSize: `${(counts[s]! / total) * 100}%` }}
          />
        ) : null,
      )}
    </span>
  );
}

/** One dimension (theme, article, institution…): a row per value with its count per status. */
function DimensionTable({
  title,
  rows,
  statuses,
  label,
}: {
  title: string;
  rows: Dashboard["byTheme"];
  statuses: string[];
  label?: (value: string) => string;
}) {
  const { t } = useLanguage();
  return (
    <section className="section rc-panel">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("rcDashNone")}</p>
      ) : (
        <ScrollRegion label={title}>
          <table className="data-table rc-dash-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rcDashValue")}</th>
                <th scope="col" className="num">
                  {t("rcDashCount")}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t("rcDashByStatus")}</span>
                </th>
                {statuses.map((s) => (
                  <th key={s} scope="col" className="num">
                    {statusLabel(t, s)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 40).map((r) => (
                <tr key={r.value}>
                  <th scope="row" dir="auto">
                    {r.value === "(none)" ? t("rcNone") : label ? label(r.value) : r.value}
                  </th>
                  <td className="num">{r.total}</td>
                  <td>
                    <StackedBar counts={r.counts} total={r.total} statuses={statuses} />
                  </td>
                  {statuses.map((s) => (
                    <td key={s} className="num">
                      {r.counts[s] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** Counts by status as bars with their numbers and shares in words. */
function ByStatus({ data }: { data: Dashboard }) {
  const { t, lang } = useLanguage();
  const share = (n: number) => (data.total ? n / data.total : 0).toLocaleString(lang, { style: "percent" });
  const done = (data.byStatus.implemented ?? 0) + (data.byStatus.partially_implemented ?? 0);
  return (
    <section className="section rc-panel" aria-labelledby="rc-by-status">
      <h2 id="rc-by-status">{t("rcDashByStatus")}</h2>
      <p className="facts">
        <span>{t("rcDashTotal", { count: data.total })}</span>
        <span>{t("rcDashImplementedShare", { percent: share(done) })}</span>
      </p>
      <table className="data-table rc-status-table">
        <caption className="visually-hidden">{t("rcDashByStatus")}</caption>
        <tbody>
          {data.statuses.map((s) => (
            <tr key={s}>
              <th scope="row">{statusLabel(t, s)}</th>
              <td className="rv-bar-cell">
                <span className="rv-bar rc-bar--wide" aria-hidden="true">
                  <span
                    className={`rv-bar__fill rc-fill--${s}`}
                    style={{
                      inlineSize: `${data.total ? ((data.byStatus[s] ?? 0) / data.total) * 100 : 0}%`,
                    }}
                  />
                </span>
                <span className="rv-bar__value">
                  {t("rcDashShare", { count: data.byStatus[s] ?? 0, percent: share(data.byStatus[s] ?? 0) })}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** /recommendations/dashboard — counts by status × theme, article, institution, mechanism and cycle. */
export function RecommendationDashboardPage() {
  const { t } = useLanguage();
  const { search } = useLocation();
  const id = useId();
  const current = Object.fromEntries(KEYS.map((k) => [k, search.get(k) ?? ""]));
  const [values, setValues] = useState<Record<string, string>>(current);
  const params = new URLSearchParams(Object.entries(current).filter(([, v]) => v));
  const query = params.toString();
  const data = useApi(`/api/recommendations/dashboard${query ? `?${query}` : ""}`, dashboardOutput);
  const set = (key: string, value: string) => setValues({ ...values, [key]: value });

  return (
    <RecommendationsFrame title={t("rcDashboardTitle")} current="dashboard" lead={t("rcDashScope")}>
      <form
        className="rv-form rc-dash-filters"
        aria-label={t("rcFilters")}
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams(Object.entries(values).filter(([, v]) => v.trim()));
          navigate(`${paths.recommendationsDashboard()}${next.size ? `?${next}` : ""}`);
        }}
      >
        <div className="rc-inline">
          <div className="rv-field">
            <label htmlFor={`${id}-state`}>{t("rcField_state")}</label>
            <input
              id={`${id}-state`}
              value={values.state ?? ""}
              onChange={(e) => set("state", e.target.value)}
              dir="auto"
            />
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-mechanism`}>{t("rcField_mechanism")}</label>
            <select
              id={`${id}-mechanism`}
              value={values.mechanism ?? ""}
              onChange={(e) => set("mechanism", e.target.value)}
            >
              <option value="">{t("rcAny")}</option>
              {MECHANISMS.map((m) => (
                <option key={m} value={m}>
                  {mechanismLabel(t, m)}
                </option>
              ))}
            </select>
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-cycle`}>{t("rcField_cycle")}</label>
            <input
              id={`${id}-cycle`}
              value={values.cycle ?? ""}
              onChange={(e) => set("cycle", e.target.value)}
            />
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-assessor`}>{t("rcDashAssessor")}</label>
            <select
              id={`${id}-assessor`}
              value={values.assessor || "coalition"}
              onChange={(e) => set("assessor", e.target.value)}
            >
              {(["coalition", "government"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`rcKindLabel_${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary">
            {t("rcApplyFilters")}
          </button>
        </div>
      </form>
      <Loaded states={[data]}>
        {(d) => (
          <>
            <ByStatus data={d} />
            <DimensionTable title={t("rcDashByTheme")} rows={d.byTheme} statuses={d.statuses} />
            <DimensionTable
              title={t("rcDashByArticle")}
              rows={d.byArticle}
              statuses={d.statuses}
              label={(v) => `UNCRC ${v}`}
            />
            <DimensionTable title={t("rcDashByInstitution")} rows={d.byInstitution} statuses={d.statuses} />
            <DimensionTable
              title={t("rcDashByMechanism")}
              rows={d.byMechanism}
              statuses={d.statuses}
              label={(v) => mechanismLabel(t, v)}
            />
            <DimensionTable title={t("rcDashByCycle")} rows={d.byCycle} statuses={d.statuses} />
          </>
        )}
      </Loaded>
    </RecommendationsFrame>
  );
}

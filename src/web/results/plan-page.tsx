import { useState } from "react";
import { planLanguages } from "../../core/results/languages.ts";
import { type DashboardOut, dashboardOut, type PlanOut, planOut } from "../../server/api-schemas/results.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { DisaggregationCharts } from "./disaggregation-chart.tsx";
import type { PartChoice } from "./edit-plan-parts.tsx";
import { EvaluationsSection } from "./evaluations/evaluations-section.tsx";
import { OutcomesSection } from "./evaluations/outcomes-section.tsx";
import { IatiMenu } from "./iati.tsx";
import { IndicatorChart } from "./indicator-chart.tsx";
import { PlanEditing } from "./plan-editing.tsx";
import { PlanXlsx } from "./plan-xlsx.tsx";
import { ValueEditor } from "./value-editor.tsx";
import "./results.css";

type NodeProgress = DashboardOut["nodes"][number]["period"];

/** A plan's dashboard: the tree with progress in the chosen period, what is late, and every value to enter. */
export function PlanPage({ id }: { id: string }) {
  const { t, pick } = useLanguage();
  const { search } = useLocation();
  const period = search.get("period") ?? undefined;
  const level = search.get("level") ?? "";
  const plan = useApi(`/api/results/plans/${id}`, planOut);
  const dashboard = useApi(
    `/api/results/plans/${id}/dashboard${period ? `?period=${encodeURIComponent(period)}` : ""}`,
    dashboardOut,
  );
  // Kept here, not in PlanXlsx: the reload after an import unmounts the page's body.
  const [imported, setImported] = useState<number | null>(null);
  const [partChoice, setPartChoice] = useState<PartChoice>({ chosen: "", message: null });
  const reload = () => {
    plan.reload();
    dashboard.reload();
  };
  if (plan.status === "loading" || dashboard.status === "loading") return <Loading />;
  if (plan.status === "error") return <ErrorMessage message={plan.message} onRetry={plan.reload} />;
  if (dashboard.status === "error")
    return <ErrorMessage message={dashboard.message} onRetry={dashboard.reload} />;
  const p = plan.data;
  const d = dashboard.data;
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`${paths.resultsPlan(id)}?${next}`, { replace: true });
  };
  const roots = p.nodes.filter((n) => n.parentId === null);
  const title = pick(p.title);
  return (
    <div className="rs-page">
      <PageTitle text={title} eyebrow={p.organisation.name}>
        {title}
      </PageTitle>
      <p className="rs-meta">
        <span className={`status-chip rs-status--${p.status}`}>{t("rsStatus", { status: p.status })}</span>
        {p.status === "approved" && <span> {t("rsApproved")}</span>}
      </p>
      <PlanXlsx
        plan={p}
        imported={imported}
        onImported={(changed) => {
          setImported(changed);
          reload();
        }}
      />
      <IatiMenu
        plan={p}
        onApplied={(changed) => {
          setImported(changed);
          reload();
        }}
      />
      <div className="rs-filters">
        <label>
          {t("rsPeriod")}
          <select value={d.period} onChange={(e) => setFilter("period", e.target.value)}>
            {p.periods.map((x) => (
              <option key={x.key} value={x.key}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("rsLevel")}
          <select value={level} onChange={(e) => setFilter("level", e.target.value)}>
            <option value="">{t("rsAllLevels")}</option>
            {p.levels.map((x) => (
              <option key={x.key} value={x.key}>
                {pick(x.name)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ReportLinks plan={p} period={d.period} />
      <LateList plan={p} dashboard={d} />
      <div className="rs-tree">
        {roots.map((n) => (
          <NodeSection key={n.id} plan={p} dashboard={d} nodeId={n.id} level={level} onChanged={reload} />
        ))}
      </div>
      <PlanEditing plan={p} partChoice={partChoice} onPartChoice={setPartChoice} onChanged={reload} />
      <EvaluationsSection planId={p.id} langs={planLanguages(p)} />
      <OutcomesSection planId={p.id} langs={planLanguages(p)} />
    </div>
  );
}

/** The progress report of the chosen period, to download in Word or PDF. */
function ReportLinks({ plan, period }: { plan: PlanOut; period: string }) {
  const { t } = useLanguage();
  const label = plan.periods.find((p) => p.key === period)?.label ?? period;
  const href = (format: string) =>
    `/api/results/plans/${plan.id}/report.${format}?period=${encodeURIComponent(period)}`;
  return (
    <p className="rs-reports">
      <span>{t("rsReports", { period: label })}</span>
      <a className="button button--small" href={href("docx")} download>
        {t("rsReportDocx")}
      </a>
      <a className="button button--small" href={href("pdf")} download>
        {t("rsReportPdf")}
      </a>
    </p>
  );
}

function LateList({ plan, dashboard }: { plan: PlanOut; dashboard: DashboardOut }) {
  const { t } = useLanguage();
  if (!dashboard.late.length) return <p className="rs-late rs-late--none">{t("rsNothingLate")}</p>;
  const code = (id: string) => plan.indicators.find((i) => i.id === id)?.code ?? "";
  const label = (key: string) => plan.periods.find((p) => p.key === key)?.label ?? key;
  return (
    <section className="rs-late" aria-labelledby="rs-late-title">
      <h2 id="rs-late-title">{t("rsLate", { count: dashboard.late.length })}</h2>
      <ul>
        {dashboard.late.slice(0, 20).map((l) => (
          <li key={`${l.indicatorId}-${l.period}`}>
            {t("rsLateItem", { code: code(l.indicatorId), period: label(l.period) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProgressBar({ progress, label }: { progress: NodeProgress; label: string }) {
  const { t } = useLanguage();
  const percent = progress.score === null ? null : Math.round(progress.score * 100);
  return (
    <div className={`rs-progress rs-band--${progress.band}`}>
      <span className="rs-progress__label">{label}</span>
      <span className="rs-progress__track" aria-hidden="true">
        <span className="rs-progress__fill" style={{ inlineSize: `${percent ?? 0}%` }} />
      </span>
      <span className="rs-progress__value">
        {percent === null
          ? t("rsBand", { band: "noData" })
          : `${percent}% · ${t("rsBand", { band: icuKey(progress.band) })}`}
      </span>
      <span className="rs-progress__coverage">
        {t("rsMeasured", { measured: progress.measured, count: progress.indicators })}
      </span>
    </div>
  );
}

function NodeSection({
  plan,
  dashboard,
  nodeId,
  level,
  onChanged,
}: {
  plan: PlanOut;
  dashboard: DashboardOut;
  nodeId: string;
  level: string;
  onChanged: () => void;
}) {
  const { t, pick } = useLanguage();
  const node = plan.nodes.find((n) => n.id === nodeId)!;
  const progress = dashboard.nodes.find((n) => n.id === nodeId)!;
  const children = plan.nodes.filter((n) => n.parentId === nodeId);
  const indicators = plan.indicators.filter((i) => i.nodeId === nodeId);
  const levelName = pick(plan.levels.find((l) => l.key === node.level)?.name);
  const shown = !level || level === node.level;
  const periodLabel = plan.periods.find((p) => p.key === dashboard.period)?.label ?? dashboard.period;
  return (
    <section className={`rs-node rs-node--${node.level}`} aria-label={`${levelName} ${node.code}`}>
      {shown && (
        <>
          <header className="rs-node__head">
            <p className="rs-node__level">
              {levelName} {node.code}
              {node.responsible && <span className="rs-node__responsible"> · {node.responsible}</span>}
              {(node.startsOn || node.endsOn) && (
                <span className="rs-node__dates">
                  {" · "}
                  <bdi dir="ltr">
                    {node.startsOn ?? "…"} – {node.endsOn ?? "…"}
                  </bdi>
                </span>
              )}
            </p>
            <h2 className="rs-node__title">{pick(node.title)}</h2>
            {node.rollUp === "none" ? (
              <p className="rs-progress__coverage">{t("rsNotRolledUp")}</p>
            ) : (
              <div className="rs-node__progress">
                <ProgressBar progress={progress.period} label={t("rsInPeriod", { period: periodLabel })} />
                <ProgressBar progress={progress.cumulative} label={t("rsCumulative")} />
              </div>
            )}
          </header>
          {indicators.length > 0 && (
            <IndicatorTable plan={plan} dashboard={dashboard} indicators={indicators} onChanged={onChanged} />
          )}
          <DisaggregationCharts plan={plan} indicators={indicators} period={dashboard.period} />
        </>
      )}
      {children.map((c) => (
        <NodeSection
          key={c.id}
          plan={plan}
          dashboard={dashboard}
          nodeId={c.id}
          level={level}
          onChanged={onChanged}
        />
      ))}
    </section>
  );
}

function IndicatorTable({
  plan,
  dashboard,
  indicators,
  onChanged,
}: {
  plan: PlanOut;
  dashboard: DashboardOut;
  indicators: PlanOut["indicators"];
  onChanged: () => void;
}) {
  const { t, pick } = useLanguage();
  const [editing, setEditing] = useState<string | null>(null);
  const period = dashboard.period;
  const show = (v: PlanOut["indicators"][number]["values"][string]["target"], unit: string | null) =>
    v === null
      ? "—"
      : v.value !== null
        ? `${formatNumber(v.value)}${unit === "%" ? "%" : ""}`
        : (v.narrative ?? "—");
  return (
    <table className="data-table rs-indicators rs-stack">
      <thead>
        <tr>
          <th scope="col">{t("rsColIndicators")}</th>
          <th scope="col" className="num">
            {t("rsBaseline")}
          </th>
          <th scope="col" className="num">
            {t("rsTarget")}
          </th>
          <th scope="col" className="num">
            {t("rsActual")}
          </th>
          <th scope="col">{t("rsAchievement")}</th>
          <th scope="col">
            <span className="visually-hidden">{t("rsChartTitle", { code: "" })}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {indicators.map((ind) => {
          const values = ind.values[period] ?? { target: null, actual: null };
          const achievement = dashboard.indicators.find((a) => a.id === ind.id)?.period;
          const unit = ind.type === "percentage" ? "%" : ind.unit;
          const key = (kind: string) => `${ind.id}-${kind}`;
          return (
            <tr key={ind.id}>
              <th scope="row">
                <span className="rs-code">{ind.code}</span> {pick(ind.title)}
                {ind.unit && ind.type !== "percentage" && <span className="rs-unit"> ({ind.unit})</span>}
              </th>
              <td className="num" data-label={t("rsBaseline")}>
                {ind.baselineValue === null ? "—" : formatNumber(ind.baselineValue)}
              </td>
              <td className="num" data-label={t("rsTarget")}>
                {editing === key("target") ? (
                  <ValueEditor
                    planId={plan.id}
                    indicator={ind}
                    period={period}
                    kind="target"
                    stored={values.target}
                    onSaved={() => {
                      setEditing(null);
                      onChanged();
                    }}
                    onClose={() => setEditing(null)}
                  />
                ) : (
                  <>
                    {show(values.target, unit)}
                    {plan.may.edit && plan.status !== "approved" && (
                      <button
                        type="button"
                        className="rs-edit"
                        aria-label={t("rsEdit", { what: `${t("rsTarget")} ${ind.code}` })}
                        onClick={() => setEditing(key("target"))}
                      >
                        {t("rsEditShort")}
                      </button>
                    )}
                  </>
                )}
              </td>
              <td className="num" data-label={t("rsActual")}>
                {editing === key("actual") ? (
                  <ValueEditor
                    planId={plan.id}
                    indicator={ind}
                    period={period}
                    kind="actual"
                    stored={values.actual}
                    onSaved={() => {
                      setEditing(null);
                      onChanged();
                    }}
                    onClose={() => setEditing(null)}
                  />
                ) : (
                  <>
                    {show(values.actual, unit)}
                    {values.actual?.breakdown && (
                      <Breakdown plan={plan} breakdown={values.actual.breakdown} />
                    )}
                    {values.actual?.updatedBy && (
                      <span className="rs-by">
                        {ind.link
                          ? t("rsLinked", { source: values.actual.updatedBy })
                          : t("rsEnteredBy", { name: values.actual.updatedBy })}
                      </span>
                    )}
                    {plan.may.report && !ind.link && (
                      <button
                        type="button"
                        className="rs-edit"
                        aria-label={t("rsEdit", { what: `${t("rsActual")} ${ind.code}` })}
                        onClick={() => setEditing(key("actual"))}
                      >
                        {t("rsEditShort")}
                      </button>
                    )}
                  </>
                )}
              </td>
              <td data-label={t("rsAchievement")}>
                {achievement?.score != null ? (
                  <span className={`rs-chip rs-band--${achievement.band}`}>
                    {Math.round((achievement.ratio ?? 0) * 100)}% ·{" "}
                    {t("rsBand", { band: icuKey(achievement.band) })}
                  </span>
                ) : (
                  <span className="rs-missing">
                    {t("rsMissing", { reason: icuKey(achievement?.missing ?? "no-actual") })}
                  </span>
                )}
              </td>
              <td className="rs-indicators__chart">
                <IndicatorChart indicator={ind} periods={plan.periods} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** An actual's breakdown by category (girls 78 · boys 72), named in the reader's language. */
function Breakdown({
  plan,
  breakdown,
}: {
  plan: PlanOut;
  breakdown: Record<string, Record<string, number>>;
}) {
  const { pick } = useLanguage();
  return (
    <span className="rs-breakdown">
      {Object.entries(breakdown).map(([categoryKey, values]) => {
        const category = plan.disaggregations.find((c) => c.key === categoryKey);
        const name = (key: string) => pick(category?.values.find((v) => v.key === key)?.name) || key;
        return (
          <span key={categoryKey}>
            {Object.entries(values)
              .map(([key, value]) => `${name(key)} ${formatNumber(value)}`)
              .join(" · ")}
          </span>
        );
      })}
    </span>
  );
}

/** ICU select keys cannot hold a dash: `on-track` is asked for as `onTrack`. */
function icuKey(value: string): string {
  return value.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

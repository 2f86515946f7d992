import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { breakdownBar, type ResultIndicatorType } from "../../core/index.ts";
import type { PublicPlanOut, PublicPlanSummaryOut } from "../../server/api-schemas/public-plans.ts";
import { dateFormatter, directionOf, numberLocaleOf, pickText } from "../i18n/translate.ts";
import { BrandHeader, HeadStart, Hero } from "../layout.tsx";
import { DataTable } from "../parts.tsx";
import { type PlanMessageKey, planMessage } from "./messages.ts";

/** Languages the public plan pages are shown in. */
export const PLAN_LANGUAGES = ["en", "fr", "ar"] as const;
/** The pages' own stylesheet, served at `/portal/plans/assets/plans.css` next to the portal's. */
export const PLANS_CSS = "plans.css";

type Plan = PublicPlanOut;
type Indicator = Plan["indicators"][number];

interface Env {
  lang: string;
  t(key: PlanMessageKey, vars?: Record<string, string | number>): string;
  text(value: Record<string, string> | null | undefined): string;
  num(n: number | null | undefined, unit?: string | null): string;
  date(iso: string): string;
}

function envOf(lang: string): Env {
  const numbers = new Intl.NumberFormat(numberLocaleOf(lang), { maximumFractionDigits: 2 });
  const dates = dateFormatter(lang);
  const t = (key: PlanMessageKey, vars?: Record<string, string | number>) => planMessage(lang, key, vars);
  return {
    lang,
    t,
    text: (value) => (value ? pickText(value, [lang, "en"])[0] : ""),
    num: (n, unit) => (n === null || n === undefined ? "–" : `${numbers.format(n)}${unit ? ` ${unit}` : ""}`),
    date: (iso) => dates(iso),
  };
}

const bandKey = (band: string) => `band_${band.replaceAll("-", "_")}` as PlanMessageKey;

function Page({
  env,
  title,
  lead,
  depth,
  languageHref,
  children,
}: {
  env: Env;
  title: string;
  lead: string;
  /** How many folders below /portal/ the page is (for relative links to the assets). */
  depth: number;
  languageHref: (lang: string) => string;
  children: ReactNode;
}) {
  const up = "../".repeat(depth);
  return (
    <html lang={env.lang} dir={directionOf(env.lang)}>
      <head>
        <HeadStart title={title} description={lead} />
        <link rel="stylesheet" href={`${up}assets/portal.css`} />
        <link rel="stylesheet" href={`${up}plans/assets/${PLANS_CSS}`} />
        {PLAN_LANGUAGES.map((l) => (
          <link key={l} rel="alternate" hrefLang={l} href={languageHref(l)} />
        ))}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {env.t("skip")}
        </a>
        <BrandHeader
          title={env.t("indexTitle")}
          line="Childmark"
          languages={{
            label: env.t("language"),
            languages: PLAN_LANGUAGES,
            current: env.lang,
            href: languageHref,
          }}
        />
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p className="site-footer__small">{env.t("footer")}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The list of published plans at `/portal/plans/` (`?lang=` picks the language). */
export function renderPublicPlansIndex(plans: PublicPlanSummaryOut[], lang: string): string {
  const env = envOf(lang);
  const body = (
    <Page
      env={env}
      title={env.t("indexTitle")}
      lead={env.t("indexLead")}
      depth={1}
      languageHref={(l) => `./?lang=${l}`}
    >
      <Hero title={env.t("indexTitle")} lead={env.t("indexLead")} />
      <section className="block">
        {plans.length === 0 ? (
          <p>{env.t("none")}</p>
        ) : (
          <ul className="plan-list plain">
            {plans.map((p) => (
              <li key={p.id}>
                <a href={`${p.id}/${lang}/`}>{env.text(p.title)}</a>
                <span className="muted">
                  {" "}
                  · {p.organisation} · {env.t("periods", { count: p.periods.length })}
                  {p.approvedAt ? ` · ${env.t("approved", { date: env.date(p.approvedAt) })}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
  return `<!doctype html>${renderToStaticMarkup(body)}`;
}

/**
 * The page for a plan that is not published (or an unknown plan or language) at
 * `/portal/plans/{id}/{lang}/`: the portal's design and a way back to the published plans.
 */
export function renderPublicPlanNotFound(lang: string): string {
  const env = envOf(lang);
  const body = (
    <Page
      env={env}
      title={env.t("notFoundTitle")}
      lead={env.t("notFoundLead")}
      depth={3}
      languageHref={(l) => `/portal/plans/?lang=${l}`}
    >
      <Hero
        title={env.t("notFoundTitle")}
        lead={env.t("notFoundLead")}
        back={{ href: `/portal/plans/?lang=${lang}`, label: env.t("allPlans") }}
      />
    </Page>
  );
  return `<!doctype html>${renderToStaticMarkup(body)}`;
}

function Progress({
  env,
  score,
  band,
  label,
}: {
  env: Env;
  score: number | null;
  band: string;
  label: string;
}) {
  const percent = score === null ? null : Math.round(score * 100);
  return (
    <p className={`plan-progress plan-band--${band}`}>
      <span className="plan-progress__label">{label}</span>
      <svg className="plan-progress__track" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect width="100" height="8" className="plan-progress__back" />
        <rect width={percent ?? 0} height="8" className="plan-progress__fill" />
      </svg>
      <span className="plan-progress__value">
        {percent === null ? env.t("noData") : `${percent}% · ${env.t(bandKey(band))}`}
      </span>
    </p>
  );
}

/** Target (outlined) and actual (filled) bars per period, values written above; the table below holds the same figures. */
function TargetChart({ env, plan, indicator }: { env: Env; plan: Plan; indicator: Indicator }) {
  const points = plan.periods.map((p) => ({
    label: p.label,
    target: indicator.values[p.key]?.target ?? null,
    actual: indicator.values[p.key]?.actual ?? null,
  }));
  const max = Math.max(1, ...points.flatMap((p) => [p.target ?? 0, p.actual ?? 0]));
  const slot = 90;
  const width = slot * points.length + 20;
  const height = 150;
  const bottom = height - 24;
  const y = (v: number) => bottom - (Math.max(0, v) / max) * (bottom - 24);
  const title = env.t("chartTitle", { code: indicator.code });
  return (
    <svg className="plan-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      <line x1="10" x2={width - 10} y1={bottom} y2={bottom} className="plan-chart__axis" />
      {points.map((p, i) => {
        const cx = 10 + slot * i + slot / 2;
        return (
          <g key={p.label}>
            {p.target !== null && (
              <>
                <rect
                  x={cx - 30}
                  y={y(p.target)}
                  width="28"
                  height={bottom - y(p.target)}
                  className="plan-chart__target"
                />
                <text x={cx - 16} y={y(p.target) - 4} textAnchor="middle" className="plan-chart__value">
                  {env.num(p.target)}
                </text>
              </>
            )}
            {p.actual !== null && (
              <>
                <rect
                  x={cx + 2}
                  y={y(p.actual)}
                  width="28"
                  height={bottom - y(p.actual)}
                  className="plan-chart__actual"
                />
                <text x={cx + 16} y={y(p.actual) - 4} textAnchor="middle" className="plan-chart__value">
                  {env.num(p.actual)}
                </text>
              </>
            )}
            <text x={cx} y={height - 6} textAnchor="middle" className="plan-chart__label">
              {p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function IndicatorBlock({
  env,
  plan,
  indicator,
  period,
}: {
  env: Env;
  plan: Plan;
  indicator: Indicator;
  period: string;
}) {
  const unit = indicator.type === "percentage" ? "%" : indicator.unit;
  const achievement = plan.progress[period]?.indicators[indicator.id];
  const periodLabel = plan.periods.find((p) => p.key === period)?.label ?? period;
  const breakdown = indicator.values[period]?.actualBreakdown;
  return (
    <article className="plan-indicator">
      <h4>
        {env.t("indicator")} {indicator.code}: <span dir="auto">{env.text(indicator.title)}</span>
      </h4>
      <p className="muted">
        {env.t("baseline")}: <bdi>{env.num(indicator.baselineValue, unit)}</bdi>
        {indicator.baselineDate ? ` (${env.date(indicator.baselineDate)})` : ""}
      </p>
      {achievement && indicator.type !== "narrative" && (
        <Progress
          env={env}
          score={achievement.score}
          band={achievement.band}
          label={env.t("progressIn", { period: periodLabel })}
        />
      )}
      {indicator.type !== "narrative" && (
        <div className="plan-indicator__figures">
          <TargetChart env={env} plan={plan} indicator={indicator} />
          <DataTable
            caption={env.t("valuesCaption", { code: indicator.code })}
            head={[env.t("period"), { num: env.t("target") }, { num: env.t("actual") }]}
          >
            {plan.periods.map((p) => (
              <tr key={p.key} aria-current={p.key === period ? "true" : undefined}>
                <th scope="row">{p.label}</th>
                {/* <bdi>: "2 changes" keeps its order on a right-to-left page (the unit is as entered). */}
                <td className="num">
                  <bdi>{env.num(indicator.values[p.key]?.target, unit)}</bdi>
                </td>
                <td className="num">
                  {indicator.values[p.key]?.actual == null ? (
                    env.t("notReported")
                  ) : (
                    <bdi>{env.num(indicator.values[p.key]?.actual, unit)}</bdi>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      {breakdown &&
        plan.disaggregations.map((category) => {
          const bar = breakdownBar(
            indicator.type as ResultIndicatorType,
            indicator.values[period]?.actual ?? null,
            breakdown,
            category,
          );
          if (!bar) return null;
          const name = env.text(category.name) || category.key;
          return (
            <DataTable
              key={category.key}
              caption={env.t("breakdownCaption", {
                code: indicator.code,
                period: periodLabel,
                category: name,
              })}
              head={[name, { num: env.t("actual") }]}
            >
              {bar.parts.map((part) => (
                <tr key={part.key}>
                  <th scope="row">
                    {env.text(category.values.find((v) => v.key === part.key)?.name) || part.key}
                  </th>
                  <td className="num">
                    <bdi>{env.num(part.value, unit)}</bdi>
                  </td>
                </tr>
              ))}
              {bar.gap !== null && bar.gap !== 0 && (
                <tr className="plan-breakdown__gap">
                  <th scope="row">{env.t(bar.gap > 0 ? "notBrokenDown" : "brokenDownOver")}</th>
                  <td className="num">
                    <bdi>{env.num(Math.abs(bar.gap), unit)}</bdi>
                  </td>
                </tr>
              )}
            </DataTable>
          );
        })}
    </article>
  );
}

function NodeBlock({
  env,
  plan,
  nodeId,
  depth,
  period,
}: {
  env: Env;
  plan: Plan;
  nodeId: string;
  depth: number;
  period: string;
}) {
  const node = plan.nodes.find((n) => n.id === nodeId)!;
  const level = env.text(plan.levels.find((l) => l.key === node.level)?.name) || node.level;
  const progress = plan.progress[period]?.nodes[node.id];
  const periodLabel = plan.periods.find((p) => p.key === period)?.label ?? period;
  const Heading = depth === 0 ? "h2" : "h3";
  return (
    <section className={`plan-node plan-node--depth${Math.min(depth, 3)}`} aria-labelledby={`n-${node.id}`}>
      <Heading id={`n-${node.id}`}>
        <span className="plan-node__level">
          {level} {node.code}
        </span>{" "}
        <span dir="auto">{env.text(node.title)}</span>
      </Heading>
      {node.description && <p dir="auto">{env.text(node.description)}</p>}
      {progress && (
        <>
          <Progress
            env={env}
            score={progress.score}
            band={progress.band}
            label={env.t("progressIn", { period: periodLabel })}
          />
          <p className="muted">
            {env.t("measured", { measured: progress.measured, count: progress.indicators })}
          </p>
        </>
      )}
      {plan.indicators
        .filter((i) => i.nodeId === node.id)
        .map((i) => (
          <IndicatorBlock key={i.id} env={env} plan={plan} indicator={i} period={period} />
        ))}
      {plan.nodes
        .filter((n) => n.parentId === node.id)
        .map((n) => (
          <NodeBlock key={n.id} env={env} plan={plan} nodeId={n.id} depth={depth + 1} period={period} />
        ))}
    </section>
  );
}

/**
 * A published plan's page in one language at `/portal/plans/{id}/{lang}/`: the tree with
 * progress in the chosen period (`?period=`; by default the latest with an actual), and
 * every indicator's baseline, targets and actuals with a chart and the same figures in a table.
 */
export function renderPublicPlanPage(plan: Plan, lang: string, period: string | undefined): string {
  const env = envOf(lang);
  const chosen =
    period && plan.periods.some((p) => p.key === period)
      ? period
      : ([...plan.periods].reverse().find((p) => plan.indicators.some((i) => i.values[p.key]?.actual != null))
          ?.key ??
        plan.periods[0]?.key ??
        "");
  const title = env.text(plan.title);
  const lead = env.t("planLead", { organisation: plan.organisation });
  const query = period ? `?period=${encodeURIComponent(chosen)}` : "";
  const body = (
    <Page env={env} title={title} lead={lead} depth={3} languageHref={(l) => `../${l}/${query}`}>
      <Hero
        title={<span dir="auto">{title}</span>}
        lead={lead}
        back={{ href: `../../?lang=${lang}`, label: env.t("allPlans") }}
      >
        {plan.approvedAt && (
          <p className="hero__about">{env.t("approved", { date: env.date(plan.approvedAt) })}</p>
        )}
      </Hero>
      <nav className="plan-periods" aria-label={env.t("period")}>
        <span>{env.t("period")}:</span>
        {plan.periods.map((p) =>
          p.key === chosen ? (
            <a
              key={p.key}
              href={`?period=${encodeURIComponent(p.key)}`}
              aria-current="page"
              className="plan-periods__on"
            >
              {p.label}
            </a>
          ) : (
            <a key={p.key} href={`?period=${encodeURIComponent(p.key)}`}>
              {p.label}
            </a>
          ),
        )}
      </nav>
      {plan.nodes
        .filter((n) => n.parentId === null)
        .map((n) => (
          <NodeBlock key={n.id} env={env} plan={plan} nodeId={n.id} depth={0} period={chosen} />
        ))}
    </Page>
  );
  return `<!doctype html>${renderToStaticMarkup(body)}`;
}

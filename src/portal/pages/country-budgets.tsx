import {
  type BudgetSnapshot,
  deriveBudgetFigures,
  linkedInvestment,
  type PriceBasis,
} from "../../core/index.ts";
import { BudgetBars, PerChildLine } from "../charts/budget-charts.tsx";
import { Figure } from "../charts/figure.tsx";
import type { PageEnv } from "../context.ts";
import { CountryLink, DataTable, Local, Section } from "../parts.tsx";

/*
 * Public investment in children beside the index: the coalition's published budget data for a
 * country (its latest publication, an immutable version), with the derived figures computed by
 * the same core function as everywhere, and the budget lines linked to the areas the index scores.
 */

/** The latest published budget data of a country, if its coalition published any. */
export function budgetsOf(env: PageEnv, country: string): BudgetSnapshot | undefined {
  return (env.ctx.budgets ?? []).find((b) => b.country.code === country);
}

const BASES = ["current", "constant", "usd"] as const satisfies readonly PriceBasis[];

/** The unit of amounts in a basis: the currency, at constant prices of a year, or US$. */
function unitOf(env: PageEnv, basis: PriceBasis, currency: string, baseYear: number | null): string {
  if (basis === "usd") return env.t("budgetsUnitUsd");
  if (basis === "constant") return env.t("budgetsUnitConstant", { currency, year: baseYear ?? "–" });
  return env.t("budgetsCaption", { currency });
}

/** The figures, charts and table in one basis (current prices, constant prices or US dollars). */
function BasisBlock({
  env,
  snapshot,
  basis,
  country,
}: {
  env: PageEnv;
  snapshot: BudgetSnapshot;
  basis: PriceBasis;
  country: string;
}) {
  const series = deriveBudgetFigures(snapshot.lines, snapshot.context, { basis });
  const shown = series.years.slice(-5);
  const money = (v: number | null) => (v === null ? "–" : env.num(v, Math.abs(v) < 100 ? 2 : 0));
  const share = (v: number | null) => (v === null ? "–" : `${env.num(v * 100, 1)} %`);
  const unit = unitOf(env, basis, snapshot.currency ?? "", series.baseYear);
  const name = env.countryName(country);
  const summary = (pick: (y: (typeof shown)[number]) => number | null) =>
    shown.map((y) => `${y.fiscalYear}: ${money(pick(y))}`).join("; ");
  const sectors = snapshot.sectors
    .filter((s) => snapshot.lines.some((l) => l.sector === s.key))
    .map((s) => ({
      sector: s,
      years: deriveBudgetFigures(snapshot.lines, snapshot.context, { basis, sector: s.key }).years.slice(-5),
    }));
  const bars = (years: typeof shown) =>
    env.t("budgetsChartDesc", {
      country: name,
      summary: years
        .map((y) => `${y.fiscalYear}: ${money(y.amounts.allocated)} / ${money(y.amounts.executed)}`)
        .join("; "),
    });
  const amounts: YearColumn[] = [
    { label: env.t("budgetsAllocated"), value: (y) => money(y.amounts.allocated) },
    { label: env.t("budgetsExecuted"), value: (y) => money(y.amounts.executed) },
  ];
  const table = (
    <YearTable
      caption={unit}
      years={shown}
      columns={[
        ...amounts,
        { label: env.t("budgetsPerChild"), value: (y) => money(y.figures.perChildAllocated) },
        { label: env.t("budgetsShare"), value: (y) => share(y.figures.shareOfBudget) },
        { label: env.t("budgetsExecution"), value: (y) => share(y.figures.executionRate) },
        { label: env.t("budgetsRealGrowth"), value: (y) => share(y.figures.realGrowth) },
      ]}
      yearLabel={env.t("budgetsYear")}
    />
  );
  return (
    <div className={`budget-basis budget-basis--${basis}`} data-basis={basis}>
      <p className="budget-formula">
        {env.t(`budgetsBasisFormula_${basis}` as const, { year: series.baseYear ?? "–" })}
      </p>
      <div className="grid grid--2">
        <Figure
          env={env}
          id={`budgets-${basis}-bars`}
          title={`${env.t("budgetsChartTitle")} (${unit})`}
          legend={<BudgetLegend env={env} />}
        >
          <BudgetBars
            env={env}
            id={`budgets-${basis}-bars-svg`}
            years={shown}
            title={env.t("budgetsChartTitle")}
            desc={bars(shown)}
          />
        </Figure>
        <Figure env={env} id={`budgets-${basis}-per-child`} title={`${env.t("budgetsPerChild")} (${unit})`}>
          <PerChildLine
            env={env}
            id={`budgets-${basis}-per-child-svg`}
            years={shown}
            title={env.t("budgetsPerChild")}
            desc={env.t("budgetsPerChildDesc", {
              country: name,
              summary: summary((y) => y.figures.perChildAllocated),
            })}
          />
        </Figure>
      </div>
      {/* A table without links: the scroll box takes the keyboard focus so it can be scrolled. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" tabIndex={0} aria-label={unit}>
        {table}
      </section>
      {sectors.length > 1 && (
        <details className="chart__data budget-sectors">
          <summary>{env.t("budgetsBySector")}</summary>
          <div className="grid grid--2">
            {sectors.map(({ sector, years }) => (
              <Figure
                key={sector.key}
                env={env}
                id={`budgets-${basis}-${sector.key}`}
                title={env.text(sector.name)}
                table={
                  <YearTable
                    caption={unit}
                    years={years}
                    columns={amounts}
                    yearLabel={env.t("budgetsYear")}
                  />
                }
              >
                <BudgetBars
                  env={env}
                  id={`budgets-${basis}-${sector.key}-svg`}
                  years={years}
                  title={env.text(sector.name)}
                  desc={bars(years)}
                />
              </Figure>
            ))}
          </div>
        </details>
      )}
    </div>
  );
}

type BudgetYear = ReturnType<typeof deriveBudgetFigures>["years"][number];

/** One column of a table by fiscal year: its heading and each year's cell text. */
interface YearColumn {
  label: string;
  value: (year: BudgetYear) => string;
}

/** A table with a row per fiscal year: the chart's text alternative and the figures' table. */
function YearTable({
  caption,
  years,
  columns,
  yearLabel,
}: {
  caption: string;
  years: BudgetYear[];
  columns: YearColumn[];
  yearLabel: string;
}) {
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{yearLabel}</th>
          {columns.map((c) => (
            <th key={c.label} scope="col" className="num">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {years.map((y) => (
          <tr key={y.year}>
            <th scope="row">{y.fiscalYear}</th>
            {columns.map((c) => (
              <td key={c.label} className="num">
                {c.value(y)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BudgetLegend({ env }: { env: PageEnv }) {
  return (
    <ul className="legend">
      <li>
        <span className="swatch swatch--allocated" aria-hidden="true" />
        {env.t("budgetsAllocated")}
      </li>
      <li>
        <span className="swatch swatch--executed" aria-hidden="true" />
        {env.t("budgetsExecuted")}
      </li>
    </ul>
  );
}

export function CountryBudgets({ env, country }: { env: PageEnv; country: string }) {
  const snapshot = budgetsOf(env, country);
  if (!snapshot) return null;
  const { years, baseYear } = deriveBudgetFigures(snapshot.lines, snapshot.context, { basis: "constant" });
  const latest = years.at(-1);
  const money = (v: number | null) => (v === null ? "–" : env.num(v, 0));
  // Lines linked to a node of this framework, grouped by node, in the latest fiscal year.
  const nodes = env.fw.nodes.filter((n) =>
    snapshot.lines.some((l) => l.fiscalYear === latest?.fiscalYear && l.nodeCodes.includes(n.code)),
  );
  return (
    <Section
      id="public-investment"
      title={env.t("budgetsTitle", { country: env.countryName(country) })}
      lead={env.t("budgetsLead")}
    >
      {snapshot.isDemo && <p className="said-note muted">{env.t("budgetsDemo")}</p>}
      {/* Without a script: the chosen basis shows its block (CSS :has); where :has is unknown, all three show. */}
      <fieldset className="budget-bases">
        <legend>{env.t("budgetsBasis")}</legend>
        {BASES.map((basis) => (
          <label key={basis}>
            <input type="radio" name="budget-basis" value={basis} defaultChecked={basis === "current"} />{" "}
            {basis === "constant"
              ? env.t("budgetsBasis_constant", { year: baseYear ?? "–" })
              : env.t(`budgetsBasis_${basis}` as const)}
          </label>
        ))}
      </fieldset>
      {BASES.map((basis) => (
        <BasisBlock key={basis} env={env} snapshot={snapshot} basis={basis} country={country} />
      ))}
      <p className="muted">{env.t("budgetsFormulas")}</p>
      {nodes.length > 0 && latest && (
        <>
          <h3>{env.t("budgetsLinkedTitle", { year: latest.fiscalYear })}</h3>
          <ul className="budget-links">
            {nodes.map((node) => {
              const score = env.idx.score(country, node.code)?.score ?? null;
              const found = linkedInvestment(snapshot.lines, { nodeCodes: [node.code] }, latest.fiscalYear);
              const lines = found?.lines ?? [];
              const allocated = found?.allocated ?? 0;
              return (
                <li key={node.code}>
                  <strong>
                    <Local env={env} value={node.label} />
                  </strong>
                  {": "}
                  {env.t("budgetsLinkedLine", {
                    score: score === null ? "–" : env.score(score),
                    amount: money(allocated),
                    currency: snapshot.currency ?? "",
                  })}
                  <span className="muted"> ({lines.map((l) => l.nameEn || l.name).join("; ")})</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Section>
  );
}

/**
 * The investment linked to an indicator (or to the area it belongs to), country by country,
 * beside its score: the latest published fiscal year with a linked line.
 */
export function IndicatorInvestment({
  env,
  indicator,
  node,
}: {
  env: PageEnv;
  indicator: string;
  node: string;
}) {
  const rows = (env.ctx.budgets ?? [])
    .map((snapshot) => ({
      snapshot,
      found: linkedInvestment(snapshot.lines, { indicatorCodes: [indicator], nodeCodes: [node] }),
    }))
    .filter((r) => r.found !== null);
  if (!rows.length) return null;
  const money = (v: number | null) => (v === null ? "–" : env.num(v, 0));
  return (
    <Section
      id="public-investment"
      title={env.t("budgetsIndicatorTitle")}
      lead={env.t("budgetsIndicatorLead")}
    >
      {rows.some((r) => r.snapshot.isDemo) && <p className="said-note muted">{env.t("budgetsDemo")}</p>}
      <DataTable
        scroll
        head={[
          env.t("country"),
          { num: env.t("score") },
          env.t("budgetsYear"),
          { num: env.t("budgetsAllocated") },
          { num: env.t("budgetsExecuted") },
          env.t("budgetsLines"),
        ]}
      >
        {rows.map(({ snapshot, found }) => {
          const code = snapshot.country.code;
          const score = env.idx.score(code, indicator)?.score ?? null;
          return (
            <tr key={code}>
              <th scope="row">
                <CountryLink env={env} code={code} name={env.countryName(code)} />
              </th>
              <td className="num">{env.score(score)}</td>
              <td>{found!.fiscalYear}</td>
              <td className="num">
                {money(found!.allocated)} {found!.currency}
              </td>
              <td className="num">
                {money(found!.executed)} {found!.executed === null ? "" : found!.currency}
              </td>
              <td>{found!.lines.map((l) => l.nameEn || l.name).join("; ")}</td>
            </tr>
          );
        })}
      </DataTable>
    </Section>
  );
}

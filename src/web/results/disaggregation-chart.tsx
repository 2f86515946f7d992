import { type BreakdownBar, breakdownBar, type ResultIndicatorType } from "../../core/index.ts";
import type { PlanIndicatorOut, PlanOut } from "../../server/api-schemas/results.ts";
import { ScrollRegion } from "../components/scroll-region.tsx";
import { useLanguage } from "../i18n/language.tsx";

type Category = PlanOut["disaggregations"][number];

/**
 * Each indicator's actuals broken down by category, period by period: a table whose figures are
 * followed, for each period, by a stacked bar (girls | boys | not broken down) across the table,
 * so the figures are read as text and seen as a chart.
 * The chosen period's row is marked; a breakdown that does not add up to its total says so in words.
 */
export function DisaggregationCharts({
  plan,
  indicators,
  period,
}: {
  plan: PlanOut;
  indicators: PlanOut["indicators"];
  period: string;
}) {
  const charts = indicators.flatMap((indicator) =>
    plan.disaggregations
      .filter((c) => indicator.disaggregations.includes(c.key))
      .map((category) => ({ indicator, category, rows: rowsOf(plan, indicator, category) }))
      .filter((chart) => chart.rows.some((r) => r.bar !== null)),
  );
  if (!charts.length) return null;
  return (
    <div className="rs-dis-list">
      {charts.map(({ indicator, category, rows }) => (
        <BreakdownTable
          key={`${indicator.id}-${category.key}`}
          indicator={indicator}
          category={category}
          rows={rows}
          period={period}
        />
      ))}
    </div>
  );
}

interface Row {
  period: { key: string; label: string };
  bar: BreakdownBar | null;
}

function rowsOf(plan: PlanOut, indicator: PlanIndicatorOut, category: Category): Row[] {
  return plan.periods.map((p) => {
    const actual = indicator.values[p.key]?.actual ?? null;
    return {
      period: p,
      bar: breakdownBar(
        indicator.type as ResultIndicatorType,
        actual?.value ?? null,
        actual?.breakdown ?? null,
        category,
      ),
    };
  });
}

/** Up to six values told apart by colour; the legend names them, the cells give each figure. */
const SWATCHES = 6;

function BreakdownTable({
  indicator,
  category,
  rows,
  period,
}: {
  indicator: PlanIndicatorOut;
  category: Category;
  rows: Row[];
  period: string;
}) {
  const { t, pick, lang } = useLanguage();
  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const show = (n: number | null) => (n === null ? "—" : numbers.format(n));
  const isCount = indicator.type === "number";
  // Counts stack to their total; percentages are side by side on a 0–100 scale.
  const max = isCount
    ? Math.max(1, ...rows.flatMap((r) => (r.bar ? [r.bar.sum, r.bar.total ?? 0] : [])))
    : 100;
  const categoryName = pick(category.name) || category.key;
  const shown = rows.filter((r) => r.bar !== null || r.period.key === period);
  return (
    <div className="rs-dis">
      <ScrollRegion label={t("rsDisCaption", { code: indicator.code, category: categoryName })}>
        <table className="data-table rs-dis__table">
          <caption>
            {t("rsDisCaption", { code: indicator.code, category: categoryName })}
            <span className="rs-dis__legend" aria-hidden="true">
              {category.values.map((v, i) => (
                <span key={v.key} className={`rs-dis__key rs-dis__part--${i % SWATCHES}`}>
                  {pick(v.name) || v.key}
                </span>
              ))}
              {isCount && <span className="rs-dis__key rs-dis__part--gap">{t("rsDisUnassigned")}</span>}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("rsPeriod")}</th>
              {category.values.map((v) => (
                <th scope="col" className="num" key={v.key}>
                  {pick(v.name) || v.key}
                </th>
              ))}
              <th scope="col" className="num">
                {t("rsDisTotal")}
              </th>
            </tr>
          </thead>
          {shown.map(({ period: p, bar }) => (
            <tbody
              key={p.key}
              className={p.key === period ? "rs-dis__chosen" : undefined}
              aria-current={p.key === period ? "true" : undefined}
            >
              <tr>
                <th scope="row">{p.label}</th>
                {category.values.map((v, i) => (
                  <td className="num" key={v.key}>
                    {show(bar?.parts[i]?.value ?? null)}
                  </td>
                ))}
                <td className="num">{show(bar?.total ?? null)}</td>
              </tr>
              <tr className="rs-dis__chart-row">
                <td colSpan={category.values.length + 2}>
                  {bar ? <Bar bar={bar} max={max} stacked={isCount} /> : t("rsDisNone")}
                  {bar && bar.gap !== null && bar.gap !== 0 && (
                    <span className="rs-dis__gap">
                      {t("rsDisMismatch", {
                        sum: numbers.format(bar.sum),
                        total: numbers.format(bar.total ?? 0),
                        over: bar.gap < 0 ? "yes" : "no",
                        gap: numbers.format(Math.abs(bar.gap)),
                      })}
                    </span>
                  )}
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      </ScrollRegion>
    </div>
  );
}

/** The bar itself, drawn for the eye only (the row's cells say the same in figures). */
function Bar({ bar, max, stacked }: { bar: BreakdownBar; max: number; stacked: boolean }) {
  const size = (n: number) => `${Math.max(0, (n / max) * 100)}%`;
  if (!stacked)
    return (
      <span className="rs-dis__bars" aria-hidden="true">
        {bar.parts.map((p, i) => (
          <span key={p.key} className="rs-dis__track">
            <span
              className={`rs-dis__part rs-dis__part--${i % SWATCHES}`}
              style={{ inlineSize: size(p.value ?? 0) }}
            />
          </span>
        ))}
      </span>
    );
  return (
    <span className="rs-dis__stack" aria-hidden="true">
      {bar.parts.map((p, i) =>
        p.value ? (
          <span
            key={p.key}
            className={`rs-dis__part rs-dis__part--${i % SWATCHES}`}
            style={{ inlineSize: size(p.value) }}
          />
        ) : null,
      )}
      {bar.gap !== null && bar.gap > 0 && (
        <span className="rs-dis__part rs-dis__part--gap" style={{ inlineSize: size(bar.gap) }} />
      )}
    </span>
  );
}

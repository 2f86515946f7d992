import { useEffect, useState } from "react";
import {
  budgetIndicatorValue,
  type ContextYear,
  type Indicator,
  type LinkedBudgetLine,
  linkedInvestment,
} from "../../core/index.ts";
import { countryBudgetsOut } from "../../server/api-schemas/budgets.ts";
import { fetchApi } from "../api/use-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { formatMoney } from "./format.ts";
import "./budgets.css";

/*
 * The investment linked to an indicator, beside the answer and its score in the workspace: a
 * country's budget lines are fetched once per page load for every answer card (a framework has
 * hundreds of indicators). A person who may not read the country's budgets sees nothing.
 */
interface CountryBudgetData {
  lines: LinkedBudgetLine[];
  context: ContextYear[];
}
const byCountry = new Map<string, Promise<CountryBudgetData>>();

export function loadBudgetData(country: string): Promise<CountryBudgetData> {
  let data = byCountry.get(country);
  if (!data) {
    data = fetchApi(`/api/budgets/countries/${country}`, countryBudgetsOut).then(
      (d) => ({ lines: d.lines, context: d.context }),
      () => ({ lines: [], context: [] }),
    );
    byCountry.set(country, data);
  }
  return data;
}

function useBudgetData(country: string): CountryBudgetData {
  const [data, setData] = useState<CountryBudgetData>({ lines: [], context: [] });
  useEffect(() => {
    let live = true;
    loadBudgetData(country).then((d) => {
      if (live) setData(d);
    });
    return () => {
      live = false;
    };
  }, [country]);
  return data;
}

/**
 * An indicator whose value comes from budget data (its `source`): the value computed from the
 * country's budget lines and context, with its formula, and a button that puts it in the answer
 * (then saved and reviewed as any answer).
 */
export function BudgetSourcePanel({
  country,
  indicator,
  onUse,
}: {
  country: string;
  indicator: Indicator;
  onUse: ((value: number, note: string) => void) | null;
}) {
  const { t, lang } = useLanguage();
  const { lines, context } = useBudgetData(country);
  if (indicator.type !== "number" && indicator.type !== "percentage") return null;
  const source = indicator.source;
  if (!source) return null;
  const found = budgetIndicatorValue(source, indicator.type, lines, context);
  const shown = found ? new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(found.value) : null;
  const note = found ? t("bgSourceNote", { year: found.fiscalYear, formula: found.formula }) : "";
  return (
    <aside className="bg-linked" aria-label={t("bgSourceTitle")} data-testid="budget-source">
      <p className="bg-linked__title">{t("bgSourceTitle")}</p>
      {found ? (
        <>
          <p className="bg-linked__figure">
            {shown} {indicator.unit ?? ""} · {found.fiscalYear}
          </p>
          <p className="bg-muted">{note}</p>
          {onUse && (
            <button type="button" className="button button--small" onClick={() => onUse(found.value, note)}>
              {t("bgSourceUse")}
            </button>
          )}
        </>
      ) : (
        <p className="bg-muted">{t("bgSourceNone")}</p>
      )}
    </aside>
  );
}

/** Budget lines linked to an indicator or to its area, in the latest fiscal year that has one. */
export function LinkedInvestmentPanel({
  country,
  indicator,
  node,
}: {
  country: string;
  indicator: string;
  node: string;
}) {
  const { t, lang } = useLanguage();
  const { lines } = useBudgetData(country);
  const found = linkedInvestment(lines, { indicatorCodes: [indicator], nodeCodes: [node] });
  if (!found) return null;
  return (
    <aside className="bg-linked" aria-label={t("bgLinkedTitle")} data-testid="linked-investment">
      <p className="bg-linked__title">
        {t("bgLinkedTitle")} · {found.fiscalYear}
      </p>
      <p className="bg-linked__figure">
        {t("bgLinkedLine", {
          allocated: formatMoney(found.allocated, lang, found.currency),
          executed: formatMoney(found.executed, lang, found.executed === null ? null : found.currency),
        })}
      </p>
      <ul className="bg-linked__lines">
        {found.lines.map((l) => (
          <li key={l.id} dir="auto">
            {l.nameEn || l.name} <span className="bg-muted">({l.ministry})</span>
          </li>
        ))}
      </ul>
      <Link to={paths.budgetsCountry(country)}>{t("bgLinkedOpen")}</Link>
    </aside>
  );
}

import type { IatiProblemOut } from "../../server/api-schemas/results.ts";
import { resultsImports } from "../i18n/catalogs/results-imports.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Where a problem is (activity, node, indicator, period, value) in the interface's language. */
function placeText(t: Translate, at: IatiProblemOut["at"]): string {
  const parts: string[] = [];
  if (at.activity) parts.push(t("rsIatiAtActivity", { id: at.activity }));
  if (at.node) parts.push(t("rsIatiAtNode", { code: at.node }));
  if (at.indicator) parts.push(t("rsIatiAtIndicator", { name: at.indicator }));
  if (at.period) parts.push(t("rsIatiAtPeriod", { period: at.period }));
  if (at.value)
    parts.push(
      at.by
        ? `${t("rsIatiAtValue", { value: at.value })} ${t("rsIatiAtBy", { by: at.by })}`
        : t("rsIatiAtValue", { value: at.value }),
    );
  return parts.join(t("rsIatiAtSeparator"));
}

/**
 * An IATI problem in the interface's language from its code, parameters and place; a code
 * with no words of its own takes the XLSX import's, and an unknown one the server's English.
 */
export function iatiProblemText(t: Translate, problem: IatiProblemOut): string {
  const own = `rsIati_${problem.code}`;
  const shared = `rsImp_${problem.code}`;
  const key = own in resultsImports ? own : shared in resultsImports ? shared : null;
  if (!key) return problem.message;
  const text = t(key as MessageKey, { field: "", ...problem.params });
  const place = placeText(t, problem.at);
  return place ? t("rsIatiAtProblem", { place, text }) : text;
}

/** The problems of an IATI file, each with its place, in a list that scrolls (and takes keyboard focus). */
export function IatiProblemList({
  problems,
  labelledBy,
}: {
  problems: IatiProblemOut[];
  labelledBy?: string;
}) {
  const { t } = useLanguage();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must be reachable by keyboard (axe: scrollable-region-focusable)
    <ul className="rs-iati-problems" tabIndex={0} aria-labelledby={labelledBy}>
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder.
        <li key={i} dir="auto" data-code={p.code}>
          {iatiProblemText(t, p)}
        </li>
      ))}
    </ul>
  );
}

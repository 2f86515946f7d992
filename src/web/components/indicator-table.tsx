import type { Indicator } from "../../core/index.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import type { FrameworkDetail } from "../pages/framework-data.ts";

/** Labels of an indicator's values in one classification, e.g. its dimensions. */
function classificationLabels(
  framework: FrameworkDetail,
  indicator: Indicator,
  code: string,
  lang: (t: Record<string, string>) => string,
): string[] {
  const classification = framework.classifications.find((c) => c.code === code);
  return (indicator.classifications[code] ?? []).map((value) => {
    const found = classification?.values.find((v) => v.code === value);
    return found ? lang(found.label) : value;
  });
}

/** The indicators of one node: code, question, type, weight, dimension, and guidance on demand. */
export function IndicatorTable({
  framework,
  indicators,
  caption,
  mainClassification,
}: {
  framework: FrameworkDetail;
  indicators: Indicator[];
  caption: string;
  mainClassification: string | undefined;
}) {
  const { t, pick, lang } = useLanguage();
  const fallback = framework.defaultLanguage;
  const text = (value: Record<string, string> | undefined) => pick(value, fallback);
  const main = framework.classifications.find((c) => c.code === mainClassification);
  const others = framework.classifications.filter((c) => c.code !== mainClassification);
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 3 });
  return (
    <div className="table-scroll">
      <table className="data-table indicator-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("indicator")}</th>
            <th scope="col">{t("type")}</th>
            <th scope="col" className="num">
              {t("weight")}
            </th>
            {main && <th scope="col">{text(main.label)}</th>}
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => (
            <tr key={indicator.code}>
              <th scope="row">
                <div className="indicator-table__text">
                  <span className="code">{indicator.code}</span>
                  <span>{text(indicator.text)}</span>
                  {others.map((c) => {
                    const labels = classificationLabels(framework, indicator, c.code, text);
                    return labels.length ? (
                      <span className="tag-row" key={c.code}>
                        <span className="muted">{text(c.label)}</span>
                        {labels.map((l) => (
                          <span className="tag" key={l}>
                            {l}
                          </span>
                        ))}
                      </span>
                    ) : null;
                  })}
                  {indicator.guidance && (
                    <details className="guidance">
                      <summary className="guidance__toggle">{t("guidance")}</summary>
                      <p>{text(indicator.guidance)}</p>
                    </details>
                  )}
                </div>
              </th>
              <td>
                {t(`type_${indicator.type}` as MessageKey)}
                {"unit" in indicator && indicator.unit ? (
                  <span className="muted"> ({indicator.unit})</span>
                ) : null}
                {indicator.evidence.required && (
                  <span className="tag tag--evidence">{t("evidenceRequired")}</span>
                )}
              </td>
              <td className="num">{number.format(indicator.weight)}</td>
              {main && (
                <td>{classificationLabels(framework, indicator, main.code, text).join(", ") || "–"}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

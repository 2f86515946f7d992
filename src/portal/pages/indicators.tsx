import type { FrameworkNode } from "../../core/index.ts";
import type { PageEnv } from "../context.ts";
import { uiLanguageOf } from "../i18n/translate.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { childNodes, indicatorsUnder, sectionNodes } from "../model/derive.ts";
import { IndicatorLink } from "../parts.tsx";

function IndicatorList({ env, node }: { env: PageEnv; node: FrameworkNode }) {
  const indicators = indicatorsUnder(env, node.code);
  if (!indicators.length) return null;
  return (
    <ul className="indicator-list">
      {indicators.map((ind) => (
        <li key={ind.code} data-search={`${ind.code} ${env.text(ind.text)}`.toLowerCase()}>
          <IndicatorLink env={env} ind={ind} />
          <span className="tag">{env.t(`type_${ind.type}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The "N indicators shown" message per plural category of the page's language
 * (`#` stands for the number), so the search script can say it for any count
 * without a message-format library.
 */
function countTemplates(env: PageEnv): Record<string, string> {
  const rules = new Intl.PluralRules(uiLanguageOf(env.lang));
  const out: Record<string, string> = { "=0": env.t("searchCount", { count: 0 }) };
  for (let n = 1; n <= 200; n++) {
    const category = rules.select(n);
    if (out[category]) continue;
    const text = env.t("searchCount", { count: n });
    out[category] = text.replace(env.num(n, 0), "#");
  }
  return out;
}

/** The indicator explorer: every indicator grouped by section (a full list without script, filtered with it). */
export function IndicatorsPage({ env }: { env: PageEnv }) {
  return (
    <PortalDocument env={env} title={env.t("indicatorsTitle")} description={env.t("indicatorsLead")}>
      <Hero title={env.t("indicatorsTitle")} lead={env.t("indicatorsLead")} />
      <div className="search" data-indicator-search="" hidden>
        <label htmlFor="indicator-search">{env.t("search")}</label>
        <input
          id="indicator-search"
          type="search"
          aria-describedby="indicator-search-hint"
          autoComplete="off"
        />
        <p id="indicator-search-hint" className="muted">
          {env.t("searchHint")}
        </p>
        <p className="search__count" role="status" data-templates={JSON.stringify(countTemplates(env))}>
          {env.t("searchCount", { count: env.fw.indicators.length })}
        </p>
      </div>
      {sectionNodes(env).map((section) => (
        <section key={section.code} className="block indicator-group" aria-labelledby={`g-${section.code}`}>
          <h2 id={`g-${section.code}`}>
            {env.text(section.label)}{" "}
            <span className="muted">
              ({env.t("indicatorsCount", { count: indicatorsUnder(env, section.code, true).length })})
            </span>
          </h2>
          <IndicatorList env={env} node={section} />
          {childNodes(env, section.code).map((child) => (
            <div key={child.code} className="indicator-subgroup">
              <h3>{env.text(child.label)}</h3>
              <IndicatorList env={env} node={child} />
            </div>
          ))}
        </section>
      ))}
    </PortalDocument>
  );
}

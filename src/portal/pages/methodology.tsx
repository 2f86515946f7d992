import { AGGREGATION_METHODS, type AggregationMethod, type FrameworkNode } from "../../core/index.ts";
import { bandColorOf } from "../charts/figure.tsx";
import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { scoringRule } from "../model/answers.ts";
import { answerCounts, childNodes, indicatorsUnder, rankedCountries } from "../model/derive.ts";
import { DataTable, IndicatorLink, Section } from "../parts.tsx";
import { valueLabels } from "./country-gap.tsx";
import { RobustnessSection } from "./uncertainty.tsx";

function Tree({ env, node }: { env: PageEnv; node: FrameworkNode }) {
  const children = childNodes(env, node.code);
  const total = children.reduce((s, c) => s + c.weight, 0) || 1;
  return (
    <ul className="tree">
      {children.map((child) => (
        <li key={child.code}>
          <span className="tree__label">{env.text(child.label)}</span>{" "}
          <span className="tree__meta">
            {env.t("weight")} {env.num(child.weight, child.weight % 1 ? 2 : 0)} (
            {env.pct(child.weight / total)}){" · "}
            {env.t("indicatorsCount", { count: indicatorsUnder(env, child.code, true).length })}
            {" · "}
            {env.t(`method_${child.aggregation}`)}
            {child.minCoverage > 0 && ` · ${env.t("minCoverage")} ${env.pct(child.minCoverage)}`}
            <NodeRules env={env} node={child} />
          </span>
          {childNodes(env, child.code).length > 0 && <Tree env={env} node={child} />}
        </li>
      ))}
    </ul>
  );
}

/** A node's own normalisation, goalposts and imputation (they apply to every indicator below it). */
function NodeRules({ env, node }: { env: PageEnv; node: FrameworkNode }) {
  const goal = (g: number | "data") => (g === "data" ? env.t("goalpostFromData") : env.num(g, g % 1 ? 2 : 0));
  const parts = [
    node.normalisation === "distance" &&
      env.t("norm_distance", {
        reference:
          typeof node.reference === "number"
            ? env.num(node.reference, node.reference % 1 ? 2 : 0)
            : env.countryName(node.reference ?? ""),
      }),
    node.normalisation === "banded" && env.t("norm_banded", { count: node.thresholds?.length ?? 0 }),
    (node.normalisation === "minmax" || node.normalisation === "zscore" || node.normalisation === "rank") &&
      env.t(`norm_${node.normalisation}`),
    node.goalposts &&
      env.t("nodeGoalposts", { min: goal(node.goalposts.min), max: goal(node.goalposts.max) }),
    node.imputation && node.imputation !== "none" && env.t(`impute_${node.imputation}`),
  ].filter((x): x is string => Boolean(x));
  return <>{parts.map((p) => ` · ${p}`).join("")}</>;
}

function Rules({ env }: { env: PageEnv }) {
  const statistical = env.fw.indicators.filter(
    (i) => i.type === "number" || i.type === "percentage" || i.type === "scale",
  );
  const checklist = env.fw.indicators.find((i) => i.type === "checklist");
  return (
    <Section
      id="scoring"
      title={env.t("scoringTitle")}
      lead={env.t("scoringLead", { scale: env.num(env.fw.scoreScale, 0) })}
    >
      <ul className="plain rules">
        {checklist && (
          <li>
            <strong>{env.t("type_checklist")}:</strong> {scoringRule(env, checklist)}
          </li>
        )}
        <li>
          <strong>
            {env.t("type_number")}, {env.t("type_percentage")}:
          </strong>{" "}
          {env.t("ruleGeneral", { scale: env.num(env.fw.scoreScale, 0) })}
        </li>
      </ul>
      {statistical.length > 0 && (
        <details className="answers">
          <summary>
            {env.t("scoringPerIndicator")}{" "}
            <span className="muted">({env.t("indicatorsCount", { count: statistical.length })})</span>
          </summary>
          <DataTable scroll head={[env.t("indicator"), env.t("type"), env.t("scoring")]}>
            {statistical.map((ind) => (
              <tr key={ind.code}>
                <th scope="row">
                  <IndicatorLink env={env} ind={ind} />
                </th>
                <td>{env.t(`type_${ind.type}`)}</td>
                <td>{scoringRule(env, ind)}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      )}
    </Section>
  );
}

function Aggregation({ env }: { env: PageEnv }) {
  const nodes = env.fw.nodes.filter(
    (n) => childNodes(env, n.code).length > 0 || indicatorsUnder(env, n.code).length > 0,
  );
  const count = (m: AggregationMethod) => nodes.filter((n) => n.aggregation === m).length;
  const missing = (m: "reweight" | "zero") => nodes.filter((n) => n.missing === m).length;
  return (
    <div className="grid grid--2">
      <Section id="aggregation" title={env.t("aggregationTitle")} className="card">
        <ul className="plain">
          <li>{env.t("aggregationArithmetic")}</li>
          <li>{env.t("aggregationGeometric")}</li>
          {count("harmonic") > 0 && <li>{env.t("aggregationHarmonic")}</li>}
          {count("median") > 0 && <li>{env.t("aggregationMedian")}</li>}
          {count("minimum") > 0 && <li>{env.t("aggregationMinimum")}</li>}
        </ul>
        <p>
          {AGGREGATION_METHODS.filter((m) => count(m) > 0)
            .map((m) => env.t("aggregationUsed", { count: count(m), method: env.t(`method_${m}`) }))
            .join(" ")}
        </p>
        <p>{env.t("precision", { precision: env.fw.precision })}</p>
      </Section>
      <Section id="missing" title={env.t("missingTitle")} className="card">
        <ul className="plain">
          {missing("reweight") > 0 && <li>{env.t("missingReweight")}</li>}
          {missing("zero") > 0 && <li>{env.t("missingZero")}</li>}
        </ul>
        <p>
          <strong>{env.t("minCoverage")}:</strong> {env.t("minCoverageHelp")}{" "}
          {env.list(
            [...new Set(nodes.map((n) => n.minCoverage))].sort((a, b) => a - b).map((v) => env.pct(v)),
          )}
        </p>
      </Section>
    </div>
  );
}

function Bands({ env }: { env: PageEnv }) {
  if (!env.fw.bands.length) return null;
  return (
    <Section id="bands" title={env.t("bandsLegendTitle")} lead={env.t("bandsLead")}>
      <DataTable head={[env.t("band"), { num: env.t("score") }]}>
        {env.fw.bands.map((b) => (
          <tr key={b.code}>
            <th scope="row">
              <span className="swatch" style={{ background: bandColorOf(env, b.code) }} aria-hidden="true" />{" "}
              {env.text(b.label)}
            </th>
            <td className="num">{env.t("bandRange", { min: env.num(b.min, 0), max: env.num(b.max, 0) })}</td>
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}

function Classifications({ env }: { env: PageEnv }) {
  if (!env.fw.classifications.length) return null;
  return (
    <Section id="classifications" title={env.t("classificationsTitle")} lead={env.t("classificationsLead")}>
      {env.fw.classifications.map((c) => (
        <details key={c.code} className="answers">
          <summary>
            {env.text(c.label)} <span className="muted">({c.values.length})</span>
          </summary>
          <ul className="columns">
            {c.values.map((v) => (
              <li key={v.code}>{env.text(v.label)}</li>
            ))}
          </ul>
        </details>
      ))}
    </Section>
  );
}

function Gap({ env }: { env: PageEnv }) {
  const def = env.fw.gap;
  if (!def) return null;
  const labels = (values: string[]) => valueLabels(env, def.classification, values);
  return (
    <Section id="gap" title={env.t("gapDefinitionTitle")}>
      <p>{env.t("gapExplain", { policy: labels(def.policy), implementation: labels(def.implementation) })}</p>
    </Section>
  );
}

function Coverage({ env }: { env: PageEnv }) {
  return (
    <Section id="coverage" title={env.t("coverageTitle")} lead={env.t("coverageLead")}>
      <p className="muted">{env.t("imputedLegend")}</p>
      <DataTable
        scroll
        head={[
          env.t("country"),
          { num: env.t("answered") },
          { num: env.t("notApplicable") },
          { num: env.t("imputedCount") },
          { num: env.t("weightCovered") },
        ]}
      >
        {rankedCountries(env).map(({ code, name, row }) => {
          const c = answerCounts(env, code);
          return (
            <tr key={code}>
              <th scope="row">{name}</th>
              <td className="num">
                {c.answered} / {c.total} ({env.pct(c.answered / Math.max(1, c.total))})
              </td>
              <td className="num">{c.na}</td>
              <td className="num">{c.imputed}</td>
              <td className="num">
                {row?.coverage === null || row?.coverage === undefined ? "–" : env.pct(row.coverage, 1)}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </Section>
  );
}

/** The methodology, generated from the release's framework. */
export function MethodologyPage({ env }: { env: PageEnv }) {
  const lead = env.t("methodologyLead", { code: env.fw.code, version: env.fw.version });
  const root = env.fw.nodes.find((n) => n.code === env.rootNode)!;
  return (
    <PortalDocument env={env} title={env.t("methodologyTitle")} description={lead}>
      <Hero title={env.t("methodologyTitle")} lead={lead} />
      <Section id="structure" title={env.t("structureTitle")} lead={env.t("structureLead")}>
        <p className="tree__root">
          <strong>{env.text(root.label)}</strong> ·{" "}
          {env.t("indicatorsCount", { count: env.fw.indicators.length })}
        </p>
        <Tree env={env} node={root} />
      </Section>
      <Rules env={env} />
      <Aggregation env={env} />
      <Bands env={env} />
      <Classifications env={env} />
      <Gap env={env} />
      <Coverage env={env} />
      <RobustnessSection env={env} />
    </PortalDocument>
  );
}

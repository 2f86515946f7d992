import type { FrameworkNode } from "../../core/index.ts";
import { FrameworkHeader } from "../components/framework-header.tsx";
import { IndicatorTable } from "../components/indicator-table.tsx";
import { Loaded } from "../components/status.tsx";
import { childNodes, findRoot, indicatorsOf } from "../format/tree.ts";
import { useLanguage } from "../i18n/language.tsx";
import { type FrameworkDetail, useFrameworkData } from "./framework-data.ts";

/** Counts the indicators under a node, however deep. */
function countIndicators(framework: FrameworkDetail, code: string): number {
  return (
    indicatorsOf(framework, code).length +
    childNodes(framework, code).reduce((sum, child) => sum + countIndicators(framework, child.code), 0)
  );
}

/** A section (depth 1) as a headed block; deeper nodes (articles) as collapsible groups. */
function NodeBlock({
  framework,
  node,
  depth,
  mainClassification,
}: {
  framework: FrameworkDetail;
  node: FrameworkNode;
  depth: number;
  mainClassification: string | undefined;
}) {
  const { t, pick } = useLanguage();
  const fallback = framework.defaultLanguage;
  const label = pick(node.label, fallback);
  const indicators = indicatorsOf(framework, node.code);
  const count = (
    <span className="muted node__count">
      {t("indicatorCount", { count: countIndicators(framework, node.code) })}
    </span>
  );
  const table = indicators.length > 0 && (
    <IndicatorTable
      framework={framework}
      indicators={indicators}
      caption={label}
      mainClassification={mainClassification}
    />
  );
  const children = childNodes(framework, node.code).map((child) => (
    <NodeBlock
      key={child.code}
      framework={framework}
      node={child}
      depth={depth + 1}
      mainClassification={mainClassification}
    />
  ));
  const description = node.description && (
    <p className="node__description">{pick(node.description, fallback)}</p>
  );
  if (depth === 1) {
    // A section stays visible as a heading; its own indicators fold away like an article's.
    return (
      <section className="node node--section" aria-labelledby={`node-${node.code}`}>
        <h2 id={`node-${node.code}`}>
          {label} {count}
        </h2>
        {description}
        {table && (
          <details className="node node--article">
            <summary>
              <span className="node__title">{t("indicators")}</span>{" "}
              <span className="muted node__count">{t("indicatorCount", { count: indicators.length })}</span>
            </summary>
            {table}
          </details>
        )}
        {children}
      </section>
    );
  }
  return (
    <details className="node node--article">
      <summary>
        <span className="node__title">{label}</span> {count}
      </summary>
      {description}
      {table}
      {children}
    </details>
  );
}

/** Opens or closes every collapsible group on the page at once. */
function toggleAll(open: boolean) {
  for (const details of document.querySelectorAll<HTMLDetailsElement>("details.node")) details.open = open;
}

/** Page 4: what the framework measures, in the chosen language. */
export function StructurePage({ frameworkId }: { frameworkId: string }) {
  const { t } = useLanguage();
  const { framework } = useFrameworkData(frameworkId);
  return (
    <Loaded states={[framework]}>
      {(fw) => {
        const root = findRoot(fw);
        const main =
          fw.classifications.find((c) => c.code === "dimension")?.code ?? fw.classifications[0]?.code;
        return (
          <>
            <FrameworkHeader framework={fw} current="structure" />
            <div className="toolbar toolbar--split">
              <p className="muted">{t("structureLead")}</p>
              <div className="button-group">
                <button type="button" className="button button--small" onClick={() => toggleAll(true)}>
                  {t("expandAll")}
                </button>
                <button type="button" className="button button--small" onClick={() => toggleAll(false)}>
                  {t("collapseAll")}
                </button>
              </div>
            </div>
            {root && indicatorsOf(fw, root.code).length > 0 && (
              <IndicatorTable
                framework={fw}
                indicators={indicatorsOf(fw, root.code)}
                caption={t("indicators")}
                mainClassification={main}
              />
            )}
            {root &&
              childNodes(fw, root.code).map((node) => (
                <NodeBlock key={node.code} framework={fw} node={node} depth={1} mainClassification={main} />
              ))}
          </>
        );
      }}
    </Loaded>
  );
}

import { AGGREGATION_METHODS, type AggregationMethod } from "../../core/index.ts";
import type { PageEnv } from "../../portal/context.ts";
import { scoringRule } from "../../portal/model/answers.ts";
import { childNodes, indicatorsUnder } from "../../portal/model/derive.ts";
import { valueLabels } from "../../portal/pages/country-gap.tsx";
import type { Block, ReportSection } from "./report-model.ts";
import { wordsOf } from "./report-parts.ts";

/** The structure of the index: each section and its parts, with weights and indicator counts. */
function structure(env: PageEnv): Block[] {
  const words = wordsOf(env);
  const rows: string[][] = [];
  const walk = (code: string, depth: number) => {
    const children = childNodes(env, code);
    const total = children.reduce((s, c) => s + c.weight, 0) || 1;
    for (const child of children) {
      rows.push([
        `${"\u2003\u2003".repeat(depth)}${env.text(child.label)}`,
        `${env.num(child.weight, child.weight % 1 ? 2 : 0)} (${env.pct(child.weight / total)})`,
        words("indicatorsInSection", { count: indicatorsUnder(env, child.code, true).length }),
        env.t(`method_${child.aggregation}`),
      ]);
      if (depth < 1) walk(child.code, depth + 1);
    }
  };
  walk(env.rootNode, 0);
  return [
    { kind: "subheading", text: words("structureTitle") },
    {
      kind: "table",
      head: [env.t("section"), env.t("weight"), env.t("indicator"), env.t("aggregationTitle")],
      rows,
      widths: [52, 16, 16, 16],
    },
  ];
}

/**
 * The methodology annex, generated from the release's framework: structure, scoring of each
 * type of indicator, aggregation, missing data, bands, the gap and how to cite the release.
 */
export function methodologyAnnex(env: PageEnv): ReportSection {
  const words = wordsOf(env);
  const fw = env.fw;
  const scale = env.num(fw.scoreScale, 0);
  const blocks: Block[] = [
    { kind: "paragraph", text: words("annexLead", { slug: env.snap.release.slug }), tone: "lead" },
    ...structure(env),
    { kind: "subheading", text: env.t("scoringTitle") },
    { kind: "paragraph", text: env.t("scoringLead", { scale }) },
  ];
  const rules: string[] = [];
  for (const type of ["checklist", "scale"] as const) {
    const example = fw.indicators.find((i) => i.type === type);
    if (example) rules.push(`${env.t(`type_${type}`)}: ${scoringRule(env, example)}`);
  }
  if (fw.indicators.some((i) => i.type === "number" || i.type === "percentage"))
    rules.push(`${env.t("type_number")}, ${env.t("type_percentage")}: ${env.t("ruleGeneral", { scale })}`);
  blocks.push({ kind: "list", items: rules });

  const nodes = fw.nodes.filter(
    (n) => childNodes(env, n.code).length > 0 || indicatorsUnder(env, n.code).length > 0,
  );
  const used = (m: AggregationMethod) => nodes.filter((n) => n.aggregation === m).length;
  blocks.push(
    { kind: "subheading", text: env.t("aggregationTitle") },
    {
      kind: "list",
      items: [
        env.t("aggregationArithmetic"),
        env.t("aggregationGeometric"),
        ...(used("harmonic") ? [env.t("aggregationHarmonic")] : []),
        ...(used("median") ? [env.t("aggregationMedian")] : []),
        ...(used("minimum") ? [env.t("aggregationMinimum")] : []),
      ],
    },
    {
      kind: "paragraph",
      text: [
        ...AGGREGATION_METHODS.filter((m) => used(m) > 0).map((m) =>
          env.t("aggregationUsed", { count: used(m), method: env.t(`method_${m}`) }),
        ),
        env.t("precision", { precision: fw.precision }),
      ].join(" "),
    },
    { kind: "subheading", text: env.t("missingTitle") },
    {
      kind: "list",
      items: [
        ...(nodes.some((n) => n.missing === "reweight") ? [env.t("missingReweight")] : []),
        ...(nodes.some((n) => n.missing === "zero") ? [env.t("missingZero")] : []),
        `${env.t("minCoverage")}: ${env.t("minCoverageHelp")} ${env.list(
          [...new Set(nodes.map((n) => n.minCoverage))].sort((a, b) => a - b).map((v) => env.pct(v)),
        )}`,
      ],
    },
  );
  if (fw.bands.length)
    blocks.push(
      { kind: "subheading", text: env.t("bandsLegendTitle") },
      { kind: "paragraph", text: env.t("bandsLead") },
      {
        kind: "table",
        head: [env.t("band"), env.t("score")],
        rows: fw.bands.map((b) => [
          { text: env.text(b.label), fill: b.color ?? undefined },
          env.t("bandRange", { min: env.num(b.min, 0), max: env.num(b.max, 0) }),
        ]),
        widths: [50, 50],
      },
    );
  if (fw.gap) {
    const labels = (values: string[]) => valueLabels(env, fw.gap!.classification, values);
    blocks.push(
      { kind: "subheading", text: env.t("gapDefinitionTitle") },
      {
        kind: "paragraph",
        text: env.t("gapExplain", {
          policy: labels(fw.gap.policy),
          implementation: labels(fw.gap.implementation),
        }),
      },
    );
  }
  const r = env.snap.release;
  blocks.push(
    { kind: "subheading", text: words("citeTitle") },
    {
      kind: "paragraph",
      text: env.t("footerCite", {
        title: env.text(fw.title),
        period: r.period,
        version: r.version,
        date: env.date(r.publishedAt),
      }),
    },
  );
  return { id: "methodology", title: words("annexTitle"), blocks };
}

import type { PlanOut, StoredValueOut } from "../../api-schemas/results.ts";

/*
 * A plan as an IATI 2.03 activity file: one <iati-activity> whose results are the
 * plan's nodes that hold indicators (IATI results are one level deep), each with its
 * indicators, baseline, and per period the target and the actual. It validates
 * against the official 2.03 schema and reads back (read-activities.ts) to the same
 * tree, indicators and values for a plan that came from one IATI activity.
 */

const LEVEL_TYPE: Record<string, string> = { output: "1", outcome: "2", impact: "3" };
const MEASURE: Record<string, string> = { number: "1", percentage: "2", scale: "1", narrative: "5" };

const xmlText = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .split("")
    // Characters XML 1.0 does not allow, even escaped.
    .filter((c) => {
      const code = c.charCodeAt(0);
      return code >= 0x20 ? code !== 0xfffe && code !== 0xffff : code === 9 || code === 10 || code === 13;
    })
    .join("");

const narratives = (text: Record<string, string>, pad: string) =>
  Object.entries(text)
    .filter(([, v]) => v.trim())
    .map(([lang, v]) => `${pad}<narrative xml:lang="${xmlText(lang)}">${xmlText(v)}</narrative>`)
    .join("\n");

const element = (tag: string, text: Record<string, string> | null, pad: string) =>
  text && Object.values(text).some((v) => v.trim())
    ? `${pad}<${tag}>\n${narratives(text, `${pad}  `)}\n${pad}</${tag}>`
    : null;

/** The reporting organisation's made-up IATI reference: Childmark does not know a registered one. */
export const reportingOrgRef = (organisationId: string) => `XM-CHILDMARK-${organisationId}`;

export function writeIatiActivity(plan: PlanOut, generatedAt = new Date()): string {
  const ref = reportingOrgRef(plan.organisation.id);
  const roots = plan.nodes.filter((n) => n.parentId === null);
  const activityNode = roots.length === 1 && roots[0]!.level === "activity" ? roots[0]! : null;
  const periods = [...plan.periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const start = activityNode?.startsOn ?? periods[0]?.startsOn;
  const end = activityNode?.endsOn ?? periods.at(-1)?.endsOn;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<iati-activities version="2.03" generated-datetime="${generatedAt.toISOString().slice(0, 19)}Z">`,
    ` <iati-activity last-updated-datetime="${generatedAt.toISOString().slice(0, 19)}Z" xml:lang="en">`,
    `  <iati-identifier>${xmlText(`${ref}-${plan.id}`)}</iati-identifier>`,
    `  <reporting-org ref="${xmlText(ref)}" type="${plan.organisation.country ? "22" : "21"}">`,
    `   <narrative>${xmlText(plan.organisation.name)}</narrative>`,
    "  </reporting-org>",
    element("title", activityNode?.title ?? plan.title, "  ")!,
  ];
  // The schema wants a description; with none of its own the activity's repeats its title.
  const description = element(
    "description",
    activityNode?.description ?? activityNode?.title ?? plan.title,
    "  ",
  )!;
  lines.push(description.replace("<description>", '<description type="1">'));
  lines.push(
    `  <participating-org ref="${xmlText(ref)}" role="4" type="${plan.organisation.country ? "22" : "21"}">`,
    `   <narrative>${xmlText(plan.organisation.name)}</narrative>`,
    "  </participating-org>",
    '  <activity-status code="2"/>',
  );
  if (start) lines.push(`  <activity-date iso-date="${start}" type="1"/>`);
  if (end) lines.push(`  <activity-date iso-date="${end}" type="3"/>`);
  if (!start && !end)
    lines.push(`  <activity-date iso-date="${generatedAt.toISOString().slice(0, 10)}" type="1"/>`);

  for (const node of plan.nodes) {
    const indicators = plan.indicators.filter((i) => i.nodeId === node.id);
    if (!indicators.length) continue;
    lines.push(`  <result type="${LEVEL_TYPE[node.level] ?? "9"}">`, element("title", node.title, "   ")!);
    const nodeDescription = element("description", node.description, "   ");
    if (nodeDescription) lines.push(nodeDescription);
    // The plan's code in the reporting organisation's vocabulary: a re-import merges by it.
    lines.push(`   <reference vocabulary="99" code="${xmlText(node.code)}"/>`);
    for (const indicator of indicators) {
      const ascending = indicator.direction === "decrease" ? "0" : "1";
      lines.push(
        `   <indicator measure="${MEASURE[indicator.type] ?? "1"}" ascending="${ascending}">`,
        element("title", indicator.title, "    ")!,
        `    <reference vocabulary="99" code="${xmlText(indicator.code)}"/>`,
      );
      const baselineDate =
        indicator.baselineDate ?? (indicator.baselineValue !== null ? periods[0]?.startsOn : null);
      if (baselineDate) {
        const value = indicator.baselineValue !== null ? ` value="${indicator.baselineValue}"` : "";
        lines.push(`    <baseline year="${baselineDate.slice(0, 4)}" iso-date="${baselineDate}"${value}/>`);
      }
      for (const period of periods) {
        const values = indicator.values[period.key];
        if (!values?.target && !values?.actual) continue;
        lines.push(
          "    <period>",
          `     <period-start iso-date="${period.startsOn}"/>`,
          `     <period-end iso-date="${period.endsOn}"/>`,
        );
        for (const [tag, value] of [
          ["target", values.target],
          ["actual", values.actual],
        ] as const) {
          if (value) lines.push(...writeValue(tag, value, indicator.type === "narrative"));
        }
        lines.push("    </period>");
      }
      lines.push("   </indicator>");
    }
    lines.push("  </result>");
  }
  lines.push(" </iati-activity>", "</iati-activities>", "");
  return lines.join("\n");
}

/**
 * A target or an actual: its total, then one more element per category value of its
 * breakdown with its `<dimension>` (name: the category's key, value: the value's key).
 */
function writeValue(tag: string, value: StoredValueOut, narrative: boolean): string[] {
  const raw = narrative ? value.narrative : value.value;
  const attr = raw !== null && raw !== undefined && raw !== "" ? ` value="${xmlText(String(raw))}"` : "";
  const lines = value.comment
    ? [
        `     <${tag}${attr}>`,
        "      <comment>",
        `       <narrative>${xmlText(value.comment)}</narrative>`,
        "      </comment>",
        `     </${tag}>`,
      ]
    : [`     <${tag}${attr}/>`];
  if (narrative) return lines;
  for (const [category, values] of Object.entries(value.breakdown ?? {}))
    for (const [key, n] of Object.entries(values))
      lines.push(
        `     <${tag} value="${n}">`,
        `      <dimension name="${xmlText(category)}" value="${xmlText(key)}"/>`,
        `     </${tag}>`,
      );
  return lines;
}

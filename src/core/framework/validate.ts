import { crosswalkIssues } from "./crosswalk.ts";
import { type Framework, framework as frameworkSchema } from "./model.ts";

/** One problem found in a framework, located by its JSON path (and, for spreadsheets, its cell). */
export interface FrameworkIssue {
  path: (string | number)[];
  message: string;
  /** Filled by spreadsheet readers: where the offending value sits. */
  location?: { sheet: string; row: number; column?: string };
}

export type ValidationResult = { ok: true; framework: Framework } | { ok: false; issues: FrameworkIssue[] };

/** Formats a path as `indicators[3].scoring.min`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    return out ? `${out}.${part}` : part;
  }, "");
}

/** Formats an issue for people: its cell or path, then the message. */
export function formatIssue(issue: FrameworkIssue): string {
  const where = issue.location
    ? `${issue.location.sheet} row ${issue.location.row}${issue.location.column ? ` column ${issue.location.column}` : ""}`
    : formatPath(issue.path) || "(file)";
  return `${where}: ${issue.message}`;
}

/**
 * Checks shape and meaning of a framework and returns every problem at once:
 * duplicate or unknown codes, cycles, a tree without a single root, negative
 * weights, goalposts with min ≥ max, gaps or overlaps between bands and
 * texts missing in the default language.
 */
export function validateFramework(input: unknown): ValidationResult {
  const parsed = frameworkSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
        message: i.message,
      })),
    };
  }
  const issues = checkSemantics(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, framework: parsed.data };
}

function checkSemantics(fw: Framework): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const lang = fw.defaultLanguage;

  if (!fw.languages.includes(lang)) add(["languages"], `must include the default language "${lang}"`);
  if (!fw.title[lang]?.trim()) add(["title", lang], `title is missing in the default language "${lang}"`);

  const nodeIndex = new Map<string, number>();
  fw.nodes.forEach((node, i) => {
    if (nodeIndex.has(node.code)) add(["nodes", i, "code"], `duplicate node code "${node.code}"`);
    else nodeIndex.set(node.code, i);
  });
  const indicatorCodes = new Set<string>();
  fw.indicators.forEach((ind, i) => {
    if (indicatorCodes.has(ind.code) || nodeIndex.has(ind.code)) {
      add(["indicators", i, "code"], `duplicate code "${ind.code}"`);
    }
    indicatorCodes.add(ind.code);
  });

  checkTree(fw, nodeIndex, add);
  checkWeightsAndTexts(fw, nodeIndex, add);
  checkIndicatorRules(fw, add);
  for (const issue of crosswalkIssues(fw)) add(issue.path, issue.message);
  checkClassifications(fw, add);
  checkBands(fw, add);
  return issues;
}

type Add = (path: (string | number)[], message: string) => void;

function checkTree(fw: Framework, nodeIndex: Map<string, number>, add: Add) {
  const roots = fw.nodes.filter((n) => n.parent === null);
  if (roots.length !== 1) {
    add(["nodes"], `the tree needs exactly one root node (parent empty); found ${roots.length}`);
  }
  fw.nodes.forEach((node, i) => {
    if (node.parent !== null && !nodeIndex.has(node.parent)) {
      add(["nodes", i, "parent"], `unknown parent node "${node.parent}"`);
    }
  });
  // A cycle: following parents from a node comes back to it. Each cycle is reported
  // once, at its first node in the file; a node merely hanging below a cycle is not on it.
  const reported = new Set<string>();
  fw.nodes.forEach((node, i) => {
    if (reported.has(node.code)) return;
    const chain = [node.code];
    let parent = node.parent;
    while (parent !== null) {
      if (parent === node.code) {
        const via = [...chain, parent].map((c) => `"${c}"`).join(" → ");
        add(["nodes", i, "parent"], `cycle in the tree: "${node.code}" is its own ancestor (${via})`);
        for (const c of chain) reported.add(c);
        return;
      }
      if (chain.includes(parent)) return; // a cycle further up, reported at one of its own nodes
      chain.push(parent);
      const next = nodeIndex.get(parent);
      parent = next === undefined ? null : (fw.nodes[next]?.parent ?? null);
    }
  });
  fw.indicators.forEach((ind, i) => {
    if (!nodeIndex.has(ind.node)) add(["indicators", i, "node"], `unknown node "${ind.node}"`);
  });
}

function checkWeightsAndTexts(fw: Framework, _nodeIndex: Map<string, number>, add: Add) {
  const lang = fw.defaultLanguage;
  fw.nodes.forEach((node, i) => {
    if (!(node.weight >= 0))
      add(["nodes", i, "weight"], `weight must be zero or more (found ${node.weight})`);
    if (!node.label[lang]?.trim()) add(["nodes", i, "label", lang], `label is missing in "${lang}"`);
  });
  fw.indicators.forEach((ind, i) => {
    if (!(ind.weight >= 0))
      add(["indicators", i, "weight"], `weight must be zero or more (found ${ind.weight})`);
    if (!ind.text[lang]?.trim()) add(["indicators", i, "text", lang], `text is missing in "${lang}"`);
  });
}

function checkIndicatorRules(fw: Framework, add: Add) {
  fw.nodes.forEach((node, i) => {
    const { min, max } = node.goalposts ?? {};
    if (typeof min === "number" && typeof max === "number" && !(min < max))
      add(["nodes", i, "goalposts", "min"], `goalposts need min < max (found min ${min}, max ${max})`);
    checkNodeNormalisation(fw, node, i, add);
  });
  const grouped = new Set<string>();
  (fw.groups ?? []).forEach((group, g) => {
    group.members.forEach((member, m) => {
      if (grouped.has(member))
        add(
          ["groups", g, "members", m],
          `country "${member}" is in two groups; a country belongs to one group at most`,
        );
      grouped.add(member);
    });
  });
  fw.indicators.forEach((ind, i) => {
    if (ind.type === "number" || ind.type === "percentage") {
      const { min, max, log } = ind.scoring;
      if (typeof min === "number" && typeof max === "number" && !(min < max)) {
        add(["indicators", i, "scoring", "min"], `goalposts need min < max (found min ${min}, max ${max})`);
      }
      if (log && ((typeof min === "number" && min <= 0) || (typeof max === "number" && max <= 0))) {
        add(["indicators", i, "scoring", "log"], "a log transform needs goalposts above zero");
      }
    }
    if (ind.type === "scale") {
      const seen = new Set<string>();
      ind.scoring.choices.forEach((choice, j) => {
        if (seen.has(choice.code)) {
          add(["indicators", i, "scoring", "choices", j, "code"], `duplicate choice "${choice.code}"`);
        }
        seen.add(choice.code);
        if (!choice.label[fw.defaultLanguage]?.trim()) {
          add(
            ["indicators", i, "scoring", "choices", j, "label"],
            `label is missing in "${fw.defaultLanguage}"`,
          );
        }
      });
    }
  });
}

function checkClassifications(fw: Framework, add: Add) {
  const values = new Map<string, Set<string>>();
  fw.classifications.forEach((c, i) => {
    if (values.has(c.code)) add(["classifications", i, "code"], `duplicate classification "${c.code}"`);
    const set = new Set<string>();
    c.values.forEach((v, j) => {
      if (set.has(v.code)) add(["classifications", i, "values", j, "code"], `duplicate value "${v.code}"`);
      set.add(v.code);
    });
    values.set(c.code, set);
  });
  fw.indicators.forEach((ind, i) => {
    for (const [cls, list] of Object.entries(ind.classifications)) {
      const known = values.get(cls);
      if (!known) {
        add(["indicators", i, "classifications", cls], `unknown classification "${cls}"`);
        continue;
      }
      for (const v of list) {
        if (!known.has(v)) add(["indicators", i, "classifications", cls], `unknown ${cls} value "${v}"`);
      }
    }
  });
  if (fw.gap) {
    const known = values.get(fw.gap.classification);
    if (!known) add(["gap", "classification"], `unknown classification "${fw.gap.classification}"`);
    else
      for (const side of ["policy", "implementation"] as const)
        fw.gap[side].forEach((v, j) => {
          if (!known.has(v)) add(["gap", side, j], `unknown ${fw.gap!.classification} value "${v}"`);
          else if (side === "implementation" && fw.gap!.policy.includes(v))
            add(["gap", side, j], `"${v}" cannot be both policy and implementation`);
        });
  }
}

function checkBands(fw: Framework, add: Add) {
  if (fw.bands.length === 0) return;
  const order = fw.bands.map((b, i) => ({ b, i })).sort((x, y) => x.b.min - y.b.min);
  const codes = new Set<string>();
  for (const { b, i } of order) {
    if (codes.has(b.code)) add(["bands", i, "code"], `duplicate band "${b.code}"`);
    codes.add(b.code);
    if (!(b.min < b.max)) add(["bands", i, "max"], `band "${b.code}" needs min < max`);
    if (!b.label[fw.defaultLanguage]?.trim())
      add(["bands", i, "label"], `label is missing in "${fw.defaultLanguage}"`);
  }
  const first = order[0]!;
  const last = order[order.length - 1]!;
  if (first.b.min !== 0)
    add(["bands", first.i, "min"], `the lowest band must start at 0 (found ${first.b.min})`);
  if (last.b.max !== fw.scoreScale) {
    add(
      ["bands", last.i, "max"],
      `the highest band must end at the score scale ${fw.scoreScale} (found ${last.b.max})`,
    );
  }
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (cur.b.min > prev.b.max)
      add(["bands", cur.i, "min"], `gap between bands "${prev.b.code}" and "${cur.b.code}"`);
    if (cur.b.min < prev.b.max) {
      add(["bands", cur.i, "min"], `band "${cur.b.code}" overlaps band "${prev.b.code}"`);
    }
  }
}

/** A distance needs its reference and banded its thresholds, on the same node; neither is set alone. */
function checkNodeNormalisation(fw: Framework, node: Framework["nodes"][number], i: number, add: Add) {
  const { normalisation, reference, thresholds, imputation } = node;
  if (normalisation === "distance" && reference === undefined)
    add(
      ["nodes", i, "reference"],
      "the distance normalisation needs a reference: a target above zero or a country code",
    );
  if (typeof reference === "number" && !(reference > 0))
    add(["nodes", i, "reference"], `a reference target must be above zero (found ${reference})`);
  if (reference !== undefined && normalisation !== "distance")
    add(
      ["nodes", i, "reference"],
      "a reference is only used with the distance normalisation on the same node",
    );
  if (normalisation === "banded" && thresholds === undefined)
    add(
      ["nodes", i, "thresholds"],
      "the banded normalisation needs thresholds (from and score of each band)",
    );
  if (thresholds !== undefined && normalisation !== "banded")
    add(
      ["nodes", i, "thresholds"],
      "thresholds are only used with the banded normalisation on the same node",
    );
  thresholds?.forEach((t, j) => {
    const before = thresholds[j - 1];
    if (before && !(before.from < t.from))
      add(
        ["nodes", i, "thresholds", j, "from"],
        `thresholds need increasing "from" values (found ${before.from} then ${t.from})`,
      );
  });
  if (imputation === "group" && !fw.groups?.length)
    add(["nodes", i, "imputation"], "the group imputation needs the framework's groups of countries");
}

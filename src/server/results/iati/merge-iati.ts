import { eq } from "drizzle-orm";
import {
  type IatiDraft,
  type IatiIndicator,
  type IatiNode,
  iatiProblem,
} from "../../../core/results/iati/index.ts";
import type { IatiMergeChange, IatiMergeOut, NodeBody, PlanBody } from "../../api-schemas/results.ts";
import { type AuditActor, recordAudit } from "../../audit/record-audit.ts";
import type { Db } from "../../db/connect.ts";
import { resultIndicators, resultNodes } from "../../db/schema.ts";
import { type LoadedPlan, loadPlan } from "../load-plan.ts";
import { isSame, type PlanRows, readPlanRows, type StoredValue } from "../plan-rows.ts";
import { addIndicator, updateIndicator } from "../save-indicator.ts";
import { addNode, structureChanges, structureLockedMessage, updateNode } from "../save-node.ts";
import { updatePlan } from "../save-plan.ts";
import { pickStored, type Stored, saveValue, valueProblem } from "../save-value.ts";
import { listed } from "./import-iati.ts";
import { reportingOrgRef } from "./write-activity.ts";

type NodeRow = typeof resultNodes.$inferSelect;
type IndicatorRow = typeof resultIndicators.$inferSelect;
type Plan = Pick<PlanBody, "title" | "levels" | "periods" | "disaggregations">;

interface NodeWrite {
  draft: IatiNode;
  /** The stored node to change, or none to add one. */
  stored: NodeRow | null;
  code: string;
  parentCode: string | null;
}
interface IndicatorWrite {
  draft: IatiIndicator;
  stored: IndicatorRow | null;
  code: string;
  nodeCode: string;
}
interface ValueWrite {
  indicatorCode: string;
  period: string;
  kind: "target" | "actual";
  next: Stored;
  before: StoredValue | null;
}

export interface IatiMerge {
  report: IatiMergeOut;
  plan: Plan | null;
  nodes: NodeWrite[];
  indicators: IndicatorWrite[];
  values: ValueWrite[];
}

const show = (v: Stored | null) => (v ? String(v.value ?? v.narrative ?? "empty") : "empty");

/**
 * Compares a checked IATI draft with a plan: what the file adds, changes and leaves.
 * Nodes and indicators are matched by the key they have in the file (`external_ref`),
 * or by code when the file gives the code in the reporting organisation's vocabulary
 * (as Childmark's export does); an activity exported from this very plan stands for the
 * plan itself. Matched nodes keep their place in the tree (their texts follow the file);
 * new ones go under their result's or activity's node; new levels, periods and categories
 * are added to the plan. Values follow the file, with the rules of the versioned save
 * (targets of an approved plan locked, linked actuals not typed, breakdowns adding up).
 * Nothing is written here.
 */
export function compareIati(
  plan: LoadedPlan,
  rows: PlanRows,
  draft: IatiDraft,
  input: { fileName: string; dryRun: boolean },
): IatiMerge {
  const problems = [...draft.problems];
  const changes: IatiMergeChange[] = [];
  let unchanged = 0;
  const add = (part: IatiMergeChange["part"], code: string, what: string) =>
    changes.push({ action: "add", part, code, what });
  const change = (part: IatiMergeChange["part"], code: string, what: string) =>
    changes.push({ action: "change", part, code, what });

  // The plan's levels, periods and categories, with the file's new ones added.
  const merged: Plan = {
    title: plan.title,
    levels: [...plan.levels],
    periods: [...plan.periods],
    disaggregations: plan.disaggregations.map((c) => ({ ...c, values: [...c.values] })),
  };
  for (const level of draft.levels)
    if (!merged.levels.some((l) => l.key === level.key)) {
      merged.levels.push(level);
      add("plan", level.key, `level ${level.key}`);
    }
  for (const period of draft.periods)
    if (!merged.periods.some((p) => p.key === period.key)) {
      merged.periods.push(period);
      add("plan", period.key, `period ${period.label}`);
    }
  merged.periods.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn));
  for (const category of draft.categories) {
    const known = merged.disaggregations.find((c) => c.key === category.key);
    if (!known) {
      merged.disaggregations.push({ ...category, values: [...category.values] });
      add("plan", category.key, `category ${category.key} (${category.values.map((v) => v.key).join(", ")})`);
      continue;
    }
    for (const value of category.values)
      if (!known.values.some((v) => v.key === value.key)) {
        known.values.push(value);
        add("plan", category.key, `value ${value.key} of category ${category.key}`);
      }
  }
  const planChanged = changes.length > 0;
  const rank = (level: string) => merged.levels.findIndex((l) => l.key === level);

  // Nodes, parents first (the draft lists an activity before its results).
  const selfRef = `${reportingOrgRef(plan.organisation.id)}-${plan.id}`;
  const usedCodes = new Set(rows.nodes.map((n) => n.code));
  const matchedNodes = new Set<string>();
  /** Draft code → the plan's code for it (null: the activity that is this plan). */
  const nodeCode = new Map<string, string | null>();
  const levelOf = new Map(rows.nodes.map((n) => [n.code, n.level]));
  const nodes: NodeWrite[] = [];
  for (const d of draft.nodes) {
    if (d.level === "activity" && d.externalRef === selfRef) {
      nodeCode.set(d.code, null);
      continue;
    }
    const ownCode = d.externalRef === d.code;
    const stored =
      rows.nodes.find((n) => n.externalRef === d.externalRef && !matchedNodes.has(n.id)) ??
      (ownCode ? rows.nodes.find((n) => n.code === d.code && !matchedNodes.has(n.id)) : undefined);
    if (stored) {
      matchedNodes.add(stored.id);
      nodeCode.set(d.code, stored.code);
      const same = isSame(stored.title, d.title) && isSame(stored.description, d.description);
      if (same) unchanged++;
      else {
        nodes.push({ draft: d, stored, code: stored.code, parentCode: null });
        change("node", stored.code, `texts of node ${stored.code}`);
      }
      continue;
    }
    let code = d.code;
    for (let n = 2; usedCodes.has(code); n++) code = `${d.code}-${n}`.slice(-40);
    usedCodes.add(code);
    nodeCode.set(d.code, code);
    levelOf.set(code, d.level);
    const parentCode = d.parentCode ? (nodeCode.get(d.parentCode) ?? null) : null;
    if (parentCode && rank(levelOf.get(parentCode) ?? "") >= rank(d.level))
      problems.push(
        iatiProblem(
          `node ${d.code}`,
          { node: d.code },
          "levelUnder",
          { level: d.level, parent: levelOf.get(parentCode) ?? "", code: parentCode },
          `a "${d.level}" cannot sit under node ${parentCode}, a "${levelOf.get(parentCode)}" of the plan`,
        ),
      );
    nodes.push({ draft: d, stored: null, code, parentCode });
    add("node", code, `node ${code} (${d.level})${parentCode ? ` under ${parentCode}` : ""}`);
  }

  // Indicators.
  const usedIndicatorCodes = new Set(rows.indicators.map((i) => i.code));
  const matchedIndicators = new Set<string>();
  const indicators: IndicatorWrite[] = [];
  const values: ValueWrite[] = [];
  const valueKeys = new Map(
    [...rows.values].map(([key, v]) => {
      const [indicatorId, period, kind] = key.split("|");
      const code = rows.indicators.find((i) => i.id === indicatorId)?.code;
      return [`${code}|${period}|${kind}`, v];
    }),
  );
  for (const d of draft.nodes) {
    const under = nodeCode.get(d.code);
    for (const di of d.indicators) {
      const ownCode = di.externalRef === di.code;
      const stored =
        rows.indicators.find((i) => i.externalRef === di.externalRef && !matchedIndicators.has(i.id)) ??
        (ownCode
          ? rows.indicators.find((i) => i.code === di.code && !matchedIndicators.has(i.id))
          : undefined);
      let code: string;
      const disaggregations = [...new Set([...(stored?.disaggregations ?? []), ...di.disaggregations])];
      if (stored) {
        matchedIndicators.add(stored.id);
        code = stored.code;
        const same =
          isSame(stored.title, di.title) &&
          stored.type === di.type &&
          stored.direction === di.direction &&
          stored.baselineValue === di.baselineValue &&
          (stored.baselineDate ?? null) === di.baselineDate &&
          disaggregations.length === stored.disaggregations.length;
        if (same) unchanged++;
        else {
          indicators.push({ draft: { ...di, disaggregations }, stored, code, nodeCode: "" });
          change("indicator", code, `definition of indicator ${code}`);
        }
      } else {
        if (!under) {
          problems.push(
            iatiProblem(
              `indicator ${di.code}`,
              { indicator: di.code },
              "resultNotInPlan",
              {},
              "a result of the activity exported from this plan is not in the plan; import it as a new plan",
            ),
          );
          continue;
        }
        code = di.code;
        for (let n = 2; usedIndicatorCodes.has(code); n++) code = `${di.code}-${n}`.slice(-40);
        usedIndicatorCodes.add(code);
        indicators.push({ draft: di, stored: null, code, nodeCode: under });
        add("indicator", code, `indicator ${code} under ${under}`);
      }
      const effective = { ...(stored ?? {}), ...di, code, disaggregations, scaleMin: null, scaleMax: null };
      const linked = stored?.link ?? null;
      for (const [period, pair] of Object.entries(di.values))
        for (const kind of ["target", "actual"] as const) {
          const v = pair[kind];
          if (!v) continue;
          const before = valueKeys.get(`${code}|${period}|${kind}`) ?? null;
          const next: Stored = {
            value: v.value,
            narrative: v.narrative,
            comment: v.comment,
            breakdown: v.breakdown,
            evidence: before?.evidence ?? null,
          };
          if (before && isSame(pickStored(before), next)) {
            unchanged++;
            continue;
          }
          const where = `indicator ${code}, period ${period}, ${kind}`;
          const at = { indicator: code, period, value: kind };
          if (kind === "target" && plan.status === "approved") {
            problems.push(
              iatiProblem(
                where,
                at,
                "targetsLocked",
                {},
                "the plan is approved: its targets are locked until it is reopened",
              ),
            );
            continue;
          }
          if (kind === "actual" && linked) {
            problems.push(
              iatiProblem(
                where,
                at,
                "linkedActual",
                { indicator: code },
                `the actual is read from the indicator's link (${linked.kind}), not imported`,
              ),
            );
            continue;
          }
          const problem = valueProblem(effective, next, merged);
          if (problem) {
            problems.push(
              iatiProblem(
                where,
                at,
                problem.code,
                problem.params,
                [problem.message, ...problem.details].join("; "),
              ),
            );
            continue;
          }
          values.push({ indicatorCode: code, period, kind, next, before });
          const what = `${kind} ${period} of ${code}`;
          if (before) change("value", code, `${what}: ${show(before)} → ${show(next)}`);
          else add("value", code, `${what}: ${show(next)}`);
        }
    }
  }
  // An approved plan keeps its tree and indicators: the file may change texts, and actuals.
  if (plan.status === "approved") {
    for (const w of nodes)
      if (!w.stored)
        problems.push(
          iatiProblem(
            `node ${w.code}`,
            { node: w.code },
            "structureLocked",
            { part: "node", fields: "" },
            structureLockedMessage("node", true, []),
          ),
        );
    for (const w of indicators) {
      const d = w.draft;
      const fields = structureChanges("indicator", w.stored, {
        type: d.type,
        direction: d.direction,
        baselineValue: d.baselineValue,
        baselineDate: d.baselineDate,
        disaggregations: d.disaggregations,
      });
      if (fields.length)
        problems.push(
          iatiProblem(
            `indicator ${w.code}`,
            { indicator: w.code },
            "structureLocked",
            { part: "indicator", fields: fields.join(", ") },
            structureLockedMessage("indicator", !w.stored, fields),
          ),
        );
    }
  }
  const left =
    rows.nodes.filter((n) => !matchedNodes.has(n.id)).length +
    rows.indicators.filter((i) => !matchedIndicators.has(i.id)).length;
  return {
    plan: planChanged ? merged : null,
    nodes,
    indicators,
    values,
    report: {
      fileName: input.fileName,
      dryRun: input.dryRun,
      ok: problems.length === 0,
      activities: draft.activities,
      added: changes.filter((c) => c.action === "add").length,
      changed: changes.filter((c) => c.action === "change").length,
      unchanged,
      left,
      changes: changes.slice(0, 2000),
      problems: listed(problems),
      notes: draft.notes,
    },
  };
}

/**
 * Merges an IATI file into an existing plan in the caller's transaction: compares, and
 * when nothing is wrong and it is not a dry run, writes through the API's use cases
 * (values through the versioned save at the version compared, history source "iati")
 * with the audit event. A file that changes nothing writes nothing.
 */
export async function mergeIatiIntoPlan(
  tx: Db,
  input: {
    plan: LoadedPlan;
    draft: IatiDraft;
    fileName: string;
    dryRun: boolean;
    actorId: string;
    audit: AuditActor;
  },
): Promise<IatiMergeOut> {
  const rows = await readPlanRows(tx, input.plan.id);
  const merge = compareIati(input.plan, rows, input.draft, input);
  const { report } = merge;
  if (!report.ok || input.dryRun || report.added + report.changed === 0) return report;

  if (merge.plan) await updatePlan(tx, input.plan.id, merge.plan);
  const plan = await loadPlan(tx, input.plan.id);
  const nodeIds = new Map(rows.nodes.map((n) => [n.code, n.id]));
  for (const w of merge.nodes) {
    const d = w.draft;
    if (w.stored) {
      const { id, planId: _p, position: _o, externalRef: _r, version: _v, ...body } = w.stored;
      await updateNode(tx, plan, id, {
        ...body,
        rollUp: body.rollUp as NodeBody["rollUp"],
        title: d.title,
        description: d.description,
      });
      if (!w.stored.externalRef)
        await tx.update(resultNodes).set({ externalRef: d.externalRef }).where(eq(resultNodes.id, id));
    } else {
      const body = {
        parentId: w.parentCode ? nodeIds.get(w.parentCode)! : null,
        level: d.level,
        code: w.code,
        title: d.title,
        description: d.description,
        responsible: null,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        rollUp: "average" as const,
        weight: 1,
      };
      nodeIds.set(w.code, await addNode(tx, plan, body, d.externalRef));
    }
  }
  const indicatorIds = new Map(rows.indicators.map((i) => [i.code, i.id]));
  for (const w of merge.indicators) {
    const d = w.draft;
    const fields = {
      title: d.title,
      type: d.type,
      direction: d.direction,
      baselineValue: d.baselineValue,
      baselineDate: d.baselineDate,
      disaggregations: d.disaggregations,
    };
    if (w.stored) {
      const s = w.stored;
      await updateIndicator(tx, plan, s.id, {
        nodeId: s.nodeId,
        code: s.code,
        unit: s.unit,
        scaleMin: s.scaleMin,
        scaleMax: s.scaleMax,
        cumulation: s.cumulation as "latest",
        weight: s.weight,
        link: s.link,
        ...fields,
      });
      if (!s.externalRef)
        await tx
          .update(resultIndicators)
          .set({ externalRef: d.externalRef })
          .where(eq(resultIndicators.id, s.id));
    } else {
      const body = {
        nodeId: nodeIds.get(w.nodeCode)!,
        code: w.code,
        unit: null,
        scaleMin: null,
        scaleMax: null,
        cumulation: "latest" as const,
        weight: 1,
        link: null,
        ...fields,
      };
      indicatorIds.set(w.code, await addIndicator(tx, plan, body, d.externalRef));
    }
  }
  for (const v of merge.values)
    await saveValue(tx, {
      plan,
      indicatorId: indicatorIds.get(v.indicatorCode)!,
      period: v.period,
      kind: v.kind,
      body: { ...v.next, expectedVersion: v.before?.version ?? 0 },
      actorId: input.actorId,
      source: "iati",
    });
  await recordAudit(tx, {
    action: "results.iati-imported",
    ...input.audit,
    targetType: "result-plan",
    targetId: plan.id,
    country: plan.organisation.country,
    region: plan.organisation.region,
    details: {
      fileName: input.fileName,
      into: "existing plan",
      added: report.added,
      changed: report.changed,
    },
  });
  return report;
}

import {
  type IatiDraft,
  type IatiProblem,
  iatiProblem,
  readIatiActivities,
} from "../../../core/results/iati/index.ts";
import { indicatorBody, nodeBody, planBody } from "../../api-schemas/results.ts";
import { type AuditActor, recordAudit } from "../../audit/record-audit.ts";
import type { Db } from "../../db/connect.ts";
import { UserError } from "../../errors.ts";
import { type LoadedOrganisation, loadPlan } from "../load-plan.ts";
import { addIndicator } from "../save-indicator.ts";
import { addNode } from "../save-node.ts";
import { createPlan } from "../save-plan.ts";
import { saveValue, valueProblem } from "../save-value.ts";
import { readIatiFile } from "./parse-xml.ts";

export interface IatiPreview {
  fileName: string;
  title: Record<string, string>;
  activities: number;
  levels: string[];
  periods: string[];
  nodes: number;
  indicators: number;
  values: number;
  problems: IatiProblem[];
  notes: string[];
}

/** At most this many problems are listed; the count says how many there are. */
const MAX_LISTED = 500;

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ");

/**
 * Reads an IATI file and checks every row with the API's own shapes, so what a
 * dry run shows is what the import writes. `problems` non-empty: the file is refused.
 */
export async function previewIati(bytes: Buffer, fileName: string, organisationId: string) {
  const draft = readIatiActivities(await readIatiFile(bytes, fileName));
  const problems = [...draft.problems];
  const plan = planBody.safeParse({
    organisationId,
    title: draft.title,
    levels: draft.levels,
    periods: draft.periods,
    disaggregations: draft.categories,
  });
  if (!plan.success)
    problems.push(iatiProblem("plan", {}, "invalid", { detail: issues(plan.error) }, issues(plan.error)));
  // Breakdowns from dimensions must add up to their totals, as the versioned save checks.
  for (const indicator of draft.nodes.flatMap((n) => n.indicators))
    for (const [period, pair] of Object.entries(indicator.values))
      for (const kind of ["target", "actual"] as const) {
        const v = pair[kind];
        const problem =
          v &&
          valueProblem(
            { ...indicator, scaleMin: null, scaleMax: null },
            { ...v, evidence: null },
            {
              disaggregations: draft.categories,
            },
          );
        if (problem)
          problems.push(
            iatiProblem(
              `indicator ${indicator.code}, period ${period}, ${kind}`,
              { indicator: indicator.code, period, value: kind },
              problem.code,
              problem.params,
              [problem.message, ...problem.details].join("; "),
            ),
          );
      }
  const zero = "00000000-0000-4000-8000-000000000000";
  for (const node of draft.nodes) {
    const n = nodeBody.safeParse({ ...node, parentId: node.parentCode ? zero : null });
    if (!n.success)
      problems.push(
        iatiProblem(
          `node ${node.code} "${Object.values(node.title)[0]}"`,
          { node: node.code },
          "invalid",
          { detail: issues(n.error) },
          issues(n.error),
        ),
      );
    for (const indicator of node.indicators) {
      const i = indicatorBody.safeParse({ ...indicator, nodeId: zero });
      if (!i.success)
        problems.push(
          iatiProblem(
            `indicator ${indicator.code}`,
            { indicator: indicator.code },
            "invalid",
            { detail: issues(i.error) },
            issues(i.error),
          ),
        );
    }
  }
  const indicators = draft.nodes.flatMap((n) => n.indicators);
  const preview: IatiPreview = {
    fileName,
    title: draft.title,
    activities: draft.activities,
    levels: draft.levels.map((l) => l.key),
    periods: draft.periods.map((p) => p.label),
    nodes: draft.nodes.length,
    indicators: indicators.length,
    values: indicators.reduce(
      (sum, i) =>
        sum +
        Object.values(i.values).filter((v) => v.target).length +
        Object.values(i.values).filter((v) => v.actual).length,
      0,
    ),
    problems: listed(problems),
    notes: draft.notes,
  };
  return { draft, preview, refused: problems.length > 0 };
}

/** The first MAX_LISTED problems, and how many more there are. */
export function listed(problems: IatiProblem[]): IatiProblem[] {
  if (problems.length <= MAX_LISTED) return problems;
  const more = problems.length - MAX_LISTED;
  return [
    ...problems.slice(0, MAX_LISTED),
    iatiProblem("", {}, "more", { count: more }, `… and ${more} more`),
  ];
}

/** Refuses a file with problems: 400 listing each (activity, indicator and period named). */
export function refuseIfProblems(preview: IatiPreview): void {
  const n = preview.problems.length;
  if (n)
    throw new UserError(
      `${preview.fileName} was not imported: ${n} problem${n === 1 ? "" : "s"} to fix first`,
      preview.problems.map((p) => p.message),
    );
}

/**
 * Writes a checked draft as a new plan of `organisation`, in the caller's
 * transaction: the plan, its nodes and indicators, and every target and actual
 * through the versioned save (history source "iati"), and the audit event.
 */
export async function importIatiAsPlan(
  tx: Db,
  input: {
    draft: IatiDraft;
    preview: IatiPreview;
    organisation: LoadedOrganisation;
    actorId: string;
    audit: AuditActor;
  },
): Promise<IatiPreview & { id: string }> {
  const { preview } = input;
  refuseIfProblems(preview);
  const id = await writeDraft(tx, input.draft, input.organisation.id, input.actorId);
  await recordAudit(tx, {
    action: "results.iati-imported",
    ...input.audit,
    targetType: "result-plan",
    targetId: id,
    country: input.organisation.country,
    region: input.organisation.region,
    details: {
      fileName: preview.fileName,
      activities: preview.activities,
      indicators: preview.indicators,
      values: preview.values,
    },
  });
  return { id, ...preview };
}

/** Writes a checked draft as a new plan (no audit event): the plan, nodes, indicators and values. */
export async function writeDraft(
  tx: Db,
  draft: IatiDraft,
  organisationId: string,
  actorId: string,
): Promise<string> {
  const planId = await createPlan(
    tx,
    planBody.parse({
      organisationId,
      title: draft.title,
      levels: draft.levels,
      periods: draft.periods,
      disaggregations: draft.categories,
    }),
    actorId,
  );
  const plan = await loadPlan(tx, planId);
  const nodeIds = new Map<string, string>();
  for (const node of draft.nodes) {
    const parentId = node.parentCode ? nodeIds.get(node.parentCode)! : null;
    const nodeId = await addNode(tx, plan, nodeBody.parse({ ...node, parentId }), node.externalRef);
    nodeIds.set(node.code, nodeId);
    for (const indicator of node.indicators) {
      const indicatorId = await addIndicator(
        tx,
        plan,
        indicatorBody.parse({ ...indicator, nodeId }),
        indicator.externalRef,
      );
      for (const [period, values] of Object.entries(indicator.values)) {
        for (const kind of ["target", "actual"] as const) {
          const value = values[kind];
          if (!value) continue;
          await saveValue(tx, {
            plan,
            indicatorId,
            period,
            kind,
            body: { ...value, evidence: null, expectedVersion: 0 },
            actorId,
            source: "iati",
          });
        }
      }
    }
  }
  return planId;
}

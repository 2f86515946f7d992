import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { IndicatorBody, NodeBody } from "../../api-schemas/results.ts";
import type {
  PlanImportChange,
  PlanImportProblem,
  PlanImportReport,
} from "../../api-schemas/results-xlsx.ts";
import { type AuditActor, recordAudit } from "../../audit/record-audit.ts";
import type { Db } from "../../db/connect.ts";
import {
  resultIndicators,
  resultNodes,
  resultPlans,
  resultValueHistory,
  resultValues,
} from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { openXlsx } from "../../files/open-xlsx.ts";
import type { LoadedPlan } from "../load-plan.ts";
import { isSame, type PlanRows, readPlanRows, type StoredValue } from "../plan-rows.ts";
import { structureChanges, structureLockedMessage } from "../save-node.ts";
import { planChangeProblems } from "../save-plan.ts";
import { pickStored, type Stored, valueProblem } from "../save-value.ts";
import { PLAN_SHEETS } from "./layout.ts";
import { type ReadPlanWorkbook, readPlanWorkbook } from "./read-plan-workbook.ts";

const ADVICE = [
  "export the plan again (Download XLSX), fill that workbook in Excel or LibreOffice and save it as .xlsx",
];
const MAX_PROBLEMS = 500;
/** Rows per INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const CHUNK = 1000;

export interface ImportPlanInput {
  plan: LoadedPlan;
  actorId: string;
  /** May change the plan's structure and targets (plan:edit); otherwise actuals only. */
  mayEdit: boolean;
  bytes: Uint8Array;
  fileName: string;
  dryRun: boolean;
  audit: AuditActor;
}

type IndicatorRow = typeof resultIndicators.$inferSelect;
type Params = Record<string, string | number>;

/**
 * Imports a plan's XLSX template, set-based: the workbook is read and every row checked
 * in memory against the plan as it is (one read of its nodes, indicators and values) with
 * the rules of the API's use cases — levels and parents, categories, periods, targets
 * locked on an approved plan, linked actuals, types, scales and breakdowns, versions —
 * then, when nothing is wrong and it is not a dry run, written in bulk in one transaction
 * (a few multi-row statements, each value's history row included). The report lists the
 * changes and every problem by sheet, row and column, with a code for the web app. A value
 * whose version in the file is older than the stored one, where the stored value differs,
 * is a conflict.
 */
export async function importPlanWorkbook(db: Db, input: ImportPlanInput): Promise<PlanImportReport> {
  const { fileName } = input;
  const extension = /\.([^.]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension && extension !== "xlsx")
    throw new UserError(`${fileName} is not an XLSX spreadsheet: only .xlsx workbooks are imported`, ADVICE);
  const read = readPlanWorkbook(await openXlsx(input.bytes, fileName, ADVICE));
  const base = { dryRun: input.dryRun, fileName, changed: 0, unchanged: 0, changes: [] };
  if (read.problems.length) return { ...base, ok: false, problems: read.problems.slice(0, MAX_PROBLEMS) };
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // The plan's row locked: two imports of one plan run one after the other.
    await tx
      .select({ id: resultPlans.id })
      .from(resultPlans)
      .where(eq(resultPlans.id, input.plan.id))
      .for("update");
    const state = await readPlanRows(tx, input.plan.id);
    const { report, writes } = checkRows(input, read, state);
    if (!report.ok || input.dryRun || report.changed === 0) return report;
    await applyWrites(tx, input, writes);
    await recordAudit(tx, {
      action: "results.imported",
      ...input.audit,
      targetType: "plan",
      targetId: input.plan.id,
      country: input.plan.organisation.country,
      region: input.plan.organisation.region,
      details: { via: "xlsx", fileName, changed: report.changed, unchanged: report.unchanged },
    });
    return report;
  });
}

interface Writes {
  plan: (Parameters<typeof planChangeProblems>[1] & { title: Record<string, string> }) | null;
  newNodes: (NodeBody & { id: string; planId: string; position: number })[];
  changedNodes: { id: string; body: NodeBody }[];
  newIndicators: (IndicatorBody & { id: string; planId: string; position: number })[];
  changedIndicators: { id: string; body: IndicatorBody }[];
  values: {
    indicatorId: string;
    period: string;
    kind: "target" | "actual";
    next: Stored;
    before: StoredValue | null;
  }[];
}

/** Every row checked in memory against the plan as the import would leave it; nothing written. */
function checkRows(
  input: ImportPlanInput,
  read: ReadPlanWorkbook,
  state: PlanRows,
): { report: PlanImportReport; writes: Writes } {
  const problems: PlanImportProblem[] = [];
  const changes: PlanImportChange[] = [];
  const writes: Writes = {
    plan: null,
    newNodes: [],
    changedNodes: [],
    newIndicators: [],
    changedIndicators: [],
    values: [],
  };
  let unchanged = 0;
  const refuse = (
    sheet: string,
    row: number | null,
    field: string | null,
    code: string,
    params: Params,
    message: string,
  ) => problems.push({ sheet, row, column: letterOf(read, sheet, field), field, code, params, message });
  const editOnly = (sheet: string, row: number | null) => {
    if (input.mayEdit) return true;
    refuse(
      sheet,
      row,
      null,
      "editOnly",
      {},
      "you may enter actuals only: changes to the plan, its tree, indicators or targets need the right to edit the plan",
    );
    return false;
  };
  // An approved plan keeps its tree and indicators: texts, people and dates only.
  const structureLocked = (
    sheet: string,
    row: number,
    part: "node" | "indicator",
    existing: Record<string, unknown> | undefined,
    body: Record<string, unknown>,
  ) => {
    if (input.plan.status !== "approved") return false;
    const fields = structureChanges(part, existing, body);
    if (!fields.length) return false;
    refuse(
      sheet,
      row,
      null,
      "structureLocked",
      { part, fields: fields.join(", ") },
      structureLockedMessage(part, !existing, fields),
    );
    return true;
  };

  // The plan as the import leaves it: its levels, periods and categories decide the rows'.
  const stored = input.plan;
  let plan = {
    title: stored.title,
    levels: stored.levels,
    periods: stored.periods,
    disaggregations: stored.disaggregations,
  };
  if (read.plan) {
    if (isSame(plan, read.plan)) unchanged++;
    else if (editOnly(PLAN_SHEETS.plan, null)) {
      const lost = planChangeProblems(
        {
          levels: state.nodes.map((n) => n.level),
          categories: state.indicators.flatMap((i) => i.disaggregations),
          periods: [...state.values.keys()].map((k) => k.split("|")[1]!),
        },
        read.plan,
      );
      for (const message of lost)
        refuse(PLAN_SHEETS.plan, null, null, "stillUsed", { detail: message }, message);
      if (!lost.length) {
        plan = read.plan;
        writes.plan = read.plan;
        changes.push({
          sheet: PLAN_SHEETS.plan,
          row: null,
          what: "the plan's title, levels, periods or categories",
        });
      }
    }
  }
  const levelRank = (level: string) => plan.levels.findIndex((l) => l.key === level);

  // Nodes: matched by code; the tree (parents, levels) checked as the import leaves it.
  const nodeByCode = new Map(state.nodes.map((n) => [n.code, n]));
  const nodeIds = new Map(state.nodes.map((n) => [n.code, n.id]));
  const finalNode = new Map(state.nodes.map((n) => [n.id, { parentId: n.parentId, level: n.level }]));
  const seenNodes = new Map<string, number>();
  let nextNodePosition = Math.max(-1, ...state.nodes.map((n) => n.position)) + 1;
  for (const row of read.nodes) {
    const earlier = seenNodes.get(row.code);
    if (earlier !== undefined)
      refuse(
        PLAN_SHEETS.nodes,
        row.row,
        "code",
        "duplicateCode",
        { code: row.code, row: earlier },
        `code: "${row.code}" is also on row ${earlier}`,
      );
    else seenNodes.set(row.code, row.row);
    if (!nodeIds.has(row.code)) nodeIds.set(row.code, randomUUID());
  }
  for (const row of read.nodes)
    finalNode.set(nodeIds.get(row.code)!, {
      parentId: row.parentCode ? (nodeIds.get(row.parentCode) ?? null) : null,
      level: row.level,
    });
  const nodeRows = [...read.nodes].sort((a, b) => levelRank(a.level) - levelRank(b.level));
  for (const row of nodeRows) {
    const { row: at, parentCode, ...fields } = row;
    const sheet = PLAN_SHEETS.nodes;
    const parentId = parentCode ? nodeIds.get(parentCode) : null;
    if (parentCode && !parentId) {
      refuse(
        sheet,
        at,
        "parent",
        "parentUnknown",
        { code: parentCode },
        `parent: no node "${parentCode}" in the plan or the sheet`,
      );
      continue;
    }
    const body: NodeBody = { ...fields, parentId: parentId ?? null };
    const existing = nodeByCode.get(row.code);
    if (existing && isSame(pick(existing, body), body)) {
      unchanged++;
      continue;
    }
    if (!editOnly(sheet, at)) continue;
    if (structureLocked(sheet, at, "node", existing, body)) continue;
    const id = nodeIds.get(row.code)!;
    const rank = levelRank(body.level);
    if (rank < 0) {
      refuse(
        sheet,
        at,
        "level",
        "levelUnknown",
        { level: body.level },
        `level: "${body.level}" is not a level of this plan`,
      );
      continue;
    }
    if (parentId) {
      const parentLevel = finalNode.get(parentId)?.level ?? "";
      if (levelRank(parentLevel) >= rank) {
        refuse(
          sheet,
          at,
          "level",
          "levelUnder",
          { level: body.level, parent: parentLevel },
          `level: a "${body.level}" cannot sit under a "${parentLevel}"`,
        );
        continue;
      }
      if (sitsUnder(finalNode, parentId, id)) {
        refuse(
          sheet,
          at,
          "parent",
          "cycle",
          {},
          "parent: a node cannot sit under itself or one of its children",
        );
        continue;
      }
    }
    if (existing) writes.changedNodes.push({ id, body });
    else writes.newNodes.push({ ...body, id, planId: stored.id, position: nextNodePosition++ });
    changes.push({ sheet, row: at, what: `${existing ? "node changed" : "new node"}: ${row.code}` });
  }

  // Indicators: matched by code, on a node of the plan or of the sheet.
  const indicatorByCode = new Map(state.indicators.map((i) => [i.code, i]));
  const indicatorIds = new Map(state.indicators.map((i) => [i.code, i.id]));
  const finalIndicator = new Map<
    string,
    Pick<IndicatorRow, "type" | "code" | "scaleMin" | "scaleMax" | "disaggregations" | "link">
  >(state.indicators.map((i) => [i.id, i]));
  const seenIndicators = new Map<string, number>();
  let nextIndicatorPosition = Math.max(-1, ...state.indicators.map((i) => i.position)) + 1;
  for (const row of read.indicators) {
    const { row: at, nodeCode, ...fields } = row;
    const sheet = PLAN_SHEETS.indicators;
    const earlier = seenIndicators.get(row.code);
    if (earlier !== undefined) {
      refuse(
        sheet,
        at,
        "code",
        "duplicateCode",
        { code: row.code, row: earlier },
        `code: "${row.code}" is also on row ${earlier}`,
      );
      continue;
    }
    seenIndicators.set(row.code, at);
    const nodeId = nodeIds.get(nodeCode);
    if (!nodeId) {
      refuse(
        sheet,
        at,
        "node",
        "nodeUnknown",
        { code: nodeCode },
        `node: no node "${nodeCode}" in the plan or the sheet`,
      );
      continue;
    }
    const body: IndicatorBody = { ...fields, nodeId };
    const existing = indicatorByCode.get(row.code);
    const id = existing?.id ?? randomUUID();
    indicatorIds.set(row.code, id);
    if (existing && isSame(pick(existing, body), body)) {
      unchanged++;
      continue;
    }
    if (!editOnly(sheet, at)) continue;
    if (structureLocked(sheet, at, "indicator", existing, body)) continue;
    const unknown = body.disaggregations.filter((k) => !plan.disaggregations.some((c) => c.key === k));
    if (unknown.length) {
      const keys = unknown.map((k) => `"${k}"`).join(", ");
      refuse(
        sheet,
        at,
        "disaggregations",
        "categoryUnknown",
        { keys },
        `disaggregations: ${keys} not defined in this plan`,
      );
      continue;
    }
    if (body.link && body.type === "narrative") {
      refuse(sheet, at, "link", "linkNarrative", {}, "link: a narrative indicator cannot be linked");
      continue;
    }
    finalIndicator.set(id, { ...body, link: body.link ?? null } as IndicatorRow);
    if (existing) writes.changedIndicators.push({ id, body });
    else writes.newIndicators.push({ ...body, id, planId: stored.id, position: nextIndicatorPosition++ });
    changes.push({
      sheet,
      row: at,
      what: `${existing ? "indicator changed" : "new indicator"}: ${row.code}`,
    });
  }

  // Values: the rules of saveValue, against the indicators as the import leaves them.
  const seenValues = new Map<string, number>();
  for (const row of read.values) {
    const sheet = PLAN_SHEETS.values;
    const at = row.row;
    const indicatorId = indicatorIds.get(row.indicator);
    if (!indicatorId) {
      refuse(
        sheet,
        at,
        "indicator",
        "indicatorUnknown",
        { code: row.indicator },
        `indicator: no indicator "${row.indicator}" in the plan or the sheet`,
      );
      continue;
    }
    if (!plan.periods.some((p) => p.key === row.period)) {
      refuse(
        sheet,
        at,
        "period",
        "periodUnknown",
        { period: row.period },
        `period: "${row.period}" is not a period of this plan`,
      );
      continue;
    }
    const key = `${indicatorId}|${row.period}|${row.kind}`;
    const earlier = seenValues.get(key);
    if (earlier !== undefined) {
      refuse(
        sheet,
        at,
        "period",
        "duplicateValue",
        { row: earlier },
        `the ${row.kind} of ${row.indicator} for ${row.period} is also on row ${earlier}`,
      );
      continue;
    }
    seenValues.set(key, at);
    const { expectedVersion, ...fields } = row.body;
    const before = state.values.get(key) ?? null;
    if (isSame(before ? pickStored(before) : {}, fields)) {
      unchanged++;
      continue;
    }
    if (row.kind === "target" && !editOnly(sheet, at)) continue;
    if (row.kind === "target" && stored.status === "approved") {
      refuse(
        sheet,
        at,
        null,
        "targetsLocked",
        {},
        "the plan is approved: its targets are locked until it is reopened",
      );
      continue;
    }
    const indicator = finalIndicator.get(indicatorId)!;
    if (row.kind === "actual" && indicator.link) {
      refuse(
        sheet,
        at,
        "value",
        "linkedActual",
        { indicator: indicator.code },
        `the actual of ${indicator.code} is read from its link (${indicator.link.kind}), not entered`,
      );
      continue;
    }
    const next: Stored = {
      value: fields.value,
      narrative: fields.narrative,
      breakdown: fields.breakdown && Object.keys(fields.breakdown).length ? fields.breakdown : null,
      comment: fields.comment || null,
      evidence: fields.evidence || null,
    };
    const problem = valueProblem(indicator, next, plan);
    if (problem) {
      const field = /^([A-Za-z]+):/.exec(problem.message)?.[1] ?? null;
      refuse(
        sheet,
        at,
        field,
        problem.code,
        problem.params,
        [problem.message, ...problem.details].join("; "),
      );
      continue;
    }
    if ((before?.version ?? 0) !== expectedVersion) {
      const by = before?.updatedByName ?? "someone else";
      const now = before?.value ?? before?.narrative ?? "empty";
      refuse(
        sheet,
        at,
        "version",
        "conflict",
        { by, version: before?.version ?? 0, value: now },
        `conflict: this value was changed by ${by} after the export (now version ${before?.version ?? 0}, value ${now}); it was not overwritten`,
      );
      continue;
    }
    writes.values.push({ indicatorId, period: row.period, kind: row.kind, next, before });
    changes.push({ sheet, row: at, what: `${row.kind} ${row.period} of ${row.indicator}` });
  }
  return {
    writes,
    report: {
      ok: problems.length === 0,
      dryRun: input.dryRun,
      fileName: input.fileName,
      changed: changes.length,
      unchanged,
      changes: changes.slice(0, 2000),
      problems: problems.slice(0, MAX_PROBLEMS),
    },
  };
}

/** Whether `nodeId` is `start` or one of its ancestors, in the tree as the import leaves it. */
function sitsUnder(tree: Map<string, { parentId: string | null }>, start: string, nodeId: string): boolean {
  const seen = new Set<string>();
  for (let at: string | null = start; at && !seen.has(at); at = tree.get(at)?.parentId ?? null) {
    if (at === nodeId) return true;
    seen.add(at);
  }
  return false;
}

/** The checked rows written in bulk: a few multi-row statements, in the caller's transaction. */
async function applyWrites(db: Db, input: ImportPlanInput, writes: Writes): Promise<void> {
  const planId = input.plan.id;
  if (writes.plan) await db.update(resultPlans).set(writes.plan).where(eq(resultPlans.id, planId));
  // Parents before children: the new nodes are in level order.
  for (const rows of chunks(writes.newNodes)) await db.insert(resultNodes).values(rows);
  for (const { id, body } of writes.changedNodes)
    await db
      .update(resultNodes)
      .set({ ...body, version: sql`${resultNodes.version} + 1` })
      .where(and(eq(resultNodes.id, id), eq(resultNodes.planId, planId)));
  for (const rows of chunks(writes.newIndicators)) await db.insert(resultIndicators).values(rows);
  for (const { id, body } of writes.changedIndicators)
    await db
      .update(resultIndicators)
      .set({ ...body, version: sql`${resultIndicators.version} + 1` })
      .where(and(eq(resultIndicators.id, id), eq(resultIndicators.planId, planId)));

  // One upsert per chunk: a new value gets version 1; a stored one version + 1, only if it is
  // still the version the file was checked against (else a save came in between: 409).
  for (const rows of chunks(writes.values)) {
    const written = await db
      .insert(resultValues)
      .values(
        rows.map((r) => ({
          indicatorId: r.indicatorId,
          period: r.period,
          kind: r.kind,
          ...r.next,
          version: (r.before?.version ?? 0) + 1,
          updatedBy: input.actorId,
        })),
      )
      .onConflictDoUpdate({
        target: [resultValues.indicatorId, resultValues.period, resultValues.kind],
        set: {
          value: sql`excluded.value`,
          narrative: sql`excluded.narrative`,
          breakdown: sql`excluded.breakdown`,
          comment: sql`excluded.comment`,
          evidence: sql`excluded.evidence`,
          version: sql`excluded.version`,
          updatedBy: sql`excluded.updated_by`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${resultValues.version} = excluded.version - 1`,
      })
      .returning({
        id: resultValues.id,
        indicatorId: resultValues.indicatorId,
        period: resultValues.period,
        kind: resultValues.kind,
        version: resultValues.version,
      });
    if (written.length !== rows.length)
      throw new UserError(
        "values of this plan were changed by someone else during the import: nothing was imported, import the file again",
        [],
        409,
      );
    const ids = new Map(written.map((w) => [`${w.indicatorId}|${w.period}|${w.kind}`, w]));
    await db.insert(resultValueHistory).values(
      rows.map((r) => {
        const w = ids.get(`${r.indicatorId}|${r.period}|${r.kind}`)!;
        return {
          valueId: w.id,
          version: w.version,
          valueBefore: r.before ? pickStored(r.before) : null,
          valueAfter: r.next,
          changedBy: input.actorId,
          source: "import",
        };
      }),
    );
  }
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

/** The column of a field; a breakdown's is its first category column (sex=girls). */
function letterOf(read: ReadPlanWorkbook, sheet: string, field: string | null): string | null {
  const letters = read.letters[sheet];
  if (!field || !letters) return null;
  if (field === "breakdown") return [...letters].find(([header]) => header.includes("="))?.[1] ?? null;
  return letters.get(field) ?? null;
}

/** The stored row's fields that the body has, for comparing like with like. */
function pick(stored: object, body: object): Record<string, unknown> {
  const row = stored as Record<string, unknown>;
  return Object.fromEntries(Object.keys(body).map((k) => [k, row[k] ?? null]));
}

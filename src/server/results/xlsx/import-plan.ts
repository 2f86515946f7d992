import { asc, eq } from "drizzle-orm";
import type {
  PlanImportChange,
  PlanImportProblem,
  PlanImportReport,
} from "../../api-schemas/results-xlsx.ts";
import { type AuditActor, recordAudit } from "../../audit/record-audit.ts";
import type { Db } from "../../db/connect.ts";
import { resultIndicators, resultNodes, resultValues } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { openXlsx } from "../../files/open-xlsx.ts";
import { type LoadedPlan, loadPlan } from "../load-plan.ts";
import { addIndicator, updateIndicator } from "../save-indicator.ts";
import { addNode, updateNode } from "../save-node.ts";
import { updatePlan } from "../save-plan.ts";
import { saveValue, ValueConflictError } from "../save-value.ts";
import { PLAN_SHEETS } from "./layout.ts";
import { type ReadPlanWorkbook, readPlanWorkbook } from "./read-plan-workbook.ts";

const ADVICE = [
  "export the plan again (Download XLSX), fill that workbook in Excel or LibreOffice and save it as .xlsx",
];
const MAX_PROBLEMS = 500;

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

/** Rolls the whole import back (a dry run, or any problem) while keeping its report. */
class RollBack extends Error {
  constructor(readonly report: PlanImportReport) {
    super("import rolled back");
  }
}

/**
 * Imports a plan's XLSX template: reads every row with the API's zod shapes, then
 * applies them in one transaction through the API's own use cases (updatePlan,
 * addNode/updateNode, addIndicator/updateIndicator, saveValue with source "import"),
 * each row in a savepoint so that one refused row is reported and the others still
 * checked. Any problem, or a dry run, rolls everything back: the report lists the
 * changes and every problem by sheet, row and column. A value whose version in the
 * file is older than the stored one, where the stored value differs, is a conflict.
 */
export async function importPlanWorkbook(db: Db, input: ImportPlanInput): Promise<PlanImportReport> {
  const { fileName } = input;
  const extension = /\.([^.]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension && extension !== "xlsx")
    throw new UserError(`${fileName} is not an XLSX spreadsheet: only .xlsx workbooks are imported`, ADVICE);
  const read = readPlanWorkbook(await openXlsx(input.bytes, fileName, ADVICE));
  const base = { dryRun: input.dryRun, fileName, changed: 0, unchanged: 0, changes: [] };
  if (read.problems.length) return { ...base, ok: false, problems: read.problems.slice(0, MAX_PROBLEMS) };
  try {
    return await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const report = await applyRows(tx, input, read);
      if (!report.ok || input.dryRun) throw new RollBack(report);
      // An import that changes nothing leaves no trace, like a save of an unchanged value.
      if (report.changed === 0) return report;
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
  } catch (error) {
    if (error instanceof RollBack) return error.report;
    throw error;
  }
}

async function applyRows(db: Db, input: ImportPlanInput, read: ReadPlanWorkbook): Promise<PlanImportReport> {
  const problems: PlanImportProblem[] = [];
  const changes: PlanImportChange[] = [];
  let unchanged = 0;
  const refuse = (sheet: string, row: number | null, message: string, field: string | null = null) =>
    problems.push({ sheet, row, column: letterOf(read, sheet, field), field, message });
  const editOnly = (sheet: string, row: number | null) => {
    if (input.mayEdit) return true;
    refuse(
      sheet,
      row,
      "you may enter actuals only: changes to the plan, its tree, indicators or targets need the right to edit the plan",
    );
    return false;
  };
  /** One row in a savepoint: a refused row leaves the transaction usable. */
  const attempt = async (sheet: string, row: number | null, work: () => Promise<void>) => {
    try {
      // Nested: a savepoint on the same connection, so the use cases' writes roll back with it.
      await db.transaction(() => work());
      return true;
    } catch (error) {
      if (error instanceof ValueConflictError) {
        const c = error.current;
        refuse(
          sheet,
          row,
          `conflict: this value was changed by ${c.updatedBy ?? "someone else"} after the export (now version ${c.version}, value ${c.value ?? c.narrative ?? "empty"}); it was not overwritten`,
          "version",
        );
      } else if (error instanceof UserError) {
        // The use cases name the field first ("breakdown: …", "level: …"): its column, when the sheet has one.
        const field = /^([A-Za-z]+):/.exec(error.message)?.[1] ?? null;
        refuse(sheet, row, [error.message, ...error.problems].join("; "), field);
      } else throw error;
      return false;
    }
  };

  let plan = input.plan;
  if (read.plan) {
    const stored = {
      title: plan.title,
      levels: plan.levels,
      periods: plan.periods,
      disaggregations: plan.disaggregations,
    };
    if (isSame(stored, read.plan)) unchanged++;
    else if (editOnly(PLAN_SHEETS.plan, null)) {
      const body = read.plan;
      if (await attempt(PLAN_SHEETS.plan, null, () => updatePlan(db, plan.id, body)))
        changes.push({
          sheet: PLAN_SHEETS.plan,
          row: null,
          what: "the plan's title, levels, periods or categories",
        });
      plan = await loadPlan(db, plan.id);
    }
  }

  const nodes = await db
    .select()
    .from(resultNodes)
    .where(eq(resultNodes.planId, plan.id))
    .orderBy(asc(resultNodes.position));
  const nodeIds = new Map(nodes.map((n) => [n.code, n.id]));
  const levelRank = (level: string) => plan.levels.findIndex((l) => l.key === level);
  // Parents first, so a new node's parent exists when it is added.
  for (const row of [...read.nodes].sort((a, b) => levelRank(a.level) - levelRank(b.level))) {
    const { row: at, parentCode, ...fields } = row;
    const parentId = parentCode ? nodeIds.get(parentCode) : null;
    if (parentCode && !parentId) {
      refuse(PLAN_SHEETS.nodes, at, `parent: no node "${parentCode}" in the plan or the sheet`, "parent");
      continue;
    }
    const body = { ...fields, parentId: parentId ?? null };
    const stored = nodes.find((n) => n.code === row.code);
    if (stored && isSame(pick(stored, body), body)) {
      unchanged++;
      continue;
    }
    if (!editOnly(PLAN_SHEETS.nodes, at)) continue;
    const done = await attempt(PLAN_SHEETS.nodes, at, async () => {
      if (stored) await updateNode(db, plan, stored.id, body);
      else nodeIds.set(row.code, await addNode(db, plan, body));
    });
    if (done)
      changes.push({
        sheet: PLAN_SHEETS.nodes,
        row: at,
        what: `${stored ? "node changed" : "new node"}: ${row.code}`,
      });
  }

  const indicators = await db.select().from(resultIndicators).where(eq(resultIndicators.planId, plan.id));
  const indicatorIds = new Map(indicators.map((i) => [i.code, i.id]));
  for (const row of read.indicators) {
    const { row: at, nodeCode, ...fields } = row;
    const nodeId = nodeIds.get(nodeCode);
    if (!nodeId) {
      refuse(PLAN_SHEETS.indicators, at, `node: no node "${nodeCode}" in the plan or the sheet`, "node");
      continue;
    }
    const body = { ...fields, nodeId };
    const stored = indicators.find((i) => i.code === row.code);
    if (stored && isSame(pick(stored, body), body)) {
      unchanged++;
      continue;
    }
    if (!editOnly(PLAN_SHEETS.indicators, at)) continue;
    const done = await attempt(PLAN_SHEETS.indicators, at, async () => {
      if (stored) await updateIndicator(db, plan, stored.id, body);
      else indicatorIds.set(row.code, await addIndicator(db, plan, body));
    });
    if (done)
      changes.push({
        sheet: PLAN_SHEETS.indicators,
        row: at,
        what: `${stored ? "indicator changed" : "new indicator"}: ${row.code}`,
      });
  }

  const storedValues = await readStoredValues(db, plan.id);
  for (const row of read.values) {
    const indicatorId = indicatorIds.get(row.indicator);
    if (!indicatorId) {
      refuse(
        PLAN_SHEETS.values,
        row.row,
        `indicator: no indicator "${row.indicator}" in the plan or the sheet`,
        "indicator",
      );
      continue;
    }
    if (!plan.periods.some((p) => p.key === row.period)) {
      refuse(PLAN_SHEETS.values, row.row, `period: "${row.period}" is not a period of this plan`, "period");
      continue;
    }
    const { expectedVersion: _version, ...fields } = row.body;
    if (isSame(storedValues.get(`${indicatorId}|${row.period}|${row.kind}`) ?? {}, fields)) {
      unchanged++;
      continue;
    }
    if (row.kind === "target" && !editOnly(PLAN_SHEETS.values, row.row)) continue;
    const done = await attempt(PLAN_SHEETS.values, row.row, async () => {
      await saveValue(db, {
        plan,
        indicatorId,
        period: row.period,
        kind: row.kind,
        body: row.body,
        actorId: input.actorId,
        source: "import",
      });
    });
    if (done)
      changes.push({
        sheet: PLAN_SHEETS.values,
        row: row.row,
        what: `${row.kind} ${row.period} of ${row.indicator}`,
      });
  }
  return {
    ok: problems.length === 0,
    dryRun: input.dryRun,
    fileName: input.fileName,
    changed: changes.length,
    unchanged,
    changes: changes.slice(0, 2000),
    problems: problems.slice(0, MAX_PROBLEMS),
  };
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

/** Equal as data: object key order ignored, empty texts and nulls alike. */
function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== undefined && x !== "")
      .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}

/** The plan's typed targets and actuals by `indicatorId|period|kind`, as the file would write them. */
async function readStoredValues(db: Db, planId: string) {
  const rows = await db
    .select({
      indicatorId: resultValues.indicatorId,
      period: resultValues.period,
      kind: resultValues.kind,
      value: resultValues.value,
      narrative: resultValues.narrative,
      breakdown: resultValues.breakdown,
      comment: resultValues.comment,
      evidence: resultValues.evidence,
    })
    .from(resultValues)
    .innerJoin(resultIndicators, eq(resultIndicators.id, resultValues.indicatorId))
    .where(eq(resultIndicators.planId, planId));
  return new Map(rows.map(({ indicatorId, period, kind, ...v }) => [`${indicatorId}|${period}|${kind}`, v]));
}

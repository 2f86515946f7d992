import { inArray, sql } from "drizzle-orm";
import { type Actor, type BudgetProblem, can, readBudgetLines, readContextSeries } from "../../core/index.ts";
import type { BudgetImportOut } from "../api-schemas/budgets.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { budgetContext, budgetHistory, countries } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readRecords } from "../recommendations/read-table.ts";
import { currencyOf, listSectors } from "./read-budgets.ts";
import { writeImportedLines } from "./save-lines.ts";

/** Every known country (code → iso3) and those whose budgets the actor may edit. */
async function knownCountries(db: Db, actor: Actor) {
  const rows = await db
    .select({ code: countries.code, iso3: countries.iso3, region: countries.regionCode })
    .from(countries);
  return {
    all: new Map(rows.map((r) => [r.code, r.iso3])),
    editable: new Set(
      rows.filter((r) => can(actor, "budget:edit", { country: r.code, region: r.region })).map((r) => r.code),
    ),
  };
}

/** 403 naming the rows of countries outside the importer's scope, before anything is written. */
function refuseOutsideScope(
  fileName: string,
  rows: { where: string; country: string }[],
  editable: Set<string>,
) {
  const outside = rows.filter((r) => !editable.has(r.country));
  if (!outside.length) return;
  throw new UserError(
    `${fileName}: ${outside.length} row(s) concern countries outside the scope of your role; nothing was imported`,
    outside.slice(0, 20).map((r) => `${r.where}: ${r.country}`),
    403,
  );
}

export interface ImportInput {
  bytes: Buffer;
  fileName: string;
  actor: Actor;
  dryRun: boolean;
  audit: AuditActor;
}

const onlyErrors = (problems: { severity?: string }[]) => problems.filter((p) => p.severity !== "warning");

/**
 * Imports a table of budget lines (CSV or XLSX, see docs/api.md): every row checked by
 * core's rules for the countries the importer may edit; any error and nothing is written.
 * Otherwise one transaction adds new lines and updates those with the same key.
 */
export async function importLinesFile(db: Db, input: ImportInput): Promise<BudgetImportOut> {
  const records = await readRecords(input.bytes, input.fileName);
  const { all, editable } = await knownCountries(db, input.actor);
  const sectors = new Set((await listSectors(db)).map((s) => s.key));
  const { lines, problems } = readBudgetLines(records, {
    countries: new Set(all.keys()),
    sectors,
    currencyOf: await currencyOf(db, [...editable]),
  });
  refuseOutsideScope(
    input.fileName,
    lines.map((l) => ({ where: `row ${l.row}`, country: l.country })),
    editable,
  );
  const report = (written: boolean, counts = { added: 0, changed: 0, unchanged: 0 }): BudgetImportOut => ({
    dryRun: input.dryRun,
    written,
    ...counts,
    problems,
    layout: null,
    skippedIndicators: [],
  });
  if (onlyErrors(problems).length || input.dryRun) {
    if (input.dryRun && !onlyErrors(problems).length) {
      // Count what would change without writing: the same writer in a transaction rolled back.
      const counts = await dryRunCounts(db, (tx) => writeImportedLines(tx, lines, input.actor.userId));
      return report(false, counts);
    }
    return report(false);
  }
  const counts = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const written = await writeImportedLines(tx, lines, input.actor.userId);
    for (const country of new Set(lines.map((l) => l.country))) {
      await recordAudit(tx, {
        ...input.audit,
        action: "budgets.imported",
        targetType: "budget-lines",
        country,
        details: { file: input.fileName, ...written },
      });
    }
    return written;
  });
  return report(true, counts);
}

class RollBack extends Error {
  constructor(readonly value: unknown) {
    super("dry run");
  }
}

/** Runs a writer in a transaction and rolls it back, returning what it returned. */
async function dryRunCounts<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (t) => {
      throw new RollBack(await work(t as unknown as Db));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.value as T;
    throw error;
  }
  throw new Error("unreachable");
}

/**
 * Writes context values (country, year, series) in the caller's transaction: changed values
 * are replaced and their history kept; equal values are left alone.
 */
export async function writeContextValues(
  tx: Db,
  values: readonly { country: string; year: number; series: string; value: number }[],
  userId: string | null,
  options: { source?: string; isDemo?: boolean } = {},
) {
  const counts = { added: 0, changed: 0, unchanged: 0 };
  // The stored values of the file's countries, read once (not one query per value).
  const countries = [...new Set(values.map((v) => v.country))];
  const stored = countries.length
    ? await tx
        .select({
          country: budgetContext.countryCode,
          year: budgetContext.year,
          series: budgetContext.series,
          value: budgetContext.value,
        })
        .from(budgetContext)
        .where(inArray(budgetContext.countryCode, countries))
    : [];
  const storedByKey = new Map(stored.map((r) => [`${r.country}|${r.year}|${r.series}`, r]));
  for (const v of values) {
    const current = storedByKey.get(`${v.country}|${v.year}|${v.series}`);
    if (current && current.value === v.value) {
      counts.unchanged++;
      continue;
    }
    await tx
      .insert(budgetContext)
      .values({
        countryCode: v.country,
        year: v.year,
        series: v.series,
        value: v.value,
        isDemo: options.isDemo ?? false,
        updatedBy: userId,
      })
      .onConflictDoUpdate({
        target: [budgetContext.countryCode, budgetContext.year, budgetContext.series],
        set: { value: v.value, updatedBy: userId, updatedAt: sql`now()` },
      });
    await tx.insert(budgetHistory).values({
      countryCode: v.country,
      entity: "context",
      entityKey: `${v.year}:${v.series}`,
      before: current ? { value: current.value } : null,
      after: { value: v.value },
      changedBy: userId,
      source: options.source ?? "import",
    });
    if (current) counts.changed++;
    else counts.added++;
  }
  return counts;
}

/**
 * Imports context series from a World Bank wide CSV or a long table (see core's
 * readContextSeries): countries by ISO alpha-2 or alpha-3 code, only those the importer may
 * edit; any error and nothing is written.
 */
export async function importContextFile(db: Db, input: ImportInput): Promise<BudgetImportOut> {
  const records = await readRecords(input.bytes, input.fileName);
  const { all, editable } = await knownCountries(db, input.actor);
  const byIso3 = new Map([...all].map(([code, iso3]) => [iso3, code]));
  const result = readContextSeries(records, (code) => {
    const upper = code.toUpperCase();
    return all.has(upper) ? upper : (byIso3.get(upper) ?? null);
  });
  refuseOutsideScope(
    input.fileName,
    [...new Set(result.values.map((v) => v.country))].map((country) => ({ where: "country", country })),
    editable,
  );
  const problems: BudgetProblem[] = result.problems.map((p) => ({
    ...p,
    code: p.code as BudgetProblem["code"],
    severity: "error",
  }));
  const report = (written: boolean, counts = { added: 0, changed: 0, unchanged: 0 }): BudgetImportOut => ({
    dryRun: input.dryRun,
    written,
    ...counts,
    problems,
    layout: result.layout,
    skippedIndicators: result.skippedIndicators,
  });
  if (problems.length) return report(false);
  if (!result.values.length) {
    problems.push({
      row: 1,
      column: null,
      code: "noAmount",
      severity: "error",
      params: {},
      message:
        "the file holds no value of a context series (population under 18, GDP, total expenditure, exchange rate, price index)",
    });
    return report(false);
  }
  if (input.dryRun) {
    return report(
      false,
      await dryRunCounts(db, (tx) => writeContextValues(tx, result.values, input.actor.userId)),
    );
  }
  const counts = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const written = await writeContextValues(tx, result.values, input.actor.userId);
    for (const country of new Set(result.values.map((v) => v.country))) {
      await recordAudit(tx, {
        ...input.audit,
        action: "budgets.imported",
        targetType: "budget-context",
        country,
        details: { file: input.fileName, layout: result.layout, ...written },
      });
    }
    return written;
  });
  return report(true, counts);
}

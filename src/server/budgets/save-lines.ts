import { and, eq, inArray, sql } from "drizzle-orm";
import {
  type BudgetLine,
  type BudgetProblem,
  checkBudgetLine,
  type LineFields,
  lineKey,
  readFiscalYear,
} from "../../core/index.ts";
import type { BudgetLineBody } from "../api-schemas/budgets.ts";
import type { Db } from "../db/connect.ts";
import { budgetHistory, budgetLines } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { currencyOf, listSectors, loadLine } from "./read-budgets.ts";
import { assertYearsEditable } from "./reviews.ts";

type LineRow = typeof budgetLines.$inferSelect;

/** Links of a line to the rest of Childmark. */
export interface LineLinks {
  articles: string[];
  nodeCodes: string[];
  indicatorCodes: string[];
  recommendationIds: string[];
}

/** The stored state of a line that history keeps (everything but bookkeeping). */
function stateOf(row: LineRow) {
  const { id: _id, version: _v, updatedAt: _at, updatedBy: _by, isDemo: _demo, ...state } = row;
  return state;
}

function columnsOf(line: BudgetLine & { warnings: string[] }, links: LineLinks) {
  const reading = readFiscalYear(line.fiscalYear, line.country);
  return {
    countryCode: line.country,
    fiscalYear: line.fiscalYear,
    startYear: reading.ok ? reading.startYear : Number(line.fiscalYear.slice(0, 4)),
    lineKey: lineKey(line),
    name: line.name,
    nameEn: line.nameEn,
    ministry: line.ministry,
    programme: line.programme,
    sector: line.sector,
    cofog: line.cofog,
    currency: line.currency,
    proposed: line.amounts.proposed,
    allocated: line.amounts.allocated,
    revised: line.amounts.revised,
    executed: line.amounts.executed,
    sourceDocument: line.sourceDocument,
    sourcePage: line.sourcePage,
    sourceUrl: line.sourceUrl,
    warnings: line.warnings,
    articles: [...new Set(links.articles)],
    nodeCodes: [...new Set(links.nodeCodes)],
    indicatorCodes: [...new Set(links.indicatorCodes)],
    recommendationIds: [...new Set(links.recommendationIds)],
  };
}

/** A form's line as the text fields core checks (the same rules as a row of an imported table). */
function fieldsOf(country: string, body: BudgetLineBody): LineFields {
  const amount = (v: number | null) => (v === null ? "" : String(v));
  return {
    country,
    fiscalYear: body.fiscalYear,
    name: body.name,
    nameEn: body.nameEn,
    ministry: body.ministry,
    programme: body.programme ?? "",
    sector: body.sector,
    cofog: body.cofog ?? "",
    currency: body.currency,
    proposed: amount(body.proposed),
    allocated: amount(body.allocated),
    revised: amount(body.revised),
    executed: amount(body.executed),
    sourceDocument: body.sourceDocument ?? "",
    sourcePage: body.sourcePage ?? "",
    sourceUrl: body.sourceUrl ?? "",
  };
}

/** Checks a form's line against the classification and the country's currency: 400 naming each problem. */
async function checkForm(db: Db, country: string, body: BudgetLineBody, exceptId?: string) {
  const sectors = new Set((await listSectors(db)).map((s) => s.key));
  const currencies = await currencyOf(db, [country]);
  if (exceptId) {
    // A country with this one line only may change its currency.
    const [{ n } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(budgetLines)
      .where(and(eq(budgetLines.countryCode, country), sql`${budgetLines.id} <> ${exceptId}`));
    if (n === 0) currencies.delete(country);
  }
  const { line, problems } = checkBudgetLine(fieldsOf(country, body), 1, {
    countries: new Set([country]),
    sectors,
    currencyOf: currencies,
  });
  const errors = problems.filter((p) => p.severity === "error");
  if (!line || errors.length) {
    throw new UserError(
      "the budget line has problems: fix them and save again",
      errors.map((p) => `${p.column ?? "line"}: ${p.message.replace(/^row 1: /, "")}`),
    );
  }
  return line;
}

/** Someone changed the line since the editor loaded it: 409 naming who, nothing written. */
export class BudgetConflictError extends UserError {
  constructor(current: LineRow) {
    super(
      `this budget line was changed in the meantime (now version ${current.version}): reload it, compare and save again`,
      [],
      409,
    );
  }
}

async function history(
  db: Db,
  row: { countryCode: string; id: string },
  before: unknown,
  after: unknown,
  by: string | null,
  source: string,
) {
  await db.insert(budgetHistory).values({
    countryCode: row.countryCode,
    entity: "line",
    entityKey: row.id,
    before,
    after,
    changedBy: by,
    source,
  });
}

function duplicate(error: unknown): never {
  if (
    /budget_lines_key_unique/.test(String((error as { message?: string }).message ?? error)) ||
    (error as { code?: string }).code === "23505"
  ) {
    throw new UserError(
      "a line with the same fiscal year, ministry, programme and name already exists for this country: change one of them, or edit that line",
      [],
      409,
    );
  }
  throw error;
}

/** Creates a line (one transaction: the line and its history). */
export async function createLine(
  db: Db,
  country: string,
  body: BudgetLineBody,
  userId: string,
): Promise<string> {
  const line = await checkForm(db, country, body);
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await assertYearsEditable(tx, [line]);
    const [row] = await tx
      .insert(budgetLines)
      .values({ ...columnsOf(line, body), updatedBy: userId })
      .returning()
      .catch(duplicate);
    await history(tx, row!, null, stateOf(row!), userId, "entry");
    return row!.id;
  });
}

/** Changes a line if `expectedVersion` is still current (409 otherwise); version + 1 and history. */
export async function updateLine(
  db: Db,
  id: string,
  body: BudgetLineBody & { expectedVersion: number },
  userId: string,
): Promise<{ version: number; changed: boolean }> {
  const current = await loadLine(db, id);
  const line = await checkForm(db, current.countryCode, body, id);
  const next = columnsOf(line, body);
  const before = stateOf(current);
  if (JSON.stringify({ ...before, ...next }) === JSON.stringify(before))
    return { version: current.version, changed: false };
  if (current.version !== body.expectedVersion) throw new BudgetConflictError(current);
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await assertYearsEditable(tx, [{ country: current.countryCode, fiscalYear: current.fiscalYear }, line]);
    const [row] = await tx
      .update(budgetLines)
      .set({ ...next, version: sql`${budgetLines.version} + 1`, updatedBy: userId, updatedAt: sql`now()` })
      .where(and(eq(budgetLines.id, id), eq(budgetLines.version, body.expectedVersion)))
      .returning()
      .catch(duplicate);
    if (!row) throw new BudgetConflictError(await loadLine(tx, id));
    await history(tx, row, before, stateOf(row), userId, "entry");
    return { version: row.version, changed: true };
  });
}

/** Removes a line at `expectedVersion`; its whole state stays in the history. */
export async function deleteLine(db: Db, id: string, expectedVersion: number, userId: string): Promise<void> {
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const current = await loadLine(tx, id);
    if (current.version !== expectedVersion) throw new BudgetConflictError(current);
    await assertYearsEditable(tx, [{ country: current.countryCode, fiscalYear: current.fiscalYear }]);
    await tx.delete(budgetLines).where(and(eq(budgetLines.id, id), eq(budgetLines.version, expectedVersion)));
    await history(tx, current, stateOf(current), null, userId, "entry");
  });
}

export interface ImportLinesResult {
  added: number;
  changed: number;
  unchanged: number;
}

/**
 * Writes checked lines (all of a file) in the caller's transaction: a line with the same
 * key as a stored one replaces its amounts, names and sources (links kept), version + 1;
 * others are added. Every change goes to the history with source `import`.
 */
export async function writeImportedLines(
  tx: Db,
  lines: readonly (BudgetLine & { warnings: string[] })[],
  userId: string | null,
  options: { source?: string; isDemo?: boolean } = {},
): Promise<ImportLinesResult> {
  const result: ImportLinesResult = { added: 0, changed: 0, unchanged: 0 };
  const source = options.source ?? "import";
  await assertYearsEditable(tx, lines);
  // The stored lines of the file's countries, read once (not one query per row).
  const countries = [...new Set(lines.map((l) => l.country))];
  const stored = countries.length
    ? await tx.select().from(budgetLines).where(inArray(budgetLines.countryCode, countries))
    : [];
  const storedByKey = new Map(stored.map((row) => [`${row.countryCode}|${row.lineKey}`, row]));
  for (const line of lines) {
    const current = storedByKey.get(`${line.country}|${lineKey(line)}`);
    const links: LineLinks = current ?? {
      articles: [],
      nodeCodes: [],
      indicatorCodes: [],
      recommendationIds: [],
    };
    const next = columnsOf(line, links);
    if (!current) {
      const [row] = await tx
        .insert(budgetLines)
        .values({ ...next, ...(options.isDemo ? { isDemo: true } : {}), updatedBy: userId })
        .returning();
      await history(tx, row!, null, stateOf(row!), userId, source);
      result.added++;
      continue;
    }
    const before = stateOf(current);
    if (JSON.stringify({ ...before, ...next }) === JSON.stringify(before)) {
      result.unchanged++;
      continue;
    }
    const [row] = await tx
      .update(budgetLines)
      .set({ ...next, version: sql`${budgetLines.version} + 1`, updatedBy: userId, updatedAt: sql`now()` })
      .where(eq(budgetLines.id, current.id))
      .returning();
    await history(tx, row!, before, stateOf(row!), userId, source);
    result.changed++;
  }
  return result;
}

export type { BudgetProblem };

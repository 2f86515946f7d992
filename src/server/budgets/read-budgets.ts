import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  type ActionScope,
  type BudgetSector,
  CONTEXT_SERIES,
  type ContextSeries,
  type ContextYear,
  type LinkedBudgetLine,
  type Target,
} from "../../core/index.ts";
import type { BudgetLineOut } from "../api-schemas/budgets.ts";
import type { Db } from "../db/connect.ts";
import {
  budgetContext,
  budgetLines,
  budgetPublications,
  budgetSectors,
  countries,
  users,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** A country budgets are kept for: its code, names and region (the target of access checks). */
export interface BudgetCountry {
  code: string;
  name: Record<string, string>;
  region: string | null;
}

/** The country named in a route, or 404. */
export async function loadBudgetCountry(db: Db, code: string): Promise<BudgetCountry> {
  const [row] = await db
    .select({ code: countries.code, name: countries.name, region: countries.regionCode })
    .from(countries)
    .where(eq(countries.code, code.toUpperCase()));
  if (!row) throw new UserError(`no country "${code}": use a two-letter ISO code such as MD`, [], 404);
  return row;
}

export const targetOf = (country: BudgetCountry): Target => ({
  country: country.code,
  region: country.region,
});

export async function listSectors(db: Db): Promise<BudgetSector[]> {
  return db
    .select({ key: budgetSectors.key, name: budgetSectors.name, cofog: budgetSectors.cofog })
    .from(budgetSectors)
    .orderBy(asc(budgetSectors.position), asc(budgetSectors.key));
}

type LineRow = typeof budgetLines.$inferSelect;

/** A stored line in the shape core computes with and the API returns. */
export function lineOut(row: LineRow, updatedBy: string | null): BudgetLineOut & LinkedBudgetLine {
  return {
    id: row.id,
    country: row.countryCode,
    fiscalYear: row.fiscalYear,
    name: row.name,
    nameEn: row.nameEn,
    ministry: row.ministry,
    programme: row.programme,
    sector: row.sector,
    cofog: row.cofog,
    currency: row.currency,
    amounts: {
      proposed: row.proposed,
      allocated: row.allocated,
      revised: row.revised,
      executed: row.executed,
    },
    sourceDocument: row.sourceDocument,
    sourcePage: row.sourcePage,
    sourceUrl: row.sourceUrl,
    articles: row.articles,
    nodeCodes: row.nodeCodes,
    indicatorCodes: row.indicatorCodes,
    recommendationIds: row.recommendationIds,
    warnings: row.warnings,
    isDemo: row.isDemo,
    version: row.version,
    updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A country's lines, fiscal year then sector then name. */
export async function readLines(db: Db, country: string) {
  const rows = await db
    .select({ line: budgetLines, updatedBy: users.name })
    .from(budgetLines)
    .leftJoin(users, eq(users.id, budgetLines.updatedBy))
    .where(eq(budgetLines.countryCode, country))
    .orderBy(asc(budgetLines.startYear), asc(budgetLines.sector), asc(budgetLines.nameEn));
  return rows.map((r) => lineOut(r.line, r.updatedBy));
}

/** One line by id (404 when it does not exist). */
export async function loadLine(db: Db, id: string): Promise<LineRow> {
  const [row] = await db.select().from(budgetLines).where(eq(budgetLines.id, id));
  if (!row) throw new UserError(`no budget line ${id}`, [], 404);
  return row;
}

/** A country's context series, one object per year. */
export async function readContext(db: Db, country: string): Promise<ContextYear[]> {
  const rows = await db
    .select({ year: budgetContext.year, series: budgetContext.series, value: budgetContext.value })
    .from(budgetContext)
    .where(eq(budgetContext.countryCode, country))
    .orderBy(asc(budgetContext.year));
  const byYear = new Map<number, ContextYear>();
  for (const row of rows) {
    if (!CONTEXT_SERIES.includes(row.series as ContextSeries)) continue;
    const year = byYear.get(row.year) ?? { year: row.year };
    year[row.series as ContextSeries] = row.value;
    byYear.set(row.year, year);
  }
  return [...byYear.values()];
}

/** The currency of a country's lines, if it has any (every line of a country has the same). */
export async function currencyOf(db: Db, countriesToRead: string[]): Promise<Map<string, string>> {
  if (!countriesToRead.length) return new Map();
  const rows = await db
    .selectDistinct({ country: budgetLines.countryCode, currency: budgetLines.currency })
    .from(budgetLines)
    .where(inArray(budgetLines.countryCode, countriesToRead));
  return new Map(rows.map((r) => [r.country, r.currency]));
}

export async function listPublications(db: Db, country: string) {
  const rows = await db
    .select({
      slug: budgetPublications.slug,
      version: budgetPublications.version,
      publishedAt: budgetPublications.publishedAt,
      notes: budgetPublications.notes,
      lines: sql<number>`jsonb_array_length(${budgetPublications.snapshot}->'lines')`.mapWith(Number),
    })
    .from(budgetPublications)
    .where(eq(budgetPublications.countryCode, country))
    .orderBy(desc(budgetPublications.version));
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() }));
}

/** SQL true for the countries (column `code`) within an action's scope. */
export function countriesInScope(scope: ActionScope) {
  if (scope.everywhere) return sql`true`;
  const parts = [];
  if (scope.countries.length) parts.push(inArray(countries.code, scope.countries));
  if (scope.regions.length) parts.push(inArray(countries.regionCode, scope.regions));
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** Countries with budget data or in the reader's scope, with a summary of what is kept. */
export async function listBudgetCountries(db: Db, scope: ActionScope) {
  const rows = await db
    .select({
      code: countries.code,
      name: countries.name,
      lines: sql<number>`count(${budgetLines.id})`.mapWith(Number),
      firstYear: sql<number | null>`min(${budgetLines.startYear})`,
      lastYear: sql<number | null>`max(${budgetLines.startYear})`,
      currency: sql<string | null>`min(${budgetLines.currency})`,
      published: sql<
        string | null
      >`(select p.slug from budget_publications p where p.country_code = ${countries.code} order by p.version desc limit 1)`,
    })
    .from(countries)
    .leftJoin(budgetLines, eq(budgetLines.countryCode, countries.code))
    .where(and(countriesInScope(scope), scope.everywhere ? sql`${budgetLines.id} is not null` : sql`true`))
    .groupBy(countries.code, countries.name)
    .orderBy(asc(countries.code));
  return rows.map((r) => ({
    ...r,
    firstYear: r.firstYear === null ? null : Number(r.firstYear),
    lastYear: r.lastYear === null ? null : Number(r.lastYear),
  }));
}

import { desc, eq, sql } from "drizzle-orm";
import { BUDGET_SNAPSHOT_FORMAT, type BudgetSnapshot } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { budgetPublications } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { type BudgetCountry, listSectors, readContext, readLines } from "./read-budgets.ts";
import { validatedYears } from "./reviews.ts";

/** What a snapshot keeps of a line: no version, no person, nothing of the editing. */
function publicLine(line: Awaited<ReturnType<typeof readLines>>[number]): BudgetSnapshot["lines"][number] {
  const { version: _v, updatedBy: _by, updatedAt: _at, isDemo: _demo, ...rest } = line;
  return rest;
}

/**
 * Publishes a country's budget data as a new immutable version (one transaction, audited):
 * every line with its links and sources, the context series and the classification.
 */
export async function publishBudgets(
  db: Db,
  country: BudgetCountry,
  input: { notes: string; userId: string | null; audit: AuditActor; isDemo?: boolean },
): Promise<{ slug: string; version: number; lines: number }> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const stored = await readLines(tx, country.code);
    if (!stored.length)
      throw new UserError(
        `no budget lines of ${country.code} are stored: enter or import them before publishing`,
      );
    // Only validated fiscal years reach the portal; drafts and data under review never do.
    const validated = await validatedYears(tx, country.code);
    const lines = stored.filter((l) => validated.has(l.fiscalYear));
    if (!lines.length)
      throw new UserError(
        `no fiscal year of ${country.code} is validated: submit the budget data for review, and publish once a reviewer has validated them`,
      );
    const snapshot: BudgetSnapshot = {
      format: BUDGET_SNAPSHOT_FORMAT,
      country: { code: country.code, name: country.name },
      currency: lines[0]!.currency,
      sectors: await listSectors(tx),
      lines: lines.map(publicLine),
      context: await readContext(tx, country.code),
      isDemo: input.isDemo ?? lines.every((l) => l.isDemo),
    };
    const [last] = await tx
      .select({ version: sql<number>`max(${budgetPublications.version})`.mapWith(Number) })
      .from(budgetPublications)
      .where(eq(budgetPublications.countryCode, country.code));
    const version = (last?.version || 0) + 1;
    const slug = `${country.code.toLowerCase()}-budgets-v${version}`;
    await tx.insert(budgetPublications).values({
      slug,
      countryCode: country.code,
      version,
      publishedBy: input.userId,
      notes: input.notes,
      isDemo: snapshot.isDemo,
      snapshot,
    });
    await recordAudit(tx, {
      ...input.audit,
      action: "budgets.published",
      targetType: "budget-publication",
      targetId: slug,
      country: country.code,
      region: country.region,
      details: { lines: lines.length, years: [...validated].sort(), version },
    });
    return { slug, version, lines: lines.length };
  });
}

export interface FoundPublication {
  slug: string;
  version: number;
  publishedAt: string;
  notes: string;
  snapshot: BudgetSnapshot;
  /** The slug of a newer version, if there is one. */
  newer: string | null;
}

/**
 * A published version by slug (`md-budgets-v2`), or a country's latest by its code (`md`);
 * null when there is none.
 */
export async function findBudgetPublication(db: Db, slugOrCountry: string): Promise<FoundPublication | null> {
  const key = slugOrCountry.toLowerCase();
  const byCountry = /^[a-z]{2}$/.test(key);
  const [row] = await db
    .select()
    .from(budgetPublications)
    .where(
      byCountry ? eq(budgetPublications.countryCode, key.toUpperCase()) : eq(budgetPublications.slug, key),
    )
    .orderBy(desc(budgetPublications.version))
    .limit(1);
  if (!row) return null;
  const [latest] = await db
    .select({ slug: budgetPublications.slug, version: budgetPublications.version })
    .from(budgetPublications)
    .where(eq(budgetPublications.countryCode, row.countryCode))
    .orderBy(desc(budgetPublications.version))
    .limit(1);
  return {
    slug: row.slug,
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    notes: row.notes,
    snapshot: row.snapshot,
    newer: latest && latest.version > row.version ? latest.slug : null,
  };
}

/** The latest publication of every country that has one. */
export async function listBudgetPublications(db: Db) {
  const rows = await db
    .selectDistinctOn([budgetPublications.countryCode], {
      slug: budgetPublications.slug,
      country: budgetPublications.countryCode,
      version: budgetPublications.version,
      publishedAt: budgetPublications.publishedAt,
      notes: budgetPublications.notes,
      lines: sql<number>`jsonb_array_length(${budgetPublications.snapshot}->'lines')`.mapWith(Number),
      isDemo: budgetPublications.isDemo,
    })
    .from(budgetPublications)
    .orderBy(budgetPublications.countryCode, desc(budgetPublications.version));
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() }));
}

/** The latest published snapshot of every country that has one (for the portal's country profiles). */
export async function latestBudgetSnapshots(db: Db): Promise<BudgetSnapshot[]> {
  const rows = await db
    .selectDistinctOn([budgetPublications.countryCode], { snapshot: budgetPublications.snapshot })
    .from(budgetPublications)
    .orderBy(budgetPublications.countryCode, desc(budgetPublications.version));
  return rows.map((r) => r.snapshot);
}

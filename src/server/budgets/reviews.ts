import { and, eq, inArray } from "drizzle-orm";
import {
  type Actor,
  BUDGET_REVIEW_MOVES,
  type BudgetReviewMove,
  type BudgetReviewState,
  budgetReviewMovesFrom,
  can,
  isBudgetYearEditable,
} from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { budgetHistory, budgetLines, budgetReviews, users } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { type BudgetCountry, targetOf } from "./read-budgets.ts";

export interface BudgetReview {
  fiscalYear: string;
  state: BudgetReviewState;
  note: string;
  /** 0 for a fiscal year that has never been reviewed (a draft). */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
  /** The moves this person may make from the year's state. */
  moves: BudgetReviewMove[];
}

/** The review state of each fiscal year of a country's lines (a year without a review is a draft). */
export async function readReviews(
  db: Db,
  country: BudgetCountry,
  actor: Actor | null,
): Promise<BudgetReview[]> {
  const [years, rows] = await Promise.all([
    db
      .selectDistinct({ fiscalYear: budgetLines.fiscalYear, startYear: budgetLines.startYear })
      .from(budgetLines)
      .where(eq(budgetLines.countryCode, country.code)),
    db
      .select({ review: budgetReviews, updatedBy: users.name })
      .from(budgetReviews)
      .leftJoin(users, eq(users.id, budgetReviews.updatedBy))
      .where(eq(budgetReviews.countryCode, country.code)),
  ]);
  const byYear = new Map(rows.map((r) => [r.review.fiscalYear, r]));
  const all = new Set([...years.map((y) => y.fiscalYear), ...byYear.keys()]);
  return [...all].sort().map((fiscalYear) => {
    const row = byYear.get(fiscalYear);
    const state = (row?.review.state ?? "draft") as BudgetReviewState;
    const moves = budgetReviewMovesFrom(state).filter(
      (m) => actor !== null && can(actor, BUDGET_REVIEW_MOVES[m].action, targetOf(country)),
    );
    return {
      fiscalYear,
      state,
      note: row?.review.note ?? "",
      version: row?.review.version ?? 0,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.review.updatedAt.toISOString() ?? null,
      moves,
    };
  });
}

/** The fiscal years of a country that are validated (the only ones published). */
export async function validatedYears(db: Db, country: string): Promise<Set<string>> {
  const rows = await db
    .select({ fiscalYear: budgetReviews.fiscalYear })
    .from(budgetReviews)
    .where(and(eq(budgetReviews.countryCode, country), eq(budgetReviews.state, "validated")));
  return new Set(rows.map((r) => r.fiscalYear));
}

/**
 * Refuses (409, nothing written) a change to lines of fiscal years that are submitted or
 * validated: their data are under review or published as they are.
 */
export async function assertYearsEditable(db: Db, lines: readonly { country: string; fiscalYear: string }[]) {
  const countries = [...new Set(lines.map((l) => l.country))];
  if (!countries.length) return;
  const rows = await db
    .select({
      country: budgetReviews.countryCode,
      fiscalYear: budgetReviews.fiscalYear,
      state: budgetReviews.state,
    })
    .from(budgetReviews)
    .where(inArray(budgetReviews.countryCode, countries));
  const wanted = new Set(lines.map((l) => `${l.country}|${l.fiscalYear}`));
  const locked = rows.filter(
    (r) => wanted.has(`${r.country}|${r.fiscalYear}`) && !isBudgetYearEditable(r.state as BudgetReviewState),
  );
  if (locked.length) {
    throw new UserError(
      `${locked.map((r) => `fiscal year ${r.fiscalYear} of ${r.country} is ${r.state}`).join("; ")}: its lines cannot be changed until a reviewer returns it to draft`,
      [],
      409,
    );
  }
}

/**
 * Moves a country's fiscal year in its review (one transaction, kept in the history and the
 * audit log). The route has checked the move's action. 409 when someone moved it since
 * `expectedVersion`; 400 when the year is not in the state the move starts from, or has no lines.
 */
export async function moveReview(
  db: Db,
  country: BudgetCountry,
  move: BudgetReviewMove,
  input: { fiscalYear: string; expectedVersion: number; note: string },
  actor: Actor,
  audit: AuditActor,
): Promise<{ state: BudgetReviewState; version: number }> {
  const { from: startsFrom, to } = BUDGET_REVIEW_MOVES[move];
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [current] = await tx
      .select()
      .from(budgetReviews)
      .where(and(eq(budgetReviews.countryCode, country.code), eq(budgetReviews.fiscalYear, input.fiscalYear)))
      .for("update");
    const from = (current?.state ?? "draft") as BudgetReviewState;
    const version = current?.version ?? 0;
    if (version !== input.expectedVersion)
      throw new UserError(
        `the review of fiscal year ${input.fiscalYear} was changed in the meantime (now ${from}, version ${version}): reload and try again`,
        [],
        409,
      );
    if (from !== startsFrom)
      throw new UserError(
        `fiscal year ${input.fiscalYear} is ${from}: this step (${move}) starts from ${startsFrom} budget data`,
      );
    const [hasLines] = await tx
      .select({ id: budgetLines.id })
      .from(budgetLines)
      .where(and(eq(budgetLines.countryCode, country.code), eq(budgetLines.fiscalYear, input.fiscalYear)))
      .limit(1);
    if (!hasLines)
      throw new UserError(`${country.code} has no budget lines in fiscal year ${input.fiscalYear}`);
    const next = { state: to, note: input.note, updatedBy: actor.userId };
    const [row] = current
      ? await tx
          .update(budgetReviews)
          .set({ ...next, version: version + 1, updatedAt: new Date() })
          .where(
            and(eq(budgetReviews.countryCode, country.code), eq(budgetReviews.fiscalYear, input.fiscalYear)),
          )
          .returning()
      : await tx
          .insert(budgetReviews)
          .values({ ...next, countryCode: country.code, fiscalYear: input.fiscalYear, version: 1 })
          .returning();
    await tx.insert(budgetHistory).values({
      countryCode: country.code,
      entity: "review",
      entityKey: input.fiscalYear,
      before: { state: from, note: current?.note ?? "" },
      after: { state: to, note: input.note },
      changedBy: actor.userId,
      source: "entry",
    });
    await recordAudit(tx, {
      ...audit,
      action: "budgets.reviewed",
      targetType: "budget-review",
      targetId: `${country.code}:${input.fiscalYear}`,
      country: country.code,
      region: country.region,
      details: { from, to: to },
    });
    return { state: row!.state as BudgetReviewState, version: row!.version };
  });
}

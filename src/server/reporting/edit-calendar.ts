import { and, desc, eq, notInArray } from "drizzle-orm";
import { parseIsoDate, planCycle, type StepKind } from "../../core/index.ts";
import type { RatificationBody, ReviewBody, ReviewUpdateBody, StepBody } from "../api-schemas/reporting.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import {
  alternativeReports,
  ratifications,
  reportingCalendarHistory,
  reportingCycles,
  reportingSteps,
  users,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { CountryRef } from "./scope.ts";

type Who = AuditActor & { actorId: string };
type Snapshot = Record<string, unknown>;

/** Appends a calendar change to its history and the audit log (same transaction as the change). */
async function recordChange(
  tx: Db,
  country: CountryRef,
  who: Who,
  targetType: "ratification" | "review",
  targetKey: string,
  change: "created" | "updated" | "deleted",
  before: Snapshot | null,
  after: Snapshot | null,
): Promise<void> {
  await tx.insert(reportingCalendarHistory).values({
    countryCode: country.code,
    targetType,
    targetKey,
    change,
    before,
    after,
    changedBy: who.actorId,
  });
  await recordAudit(tx, {
    ...who,
    action: "reporting.calendar-changed",
    targetType,
    targetId: targetKey,
    country: country.code,
    region: country.regionCode,
    details: { change },
  });
}

const badDate = (field: string, value: string | null | undefined) =>
  value && !parseIsoDate(value) ? [`${field}: ${value} is not a date of the calendar`] : [];

/** What is wrong with a ratification, one line per field (empty when nothing). */
function ratificationProblems(input: RatificationBody): string[] {
  const problems = [...badDate("signedOn", input.signedOn), ...badDate("ratifiedOn", input.ratifiedOn)];
  if (input.ratifiedOn && (input.status === "signed" || input.status === "not_party"))
    problems.push(
      `ratifiedOn: a State that has ${input.status === "signed" ? "only signed" : "not joined"} has no date of ratification; leave it empty or change the status`,
    );
  if (input.status === "not_party" && input.signedOn)
    problems.push("signedOn: a State that is not party and has not signed has no date of signature");
  if (input.status === "not_party" && input.reservations)
    problems.push("reservations: a State that is not party has no reservations");
  if (input.signedOn && input.ratifiedOn && input.signedOn > input.ratifiedOn)
    problems.push(`ratifiedOn: ${input.ratifiedOn} is before the signature (${input.signedOn})`);
  const today = new Date().toISOString().slice(0, 10);
  for (const [field, value] of [
    ["signedOn", input.signedOn],
    ["ratifiedOn", input.ratifiedOn],
  ] as const)
    if (value && value > today) problems.push(`${field}: ${value} is in the future`);
  return problems;
}

const refuse = (what: string, problems: string[]) => {
  if (problems.length) throw new UserError(`${what}: correct these and save again`, problems);
};

const conflict = (what: string, current: number, expected: number | undefined) =>
  new UserError(
    expected === undefined
      ? `${what} was recorded meanwhile (version ${current}): reload it and apply your change again`
      : `someone changed ${what} meanwhile (version ${current}, you edited version ${expected}): reload it and apply your change again`,
    [],
    409,
  );

const ratificationSnapshot = (r: typeof ratifications.$inferSelect): Snapshot => ({
  status: r.status,
  signedOn: r.signedOn,
  ratifiedOn: r.ratifiedOn,
  reservations: r.reservations,
  source: r.source,
});

/**
 * Records or corrects a country's ratification of an instrument. A new one needs no version; a
 * change names the version edited (409 when someone saved it since, or recorded it meanwhile).
 */
export async function saveRatification(
  tx: Db,
  country: CountryRef,
  instrument: string,
  input: RatificationBody,
  who: Who,
): Promise<{ version: number; created: boolean }> {
  refuse(`the ratification of ${instrument.toUpperCase()}`, ratificationProblems(input));
  const [current] = await tx
    .select()
    .from(ratifications)
    .where(and(eq(ratifications.countryCode, country.code), eq(ratifications.instrument, instrument)))
    .for("update");
  const values = {
    status: input.status,
    signedOn: input.signedOn ?? null,
    ratifiedOn: input.ratifiedOn ?? null,
    reservations: input.reservations ?? null,
    source: input.source ?? null,
  };
  if (!current) {
    if (input.expectedVersion !== undefined)
      throw new UserError(
        `${instrument}: ${country.name} has no ratification of it recorded any more`,
        [],
        409,
      );
    await tx.insert(ratifications).values({ countryCode: country.code, instrument, ...values });
    await recordChange(tx, country, who, "ratification", instrument, "created", null, values);
    return { version: 1, created: true };
  }
  if (current.version !== input.expectedVersion)
    throw conflict(`the ratification of ${instrument.toUpperCase()}`, current.version, input.expectedVersion);
  const version = current.version + 1;
  await tx
    .update(ratifications)
    .set({ ...values, version, updatedAt: new Date() })
    .where(eq(ratifications.id, current.id));
  await recordChange(
    tx,
    country,
    who,
    "ratification",
    instrument,
    "updated",
    ratificationSnapshot(current),
    values,
  );
  return { version, created: false };
}

/** Removes a ratification recorded by mistake (409 if it changed since the version named). */
export async function deleteRatification(
  tx: Db,
  country: CountryRef,
  instrument: string,
  expectedVersion: number,
  who: Who,
): Promise<void> {
  const [current] = await tx
    .select()
    .from(ratifications)
    .where(and(eq(ratifications.countryCode, country.code), eq(ratifications.instrument, instrument)))
    .for("update");
  if (!current)
    throw new UserError(`${instrument}: no ratification of it is recorded for ${country.name}`, [], 404);
  if (current.version !== expectedVersion)
    throw conflict(`the ratification of ${instrument.toUpperCase()}`, current.version, expectedVersion);
  await tx.delete(ratifications).where(eq(ratifications.id, current.id));
  await recordChange(
    tx,
    country,
    who,
    "ratification",
    instrument,
    "deleted",
    ratificationSnapshot(current),
    null,
  );
}

/** What is wrong with a review's steps (empty when nothing). */
function stepProblems(steps: readonly StepBody[]): string[] {
  const problems: string[] = [];
  const seen = new Set<StepKind>();
  for (const [i, s] of steps.entries()) {
    const at = `steps[${i}] (${s.kind})`;
    if (seen.has(s.kind))
      problems.push(`${at}: the review already has this step; a review has each step once`);
    seen.add(s.kind);
    problems.push(...badDate(`${at}.dueOn`, s.dueOn), ...badDate(`${at}.endsOn`, s.endsOn));
    if (s.endsOn && s.endsOn < s.dueOn)
      problems.push(`${at}.endsOn: ${s.endsOn} is before its first day ${s.dueOn}`);
  }
  if (!steps.length) problems.push("steps: a review needs at least one dated step");
  return problems;
}

type ReviewRow = typeof reportingCycles.$inferSelect;

async function reviewSnapshot(tx: Db, review: ReviewRow): Promise<Snapshot> {
  const steps = await tx
    .select({
      kind: reportingSteps.kind,
      dueOn: reportingSteps.dueOn,
      endsOn: reportingSteps.endsOn,
      note: reportingSteps.note,
    })
    .from(reportingSteps)
    .where(eq(reportingSteps.cycleId, review.id))
    .orderBy(reportingSteps.dueOn);
  return {
    mechanism: review.mechanism,
    review: review.review,
    wordLimit: review.wordLimit,
    source: review.source,
    steps,
  };
}

/**
 * Adds a review of the country by a mechanism, with its dated steps, or with the steps planned by
 * the mechanism's usual timetable around `sessionStart`.
 */
export async function createReview(
  tx: Db,
  country: CountryRef,
  input: ReviewBody,
  who: Who,
): Promise<string> {
  const what = `the review "${input.review}"`;
  if (!input.steps) {
    if (!input.sessionStart)
      refuse(what, [
        "steps: give the dated steps, or sessionStart to plan them by the mechanism's usual timetable",
      ]);
    refuse(what, badDate("sessionStart", input.sessionStart));
  }
  const steps: StepBody[] =
    input.steps ??
    planCycle(input.mechanism, input.sessionStart!).map((s) => ({
      ...s,
      endsOn: s.endsOn ?? null,
      note: null,
    }));
  refuse(what, stepProblems(steps));
  const [row] = await tx
    .insert(reportingCycles)
    .values({
      countryCode: country.code,
      mechanism: input.mechanism,
      review: input.review,
      wordLimit: input.wordLimit ?? null,
      source: input.source ?? null,
    })
    .returning();
  await tx.insert(reportingSteps).values(
    steps.map((s) => ({
      cycleId: row!.id,
      kind: s.kind,
      dueOn: s.dueOn,
      endsOn: s.endsOn ?? null,
      note: s.note ?? null,
    })),
  );
  await recordChange(tx, country, who, "review", row!.id, "created", null, await reviewSnapshot(tx, row!));
  return row!.id;
}

/** A review of a country, locked for the change, or 404. */
async function lockReview(tx: Db, id: string): Promise<ReviewRow> {
  const [row] = await tx.select().from(reportingCycles).where(eq(reportingCycles.id, id)).for("update");
  if (!row) throw new UserError("not found", [], 404);
  return row;
}

/** The country a review belongs to (for the permission check before a change). */
export async function reviewCountry(db: Db, id: string): Promise<string> {
  const [row] = await db
    .select({ country: reportingCycles.countryCode })
    .from(reportingCycles)
    .where(eq(reportingCycles.id, id));
  if (!row) throw new UserError("not found", [], 404);
  return row.country;
}

/**
 * Corrects a review and its steps: steps of a kind already there keep their identity (so a
 * reminder already sent for a date is not sent again unless the date moves), new kinds are added
 * and kinds left out are removed. 409 when someone changed the review since `expectedVersion`.
 */
export async function updateReview(
  tx: Db,
  country: CountryRef,
  id: string,
  input: ReviewUpdateBody,
  who: Who,
): Promise<number> {
  const current = await lockReview(tx, id);
  if (current.countryCode !== country.code) throw new UserError("not found", [], 404);
  if (current.version !== input.expectedVersion)
    throw conflict(`the review "${current.review}"`, current.version, input.expectedVersion);
  refuse(`the review "${input.review}"`, stepProblems(input.steps));
  const before = await reviewSnapshot(tx, current);
  const version = current.version + 1;
  await tx
    .update(reportingCycles)
    .set({ review: input.review, wordLimit: input.wordLimit ?? null, source: input.source ?? null, version })
    .where(eq(reportingCycles.id, id));
  const kinds = input.steps.map((s) => s.kind);
  await tx
    .delete(reportingSteps)
    .where(and(eq(reportingSteps.cycleId, id), notInArray(reportingSteps.kind, kinds)));
  const existing = new Set(
    (
      await tx
        .select({ kind: reportingSteps.kind })
        .from(reportingSteps)
        .where(eq(reportingSteps.cycleId, id))
    ).map((s) => s.kind),
  );
  for (const s of input.steps) {
    const values = { dueOn: s.dueOn, endsOn: s.endsOn ?? null, note: s.note ?? null };
    if (existing.has(s.kind))
      await tx
        .update(reportingSteps)
        .set(values)
        .where(and(eq(reportingSteps.cycleId, id), eq(reportingSteps.kind, s.kind)));
    else await tx.insert(reportingSteps).values({ cycleId: id, kind: s.kind, ...values });
  }
  const after = await reviewSnapshot(tx, {
    ...current,
    review: input.review,
    wordLimit: input.wordLimit ?? null,
    source: input.source ?? null,
  });
  await recordChange(tx, country, who, "review", id, "updated", before, after);
  return version;
}

/**
 * Removes a review and its steps. Alternative reports started for it stay, no longer tied to a
 * review (their word limit is their own). 409 when someone changed it since `expectedVersion`.
 */
export async function deleteReview(
  tx: Db,
  country: CountryRef,
  id: string,
  expectedVersion: number,
  who: Who,
): Promise<void> {
  const current = await lockReview(tx, id);
  if (current.countryCode !== country.code) throw new UserError("not found", [], 404);
  if (current.version !== expectedVersion)
    throw conflict(`the review "${current.review}"`, current.version, expectedVersion);
  const before = await reviewSnapshot(tx, current);
  await tx.update(alternativeReports).set({ cycleId: null }).where(eq(alternativeReports.cycleId, id));
  await tx.delete(reportingCycles).where(eq(reportingCycles.id, id));
  await recordChange(tx, country, who, "review", id, "deleted", before, null);
}

/** The calendar's history for a country, newest first, with who made each change. */
export async function calendarHistory(db: Db, country: CountryRef, limit = 200) {
  const rows = await db
    .select({
      targetType: reportingCalendarHistory.targetType,
      targetKey: reportingCalendarHistory.targetKey,
      change: reportingCalendarHistory.change,
      before: reportingCalendarHistory.before,
      after: reportingCalendarHistory.after,
      changedBy: users.name,
      changedAt: reportingCalendarHistory.changedAt,
    })
    .from(reportingCalendarHistory)
    .leftJoin(users, eq(users.id, reportingCalendarHistory.changedBy))
    .where(eq(reportingCalendarHistory.countryCode, country.code))
    .orderBy(desc(reportingCalendarHistory.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    targetType: r.targetType as "ratification" | "review",
    change: r.change as "created" | "updated" | "deleted",
    changedAt: r.changedAt.toISOString(),
  }));
}

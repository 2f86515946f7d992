import { and, eq, inArray, notInArray } from "drizzle-orm";
import { can } from "../../core/index.ts";
import { loadActor } from "../auth/actor.ts";
import type { Db } from "../db/connect.ts";
import { assignments } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { type AssignmentRow, listAssignments } from "./list-assignments.ts";
import { assessmentTarget, type LoadedAssessment } from "./load-assessment.ts";

export interface AssignItemsInput {
  assessment: LoadedAssessment;
  userId: string;
  /** Node or indicator codes of the assessment's framework; replaces the person's previous items. */
  itemCodes: readonly string[];
  actorId: string;
}

/**
 * Sets what one person is assigned in an assessment: exactly `itemCodes`.
 * Every code must be a node or indicator of the framework, and the person
 * must hold a role on the assessment's country. Returns all its assignments.
 */
export async function assignItems(db: Db, input: AssignItemsInput): Promise<AssignmentRow[]> {
  const fw = input.assessment.framework;
  const known = new Set([...fw.nodes.map((n) => n.code), ...fw.indicators.map((i) => i.code)]);
  const unknown = input.itemCodes
    .map((code, i) => (known.has(code) ? null : `itemCodes.${i}: "${code}" is not a node or indicator code`))
    .filter((p): p is string => p !== null);
  if (unknown.length) throw new UserError("itemCodes: unknown codes in this framework", unknown);

  const person = await loadActor(db, input.userId);
  if (!person) throw new UserError("userId: no such active user", [], 400);
  if (!can(person, "assessment:read", assessmentTarget(input.assessment))) {
    throw new UserError(`userId: ${person.name} holds no role on ${input.assessment.countryCode}`, [], 400);
  }

  const codes = [...new Set(input.itemCodes)];
  const mine = and(eq(assignments.assessmentId, input.assessment.id), eq(assignments.userId, input.userId));
  await db
    .delete(assignments)
    .where(codes.length ? and(mine, notInArray(assignments.itemCode, codes)) : mine);
  if (codes.length) {
    await db
      .insert(assignments)
      .values(
        codes.map((itemCode) => ({
          assessmentId: input.assessment.id,
          userId: input.userId,
          itemCode,
          createdBy: input.actorId,
        })),
      )
      .onConflictDoNothing();
  }
  return listAssignments(db, input.assessment.id);
}

/** Removes one assignment of an assessment; 404 when it is not one of its assignments. */
export async function removeAssignment(
  db: Db,
  assessment: LoadedAssessment,
  assignmentId: string,
): Promise<void> {
  const removed = await db
    .delete(assignments)
    .where(and(eq(assignments.assessmentId, assessment.id), inArray(assignments.id, [assignmentId])))
    .returning({ id: assignments.id });
  if (!removed.length) throw new UserError("no such assignment in this assessment", [], 404);
}

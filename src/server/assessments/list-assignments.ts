import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { assignments, users } from "../db/schema.ts";

export interface AssignmentRow {
  id: string;
  userId: string;
  userName: string;
  itemCode: string;
}

/** The assignments of an assessment with each person's name. */
export async function listAssignments(db: Db, assessmentId: string): Promise<AssignmentRow[]> {
  return db
    .select({
      id: assignments.id,
      userId: assignments.userId,
      userName: users.name,
      itemCode: assignments.itemCode,
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .where(eq(assignments.assessmentId, assessmentId))
    .orderBy(asc(users.name), asc(assignments.itemCode));
}

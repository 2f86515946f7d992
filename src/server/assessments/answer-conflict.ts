import { UserError } from "../errors.ts";
import type { CurrentAnswer } from "./schemas.ts";

/**
 * Someone else changed the answer since the editor loaded it: answered with
 * HTTP 409 and the current answer, so the person can compare and choose.
 */
export class AnswerConflictError extends UserError {
  constructor(readonly current: CurrentAnswer) {
    super(
      `this answer was changed by ${current.updatedBy ?? "someone else"} in the meantime (now version ${current.version}): compare and save again`,
      [],
      409,
    );
    this.name = "AnswerConflictError";
  }
}

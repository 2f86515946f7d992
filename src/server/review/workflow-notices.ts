import type { Role } from "../../core/index.ts";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { findUsersWithRoles } from "../notifications/find-recipients.ts";
import { notify } from "../notifications/notify.ts";

type Step = "submitted" | "returned" | "validated" | "reopened";

/** Who hears of each step: reviewers and the secretariat (also regional and platform-wide) of a submission, the country's team of the rest. */
const AUDIENCE: Record<Step, { roles: Role[]; wide: boolean }> = {
  submitted: { roles: ["reviewer", "secretariat"], wide: true },
  returned: { roles: ["coordinator", "contributor"], wide: false },
  validated: { roles: ["coordinator"], wide: false },
  reopened: { roles: ["coordinator"], wide: false },
};

const SUBJECT: Record<Step, string> = {
  submitted: "submitted for review",
  returned: "returned for rework",
  validated: "validated",
  reopened: "reopened",
};

/**
 * Notifies the people concerned by a workflow step (in the app and by
 * e-mail), leaving out the person who took it. Returns outbox ids to deliver
 * after the commit.
 */
export async function notifyWorkflowStep(
  db: Db,
  step: Step,
  assessment: LoadedAssessment,
  actorId: string,
  reason?: string | null,
): Promise<string[]> {
  const audience = AUDIENCE[step];
  const people = await findUsersWithRoles(db, audience.roles, {
    country: assessment.countryCode,
    region: assessment.regionCode,
    wide: audience.wide,
  });
  const title = `the ${assessment.countryCode} assessment (${assessment.period}) was ${SUBJECT[step]}`;
  return notify(db, {
    userIds: people.filter((id) => id !== actorId),
    kind: step,
    payload: {
      assessmentId: assessment.id,
      country: assessment.countryCode,
      period: assessment.period,
      reason,
    },
    email: {
      subject: `Childmark: ${title}`,
      text: `${title[0]!.toUpperCase()}${title.slice(1)}.${reason ? `\n\nReason: ${reason}` : ""}\n\nOpen it: ${publicUrl()}/assessments/${assessment.id}\n`,
    },
  });
}

/**
 * Tells the country's coordinator and contributors that a reviewer approved
 * or returned answers (one answer or a whole section), with the comment.
 * Returns outbox ids to deliver after the commit.
 */
export async function notifyAnswerReview(
  db: Db,
  input: {
    assessment: LoadedAssessment;
    actorId: string;
    decision: "approve" | "return";
    count: number;
    section: string | null;
    indicator: string | null;
    comment: string | null;
  },
): Promise<string[]> {
  const { assessment, decision } = input;
  if (input.count === 0) return [];
  const people = await findUsersWithRoles(db, ["coordinator", "contributor"], {
    country: assessment.countryCode,
  });
  const what = input.section
    ? `${input.count} answer${input.count === 1 ? "" : "s"} of section ${input.section}`
    : `the answer to ${input.indicator}`;
  const verb = decision === "approve" ? "approved" : "returned for rework";
  const title = `${what} in the ${assessment.countryCode} assessment (${assessment.period}) ${input.count === 1 || !input.section ? "was" : "were"} ${verb}`;
  return notify(db, {
    userIds: people.filter((id) => id !== input.actorId),
    kind: decision === "approve" ? "answers_approved" : "answers_returned",
    payload: {
      assessmentId: assessment.id,
      country: assessment.countryCode,
      period: assessment.period,
      section: input.section,
      indicator: input.indicator,
      count: input.count,
      reason: input.comment,
    },
    email: {
      subject: `Childmark: ${title}`,
      text: `${title[0]!.toUpperCase()}${title.slice(1)}.${input.comment ? `\n\nComment: ${input.comment}` : ""}\n\nOpen it: ${publicUrl()}/assessments/${assessment.id}${input.section ? `/sections/${encodeURIComponent(input.section)}` : ""}\n`,
    },
  });
}

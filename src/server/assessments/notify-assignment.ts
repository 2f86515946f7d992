import type { Db } from "../db/connect.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { notify } from "../notifications/notify.ts";
import type { LoadedAssessment } from "./load-assessment.ts";

/**
 * Tells a person (in the app and by e-mail) what they were assigned in an
 * assessment, unless they assigned it to themselves. Returns outbox ids to
 * deliver after the commit.
 */
export async function notifyAssignment(
  db: Db,
  assessment: LoadedAssessment,
  input: { userId: string; itemCodes: readonly string[]; actorId: string },
): Promise<string[]> {
  if (input.userId === input.actorId || input.itemCodes.length === 0) return [];
  const title = `you were assigned ${input.itemCodes.length} item(s) of the ${assessment.countryCode} assessment (${assessment.period})`;
  return notify(db, {
    userIds: [input.userId],
    kind: "assignment",
    payload: {
      assessmentId: assessment.id,
      country: assessment.countryCode,
      period: assessment.period,
      items: [...input.itemCodes],
    },
    email: {
      subject: `Childmark: ${title}`,
      text: `${title[0]!.toUpperCase()}${title.slice(1)}: ${input.itemCodes.join(", ")}.\n\nOpen it: ${publicUrl()}/assessments/${assessment.id}\n`,
    },
  });
}

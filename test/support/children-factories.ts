import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { SAMPLE_DEFINITION } from "../../src/core/children/fixtures.ts";
import type { ChildAnswerValue, ConsultationDefinition } from "../../src/core/index.ts";
import type { SubmissionBody } from "../../src/server/api-schemas/children.ts";
import { loadConsultation } from "../../src/server/children/load-consultation.ts";
import {
  addSession,
  createConsultation,
  setConsultationStatus,
} from "../../src/server/children/save-consultation.ts";
import type { Db } from "../../src/server/db/connect.ts";

export const CONSULTATION_BODY = { definition: SAMPLE_DEFINITION };

/** A consultation of an organisation, opened, with a session code for `country` (or none). */
export async function buildConsultation(
  db: Db,
  organisationId: string,
  userId: string,
  options: {
    country?: string;
    status?: "draft" | "open" | "closed";
    definition?: ConsultationDefinition;
  } = {},
): Promise<{ id: string; code: string; sessionId: string }> {
  const id = await createConsultation(
    db,
    { organisationId, definition: options.definition ?? SAMPLE_DEFINITION },
    userId,
  );
  const session = await addSession(db, await loadConsultation(db, id), {
    label: "Class 5B",
    country: options.country,
    sharedDevice: false,
  });
  if (options.status !== "draft") await setConsultationStatus(db, await loadConsultation(db, id), "open");
  if (options.status === "closed")
    await setConsultationStatus(db, await loadConsultation(db, id), "closed", true);
  return { id, code: session.code, sessionId: session.id };
}

/** One child's answers as the child's page sends them. */
export function childSubmission(
  over: Partial<SubmissionBody> & { answers?: Record<string, ChildAnswerValue> } = {},
): SubmissionBody {
  return {
    submissionId: randomUUID(),
    ageBand: "13-17",
    gender: "girl",
    language: "en",
    guardianConsentConfirmed: false,
    answers: { heard: "yes", safe: "4", help: ["family"], age: 14 },
    ...over,
  };
}

/** Sends `count` children's answers through the API; returns the status codes. */
export async function answerAsChildren(
  app: FastifyInstance,
  code: string,
  count: number,
  over: Partial<SubmissionBody> = {},
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await app.inject({
      method: "POST",
      url: `/api/children/join/${code}/submissions`,
      payload: childSubmission(over),
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { SAMPLE_DEFINITION } from "../../src/core/children/fixtures.ts";
import {
  type ChildAnswerValue,
  type ConsultationDefinition,
  consultationDefinition,
} from "../../src/core/index.ts";
import type { SubmissionBody } from "../../src/server/api-schemas/children.ts";
import { loadConsultation } from "../../src/server/children/load-consultation.ts";
import {
  addSession,
  createConsultation,
  setConsultationStatus,
} from "../../src/server/children/save-consultation.ts";
import { loadSessionByCode, submitAnswers } from "../../src/server/children/submit-answers.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { buildUser } from "./factories.ts";
import { buildOrganisation } from "./results-factories.ts";

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

/**
 * Three consultations of a coalition whose question "heard" speaks to `indicator`, for the
 * portal's canaries: one closed and published (12 children, 8 of them saying yes), one closed and
 * not published (23 children) and one still open (17 children); the two unpublished carry `canary`
 * in their title and in every child's free text.
 */
export async function plantPortalVoices(
  db: Db,
  indicator: string,
  canary: string,
): Promise<{ published: { title: string; children: number; yes: number }; hidden: number[] }> {
  const organisationId = await buildOrganisation(db, { country: "MD" }, "Voices coalition MD");
  const author = await buildUser(db, { isAdmin: true });
  const plant = async (title: string, children: number, close: "public" | "private" | null) => {
    const definition = consultationDefinition.parse({
      ...SAMPLE_DEFINITION,
      title: { en: title },
      questions: SAMPLE_DEFINITION.questions.map((q) =>
        q.code === "heard" ? { ...q, links: [{ kind: "indicator", ref: indicator }] } : q,
      ),
    });
    const built = await buildConsultation(db, organisationId, author.id, { country: "MD", definition });
    const joined = await loadSessionByCode(db, built.code);
    for (let i = 0; i < children; i++) {
      const answers = { heard: i < 8 ? "yes" : "no", wish: `more ${canary} sport` };
      const body = childSubmission({ answers });
      await submitAnswers(db, joined, { ...body, guardianConsentConfirmed: false });
    }
    if (close)
      await setConsultationStatus(db, await loadConsultation(db, built.id), "closed", close === "public");
  };
  const title = "Published voices consultation";
  await plant(title, 12, "public");
  await plant(`${canary} closed consultation`, 23, "private");
  await plant(`${canary} open consultation`, 17, null);
  return { published: { title, children: 12, yes: 8 }, hidden: [23, 17] };
}

/** A short, silent WAV recording (8 kHz, 8 bit, mono): real audio by its content. */
export function wavBytes(milliseconds = 200): Buffer {
  const samples = Math.round(8 * milliseconds);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write("WAVE", 8);
  header.write("fmt ", 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, Buffer.alloc(samples, 128)]);
}

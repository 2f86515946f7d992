import { eq, sql } from "drizzle-orm";
import { answerProblem, consultationDefinition, questionsForBand, screenText } from "../../core/index.ts";
import type { SubmissionBody } from "../api-schemas/children.ts";
import type { Db } from "../db/connect.ts";
import {
  consultationAnswers,
  consultationModeration,
  consultationSessions,
  consultationSubmissions,
  consultations,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";

export interface JoinedSession {
  session: typeof consultationSessions.$inferSelect;
  consultation: typeof consultations.$inferSelect;
}

/** The session of a short code with its consultation; 404 for an unknown code. */
export async function loadSessionByCode(db: Db, code: string): Promise<JoinedSession> {
  const [row] = await db
    .select({ session: consultationSessions, consultation: consultations })
    .from(consultationSessions)
    .innerJoin(consultations, eq(consultations.id, consultationSessions.consultationId))
    .where(eq(consultationSessions.code, code));
  if (!row) throw new UserError("no consultation has this code; check it with your facilitator", [], 404);
  return row;
}

/**
 * Stores one child's answers, once. The submission id comes from the child's browser, so a
 * retry after a lost connection (or a second tap) finds the first one and stores nothing more.
 * Free texts are screened before they are stored and wait for a moderator. Nothing about the
 * request (address, browser, time of day) is stored: only the day.
 */
export async function submitAnswers(
  tx: Db,
  joined: JoinedSession,
  body: Omit<SubmissionBody, "guardianConsentConfirmed"> & { guardianConsentConfirmed: boolean },
  source: "web" | "kobo" = "web",
): Promise<{ stored: boolean; answers: number }> {
  const { consultation, session } = joined;
  const definition = consultationDefinition.parse(consultation.definition);
  const [existing] = await tx
    .select({ consultationId: consultationSubmissions.consultationId })
    .from(consultationSubmissions)
    .where(eq(consultationSubmissions.id, body.submissionId));
  if (existing) {
    if (existing.consultationId !== consultation.id)
      throw new UserError("submissionId: already used", [], 409);
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(consultationAnswers)
      .where(eq(consultationAnswers.submissionId, body.submissionId));
    return { stored: false, answers: count?.n ?? 0 };
  }
  if (consultation.status !== "open")
    throw new UserError("this consultation is not open for answers", [], 409);
  const band = definition.ageBands.find((b) => b.code === body.ageBand);
  if (!band) throw new UserError(`ageBand: no age band ${body.ageBand}`);
  if (band.guardianConsent && !body.guardianConsentConfirmed)
    throw new UserError(
      "guardianConsentConfirmed: the facilitator must confirm guardians' consent for this age band",
    );
  if (body.region && !definition.regions.includes(body.region))
    throw new UserError(`region: not one of this consultation's regions`);
  const questions = new Map(questionsForBand(definition, band.code).map((q) => [q.code, q]));
  const problems: string[] = [];
  for (const [code, value] of Object.entries(body.answers)) {
    const q = questions.get(code);
    const problem = q ? answerProblem(q, value) : "not a question for this age band";
    if (problem) problems.push(`answers.${code}: ${problem}`);
  }
  if (problems.length) throw new UserError("some answers are not valid", problems);
  // A retry racing the first request: the primary key lets only one of them in.
  const inserted = await tx
    .insert(consultationSubmissions)
    .values({
      id: body.submissionId,
      consultationId: consultation.id,
      sessionId: session.id,
      ageBand: band.code,
      gender: body.gender ?? null,
      region: body.region ?? null,
      countryCode: session.countryCode,
      language: body.language,
      guardianConsentConfirmed: body.guardianConsentConfirmed,
      source,
      submittedOn: new Date().toISOString().slice(0, 10),
    })
    .onConflictDoNothing()
    .returning({ id: consultationSubmissions.id });
  if (!inserted.length) return { stored: false, answers: Object.keys(body.answers).length };
  const rows = Object.entries(body.answers).map(([questionCode, value]) => {
    const screened = questions.get(questionCode)!.type === "short-text" ? screenText(String(value)) : null;
    return { questionCode, value: screened ? screened.text : value, screened };
  });
  if (rows.length)
    await tx
      .insert(consultationAnswers)
      .values(
        rows.map((r) => ({ submissionId: body.submissionId, questionCode: r.questionCode, value: r.value })),
      );
  const texts = rows.filter((r) => r.screened);
  if (texts.length)
    await tx.insert(consultationModeration).values(
      texts.map((r) => ({
        submissionId: body.submissionId,
        questionCode: r.questionCode,
        consultationId: consultation.id,
        findings: r.screened!.findings,
      })),
    );
  return { stored: true, answers: rows.length };
}

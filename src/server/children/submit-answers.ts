import { eq, sql } from "drizzle-orm";
import { answerProblem, type ChildRefusal, questionsForBand, screenText } from "../../core/index.ts";
import type { SubmissionBody } from "../api-schemas/children.ts";
import type { Db } from "../db/connect.ts";
import { preparedStatement, runPrepared } from "../db/prepared.ts";
import {
  consultationAnswers,
  consultationSessions,
  consultationSubmissions,
  consultations,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { cachedDefinition, definitionOf } from "./definition-cache.ts";

export interface JoinedSession {
  /** The facilitator's session; none (a null id) for answers imported from Kobo. */
  session: Pick<typeof consultationSessions.$inferSelect, "countryCode"> & { id: string | null };
  consultation: Pick<typeof consultations.$inferSelect, "id" | "status" | "version" | "definition">;
}

/** The refusal of a code no session has. */
function unknownCode(): UserError {
  return refusal("no consultation has this code; check it with your facilitator", "unknown-code", 404);
}

/** A refusal of the child-facing API, with the reason the child's page turns into its own words. */
export function refusal(message: string, reason: ChildRefusal, status = 400, problems: string[] = []) {
  return new UserError(message, problems, status, reason);
}

/**
 * The session of a short code with what a child's request needs of its consultation: its status
 * (read afresh every time, so a closed consultation takes no more answers) and its question set,
 * parsed once per version. The stored definition is read only when this version was not parsed
 * yet: a thousand children answering the same consultation do not each read and parse it.
 */
export async function loadChildSession(
  db: Db,
  code: string,
): Promise<{
  session: typeof consultationSessions.$inferSelect;
  consultation: JoinedSession["consultation"];
}> {
  const [row] = await db
    .select({
      session: consultationSessions,
      id: consultations.id,
      status: consultations.status,
      version: consultations.version,
    })
    .from(consultationSessions)
    .innerJoin(consultations, eq(consultations.id, consultationSessions.consultationId))
    .where(eq(consultationSessions.code, code));
  if (!row) throw unknownCode();
  let definition = cachedDefinition(row.id, row.version);
  if (!definition) {
    const [stored] = await db
      .select({ definition: consultations.definition, version: consultations.version })
      .from(consultations)
      .where(eq(consultations.id, row.id));
    // Saved again in between: the newer version is the one to use.
    row.version = stored!.version;
    definition = definitionOf({ id: row.id, version: row.version, definition: stored!.definition });
  }
  return {
    session: row.session,
    consultation: { id: row.id, status: row.status, version: row.version, definition },
  };
}

const SESSION_BY_CODE = preparedStatement(
  "child_session_by_code",
  ["text"],
  `select s.id, s.country_code as "countryCode", c.id as "consultationId", c.status, c.version
     from consultation_sessions s join consultations c on c.id = s.consultation_id
    where s.code = $1`,
);

/**
 * What a child's submit needs of a code, in one prepared statement: the session's id and country,
 * the consultation's status (read afresh) and its question set (parsed once per version).
 */
export async function loadSubmitSession(db: Db, code: string): Promise<JoinedSession> {
  const [row] = await runPrepared<{
    id: string;
    countryCode: string | null;
    consultationId: string;
    status: JoinedSession["consultation"]["status"];
    version: number;
  }>(db, SESSION_BY_CODE, [code]);
  if (!row) throw unknownCode();
  const cached = cachedDefinition(row.consultationId, row.version);
  if (cached)
    return {
      session: { id: row.id, countryCode: row.countryCode },
      consultation: { id: row.consultationId, status: row.status, version: row.version, definition: cached },
    };
  return loadChildSession(db, code);
}

/** The session of a short code with its consultation; 404 for an unknown code. */
export async function loadSessionByCode(
  db: Db,
  code: string,
): Promise<{
  session: typeof consultationSessions.$inferSelect;
  consultation: typeof consultations.$inferSelect;
}> {
  const [row] = await db
    .select({ session: consultationSessions, consultation: consultations })
    .from(consultationSessions)
    .innerJoin(consultations, eq(consultations.id, consultationSessions.consultationId))
    .where(eq(consultationSessions.code, code));
  if (!row) throw unknownCode();
  return row;
}

const INSERT_SUBMISSION = preparedStatement(
  "child_submission",
  ["uuid", "uuid", "uuid", "text", "text", "text", "text", "text", "bool", "text", "date", "jsonb", "jsonb"],
  `with submission as (
     insert into consultation_submissions
       (id, consultation_id, session_id, age_band, gender, region, country_code, language,
        guardian_consent_confirmed, source, submitted_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict do nothing
     returning id
   ), answers as (
     insert into consultation_answers (submission_id, question_code, value)
     select submission.id, a->>'q', a->'v'
     from submission, jsonb_array_elements($12) a
   ), texts as (
     insert into consultation_moderation (submission_id, question_code, consultation_id, findings)
     select submission.id, a->>'q', $2, a->'f'
     from submission, jsonb_array_elements($13) a
   )
   select count(*)::int as inserted from submission`,
);

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
  /** The day the child answered (a Kobo row's own day); today when not given. */
  submittedOn = new Date().toISOString().slice(0, 10),
): Promise<{ stored: boolean; answers: number }> {
  const { consultation, session } = joined;
  const definition = definitionOf(consultation);
  /** A submission already stored: a retry stores nothing and answers what the first one stored. */
  const earlier = async () => {
    const [existing] = await tx
      .select({ consultationId: consultationSubmissions.consultationId })
      .from(consultationSubmissions)
      .where(eq(consultationSubmissions.id, body.submissionId));
    if (!existing) return null;
    if (existing.consultationId !== consultation.id)
      throw new UserError("submissionId: already used", [], 409);
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(consultationAnswers)
      .where(eq(consultationAnswers.submissionId, body.submissionId));
    return { stored: false, answers: count?.n ?? 0 };
  };
  if (consultation.status !== "open") {
    // A retry of what was sent before the consultation closed is still answered as stored.
    const retry = await earlier();
    if (retry) return retry;
    throw refusal("this consultation is not open for answers", "ended", 409);
  }
  const band = definition.ageBands.find((b) => b.code === body.ageBand);
  if (!band) throw refusal(`ageBand: no age band ${body.ageBand}`, "answers-invalid");
  if (band.guardianConsent && !body.guardianConsentConfirmed)
    throw refusal(
      "guardianConsentConfirmed: the facilitator must confirm guardians' consent for this age band",
      "consent-needed",
    );
  if (body.region && !definition.regions.includes(body.region))
    throw refusal(`region: not one of this consultation's regions`, "answers-invalid");
  const questions = new Map(questionsForBand(definition, band.code).map((q) => [q.code, q]));
  const problems: string[] = [];
  for (const [code, value] of Object.entries(body.answers)) {
    const q = questions.get(code);
    const problem = q ? answerProblem(q, value) : "not a question for this age band";
    if (problem) problems.push(`answers.${code}: ${problem}`);
  }
  if (problems.length) throw refusal("some answers are not valid", "answers-invalid", 400, problems);
  const rows = Object.entries(body.answers).map(([questionCode, value]) => {
    const screened = questions.get(questionCode)!.type === "short-text" ? screenText(String(value)) : null;
    return { q: questionCode, v: screened ? screened.text : value, f: screened?.findings ?? null };
  });
  // One statement stores the submission, its answers and its free texts for the moderators (one
  // statement is one transaction: all or nothing). A retry, or a retry racing the first request,
  // meets the primary key: nothing is inserted, and the answers and texts hang on that nothing.
  // Prepared once per connection: a child's submit is planned once, not for every child.
  const texts = rows.filter((r) => r.f);
  const [inserted] = await runPrepared<{ inserted: number }>(tx, INSERT_SUBMISSION, [
    body.submissionId,
    consultation.id,
    session.id,
    band.code,
    body.gender ?? null,
    body.region ?? null,
    session.countryCode,
    body.language,
    body.guardianConsentConfirmed,
    source,
    submittedOn,
    JSON.stringify(rows),
    JSON.stringify(texts),
  ]);
  if (!inserted?.inserted)
    return (await earlier()) ?? { stored: false, answers: Object.keys(body.answers).length };
  return { stored: true, answers: rows.length };
}

import { randomInt } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { ConsultationDefinition } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import {
  consultationAudio,
  consultationHistory,
  consultationLinks,
  consultationSessions,
  consultations,
  countries,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import type { LoadedConsultation } from "./load-consultation.ts";

async function writeLinks(tx: Db, consultationId: string, definition: ConsultationDefinition) {
  await tx.delete(consultationLinks).where(eq(consultationLinks.consultationId, consultationId));
  const rows = definition.questions.flatMap((q) =>
    [...new Map(q.links.map((l) => [`${l.kind}|${l.ref}`, l])).values()].map((l) => ({
      consultationId,
      questionCode: q.code,
      kind: l.kind,
      ref: l.ref,
    })),
  );
  if (rows.length) await tx.insert(consultationLinks).values(rows);
}

/** Every question's recording must be one uploaded to this consultation (by id). */
async function checkAudio(tx: Db, consultationId: string | null, definition: ConsultationDefinition) {
  const wanted = definition.questions.flatMap((q, i) => (q.audio ? [{ i, id: q.audio }] : []));
  if (!wanted.length) return;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = wanted.map((w) => w.id).filter((id) => uuid.test(id));
  const found = new Set(
    consultationId && ids.length
      ? (
          await tx
            .select({ id: consultationAudio.id })
            .from(consultationAudio)
            .where(
              and(eq(consultationAudio.consultationId, consultationId), inArray(consultationAudio.id, ids)),
            )
        ).map((r) => r.id)
      : [],
  );
  const missing = wanted.filter((w) => !found.has(w.id));
  if (missing.length)
    throw new UserError(
      "some questions name a recording this consultation does not have",
      missing.map(
        (w) => `questions.${w.i}.audio: no recording ${w.id}; upload the file to this consultation first`,
      ),
    );
}

/** Creates a draft consultation of an organisation; returns its id. */
export async function createConsultation(
  tx: Db,
  input: { organisationId: string; definition: ConsultationDefinition },
  userId: string,
  reason: "designed" | "imported" = "designed",
): Promise<string> {
  await checkAudio(tx, null, input.definition);
  const [row] = await tx
    .insert(consultations)
    .values({ organisationId: input.organisationId, definition: input.definition, createdBy: userId })
    .returning({ id: consultations.id });
  await writeLinks(tx, row!.id, input.definition);
  await tx.insert(consultationHistory).values({
    consultationId: row!.id,
    version: 1,
    before: null,
    after: input.definition,
    changedBy: userId,
    reason,
  });
  return row!.id;
}

/**
 * Replaces the question set of a draft. Once children have answered, the questions are fixed
 * (a changed question would mix answers to two different questions): only a draft changes.
 */
export async function updateConsultation(
  tx: Db,
  consultation: LoadedConsultation,
  input: { definition: ConsultationDefinition; expectedVersion: number },
  userId: string,
): Promise<number> {
  if (consultation.status !== "draft")
    throw new UserError(
      `definition: only a draft consultation can be changed; this one is ${consultation.status}`,
      [],
      409,
    );
  const updated = await tx
    .update(consultations)
    .set({ definition: input.definition, version: consultation.version + 1 })
    .where(and(eq(consultations.id, consultation.id), eq(consultations.version, input.expectedVersion)))
    .returning({ id: consultations.id });
  if (!updated.length)
    throw new UserError(
      `expectedVersion: someone else changed this consultation (now version ${consultation.version}); reload it`,
      [],
      409,
    );
  await checkAudio(tx, consultation.id, input.definition);
  await writeLinks(tx, consultation.id, input.definition);
  await tx.insert(consultationHistory).values({
    consultationId: consultation.id,
    version: consultation.version + 1,
    before: consultation.definition,
    after: input.definition,
    changedBy: userId,
  });
  return consultation.version + 1;
}

/** The audit target of an event about a consultation: the consultation and its organisation's scope. */
export function consultationTarget(consultation: LoadedConsultation) {
  return {
    targetType: "consultation",
    targetId: consultation.id,
    country: consultation.organisation.country ?? null,
    region: consultation.organisation.region ?? null,
  };
}

/** Opens a draft (children may answer) or closes an open consultation (results final). */
export async function setConsultationStatus(
  tx: Db,
  consultation: LoadedConsultation,
  status: "open" | "closed",
  resultsPublic = false,
  audit?: AuditActor,
): Promise<void> {
  const allowed = status === "open" ? consultation.status !== "open" : consultation.status === "open";
  if (!allowed)
    throw new UserError(
      `status: a ${consultation.status} consultation cannot be ${status === "open" ? "opened" : "closed"}`,
      [],
      409,
    );
  const now = new Date();
  await tx
    .update(consultations)
    .set(
      status === "open"
        ? { status, openedAt: now, closedAt: null, resultsPublic: false }
        : { status, closedAt: now, resultsPublic },
    )
    .where(eq(consultations.id, consultation.id));
  if (audit)
    await recordAudit(tx, {
      ...audit,
      action: status === "open" ? "children.consultation-opened" : "children.consultation-closed",
      ...consultationTarget(consultation),
      details: status === "closed" ? { resultsPublic } : { from: consultation.status },
    });
}

/**
 * The country of a session or an import: the one given, else the coalition's own. It must lie
 * within the organisation's scope: a coalition's own country, or a country of a network's region.
 */
export async function countryInScope(
  tx: Db,
  consultation: LoadedConsultation,
  given: string | undefined,
): Promise<string | undefined> {
  const org = consultation.organisation;
  const country = given ?? org.country ?? undefined;
  if (country) {
    const [row] = await tx.select().from(countries).where(eq(countries.code, country));
    if (!row) throw new UserError(`country: no country ${country}`);
    const inScope = org.country ? org.country === country : row.regionCode === org.region;
    if (!inScope) throw new UserError(`country: ${country} is outside ${org.name}'s scope`);
  }
  return country;
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied from a board. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** A facilitator's session with its short code, for a country within the organisation's scope. */
export async function addSession(
  tx: Db,
  consultation: LoadedConsultation,
  input: { label: string; country?: string; sharedDevice: boolean },
): Promise<typeof consultationSessions.$inferSelect> {
  const country = await countryInScope(tx, consultation, input.country);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    const [clash] = await tx
      .select({ id: consultationSessions.id })
      .from(consultationSessions)
      .where(eq(consultationSessions.code, code));
    if (clash) continue;
    const [row] = await tx
      .insert(consultationSessions)
      .values({
        consultationId: consultation.id,
        code,
        label: input.label,
        countryCode: country ?? null,
        sharedDevice: input.sharedDevice,
      })
      .returning();
    return row!;
  }
  throw new UserError("could not find a free code; try again", [], 503);
}

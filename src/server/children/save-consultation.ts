import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { ConsultationDefinition } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { consultationLinks, consultationSessions, consultations, countries } from "../db/schema.ts";
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

/** Creates a draft consultation of an organisation; returns its id. */
export async function createConsultation(
  tx: Db,
  input: { organisationId: string; definition: ConsultationDefinition },
  userId: string,
): Promise<string> {
  const [row] = await tx
    .insert(consultations)
    .values({ organisationId: input.organisationId, definition: input.definition, createdBy: userId })
    .returning({ id: consultations.id });
  await writeLinks(tx, row!.id, input.definition);
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
): Promise<void> {
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
    throw new UserError("expectedVersion: someone else changed this consultation; reload it", [], 409);
  await writeLinks(tx, consultation.id, input.definition);
}

/** Opens a draft (children may answer) or closes an open consultation (results final). */
export async function setConsultationStatus(
  tx: Db,
  consultation: LoadedConsultation,
  status: "open" | "closed",
  resultsPublic = false,
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
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied from a board. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/**
 * A facilitator's session with its short code. Its country must lie within the organisation's
 * scope: a coalition's own country, or a country of a network's region.
 */
export async function addSession(
  tx: Db,
  consultation: LoadedConsultation,
  input: { label: string; country?: string; sharedDevice: boolean },
): Promise<typeof consultationSessions.$inferSelect> {
  const org = consultation.organisation;
  const country = input.country ?? org.country ?? undefined;
  if (country) {
    const [row] = await tx.select().from(countries).where(eq(countries.code, country));
    if (!row) throw new UserError(`country: no country ${country}`);
    const inScope = org.country ? org.country === country : row.regionCode === org.region;
    if (!inScope) throw new UserError(`country: ${country} is outside ${org.name}'s scope`);
  }
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

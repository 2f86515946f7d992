import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  commonStatus,
  type LocalText,
  openSynergies,
  type SynergyInput,
  synergyKey,
  type Target,
} from "../../core/index.ts";
import type {
  ImplementationInput,
  SynergiesOut,
  SynergyGroupOut,
  SynergyMember,
} from "../api-schemas/recommendations.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import {
  countries,
  implementationAssessments,
  recommendationSynergies,
  recommendationSynergyMembers,
  users,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { presentImplementation } from "./implementation.ts";
import { LATEST_ASSESSMENTS } from "./tracking-status.ts";

/*
 * Synergies (seed 003): recommendations of several mechanisms to one State that ask for the same
 * thing. `openSynergies` suggests them from the texts and shared tags; a person confirms a group
 * (then tracked once: a status set on the group is recorded for every member, each keeping its
 * own history) or dismisses the suggestion (not suggested again while its members are the same).
 */

const en = (t: LocalText | null | undefined) => t?.en ?? Object.values(t ?? {})[0] ?? "";

interface MemberRow extends Record<string, unknown> {
  id: string;
  mechanism: string;
  session: string | null;
  document_symbol: string | null;
  paragraph: string | null;
  issued_on: string | null;
  recommending_states: string[];
  text: LocalText;
  uncrc_articles: string[];
  themes: string[];
  government: string | null;
  coalition: string | null;
}

/** The State's recommendations (or those of `ids`) with their latest statuses. */
async function memberRows(db: Db, state: string | null, ids?: readonly string[]): Promise<MemberRow[]> {
  const where = ids
    ? sql`r.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql`r.state_code = ${state}`;
  return queryRows<MemberRow>(
    db,
    sql`select r.id, r.mechanism, r.session, r.document_symbol, r.paragraph, r.issued_on::text as issued_on,
        r.recommending_states, r.text, r.uncrc_articles, r.themes,
        (select l.status from ${LATEST_ASSESSMENTS} l
          where l.recommendation_id = r.id and l.assessed_by_kind = 'government') as government,
        (select l.status from ${LATEST_ASSESSMENTS} l
          where l.recommendation_id = r.id and l.assessed_by_kind = 'coalition') as coalition
      from recommendations r
      where ${where}
      order by r.mechanism, r.issued_on desc nulls last, r.document_symbol, r.paragraph, r.id`,
  );
}

function presentMember(r: MemberRow): SynergyMember {
  return {
    id: r.id,
    mechanism: r.mechanism,
    session: r.session,
    documentSymbol: r.document_symbol,
    paragraph: r.paragraph,
    issuedOn: r.issued_on,
    recommendingStates: r.recommending_states,
    text: r.text,
    uncrcArticles: r.uncrc_articles,
    themes: r.themes,
    currentStatus: { government: r.government, coalition: r.coalition },
  };
}

/** The permission target of a country: the country and its region; 404 for an unknown code. */
export async function countryTarget(db: Db, code: string): Promise<Target> {
  const [row] = await db
    .select({ code: countries.code, region: countries.regionCode })
    .from(countries)
    .where(eq(countries.code, code));
  if (!row) throw new UserError(`no country ${code}`, [`state: no country ${code}`], 404);
  return { country: row.code, region: row.region };
}

/** The permission target of a confirmed synergy (its State), or 404. */
export async function synergyTarget(db: Db, id: string): Promise<Target> {
  const [row] = await db
    .select({ code: recommendationSynergies.stateCode })
    .from(recommendationSynergies)
    .where(and(eq(recommendationSynergies.id, id), eq(recommendationSynergies.decision, "confirmed")));
  if (!row) throw new UserError(`no synergy ${id}`, [], 404);
  return countryTarget(db, row.code);
}

/** A State's synergies: the suggestions still open and the confirmed groups. */
export async function listSynergies(db: Db, state: string): Promise<SynergiesOut> {
  const rows = await memberRows(db, state);
  const decisions = await db
    .select({
      id: recommendationSynergies.id,
      decision: recommendationSynergies.decision,
      memberKey: recommendationSynergies.memberKey,
    })
    .from(recommendationSynergies)
    .where(eq(recommendationSynergies.stateCode, state));
  const confirmedIds = decisions.filter((d) => d.decision === "confirmed").map((d) => d.id);
  const members = confirmedIds.length
    ? await db
        .select()
        .from(recommendationSynergyMembers)
        .where(inArray(recommendationSynergyMembers.synergyId, confirmedIds))
    : [];
  const inputs: SynergyInput[] = rows.map((r) => ({
    id: r.id,
    mechanism: r.mechanism,
    text: en(r.text),
    articles: r.uncrc_articles,
    themes: r.themes,
  }));
  const suggestions = openSynergies(inputs, {
    confirmed: new Set(members.map((m) => m.recommendationId)),
    dismissed: new Set(decisions.filter((d) => d.decision === "dismissed").map((d) => d.memberKey)),
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    stateCode: state,
    recommendations: rows.length,
    suggestions: suggestions.map((g) => ({
      ...g,
      members: g.ids.map((id) => presentMember(byId.get(id)!)),
    })),
    groups: await loadGroups(db, confirmedIds),
  };
}

/** Confirmed groups by id, newest first, each with its members and the history recorded for it. */
async function loadGroups(db: Db, ids: readonly string[]): Promise<SynergyGroupOut[]> {
  if (!ids.length) return [];
  const groups = await db
    .select({ g: recommendationSynergies, person: { id: users.id, name: users.name } })
    .from(recommendationSynergies)
    .leftJoin(users, eq(users.id, recommendationSynergies.decidedBy))
    .where(inArray(recommendationSynergies.id, [...ids]))
    .orderBy(desc(recommendationSynergies.createdAt), recommendationSynergies.id);
  const links = await db
    .select()
    .from(recommendationSynergyMembers)
    .where(inArray(recommendationSynergyMembers.synergyId, [...ids]));
  const rows = links.length
    ? await memberRows(
        db,
        null,
        links.map((l) => l.recommendationId),
      )
    : [];
  const history = await db
    .select({ a: implementationAssessments, person: { id: users.id, name: users.name } })
    .from(implementationAssessments)
    .leftJoin(users, eq(users.id, implementationAssessments.assessorId))
    .where(inArray(implementationAssessments.synergyId, [...ids]))
    .orderBy(desc(implementationAssessments.createdAt), implementationAssessments.recommendationId);
  return groups.map(({ g, person }) => {
    const memberIds = new Set(links.filter((l) => l.synergyId === g.id).map((l) => l.recommendationId));
    const members = rows.filter((r) => memberIds.has(r.id)).map(presentMember);
    // One entry per recording: every member got the same row at the same moment.
    const seen = new Set<string>();
    const entries = history
      .filter((h) => h.a.synergyId === g.id)
      .map((h) => presentImplementation(h.a, h.person))
      .filter((h) => {
        const key = `${h.createdAt}|${h.assessedByKind}|${h.status}|${h.assessedOn}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map(({ recommendationId: _, ...rest }) => rest);
    return {
      id: g.id,
      stateCode: g.stateCode,
      mechanisms: [...new Set(members.map((m) => m.mechanism))].sort(),
      confirmedBy: person?.id ? { id: person.id, name: person.name } : null,
      confirmedAt: g.createdAt.toISOString(),
      status: {
        government: commonStatus(members.map((m) => m.currentStatus.government)),
        coalition: commonStatus(members.map((m) => m.currentStatus.coalition)),
      },
      members,
      history: entries,
    };
  });
}

/** The State of the recommendations `ids` (all of one known State, else 400; unknown ids 404). */
export async function stateOfRecommendations(db: Db, ids: readonly string[]): Promise<string> {
  const unique = [...new Set(ids)];
  if (unique.length < 2)
    throw new UserError("a synergy needs two recommendations", ["ids: give at least two"]);
  const rows = await queryRows<{ id: string; state_code: string | null }>(
    db,
    sql`select r.id, r.state_code from recommendations r where r.id in (${sql.join(
      unique.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length)
    throw new UserError(
      `no recommendation ${missing[0]}`,
      missing.map((id) => `ids: no recommendation ${id}`),
      404,
    );
  const states = [...new Set(rows.map((r) => r.state_code))];
  if (states.length !== 1 || !states[0])
    throw new UserError("the recommendations of a synergy are to one known State", [
      `ids: to ${states.map((s) => s ?? "an unknown State").join(", ")}`,
    ]);
  return states[0];
}

/**
 * Confirms the recommendations `ids` as one synergy (call in a transaction). A recommendation
 * already in a confirmed group answers 409, naming it: the earlier group is undone first.
 */
export async function confirmSynergy(
  db: Db,
  ids: readonly string[],
  userId: string | null,
): Promise<SynergyGroupOut> {
  const state = await stateOfRecommendations(db, ids);
  const unique = [...new Set(ids)];
  const taken = await db
    .select()
    .from(recommendationSynergyMembers)
    .where(inArray(recommendationSynergyMembers.recommendationId, unique));
  if (taken.length)
    throw new UserError(
      "a recommendation is already in a confirmed synergy",
      taken.map((t) => `ids: ${t.recommendationId} is in synergy ${t.synergyId}`),
      409,
    );
  const [group] = await db
    .insert(recommendationSynergies)
    .values({ stateCode: state, decision: "confirmed", memberKey: synergyKey(unique), decidedBy: userId })
    .returning({ id: recommendationSynergies.id });
  await db
    .insert(recommendationSynergyMembers)
    .values(unique.map((recommendationId) => ({ recommendationId, synergyId: group!.id })));
  const [out] = await loadGroups(db, [group!.id]);
  return out!;
}

/** Dismisses a suggestion: that exact set is not suggested again (a second dismissal changes nothing). */
export async function dismissSynergy(
  db: Db,
  ids: readonly string[],
  userId: string | null,
): Promise<{ stateCode: string; memberKey: string }> {
  const state = await stateOfRecommendations(db, ids);
  const memberKey = synergyKey(ids);
  await db
    .insert(recommendationSynergies)
    .values({ stateCode: state, decision: "dismissed", memberKey, decidedBy: userId })
    .onConflictDoNothing();
  return { stateCode: state, memberKey };
}

/** Undoes a confirmed group: its members are tracked apart again, their histories kept. */
export async function deleteSynergy(db: Db, id: string): Promise<void> {
  await db
    .delete(recommendationSynergies)
    .where(and(eq(recommendationSynergies.id, id), eq(recommendationSynergies.decision, "confirmed")));
}

/**
 * Tracks a group once: records the assessment for every member (call in a transaction), each row
 * keeping the group's id, so each member's timeline shows it and the group's history lists it once.
 */
export async function recordSynergyImplementation(
  db: Db,
  id: string,
  input: ImplementationInput,
  assessorId: string | null,
): Promise<SynergyGroupOut> {
  const links = await db
    .select()
    .from(recommendationSynergyMembers)
    .where(eq(recommendationSynergyMembers.synergyId, id));
  if (!links.length) throw new UserError(`no synergy ${id}`, [], 404);
  // One moment for every member's row: the group's history shows the recording once.
  const createdAt = new Date();
  await db.insert(implementationAssessments).values(
    links.map((l) => ({
      ...input,
      recommendationId: l.recommendationId,
      assessorId,
      synergyId: id,
      createdAt,
    })),
  );
  const [out] = await loadGroups(db, [id]);
  return out!;
}

/** The confirmed synergy a recommendation is in, with all its sources, or null. */
export async function synergyOfRecommendation(
  db: Db,
  recommendationId: string,
): Promise<SynergyGroupOut | null> {
  const [link] = await db
    .select()
    .from(recommendationSynergyMembers)
    .where(eq(recommendationSynergyMembers.recommendationId, recommendationId));
  if (!link) return null;
  const [out] = await loadGroups(db, [link.synergyId]);
  return out ?? null;
}

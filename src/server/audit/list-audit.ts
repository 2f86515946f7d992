import { and, count, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import type { AuditEventOut, AuditPageOut, AuditQuery } from "../api-schemas/audit.ts";
import type { Db } from "../db/connect.ts";
import { auditEvents, users } from "../db/schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters of a query as SQL: `to` is a whole day, so it ends at the next midnight (UTC). */
function auditWhere(query: AuditQuery): SQL | undefined {
  const where: SQL[] = [];
  if (query.action) where.push(eq(auditEvents.action, query.action));
  if (query.country) where.push(eq(auditEvents.country, query.country));
  if (query.actor) {
    where.push(
      UUID.test(query.actor)
        ? eq(auditEvents.actorId, query.actor)
        : ilike(auditEvents.actorEmail, `%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    );
  }
  if (query.from) where.push(gte(auditEvents.at, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) where.push(lt(auditEvents.at, new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000)));
  return and(...where);
}

function selectEvents(db: Db, query: AuditQuery) {
  return db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(auditWhere(query))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
}

type Row = Awaited<ReturnType<typeof selectEvents>>[number];

function presentEvent({ event, actorName }: Row): AuditEventOut {
  return {
    ...event,
    at: event.at.toISOString(),
    actorName,
    outcome: event.outcome === "failure" ? "failure" : "success",
  };
}

/** One page of the audit log, newest first, with the number of events matching the filters. */
export async function listAuditEvents(db: Db, query: AuditQuery): Promise<AuditPageOut> {
  const rows = await selectEvents(db, query)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db.select({ n: count() }).from(auditEvents).where(auditWhere(query));
  return { events: rows.map(presentEvent), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Every event matching the filters (at most `limit`), newest first, for the CSV export. */
export async function allAuditEvents(db: Db, query: AuditQuery, limit = 100_000): Promise<AuditEventOut[]> {
  return (await selectEvents(db, query).limit(limit)).map(presentEvent);
}

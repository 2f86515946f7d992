import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  type ImplementationStatus,
  type PortalTracking,
  type PublicImplementation,
  portalTracking,
  TRACKING_FORMAT,
  type TrackedRecommendation,
  type TrackingSnapshot,
} from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { countries, implementationAssessments, recommendations, trackingPublications } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { countryName } from "../reference/countries.ts";

export interface PublishTrackingInput {
  /** ISO alpha-2 of the State whose recommendations are published. */
  country: string;
  notes: string;
  userId?: string;
  /** Written to the audit log in the same transaction. */
  audit?: AuditActor;
  /** When it was published: now, unless given (the demo's history of earlier versions). */
  publishedAt?: Date;
}

export interface PublishedTracking {
  slug: string;
  version: number;
  recommendations: number;
  assessed: number;
}

type AssessmentRow = typeof implementationAssessments.$inferSelect;

/** What of an assessment is public: never the follow-up plans, the person who typed it or notes. */
function publicOf(row: AssessmentRow): PublicImplementation {
  const urls = [row.evidenceUrl, ...row.evidenceUrls].filter((u): u is string => Boolean(u));
  return {
    status: row.status as ImplementationStatus,
    assessedOn: row.assessedOn,
    evidenceText: row.evidenceText,
    evidenceUrls: [...new Set(urls)],
    responsibleInstitutions: row.responsibleInstitutions,
    dueOn: row.dueOn,
  };
}

/**
 * Publishes a coalition's tracking of the recommendations to one State as a
 * new immutable version, in one transaction: every recommendation to the
 * State with its position, the coalition's latest assessment and the
 * government's latest claim (kept apart), and the timeline of statuses.
 */
export async function publishTracking(db: Db, input: PublishTrackingInput): Promise<PublishedTracking> {
  const code = input.country.toUpperCase();
  const notes = input.notes.trim();
  if (!notes) throw new UserError('notes: say what this publication is (e.g. "Mid-term review, June 2026")');
  return db.transaction(async (t) => {
    const [country] = await t
      .select({ code: countries.code })
      .from(countries)
      .where(eq(countries.code, code));
    if (!country)
      throw new UserError(`country: "${input.country}" is not an ISO 3166-1 alpha-2 code`, [], 404);
    const recs = await t
      .select()
      .from(recommendations)
      .where(eq(recommendations.stateCode, code))
      .orderBy(
        asc(recommendations.issuedOn),
        asc(recommendations.documentSymbol),
        asc(recommendations.paragraph),
      );
    if (!recs.length)
      throw new UserError(
        `no recommendations to ${code} are stored: import them before publishing their tracking`,
      );
    const assessments = await t
      .select()
      .from(implementationAssessments)
      .where(
        inArray(
          implementationAssessments.recommendationId,
          recs.map((r) => r.id),
        ),
      )
      .orderBy(asc(implementationAssessments.assessedOn), asc(implementationAssessments.createdAt));
    const byRecommendation = new Map<string, AssessmentRow[]>();
    for (const a of assessments) {
      const list = byRecommendation.get(a.recommendationId) ?? [];
      list.push(a);
      byRecommendation.set(a.recommendationId, list);
    }
    const tracked: TrackedRecommendation[] = recs.map((r) => {
      const timeline = byRecommendation.get(r.id) ?? [];
      const latest = (kind: string) => timeline.filter((a) => a.assessedByKind === kind).at(-1);
      const coalition = latest("coalition");
      const government = latest("government");
      return {
        mechanism: r.mechanism,
        session: r.session,
        cycle: r.cycle,
        documentSymbol: r.documentSymbol,
        paragraph: r.paragraph,
        issuedOn: r.issuedOn,
        recommendingStates: r.recommendingStates,
        text: r.text,
        position: r.position,
        positionSource: r.positionSource,
        themes: r.themes,
        affectedGroups: r.affectedGroups,
        uncrcArticles: r.uncrcArticles,
        sdgTargets: r.sdgTargets,
        coalition: coalition ? publicOf(coalition) : null,
        government: government ? publicOf(government) : null,
        timeline: timeline.map((a) => ({
          status: a.status as ImplementationStatus,
          assessedOn: a.assessedOn,
          by: a.assessedByKind === "government" ? "government" : "coalition",
        })),
      };
    });
    const [previous] = await t
      .select({ slug: trackingPublications.slug, version: trackingPublications.version })
      .from(trackingPublications)
      .where(eq(trackingPublications.countryCode, code))
      .orderBy(desc(trackingPublications.version))
      .limit(1);
    const version = (previous?.version ?? 0) + 1;
    const slug = `${code.toLowerCase()}-tracking-v${version}`;
    const snapshot: TrackingSnapshot = {
      format: TRACKING_FORMAT,
      slug,
      country: { code, name: countryName(code) },
      version,
      publishedAt: (input.publishedAt ?? new Date()).toISOString(),
      notes,
      supersedes: previous?.slug ?? null,
      recommendations: tracked,
    };
    await t.insert(trackingPublications).values({
      slug,
      countryCode: code,
      version,
      publishedAt: new Date(snapshot.publishedAt),
      publishedBy: input.userId ?? null,
      notes,
      snapshot,
    });
    if (input.audit) {
      await recordAudit(t as unknown as Db, {
        action: "tracking.published",
        ...input.audit,
        targetType: "tracking-publication",
        targetId: slug,
        country: code,
        details: { version, recommendations: tracked.length },
      });
    }
    return {
      slug,
      version,
      recommendations: tracked.length,
      assessed: tracked.filter((r) => r.coalition).length,
    };
  });
}

export interface TrackingSummary {
  slug: string;
  country: string;
  version: number;
  publishedAt: string;
  notes: string;
  recommendations: number;
  supersededBy: string | null;
}

/** Published trackings, newest first, without their snapshots. */
export async function listTrackingPublications(db: Db): Promise<TrackingSummary[]> {
  const rows = await db
    .select({
      slug: trackingPublications.slug,
      country: trackingPublications.countryCode,
      version: trackingPublications.version,
      publishedAt: trackingPublications.publishedAt,
      notes: trackingPublications.notes,
      // Counted in the database: a list never reads the snapshots themselves.
      recommendations: sql<number>`jsonb_array_length(${trackingPublications.snapshot} -> 'recommendations')`,
    })
    .from(trackingPublications)
    .orderBy(asc(trackingPublications.countryCode), desc(trackingPublications.version));
  const newest = new Map<string, string>();
  return rows.map((r) => {
    const supersededBy = newest.get(r.country) ?? null;
    newest.set(r.country, r.slug);
    return {
      slug: r.slug,
      country: r.country,
      version: r.version,
      publishedAt: r.publishedAt.toISOString(),
      notes: r.notes,
      recommendations: Number(r.recommendations),
      supersededBy,
    };
  });
}

/** Whether a later version of the same country's tracking has been published. */
export async function isSuperseded(db: Db, snapshot: TrackingSnapshot): Promise<boolean> {
  const [row] = await db
    .select({ newest: sql<number>`max(${trackingPublications.version})` })
    .from(trackingPublications)
    .where(eq(trackingPublications.countryCode, snapshot.country.code));
  return Number(row?.newest ?? 0) > snapshot.version;
}

/** One published tracking by slug, or the newest of a country (`md`, `md-tracking-latest`). */
export async function findTrackingPublication(db: Db, slug: string): Promise<TrackingSnapshot | null> {
  const latest = /^([a-z]{2})(-tracking-latest)?$/i.exec(slug);
  const [row] = latest
    ? await db
        .select({ snapshot: trackingPublications.snapshot })
        .from(trackingPublications)
        .where(eq(trackingPublications.countryCode, latest[1]!.toUpperCase()))
        .orderBy(desc(trackingPublications.version))
        .limit(1)
    : await db
        .select({ snapshot: trackingPublications.snapshot })
        .from(trackingPublications)
        .where(eq(trackingPublications.slug, slug.toLowerCase()));
  return row?.snapshot ?? null;
}

/** Every published version of one country's tracking, oldest first (none: an empty list). */
export async function listCountryTrackings(db: Db, country: string): Promise<TrackingSnapshot[]> {
  const rows = await db
    .select({ snapshot: trackingPublications.snapshot })
    .from(trackingPublications)
    .where(eq(trackingPublications.countryCode, country))
    .orderBy(asc(trackingPublications.version));
  return rows.map((r) => r.snapshot);
}

/**
 * What the portal shows of each country's published trackings (published versions only, never
 * the working assessments): the last review's follow-up card from the newest version and the
 * implementation series across every version.
 */
export async function readPortalTrackings(db: Db): Promise<PortalTracking[]> {
  const rows = await db
    .select({ country: trackingPublications.countryCode, snapshot: trackingPublications.snapshot })
    .from(trackingPublications)
    .orderBy(asc(trackingPublications.countryCode), asc(trackingPublications.version));
  const byCountry = new Map<string, TrackingSnapshot[]>();
  for (const r of rows) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r.snapshot]);
  return [...byCountry.values()].map((list) => portalTracking(list)).filter((t) => t !== null);
}

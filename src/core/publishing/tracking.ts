import type { LocalText } from "../framework/model.ts";
import {
  IMPLEMENTATION_STATUSES,
  type ImplementationStatus,
  type Mechanism,
  type Position,
} from "../recommendations/model.ts";

/**
 * A coalition's tracking of the UN recommendations to its State, as published:
 * an immutable snapshot that the portal and the public API show, and nothing
 * else. It keeps the coalition's assessment and the government's claim apart
 * and leaves out what is internal (follow-up plans, who typed what).
 */
export const TRACKING_FORMAT = "childmark-tracking/1";

/** One assessment as published: status, date, public evidence, institutions held to account. */
export interface PublicImplementation {
  status: ImplementationStatus;
  assessedOn: string;
  evidenceText: string | null;
  evidenceUrls: string[];
  responsibleInstitutions: string[];
  dueOn: string | null;
}

export interface TrackedRecommendation {
  mechanism: Mechanism | string;
  session: string | null;
  cycle: string | null;
  documentSymbol: string | null;
  paragraph: string | null;
  issuedOn: string | null;
  recommendingStates: string[];
  text: LocalText;
  position: Position | string | null;
  positionSource: string | null;
  themes: string[];
  affectedGroups: string[];
  uncrcArticles: string[];
  sdgTargets: string[];
  /** The coalition's latest assessment, if any. */
  coalition: PublicImplementation | null;
  /** The government's latest claim, if any. */
  government: PublicImplementation | null;
  /** Every status over time, oldest first, with who claimed it. */
  timeline: { status: ImplementationStatus; assessedOn: string; by: "coalition" | "government" }[];
}

export interface TrackingSnapshot {
  format: typeof TRACKING_FORMAT;
  slug: string;
  country: { code: string; name: LocalText };
  version: number;
  publishedAt: string;
  notes: string;
  /** The publication this one replaces, if any. */
  supersedes: string | null;
  recommendations: TrackedRecommendation[];
}

export type StatusKey = ImplementationStatus | "not_assessed";

/** Recommendations per coalition status (every status listed, in order, then "not assessed"). */
export function trackingStatusCounts(snapshot: TrackingSnapshot): { status: StatusKey; count: number }[] {
  const counts = new Map<StatusKey, number>();
  for (const r of snapshot.recommendations) {
    const key: StatusKey = r.coalition?.status ?? "not_assessed";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...IMPLEMENTATION_STATUSES, "not_assessed" as const].map((status) => ({
    status,
    count: counts.get(status) ?? 0,
  }));
}

/**
 * Groups recommendations by UNCRC article (numeric order; those with none
 * last, under `null`); a recommendation with several articles appears under each.
 */
export function groupByArticle(
  recommendations: readonly TrackedRecommendation[],
): { article: string | null; recommendations: TrackedRecommendation[] }[] {
  const groups = new Map<string | null, TrackedRecommendation[]>();
  for (const r of recommendations) {
    for (const article of r.uncrcArticles.length ? r.uncrcArticles : [null]) {
      const list = groups.get(article) ?? [];
      list.push(r);
      groups.set(article, list);
    }
  }
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : Number(a) - Number(b) || a.localeCompare(b)))
    .map(([article, list]) => ({ article, recommendations: list }));
}

/** One recommendation of a review's follow-up card, as published. */
export interface FollowUpCardItem {
  reference: string;
  text: LocalText;
  articles: string[];
  /** The coalition's latest published status, or `not_assessed`. */
  status: StatusKey;
  assessedOn: string | null;
  evidenceText: string | null;
  evidenceUrls: string[];
  /** The government's latest published claim, kept apart. */
  government: ImplementationStatus | null;
}

/** The follow-up "report card" of a review: each recommendation's status and evidence. */
export interface FollowUpCard {
  mechanism: string;
  session: string | null;
  cycle: string | null;
  documentSymbol: string | null;
  issuedOn: string | null;
  counts: { status: StatusKey; count: number }[];
  items: FollowUpCardItem[];
}

const numberIn = (value: string | null) => Number((value ?? "").replace(/\D/g, "")) || 0;

/**
 * The follow-up card of the last review in a published tracking: of the recommendations grouped
 * by mechanism, cycle and session, the group issued last (then the highest cycle and session
 * number), each with the coalition's published status and evidence. Null when nothing is published.
 */
export function lastReviewCard(snapshot: TrackingSnapshot): FollowUpCard | null {
  const groups = new Map<string, TrackedRecommendation[]>();
  for (const r of snapshot.recommendations) {
    const key = JSON.stringify([r.mechanism, r.cycle, r.session]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const newest = (list: TrackedRecommendation[]) =>
    list
      .map((r) => r.issuedOn ?? "")
      .sort()
      .at(-1) ?? "";
  const [last] = [...groups.values()].sort(
    (a, b) =>
      newest(b).localeCompare(newest(a)) ||
      numberIn(b[0]!.cycle) - numberIn(a[0]!.cycle) ||
      numberIn(b[0]!.session) - numberIn(a[0]!.session),
  );
  if (!last) return null;
  const first = last[0]!;
  const items = [...last]
    .sort((a, b) => numberIn(a.paragraph) - numberIn(b.paragraph))
    .map(
      (r): FollowUpCardItem => ({
        reference: [r.documentSymbol, r.paragraph && `¶ ${r.paragraph}`].filter(Boolean).join(" "),
        text: r.text,
        articles: r.uncrcArticles,
        status: r.coalition?.status ?? "not_assessed",
        assessedOn: r.coalition?.assessedOn ?? null,
        evidenceText: r.coalition?.evidenceText ?? null,
        evidenceUrls: r.coalition?.evidenceUrls ?? [],
        government: r.government?.status ?? null,
      }),
    );
  return {
    mechanism: first.mechanism,
    session: first.session,
    cycle: first.cycle,
    documentSymbol: first.documentSymbol,
    issuedOn: newest(last) || null,
    counts: trackingStatusCounts({ ...snapshot, recommendations: last }),
    items,
  };
}

/** One published version of a country's tracking: how many recommendations stood at each status. */
export interface TrackingSeriesPoint {
  slug: string;
  version: number;
  publishedAt: string;
  total: number;
  counts: Record<StatusKey, number>;
}

/**
 * The implementation of a country's recommendations over time: one point per published version
 * of its tracking (oldest first), counting the recommendations by the coalition's status.
 */
export function trackingSeries(snapshots: readonly TrackingSnapshot[]): TrackingSeriesPoint[] {
  return [...snapshots]
    .sort((a, b) => a.version - b.version)
    .map((s) => ({
      slug: s.slug,
      version: s.version,
      publishedAt: s.publishedAt,
      total: s.recommendations.length,
      counts: Object.fromEntries(trackingStatusCounts(s).map((c) => [c.status, c.count])) as Record<
        StatusKey,
        number
      >,
    }));
}

/** The series as CSV (RFC 4180, a header row): version, date, total and one column per status. */
export function trackingSeriesCsv(country: string, series: readonly TrackingSeriesPoint[]): string {
  const statuses = [...IMPLEMENTATION_STATUSES, "not_assessed" as const];
  const rows = [
    ["country", "version", "slug", "published_on", "recommendations", ...statuses],
    ...series.map((p) => [
      country,
      String(p.version),
      p.slug,
      p.publishedAt.slice(0, 10),
      String(p.total),
      ...statuses.map((s) => String(p.counts[s])),
    ]),
  ];
  return `${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;
}

/** A country's implementation at a date: how many published recommendations stood at each status. */
export interface TrackingDatePoint {
  date: string;
  total: number;
  counts: Record<StatusKey, number>;
}

/**
 * The implementation over time by assessment date, not only per published version: from one
 * published tracking (the newest), at each date on which the coalition's published timeline
 * records a status, how many recommendations stood at each status then (each one's last
 * coalition status on or before that date; none yet is `not_assessed`). Recommendations issued
 * after the date are not counted at it. Only what the snapshot holds is read: nothing unpublished.
 */
export function trackingSeriesByDate(snapshot: TrackingSnapshot): TrackingDatePoint[] {
  const tracks = snapshot.recommendations.map((r) => ({
    issuedOn: r.issuedOn,
    steps: r.timeline
      .filter((e) => e.by === "coalition")
      .sort((a, b) => a.assessedOn.localeCompare(b.assessedOn)),
  }));
  const dates = [...new Set(tracks.flatMap((t) => t.steps.map((e) => e.assessedOn)))].sort();
  return dates.map((date) => {
    const counts = Object.fromEntries(
      [...IMPLEMENTATION_STATUSES, "not_assessed"].map((s) => [s, 0]),
    ) as Record<StatusKey, number>;
    let total = 0;
    for (const t of tracks) {
      if (t.issuedOn && t.issuedOn > date) continue;
      const status = t.steps.filter((e) => e.assessedOn <= date).at(-1)?.status ?? "not_assessed";
      counts[status] += 1;
      total += 1;
    }
    return { date, total, counts };
  });
}

/** The dated series as CSV (RFC 4180, a header row): date, total and one column per status. */
export function trackingDateSeriesCsv(country: string, series: readonly TrackingDatePoint[]): string {
  const statuses = [...IMPLEMENTATION_STATUSES, "not_assessed" as const];
  const rows = [
    ["country", "date", "recommendations", ...statuses],
    ...series.map((p) => [country, p.date, String(p.total), ...statuses.map((s) => String(p.counts[s]))]),
  ];
  return `${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;
}

/** What the portal shows of a country's published tracking: the last review's card and the series. */
export interface PortalTracking {
  country: string;
  slug: string;
  version: number;
  publishedAt: string;
  card: FollowUpCard | null;
  series: TrackingSeriesPoint[];
}

/** The portal's view of one country's published trackings (every version, any order). */
export function portalTracking(snapshots: readonly TrackingSnapshot[]): PortalTracking | null {
  const latest = [...snapshots].sort((a, b) => b.version - a.version)[0];
  if (!latest) return null;
  return {
    country: latest.country.code,
    slug: latest.slug,
    version: latest.version,
    publishedAt: latest.publishedAt,
    card: lastReviewCard(latest),
    series: trackingSeries(snapshots),
  };
}

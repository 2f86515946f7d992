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

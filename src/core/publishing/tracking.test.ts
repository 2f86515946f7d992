import { describe, expect, it } from "vitest";
import {
  lastReviewCard,
  portalTracking,
  type TrackedRecommendation,
  type TrackingSnapshot,
  trackingDateSeriesCsv,
  trackingSeries,
  trackingSeriesByDate,
  trackingSeriesCsv,
} from "./tracking.ts";

const rec = (over: Partial<TrackedRecommendation>): TrackedRecommendation => ({
  mechanism: "upr",
  session: "46",
  cycle: "4",
  documentSymbol: "A/HRC/46/MD",
  paragraph: "101.1",
  issuedOn: "2024-05-10",
  recommendingStates: [],
  text: { en: "A recommendation" },
  position: "supported",
  positionSource: null,
  themes: [],
  affectedGroups: [],
  uncrcArticles: ["19"],
  sdgTargets: [],
  coalition: null,
  government: null,
  timeline: [],
  ...over,
});
const assessed = (status: "implemented" | "in_progress" | "not_started", evidence = "") => ({
  status,
  assessedOn: "2025-03-15",
  evidenceText: evidence || null,
  evidenceUrls: evidence ? ["https://example.org/e"] : [],
  responsibleInstitutions: [],
  dueOn: null,
});
const snapshot = (version: number, recommendations: TrackedRecommendation[]): TrackingSnapshot => ({
  format: "childmark-tracking/1",
  slug: `md-tracking-v${version}`,
  country: { code: "MD", name: { en: "Moldova" } },
  version,
  publishedAt: `202${3 + version}-06-01T00:00:00.000Z`,
  notes: "",
  supersedes: null,
  recommendations,
});

describe("the follow-up card of the last review", () => {
  it("takes the review issued last (then the highest cycle and session) with each status and evidence", () => {
    const card = lastReviewCard(
      snapshot(1, [
        rec({
          session: "34",
          cycle: "3",
          issuedOn: "2019-05-01",
          paragraph: "9",
          coalition: assessed("implemented"),
        }),
        rec({ paragraph: "101.10", coalition: assessed("in_progress", "A draft law is in Parliament") }),
        rec({ paragraph: "101.2", government: assessed("implemented") }),
      ]),
    )!;
    expect([card.mechanism, card.cycle, card.session, card.issuedOn]).toEqual([
      "upr",
      "4",
      "46",
      "2024-05-10",
    ]);
    expect(card.items.map((i) => i.reference)).toEqual(["A/HRC/46/MD ¶ 101.2", "A/HRC/46/MD ¶ 101.10"]);
    expect(card.items.map((i) => [i.status, i.government])).toEqual([
      ["not_assessed", "implemented"],
      ["in_progress", null],
    ]);
    expect(card.items[1]!.evidenceText).toBe("A draft law is in Parliament");
    expect(card.items[1]!.evidenceUrls).toEqual(["https://example.org/e"]);
    expect(card.counts.filter((c) => c.count)).toEqual([
      { status: "in_progress", count: 1 },
      { status: "not_assessed", count: 1 },
    ]);
    expect(lastReviewCard(snapshot(1, []))).toBeNull();
  });
});

describe("the implementation series across published versions", () => {
  it("counts each version's recommendations by the coalition's status, oldest first, and writes CSV", () => {
    const v1 = snapshot(1, [rec({ coalition: assessed("not_started") }), rec({})]);
    const v2 = snapshot(2, [
      rec({ coalition: assessed("implemented") }),
      rec({ coalition: assessed("in_progress") }),
    ]);
    const series = trackingSeries([v2, v1]);
    expect(
      series.map((p) => [
        p.version,
        p.total,
        p.counts.not_started,
        p.counts.implemented,
        p.counts.not_assessed,
      ]),
    ).toEqual([
      [1, 2, 1, 0, 1],
      [2, 2, 0, 1, 0],
    ]);
    expect(trackingSeriesCsv("MD", series).split("\r\n")).toEqual([
      "country,version,slug,published_on,recommendations,not_started,in_progress,partially_implemented,implemented,regressed,not_assessed",
      "MD,1,md-tracking-v1,2024-06-01,2,1,0,0,0,0,1",
      "MD,2,md-tracking-v2,2025-06-01,2,0,1,0,1,0,0",
      "",
    ]);
    const view = portalTracking([v1, v2])!;
    expect([view.slug, view.version, view.series.length]).toEqual(["md-tracking-v2", 2, 2]);
    expect(view.card!.items.map((i) => i.status)).toEqual(["implemented", "in_progress"]);
  });
});

describe("the implementation series by assessment date, from one published version", () => {
  it("counts, at each date the coalition recorded a status, each recommendation's status then", () => {
    const v = snapshot(3, [
      rec({
        timeline: [
          { status: "in_progress", assessedOn: "2025-02-01", by: "coalition" },
          // The government's claims are not the coalition's status: they make no point of the series.
          { status: "implemented", assessedOn: "2025-03-01", by: "government" },
          { status: "implemented", assessedOn: "2025-06-01", by: "coalition" },
        ],
      }),
      rec({ timeline: [{ status: "not_started", assessedOn: "2025-04-01", by: "coalition" }] }),
      rec({}),
      // Issued after the first date: counted from its issue on.
      rec({ issuedOn: "2025-05-01" }),
    ]);
    const series = trackingSeriesByDate(v);
    expect(
      series.map((p) => [
        p.date,
        p.total,
        p.counts.in_progress,
        p.counts.not_started,
        p.counts.implemented,
        p.counts.not_assessed,
      ]),
    ).toEqual([
      ["2025-02-01", 3, 1, 0, 0, 2],
      ["2025-04-01", 3, 1, 1, 0, 1],
      ["2025-06-01", 4, 0, 1, 1, 2],
    ]);
    expect(trackingDateSeriesCsv("MD", series).split("\r\n").slice(0, 2)).toEqual([
      "country,date,recommendations,not_started,in_progress,partially_implemented,implemented,regressed,not_assessed",
      "MD,2025-02-01,3,0,1,0,0,0,2",
    ]);
    expect(trackingSeriesByDate(snapshot(1, [rec({})]))).toEqual([]);
  });
});

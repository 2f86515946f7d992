import { describe, expect, it } from "vitest";
import { EVERY_PAGE, matchRoute, paths } from "./routes.ts";

describe("routes", () => {
  const id = "011d4d13-837a-4d0a-8f51-7624f49e48a0";

  it("finds each page from its path, and back", () => {
    expect(matchRoute(paths.overview())).toEqual({ page: "overview" });
    expect(matchRoute(paths.scores(id))).toEqual({ page: "scores", frameworkId: id });
    expect(matchRoute(paths.structure(id))).toEqual({ page: "structure", frameworkId: id });
    expect(matchRoute(paths.country(id, "MD"))).toEqual({ page: "country", frameworkId: id, country: "MD" });
  });

  it("tolerates a trailing slash and lower-case country codes", () => {
    expect(matchRoute(`/frameworks/${id}/`)).toEqual({ page: "scores", frameworkId: id });
    expect(matchRoute(`/frameworks/${id}/countries/md`)).toMatchObject({ country: "MD" });
  });

  it("sends unknown paths to the not-found page", () => {
    expect(matchRoute("/frameworks")).toEqual({ page: "not-found" });
    expect(matchRoute(`/frameworks/${id}/countries/MDA`)).toEqual({ page: "not-found" });
  });

  it("finds the publishing page", () => {
    expect(matchRoute(paths.adminReleases())).toEqual({ page: "admin-releases" });
    expect(matchRoute("/admin/releases/")).toEqual({ page: "admin-releases" });
  });

  it("keeps the chosen cycle in the scores address", () => {
    expect(paths.scores(id, "2025 Q1")).toBe(`/frameworks/${id}?cycle=2025%20Q1`);
  });

  it("has, for every kind of page, a path that leads to it", () => {
    const ids = {
      frameworkId: id,
      period: "2025",
      country: "MD",
      assessmentId: id,
      recommendationId: id,
      planId: id,
    };
    for (const [page, path] of Object.entries(EVERY_PAGE))
      expect(matchRoute(new URL(path(ids), "http://x").pathname).page, path(ids)).toBe(page);
  });
});

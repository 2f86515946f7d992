import { describe, expect, it } from "vitest";
import type { Action } from "../../core/index.ts";
import { currentPage, visibleModules } from "./modules.ts";

const mayOnly =
  (...actions: Action[]) =>
  (action: Action) =>
    actions.includes(action);

describe("navigation by module", () => {
  it("shows a signed-out reader only the index's public page", () => {
    const modules = visibleModules(false, mayOnly());
    expect(modules.map((m) => m.key)).toEqual(["index"]);
    expect(modules[0]!.pages.map((p) => p.to)).toEqual(["/"]);
  });

  it("shows the modules that exist, each page only to those who may use it", () => {
    const coordinator = visibleModules(true, mayOnly("user:invite"));
    expect(coordinator.map((m) => m.key)).toEqual([
      "index",
      "recommendations",
      "results",
      "network",
      "admin",
    ]);
    expect(coordinator.find((m) => m.key === "admin")!.pages.map((p) => p.label)).toEqual(["inviteNav"]);
    const contributor = visibleModules(true, mayOnly());
    expect(contributor.map((m) => m.key)).toEqual(["index", "recommendations", "results", "network"]);
  });

  it("finds the module and page of a path, sub-pages by prefix", () => {
    const modules = visibleModules(true, mayOnly("recommendation:import"));
    const at = (path: string) => {
      const found = currentPage(modules, path);
      return found && `${found.module.key}/${found.page.label}`;
    };
    expect(at("/")).toBe("index/frameworks");
    expect(at("/assessments/123")).toBe("index/myWork");
    expect(at("/recommendations/import")).toBe("recommendations/rcImportNav");
    expect(at("/recommendations/0b6c4b2e-0000-4000-8000-000000000000")).toBe("recommendations/rcSearchNav");
    expect(at("/results/plans/0b6c4b2e-0000-4000-8000-000000000000")).toBe("results/rsPlansNav");
    expect(at("/sign-in")).toBeNull();
  });
});

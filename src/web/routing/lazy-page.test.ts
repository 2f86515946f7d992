import { describe, expect, it } from "vitest";
import { lazyPage, preloadComponent } from "./lazy-page.ts";

const Page = () => null;

describe("lazyPage", () => {
  it("loads a page's chunk once, whether preloaded first or not", async () => {
    let loads = 0;
    const page = lazyPage(async () => {
      loads++;
      return { Page };
    }, "Page");
    page.preload();
    preloadComponent(page);
    await Promise.resolve();
    expect(loads).toBe(1);
  });

  it("tries again after a chunk that failed to load", async () => {
    let loads = 0;
    const page = lazyPage(async () => {
      loads++;
      if (loads === 1) throw new Error("offline");
      return { Page };
    }, "Page");
    page.preload();
    await new Promise((resolve) => setTimeout(resolve, 0));
    page.preload();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(loads).toBe(2);
  });

  it("preloads nothing for a component that is not a lazy page", () => {
    expect(() => preloadComponent(Page)).not.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import type { Framework } from "../../core/index.ts";
import { orderIndicators, pickText } from "./tree-order.ts";

const indicator = (code: string, node: string) =>
  ({ code, node, type: "checklist", text: { en: code } }) as unknown as Framework["indicators"][number];

const fw = {
  defaultLanguage: "en",
  nodes: [
    { code: "a", parent: null, label: { en: "A", fr: "A-fr" } },
    { code: "b", parent: null, label: { en: "B" } },
    { code: "a2", parent: "a", label: { en: "A two" } },
    { code: "a1", parent: "a", label: { en: "A one" } },
  ],
  indicators: [
    indicator("x.3", "b"),
    indicator("x.1", "a1"),
    indicator("x.2", "a2"),
    indicator("x.0", "a"),
    indicator("x.9", "gone"),
  ],
} as unknown as Framework;

describe("orderIndicators", () => {
  it("walks the tree depth first, siblings in file order, and keeps indicators of unknown nodes last", () => {
    const ordered = orderIndicators(fw, "fr");
    expect(ordered.map((o) => o.indicator.code)).toEqual(["x.0", "x.2", "x.1", "x.3", "x.9"]);
    // Several roots are named; labels fall back to the default language.
    expect(ordered.map((o) => o.path.join(" › "))).toEqual(["A-fr", "A-fr › A two", "A-fr › A one", "B", ""]);
  });

  it("leaves a single root out of the path", () => {
    const single = { ...fw, nodes: fw.nodes.filter((n) => n.code !== "b") } as Framework;
    expect(orderIndicators(single, "en").find((o) => o.indicator.code === "x.1")?.path).toEqual(["A one"]);
  });
});

describe("pickText", () => {
  it("falls back to the default language, then to any", () => {
    expect(pickText({ en: "hello", fr: "bonjour" }, "fr", "en")).toBe("bonjour");
    expect(pickText({ en: "hello" }, "ar", "en")).toBe("hello");
    expect(pickText({ ro: "salut" }, "ar", "en")).toBe("salut");
    expect(pickText(undefined, "ar", "en")).toBe("");
  });
});

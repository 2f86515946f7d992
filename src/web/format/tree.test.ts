import { describe, expect, it } from "vitest";
import { type Framework, framework } from "../../core/index.ts";
import { childNodes, findRoot, indicatorsOf, listNodesInOrder } from "./tree.ts";

const fw: Framework = framework.parse({
  code: "t",
  version: "1",
  title: { en: "T" },
  defaultLanguage: "en",
  languages: ["en"],
  nodes: [
    { code: "root", parent: null, label: { en: "Root" } },
    { code: "a", parent: "root", label: { en: "A" } },
    { code: "a1", parent: "a", label: { en: "A1" } },
    { code: "b", parent: "root", label: { en: "B" } },
  ],
  indicators: [{ code: "i1", node: "a1", type: "checklist", text: { en: "I1" } }],
});

describe("framework tree", () => {
  it("finds the root, children and indicators", () => {
    expect(findRoot(fw)?.code).toBe("root");
    expect(childNodes(fw, "root").map((n) => n.code)).toEqual(["a", "b"]);
    expect(indicatorsOf(fw, "a1").map((i) => i.code)).toEqual(["i1"]);
  });

  it("lists nodes depth-first with their depth", () => {
    expect(listNodesInOrder(fw).map(({ node, depth }) => `${node.code}@${depth}`)).toEqual([
      "a@1",
      "a1@2",
      "b@1",
    ]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMechanism, parsePosition } from "./model.ts";
import { buildDuplicateKey, excelSerialToIsoDate, normaliseText, splitList } from "./normalise.ts";
import { rankBySimilarity } from "./similarity.ts";

describe("normaliseText", () => {
  it("ignores case, accents, punctuation and spacing", () => {
    expect(normaliseText("  Ratify  the OP-CRC, «now»!")).toBe("ratify the op crc now");
    expect(normaliseText("Éducation des filles")).toBe(normaliseText("education  des FILLES."));
  });
  it("is idempotent", () => {
    fc.assert(fc.property(fc.string(), (s) => normaliseText(normaliseText(s)) === normaliseText(s)));
  });
});

describe("buildDuplicateKey", () => {
  it("is the same for the same text, State and session, and differs otherwise", () => {
    const a = buildDuplicateKey({ text: "Ratify OPIC.", state: "Albania", session: "6" });
    expect(buildDuplicateKey({ text: "ratify  opic", state: "ALBANIA", session: " 6" })).toBe(a);
    expect(buildDuplicateKey({ text: "Ratify OPIC.", state: "Albania", session: "19" })).not.toBe(a);
    expect(buildDuplicateKey({ text: "Ratify OPIC.", state: "Algeria", session: "6" })).not.toBe(a);
  });
});

describe("splitList", () => {
  it("reads bullets, lines and semicolons, without repeats", () => {
    expect(splitList("- Children\n- Women & girls\r\n- Children")).toEqual(["Children", "Women & girls"]);
    expect(splitList("10; 16")).toEqual(["10", "16"]);
    expect(splitList("Rights of the Child,Women's rights", { commas: true })).toEqual([
      "Rights of the Child",
      "Women's rights",
    ]);
    expect(splitList("  ")).toEqual([]);
  });
});

describe("excelSerialToIsoDate", () => {
  it("converts Excel serial days", () => {
    expect(excelSerialToIsoDate(45292)).toBe("2024-01-01");
    expect(excelSerialToIsoDate(36526)).toBe("2000-01-01");
    expect(excelSerialToIsoDate(-3)).toBeUndefined();
  });
});

describe("parseMechanism and parsePosition", () => {
  it("reads UN spellings", () => {
    expect(parseMechanism("Committee on the Rights of the Child")).toBe("crc");
    expect(parseMechanism("UPR")).toBe("upr");
    expect(parseMechanism("Special Rapporteur on the sale of children")).toBe("special_procedure");
    expect(parseMechanism("Security Council")).toBeUndefined();
  });
  it("reads the regional bodies by code, name or a name ending in their acronym", () => {
    expect(parseMechanism("European Committee of Social Rights")).toBe("ecsr");
    expect(parseMechanism("Comité européen des droits sociaux (ECSR)")).toBe("ecsr");
    expect(parseMechanism("GREVIO")).toBe("grevio");
    expect(parseMechanism("Lanzarote Committee")).toBe("lanzarote");
    expect(parseMechanism("African Committee of Experts on the Rights and Welfare of the Child")).toBe(
      "acerwc",
    );
    expect(parseMechanism("ACERWC")).toBe("acerwc");
    // An acronym the module does not know stays unknown.
    expect(parseMechanism("Inter-American Commission (IACHR)")).toBeUndefined();
    expect(parsePosition("Accepted")).toBe("supported");
    expect(parsePosition("Supported in part")).toBe("supported_in_part");
    expect(parsePosition("Voluntary Pledge")).toBe("voluntary_pledge");
    expect(parsePosition("")).toBeNull();
    expect(parsePosition("Maybe")).toBeUndefined();
  });
});

describe("rankBySimilarity", () => {
  const articles = [
    { id: "28", text: "Right to education: primary education compulsory and free" },
    { id: "19", text: "Protection from all forms of violence, abuse and neglect" },
    { id: "7", text: "Birth registration, name and nationality" },
  ];
  it("ranks the closest text first with a score between 0 and 1", () => {
    const ranked = rankBySimilarity("Ensure free primary education for all girls", articles);
    expect(ranked[0]?.id).toBe("28");
    expect(ranked[0]!.score).toBeGreaterThan(0);
    expect(ranked[0]!.score).toBeLessThanOrEqual(1);
    expect(rankBySimilarity("Register every birth", articles)[0]?.id).toBe("7");
  });
  it("suggests nothing for unrelated text", () => {
    expect(rankBySimilarity("zzz qqq", articles)).toEqual([]);
  });
});

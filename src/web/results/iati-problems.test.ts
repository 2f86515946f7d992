import { beforeAll, describe, expect, it } from "vitest";
import type { IatiProblemOut } from "../../server/api-schemas/results.ts";
import { loadLanguage } from "../i18n/language-files.ts";
import { hasCatalogue, type MessageKey, translate } from "../i18n/messages.ts";
import { iatiProblemText } from "./iati-problems.tsx";

const problem: IatiProblemOut = {
  code: "notNumber",
  params: { found: "2015:1004106" },
  at: { activity: "XM-1", indicator: "Children reached", period: "2014–2015", value: "target" },
  message:
    'activity "XM-1", indicator "Children reached", period 2014–2015, target: "2015:1004106" is not a number',
};
const inLanguage = (lang: string) => (key: MessageKey, vars?: Record<string, string | number>) =>
  translate(lang, key, vars);

describe("IATI problems in the interface's language", () => {
  // French and Arabic are language files, loaded when chosen.
  beforeAll(() => Promise.all([loadLanguage("fr"), loadLanguage("ar")]));

  it("words a problem and its place in English, French and Arabic", () => {
    expect(iatiProblemText(inLanguage("en"), problem)).toBe(
      "activity “XM-1”, indicator “Children reached”, period 2014–2015, target: “2015:1004106” is not a number.",
    );
    expect(iatiProblemText(inLanguage("fr"), problem)).toBe(
      "activité « XM-1 », indicateur « Children reached », période 2014–2015, cible : « 2015:1004106 » n'est pas un nombre.",
    );
    expect(iatiProblemText(inLanguage("ar"), problem)).toBe(
      "النشاط «XM-1»، المؤشر «Children reached»، الفترة 2014–2015، الغاية: «2015:1004106» ليس رقمًا.",
    );
  });

  it("takes the XLSX import's words for the value checks they share, and the server's English for an unknown code", () => {
    const breakdown: IatiProblemOut = {
      code: "breakdown",
      params: { indicator: "A1.R1.I1", details: "sex adds up to 90, not 100" },
      at: { indicator: "A1.R1.I1", period: "2015", value: "actual" },
      message: "indicator A1.R1.I1, period 2015, actual: breakdown: the breakdown does not fit the total",
    };
    expect(iatiProblemText(inLanguage("ar"), breakdown)).toBe(
      "المؤشر «A1.R1.I1»، الفترة 2015، القيمة الفعلية: توزيع A1.R1.I1 لا يطابق المجموع: sex adds up to 90, not 100.",
    );
    expect(iatiProblemText(inLanguage("ar"), { ...breakdown, code: "somethingNew" })).toBe(breakdown.message);
  });

  it("falls back to English, parameters filled, in a language file that lacks the words (Romanian, Russian)", async () => {
    for (const lang of ["ro", "ru"]) {
      await loadLanguage(lang);
      expect(hasCatalogue(lang)).toBe(true);
      const text = iatiProblemText(inLanguage(lang), problem);
      const own = (key: MessageKey) =>
        translate(lang, key, { found: "x", id: "x" }) !== translate("en", key, { found: "x", id: "x" });
      // Each piece is the language's own when its file has it, else English — never a key or a hole.
      if (!own("rsIati_notNumber")) expect(text).toContain("“2015:1004106” is not a number.");
      if (!own("rsIatiAtActivity")) expect(text).toContain("activity “XM-1”");
      expect(text).not.toMatch(/rsIati|\{|\}/);
      expect(text).toContain("2014–2015");
    }
  });
});

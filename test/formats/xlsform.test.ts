import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/server/errors.ts";
import { readFrameworkFile } from "../../src/server/frameworks/read-framework-file.ts";
import { readXlsForm } from "../../src/server/frameworks/xlsx/read-xlsform.ts";
import { runCli } from "../support/run-cli.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";

const xlsform = (name: string) => sharedData("xlsform", name);

async function buildXlsForm(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const survey = wb.addWorksheet("survey");
  survey.addRows([
    [
      "type",
      "name",
      "label::English (en)",
      "label::Français (fr)",
      "label::中文 (zh)",
      "hint::English (en)",
      "hint::Français (fr)",
      "relevant",
      "parameters",
    ],
    ["begin group", "protection", "Protection", "Protection", "保护"],
    ["begin_group", "laws", "Laws", "Lois", "法律"],
    [
      "select_one yn",
      "ban",
      "Is corporal punishment banned?",
      "Les châtiments corporels sont-ils interdits ?",
      "是否禁止体罚？",
      "In all settings",
      "Dans tous les cadres",
    ],
    ["end group"],
    [
      "select_one level",
      "budget",
      "Budget level",
      "Niveau du budget",
      "预算水平",
      null,
      null,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: XLSForm expression syntax, not a template
      "${ban} = 'yes'",
    ],
    ["integer", "births", "Registered births", "Naissances enregistrées"],
    ["range", "trust", "Trust in services", null, null, null, null, null, "start=0 end=5"],
    ["end_group"],
    ["select_multiple yn", "multi", "Pick any"],
    ["note", "intro", "Welcome"],
    ["calculate", "calc"],
    ["begin repeat", "kids", "Children"],
    ["integer", "age", "Age"],
    ["end repeat"],
  ]);
  wb.addWorksheet("choices").addRows([
    ["list_name", "name", "label::English (en)", "label::Français (fr)", "label::中文 (zh)"],
    ["yn", "yes", "Yes", "Oui", "是"],
    ["yn", "no", "No", "Non", "否"],
    ["level", "low", "Low", "Faible", "低"],
    ["level", "medium", "Medium", "Moyen", "中"],
    ["level", "high", "High", "Élevé", "高"],
  ]);
  wb.addWorksheet("settings").addRows([
    ["form_title", "form_id", "version", "default_language"],
    ["Child protection survey", "cp_survey", "2024-1", "English (en)"],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("XLSForm import", () => {
  it("maps nested groups, yes/no and scale questions, numbers, translations and hints; reports the rest", async () => {
    const { framework: fw, report } = await readXlsForm(await buildXlsForm(), "cp.xlsx");
    expect(fw).toMatchObject({
      code: "cp_survey",
      version: "2024-1",
      defaultLanguage: "en",
      languages: ["en", "fr", "zh"],
    });
    expect(fw.title).toEqual({ en: "Child protection survey" });
    expect(fw.nodes.map((n) => [n.code, n.parent])).toEqual([
      ["cp_survey", null],
      ["protection", "cp_survey"],
      ["laws", "protection"],
    ]);
    expect(fw.nodes[2]!.label).toEqual({ en: "Laws", fr: "Lois", zh: "法律" });
    const [ban, budget, births, trust] = fw.indicators;
    expect(fw.indicators).toHaveLength(4);
    expect(trust).toMatchObject({ code: "trust", type: "number", scoring: { min: 0, max: 5 } });
    expect(ban).toMatchObject({ code: "ban", node: "laws", type: "checklist" });
    expect(ban!.text).toEqual({
      en: "Is corporal punishment banned?",
      fr: "Les châtiments corporels sont-ils interdits ?",
      zh: "是否禁止体罚？",
    });
    expect(ban!.guidance).toEqual({ en: "In all settings", fr: "Dans tous les cadres" });
    expect(budget!.type).toBe("scale");
    if (budget!.type !== "scale") return;
    expect(budget!.scoring.choices.map((c) => [c.code, c.score, c.label.zh])).toEqual([
      ["low", 0, "低"],
      ["medium", 0.5, "中"],
      ["high", 1, "高"],
    ]);
    expect(births).toMatchObject({
      code: "births",
      node: "protection",
      type: "number",
      scoring: { min: "data", max: "data" },
    });

    const line = (r: (typeof report)[number]) => `${r.row} ${r.name} ${r.action}`;
    expect(report.map(line)).toEqual(
      expect.arrayContaining([
        "6 budget ignored",
        "10 multi skipped",
        "11 intro skipped",
        "12 calc skipped",
        "13 kids skipped",
        "14 age skipped",
      ]),
    );
    expect(report.find((r) => r.name === "budget" && r.action === "ignored")?.reason).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: XLSForm expression syntax, not a template
      "${ban} = 'yes'",
    );
    expect(report.find((r) => r.name === "age")?.reason).toContain('inside repeat "kids"');
  });

  it("locates problems the import cannot fix in the XLSForm's cells", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("survey").addRows([
      ["type", "name", "label"],
      ["integer", "age", "Age"],
    ]);
    wb.addWorksheet("settings").addRows([
      ["form_id", "version"],
      ["ages", "v".repeat(60)],
    ]);
    const error = await readXlsForm(Buffer.from(await wb.xlsx.writeBuffer()), "ages.xlsx").then(
      () => undefined,
      (e: unknown) => e as UserError,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error!.problems.join("\n")).toMatch(/^settings row 2 column version: /);
  });

  describe.skipIf(!hasSharedData)("on the pyxform test forms", () => {
    it("xlsform_spec_test.xlsx: 2 nodes, 6 indicators, 44 rows not imported, Chinese kept as a language", async () => {
      const { framework: fw, report } = await readXlsForm(
        readFileSync(xlsform("xlsform_spec_test.xlsx")),
        "spec",
      );
      expect(fw.code).toBe("Spec_test");
      expect(fw.languages).toEqual(["en", "zh"]);
      expect(fw.nodes.map((n) => n.code)).toEqual(["Spec_test", "everything"]);
      expect(fw.indicators.map((i) => `${i.code}:${i.type}:${i.node}`)).toEqual([
        "skip_to_end:checklist:Spec_test",
        "autocomplete_test:checklist:everything",
        "autocomplete_chars_test:checklist:everything",
        "a_integer:number:everything",
        "a_decimal:number:everything",
        "launch:number:Spec_test",
      ]);
      // The Chinese labels sit on text questions and on the yes/no choices; neither becomes a Chinese text here,
      // and both facts are in the report rather than silently dropped.
      expect(fw.indicators.every((i) => i.text.zh === undefined)).toBe(true);
      // 56 survey rows: 6 questions and 1 group imported, 5 group/repeat ends, 44 rows reported as not imported.
      expect(report.filter((r) => r.action === "skipped")).toHaveLength(44);
      expect(report.find((r) => r.name === "address")).toMatchObject({
        row: 6,
        action: "skipped",
        reason: "free text cannot be scored",
      });
      expect(
        report.filter((r) => r.reason.includes('labels of list "yes_no" are not imported')),
      ).toHaveLength(3);
      expect(report.filter((r) => r.reason.startsWith('inside repeat "repeat_test"'))).toHaveLength(10);
      expect(report.find((r) => r.name === "everything" && r.action === "ignored")?.reason).toContain(
        "relevant",
      );
      expect(report.find((r) => r.name === "a_decimal" && r.action === "ignored")?.reason).toContain(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: XLSForm expression syntax, not a template
        ". <= ${a_integer}",
      );
    });

    it("group.xlsx, yes_or_no_question.xlsx (older syntax) and choice_filter_test.xlsx", async () => {
      const group = await readXlsForm(readFileSync(xlsform("group.xlsx")), "group.xlsx");
      expect(group.framework.nodes.map((n) => [n.code, n.label.en])).toEqual([
        ["group", "group"],
        ["father", "Father"],
      ]);
      expect(group.framework.indicators.map((i) => i.code)).toEqual(["age"]);
      expect(group.report.filter((r) => r.action === "skipped").map((r) => r.name)).toEqual([
        "family_name",
        "phone_number",
      ]);

      const yesNo = await readXlsForm(
        readFileSync(xlsform("yes_or_no_question.xlsx")),
        "yes_or_no_question.xlsx",
      );
      expect(yesNo.framework.indicators).toMatchObject([
        { code: "good_day", type: "checklist", text: { en: "have you had a good day today?" } },
      ]);

      const cascade = await readXlsForm(
        readFileSync(xlsform("choice_filter_test.xlsx")),
        "choice_filter_test.xlsx",
      );
      expect(cascade.framework.code).toBe("cascading_selects1");
      expect(
        cascade.framework.indicators.map((i) => (i.type === "scale" ? i.scoring.choices.length : 0)),
      ).toEqual([2, 3, 8]);
      expect(cascade.report.find((r) => r.sheet === "choices")).toMatchObject({
        row: 6,
        name: "king",
        action: "skipped",
      });
    });

    it("readFrameworkFile recognises an XLSForm, and `framework validate` prints the import report", async () => {
      expect((await readFrameworkFile(xlsform("group.xlsx"))).indicators).toHaveLength(1);
      const out = runCli(["framework", "validate", xlsform("xlsform_spec_test.xlsx")]);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain("XLSForm import report: 44 row(s) not imported");
      expect(out.stdout).toContain("survey row 4 text my_name: skipped — free text cannot be scored");
      expect(out.stdout).toContain(
        "valid: 2 nodes, 6 indicators (3 checklist, 3 number), 2 language(s) (en, zh)",
      );
    });
  });
});
